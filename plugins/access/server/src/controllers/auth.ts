// Sign-in, second factor, refresh, sign-out and password change. Thin: validate the input, call
// the services, set or clear the refresh cookie, answer in the caller's language.
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { languageOf } from '../services/language';
import { describeUser } from '../services/describe-user';
import { parsePasswordList, passwordProblems, PASSWORD_MESSAGES } from '../policy/password';
import { SESSION } from '../policy/sign-in-rules';
import { recordEvent, type SessionService } from '../services/sessions';
import type { SignInService, SignedIn } from '../services/sign-in';
import { USER_UID } from '../uids';

export const REFRESH_COOKIE = 'pett_refresh';
const COOKIE_PATH = '/api/access';

export function setRefreshCookie(ctx: Context, token: string | null) {
  const value = token ? `${REFRESH_COOKIE}=${token}; Max-Age=${SESSION.absoluteHours * 3600}` : `${REFRESH_COOKIE}=; Max-Age=0`;
  ctx.set('Set-Cookie', `${value}; Path=${COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict`);
}

export function refreshCookieOf(ctx: Context): string | null {
  const header = ctx.get('cookie');
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return rest.join('=') || null;
  }
  return null;
}

const body = (ctx: Context) => ((ctx.request as unknown as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;

let commonPasswords: Set<string> | null = null;

/** Refuses a new password with every problem it has, each named against `newPassword`. */
function refuseWeakPassword(problems: ReturnType<typeof passwordProblems>, l: 'es' | 'en'): void {
  if (!problems.length) return;
  const messages = problems.map((p) => PASSWORD_MESSAGES[p][l]);
  throw new errors.ValidationError(messages.join(' '), { errors: messages.map((message) => ({ path: ['newPassword'], message })) });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const signIn = () => strapi.plugin('access').service('signIn') as SignInService;
  const sessions = () => strapi.plugin('access').service('sessions') as SessionService;
  const lang = (ctx: Context) => languageOf(ctx.get('accept-language'));

  async function signedIn(ctx: Context, result: SignedIn, extra: Record<string, unknown> = {}) {
    setRefreshCookie(ctx, result.refreshToken);
    ctx.body = { status: 'signed-in', accessToken: result.accessToken, expiresAt: result.expiresAt, user: await describeUser(strapi, result.userId, lang(ctx)), ...extra };
  }

  return {
    async login(ctx: Context) {
      const { identifier, password } = body(ctx);
      const result = await signIn().login(identifier, password, ctx.get('user-agent'), lang(ctx));
      if (result.status === 'signed-in') return signedIn(ctx, result);
      ctx.body = result;
    },

    async verifyCode(ctx: Context) {
      const { challenge, code } = body(ctx);
      await signedIn(ctx, await signIn().verifyCode(challenge, code, ctx.get('user-agent'), lang(ctx)));
    },

    async startEnrolment(ctx: Context) {
      ctx.body = await signIn().startEnrolment(body(ctx).challenge, lang(ctx));
    },

    async confirmEnrolment(ctx: Context) {
      const { challenge, code } = body(ctx);
      const result = await signIn().confirmEnrolment(challenge, code, ctx.get('user-agent'), lang(ctx));
      await signedIn(ctx, result, { recoveryCodes: result.recoveryCodes });
    },

    async refresh(ctx: Context) {
      const token = refreshCookieOf(ctx);
      const result = token ? await sessions().refresh(token) : null;
      if (!result) {
        setRefreshCookie(ctx, null);
        throw new errors.UnauthorizedError(lang(ctx) === 'es' ? 'Su sesión terminó. Inicie sesión de nuevo.' : 'Your session has ended. Sign in again.');
      }
      setRefreshCookie(ctx, result.refreshToken);
      ctx.body = { accessToken: result.accessToken, expiresAt: result.expiresAt, user: await describeUser(strapi, result.userId, lang(ctx)) };
    },

    async logout(ctx: Context) {
      const token = refreshCookieOf(ctx);
      const sid = (ctx.state as { pettSession?: { sid: string; userId: number } }).pettSession?.sid ?? token?.split('.')[0];
      if (sid) {
        const userId = await sessions().ownerOf(sid);
        await sessions().revoke(sid, 'logout');
        if (userId) await recordEvent(strapi, 'logout', { userId, sid });
      }
      setRefreshCookie(ctx, null);
      ctx.status = 204;
    },

    async resetPassword(ctx: Context) {
      const l = lang(ctx);
      const { identifier, code, newPassword } = body(ctx);
      if (typeof newPassword !== 'string' || newPassword.length === 0) {
        const message = l === 'es' ? 'Escriba la nueva contraseña.' : 'Enter the new password.';
        throw new errors.ValidationError(message, { errors: [{ path: ['newPassword'], message }] });
      }
      commonPasswords ??= parsePasswordList(fs.readFileSync(strapi.plugin('access').config('commonPasswordsFile') as string, 'utf8'));
      // Checked before the code is spent, against what the caller typed: the same for every account.
      refuseWeakPassword(passwordProblems(newPassword, typeof identifier === 'string' ? [identifier] : [], commonPasswords), l);
      await signIn().resetPassword(identifier, code, newPassword, l, (user) =>
        passwordProblems(newPassword, [user.username, user.email], commonPasswords!).map((p) => PASSWORD_MESSAGES[p][l]),
      );
      // The same answer whatever happened: it must not tell whether the account exists.
      ctx.status = 202;
      ctx.body = {
        message: l === 'es'
          ? 'Si el usuario y el código son correctos, la contraseña fue cambiada y se cerraron todas las sesiones. Inicie sesión con la nueva contraseña.'
          : 'If the username and the code are right, the password was changed and every session was ended. Sign in with the new password.',
      };
    },

    async changePassword(ctx: Context) {
      const l = lang(ctx);
      const user = ctx.state.user as { id: number; username: string; email: string } | undefined;
      if (!user) throw new errors.UnauthorizedError('Unauthorized');
      const { currentPassword, newPassword } = body(ctx);
      const row = (await strapi.db.query(USER_UID as never).findOne({ where: { id: user.id } })) as { password: string };
      const usersService = strapi.plugin('users-permissions').service('user');
      if (typeof currentPassword !== 'string' || !(await usersService.validatePassword(currentPassword, row.password))) {
        const message = l === 'es' ? 'La contraseña actual no es correcta.' : 'The current password is not correct.';
        throw new errors.ValidationError(message, { errors: [{ path: ['currentPassword'], message }] });
      }
      if (typeof newPassword !== 'string') {
        const message = l === 'es' ? 'Escriba la nueva contraseña.' : 'Enter the new password.';
        throw new errors.ValidationError(message, { errors: [{ path: ['newPassword'], message }] });
      }
      commonPasswords ??= parsePasswordList(fs.readFileSync(strapi.plugin('access').config('commonPasswordsFile') as string, 'utf8'));
      refuseWeakPassword(passwordProblems(newPassword, [user.username, user.email], commonPasswords), l);
      await usersService.edit(user.id, { password: newPassword });
      await sessions().revokeAllForUser(user.id, 'password-change');
      await recordEvent(strapi, 'password-change', { userId: user.id });
      setRefreshCookie(ctx, null);
      ctx.status = 204;
    },
  };
};
