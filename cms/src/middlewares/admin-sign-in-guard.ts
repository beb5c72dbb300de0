// The admin panel's sign-in gets the portal's per-account lockout (5 failures lock the account for
// 15 minutes, counted in the database, whatever the spelling of the e-mail or the client address)
// and a second factor: the code of the portal configurator with the same e-mail, typed right after
// the password (the stock form has no field for it). First-admin registration is closed.
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { languageOf } from '@pett/access/dist/server/services/language';
import { splitPasswordAndCode } from '@pett/access/dist/server/policy/sign-in-rules';
import type { SignInService } from '@pett/access/dist/server/services/sign-in';

const MESSAGES = {
  locked: {
    es: 'La cuenta está bloqueada temporalmente por varios intentos fallidos. Inténtelo de nuevo en 15 minutos.',
    en: 'The account is locked for a while after several failed attempts. Try again in 15 minutes.',
  },
  badCode: {
    es: 'Falta el código de verificación, no es válido o ya se usó. Escriba la contraseña seguida, sin espacio, del código de 6 dígitos de su aplicación de autenticación.',
    en: 'The verification code is missing, not valid or already used. Type the password followed, without a space, by the 6-digit code of your authenticator app.',
  },
  noFactor: {
    es: 'El panel de administración pide un segundo factor. Inicie sesión primero en el portal con este mismo correo (cuenta de administrador funcional) y active el segundo factor; luego escriba aquí la contraseña seguida del código de 6 dígitos.',
    en: 'The admin panel asks for a second factor. First sign in to the portal with this same e-mail (a configurator account) and set up the second factor; then type the password here followed by the 6-digit code.',
  },
  registrationClosed: {
    es: 'El primer administrador se crea con «npm run setup», no desde el panel.',
    en: 'The first administrator is created with `npm run setup`, not from the panel.',
  },
};

// Strapi's router ignores case and one trailing slash: match these paths the same way.
const LOGIN_PATH = /^\/admin\/login\/?$/i;
const REGISTER_ADMIN_PATH = /^\/admin\/register-admin\/?$/i;

type AdminAuth = { checkCredentials(input: { email: string; password: string }): Promise<[unknown, { email: string } | false | null, unknown?]> };

function refuse(ctx: Context, status: number, name: string, message: string) {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message, details: {} } };
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  /** The admin account when the password (without the code) is right, else null. */
  async function adminWithPassword(email: unknown, password: unknown) {
    if (typeof email !== 'string' || typeof password !== 'string') return null;
    const [, admin] = await (strapi.service('admin::auth') as unknown as AdminAuth).checkCredentials({ email: email.toLowerCase(), password });
    return admin || null;
  }

  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'POST') return next();
    const lang = languageOf(ctx.get('accept-language'));
    // The demo seed and `npm run setup` always create the first admin. An open registration would
    // give a super-admin session, with no second factor, to whoever reached the server first.
    if (REGISTER_ADMIN_PATH.test(ctx.path)) return refuse(ctx, 403, 'ForbiddenError', MESSAGES.registrationClosed[lang]);
    if (!LOGIN_PATH.test(ctx.path)) return next();

    const signIn = strapi.plugin('access').service('signIn') as SignInService;
    const body = ((ctx.request as unknown as { body?: { email?: unknown; password?: unknown } }).body ?? {});
    const door = await signIn.guardDoor('admin', body.email);
    const locked = () => refuse(ctx, 429, 'RateLimitError', MESSAGES.locked[lang]);
    if (door.locked) return locked();

    // Strapi checks the password alone; the code is checked here, and only once the password is
    // right, so that a caller without the password learns nothing about the second factor.
    const { password, code } = splitPasswordAndCode(body.password);
    body.password = password;
    const admin = await adminWithPassword(body.email, password);
    if (admin) {
      const verdict = await signIn.adminPanelCode(admin.email, code);
      if (verdict === 'no-factor') return refuse(ctx, 403, 'ForbiddenError', MESSAGES.noFactor[lang]);
      if (verdict === 'refused') return (await signIn.doorFailed(door.accountKey)) ? locked() : refuse(ctx, 400, 'ValidationError', MESSAGES.badCode[lang]);
    }

    try {
      await next();
    } catch (error) {
      // A refused sign-in is thrown (Strapi's errors middleware, further out, answers it).
      if (await signIn.doorFailed(door.accountKey)) return locked();
      throw error;
    }
    if (ctx.status === 200) await signIn.doorSucceeded(door.accountKey);
    else if (ctx.status >= 400 && ctx.status < 500 && (await signIn.doorFailed(door.accountKey))) locked();
  };
};
