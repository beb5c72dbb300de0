// Sits just before the body parser. A multipart upload to the evidence register must carry a valid
// session token before a byte of it is written to disk; and a multipart body the parser cannot read
// (no boundary, cut short) is the caller's mistake, a 400 with words, not the 500 that formidable's
// errors (which carry `httpCode`, not `status`) would otherwise become.
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { languageOf } from '@pett/access/dist/server/services/language';

const EVIDENCE_UPLOAD = /^\/api\/cases\/[^/]+\/evidence\/[^/]+\/files\/?$/;

const UNREADABLE = {
  es: 'No se pudo leer el cuerpo multipart/form-data de la solicitud: envíe el archivo en un campo «file» de un formulario multipart completo.',
  en: 'The request’s multipart/form-data body could not be read: send the file in a field «file» of a complete multipart form.',
};

type Jwt = { verify(token: string): Promise<unknown> };

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    const multipart = ctx.is('multipart') === 'multipart';
    if (multipart && ctx.method === 'POST' && EVIDENCE_UPLOAD.test(ctx.path)) {
      const token = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
      const valid = token ? await (strapi.plugin('users-permissions').service('jwt') as Jwt).verify(token).then(() => true, () => false) : false;
      if (!valid) {
        // The body is not read; the connection closes after the answer.
        ctx.set('Connection', 'close');
        ctx.status = 401;
        ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Unauthorized', details: {} } };
        return;
      }
    }
    try {
      await next();
    } catch (error) {
      const httpCode = (error as { httpCode?: unknown }).httpCode;
      if (!multipart || typeof httpCode !== 'number' || (error as { status?: unknown }).status) throw error;
      const message = UNREADABLE[languageOf(ctx.get('accept-language'))];
      ctx.status = 400;
      ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path: ['file'], message }] } } };
    }
  };
};
