// The admin panel's sign-in gets the portal's per-account lockout: 5 failures lock the account for
// 15 minutes, counted in the database, whatever the spelling of the e-mail or the client address.
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { languageOf } from '@pett/access/dist/server/services/language';
import type { SignInService } from '@pett/access/dist/server/services/sign-in';

const LOCKED = {
  es: 'La cuenta está bloqueada temporalmente por varios intentos fallidos. Inténtelo de nuevo en 15 minutos.',
  en: 'The account is locked for a while after several failed attempts. Try again in 15 minutes.',
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST' || ctx.path !== '/admin/login') return next();
    const signIn = strapi.plugin('access').service('signIn') as SignInService;
    const email = ((ctx.request as unknown as { body?: { email?: unknown } }).body ?? {}).email;
    const door = await signIn.guardDoor('admin', email);
    const refuse = () => {
      ctx.status = 429;
      ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message: LOCKED[languageOf(ctx.get('accept-language'))], details: {} } };
    };
    if (door.locked) return refuse();
    try {
      await next();
    } catch (error) {
      // A refused sign-in is thrown (Strapi's errors middleware, further out, answers it).
      if (await signIn.doorFailed(door.accountKey)) return refuse();
      throw error;
    }
    if (ctx.status === 200) await signIn.doorSucceeded(door.accountKey);
    else if (ctx.status >= 400 && ctx.status < 500 && (await signIn.doorFailed(door.accountKey))) refuse();
  };
};
