// Puts Strapi's generic English error messages into Spanish when the caller asked for Spanish,
// and makes sure no 5xx body carries internal detail.
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { languageOf } from '@pett/access/dist/server/services/language';
import { spanishFor } from '../i18n/generic-errors';
import { uploadMaxBytes } from '../../config/paths';

type ErrorBody = { error?: { status?: number; name?: string; message?: string; details?: unknown } };

export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    await next();
    const body = ctx.body as ErrorBody | undefined;
    if (!body || typeof body !== 'object' || !body.error || typeof body.error.message !== 'string') return;
    // users-permissions answers 403 to a caller without any credentials: that is a 401.
    if (ctx.status === 403 && !ctx.state?.user && !ctx.get('authorization') && ctx.path.startsWith('/api/')) {
      ctx.status = 401;
      body.error.status = 401;
      body.error.name = 'UnauthorizedError';
      body.error.message = 'Unauthorized';
    }
    // The body parser stopped an upload at the size limit (cms/config/middlewares.ts).
    if (ctx.status === 413 && body.error.message === 'FileTooBig') {
      const mb = Math.floor(uploadMaxBytes() / 1048576);
      body.error.message = languageOf(ctx.get('accept-language')) === 'es' ? `El archivo supera el tamaño máximo permitido (${mb} MB).` : `The file is larger than the maximum allowed size (${mb} MB).`;
      body.error.details = { errors: [{ path: ['file'], message: body.error.message }] };
      return;
    }
    if (ctx.status >= 500) {
      body.error.details = {};
    }
    if (languageOf(ctx.get('accept-language')) === 'es') {
      const translated = spanishFor(body.error.message);
      if (translated) body.error.message = translated;
    }
  };
};
