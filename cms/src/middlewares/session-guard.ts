// An access token is only good while the session it names is alive: revoked, idle (30 min) or
// expired (12 h) sessions stop working on the next request, not when the token expires.
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { languageOf } from '@pett/access/dist/server/services/language';
import type { SessionService } from '@pett/access/dist/server/services/sessions';

const ENDED = {
  es: 'Su sesión terminó. Inicie sesión de nuevo.',
  en: 'Your session has ended. Sign in again.',
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    const header = ctx.get('authorization');
    if (!ctx.path.startsWith('/api/') || !/^bearer\s/i.test(header)) return next();
    let payload: { id?: unknown; sid?: unknown } | null = null;
    try {
      payload = await strapi.plugin('users-permissions').service('jwt').verify(header.replace(/^bearer\s+/i, '').trim());
    } catch {
      return next(); // not a valid token at all: users-permissions answers 401
    }
    const sessions = strapi.plugin('access').service('sessions') as SessionService;
    const sid = typeof payload?.sid === 'string' ? payload.sid : null;
    const alive = sid ? await sessions.checkAndTouch(sid, Number(payload?.id)) : null;
    if (!sid || !alive) {
      ctx.status = 401;
      ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: ENDED[languageOf(ctx.get('accept-language'))], details: {} } };
      return;
    }
    (ctx.state as { pettSession?: object }).pettSession = { sid, ...alive };
    return next();
  };
};
