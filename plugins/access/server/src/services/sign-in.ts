// Signing in: password with a per-account failure counter in the database, then a second factor
// (TOTP or a recovery code, each usable once) or its enrolment, then a session.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import { SECOND_FACTOR_UID, SIGN_IN_CHALLENGE_UID, SIGN_IN_LOCK_UID, USER_UID } from '../uids';
import { ADMIN_PANEL_ROLE, CHALLENGE_MAX_FAILURES, CHALLENGE_MINUTES, afterFailure, isLocked, normaliseIdentifier, requiresSecondFactor, type LockState } from '../policy/sign-in-rules';
import { isRoleKey } from '../policy/roles';
import { open, randomToken, seal, sha256 } from './secrets';
import { recordEvent, type IssuedSession, type SessionService } from './sessions';

type Lang = 'es' | 'en';
const MESSAGES = {
  badCredentials: { es: 'Usuario o contraseña incorrectos.', en: 'Invalid identifier or password.' },
  locked: { es: 'La cuenta está bloqueada temporalmente por varios intentos fallidos. Inténtelo de nuevo en 15 minutos.', en: 'The account is locked for a while after several failed attempts. Try again in 15 minutes.' },
  badChallenge: { es: 'El inicio de sesión venció o no es válido. Vuelva a ingresar su usuario y contraseña.', en: 'The sign-in expired or is not valid. Enter your username and password again.' },
  badCode: { es: 'El código no es válido o ya se usó.', en: 'The code is not valid or was already used.' },
};

// A bcrypt hash of a random string: failed look-ups still pay one comparison, so timing does not
// tell whether an account exists.
const DUMMY_HASH = '$2a$10$x54re0XqXxnM4yk9QNCSjuxqEOtAbkKa0kszL1fxC2Wr9y2uSG39i';
const RECOVERY_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface SignedIn extends IssuedSession { status: 'signed-in'; userId: number; recoveryCodes?: string[] }
export type LoginStep = { status: 'totp-required' | 'enrolment-required'; challenge: string } | SignedIn;

export interface UserRow { id: number; username: string; email: string; password: string; blocked: boolean; role?: { type?: string } }
interface FactorRow { id: number; userId: number; secretCiphertext: string; confirmedAt: string | null; lastUsedStep: string | number | null; recoveryCodeHashes: string[] | null }
interface ChallengeRow { id: number; userId: number; purpose: 'totp' | 'enrolment'; pendingSecretCiphertext: string | null; failures: number; expiresAt: string | Date; usedAt: string | Date | null }

/** Codes are compared without case, spaces or a missing hyphen: `abcd efgh` is `ABCD-EFGH`. */
function normaliseCode(input: unknown): string {
  const code = typeof input === 'string' ? input.replace(/\s+/g, '').toUpperCase() : '';
  return /^[A-Z0-9]{8}$/.test(code) && !/^\d{8}$/.test(code) ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

function recoveryCode(): string {
  const raw = randomToken(16);
  let code = '';
  for (let i = 0; i < 8; i += 1) code += RECOVERY_ALPHABET[raw.charCodeAt(i) % RECOVERY_ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const createSignInService = ({ strapi }: { strapi: Core.Strapi }) => {
  const sessions = () => strapi.plugin('access').service('sessions') as SessionService;
  const users = () => strapi.plugin('users-permissions').service('user') as { validatePassword(plain: string, hash: string): Promise<boolean> };
  const locks = () => strapi.db.query(SIGN_IN_LOCK_UID as never);
  const challenges = () => strapi.db.query(SIGN_IN_CHALLENGE_UID as never);
  const factors = () => strapi.db.query(SECOND_FACTOR_UID as never);

  async function findUser(identifier: string): Promise<UserRow | null> {
    if (!identifier) return null;
    return (await strapi.db.query(USER_UID as never).findOne({ where: { $or: [{ email: { $eqi: identifier } }, { username: { $eqi: identifier } }] }, populate: ['role'] })) as UserRow | null;
  }

  async function lockState(accountKey: string): Promise<(LockState & { id: number }) | null> {
    const row = (await locks().findOne({ where: { accountKey } })) as { id: number; failures: number; windowStartedAt: string | null; lockedUntil: string | null } | null;
    if (!row) return null;
    return { id: row.id, failures: row.failures, windowStartedAt: row.windowStartedAt ? new Date(row.windowStartedAt) : null, lockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null };
  }

  async function countFailure(accountKey: string, userId: number | null): Promise<boolean> {
    const current = await lockState(accountKey);
    const next = afterFailure(current, new Date());
    if (current) await locks().update({ where: { id: current.id }, data: next });
    else await locks().create({ data: { accountKey, ...next } });
    if (next.lockedUntil) await recordEvent(strapi, 'lockout', { userId, accountKey });
    return !!next.lockedUntil;
  }

  async function newChallenge(userId: number, purpose: 'totp' | 'enrolment'): Promise<string> {
    const challenge = randomToken(32);
    await challenges().create({ data: { challengeHash: sha256(challenge), userId, purpose, failures: 0, expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000) } });
    return challenge;
  }

  async function liveChallenge(challenge: unknown, purpose: 'totp' | 'enrolment', lang: Lang): Promise<ChallengeRow> {
    const row = typeof challenge === 'string' && challenge.length < 100 ? ((await challenges().findOne({ where: { challengeHash: sha256(challenge) } })) as ChallengeRow | null) : null;
    if (!row || row.purpose !== purpose || row.usedAt || new Date(row.expiresAt) <= new Date() || row.failures >= CHALLENGE_MAX_FAILURES) {
      // 401: the portal goes back to the first step (username and password).
      throw new errors.UnauthorizedError(MESSAGES.badChallenge[lang], { errors: [{ path: ['challenge'], message: MESSAGES.badChallenge[lang] }] });
    }
    return row;
  }

  /** A code failure counts against the challenge and against the account's lock. */
  async function codeFailed(row: ChallengeRow, lang: Lang): Promise<never> {
    await challenges().update({ where: { id: row.id }, data: { failures: row.failures + 1 } });
    await recordEvent(strapi, 'totp-failure', { userId: row.userId });
    if (await countFailure(`user:${row.userId}`, row.userId)) throw new errors.RateLimitError(MESSAGES.locked[lang]);
    throw new errors.ValidationError(MESSAGES.badCode[lang], { errors: [{ path: ['code'], message: MESSAGES.badCode[lang] }] });
  }

  async function finish(challengeId: number, userId: number, userAgent: string | undefined): Promise<SignedIn> {
    await challenges().update({ where: { id: challengeId }, data: { usedAt: new Date() } });
    const issued = await sessions().open(userId, userAgent);
    await recordEvent(strapi, 'login-success', { userId, sid: issued.sid });
    return { status: 'signed-in', userId, ...issued };
  }

  function totpStep(secret: string, code: string): number | null {
    const result = verifySync({ secret, token: code, epochTolerance: 30 }) as { valid: boolean; timeStep?: number };
    return result.valid && typeof result.timeStep === 'number' ? result.timeStep : null;
  }

  /** Spends a current code of the factor: each time step works once, even for two requests at the same moment. */
  async function spendTotp(factor: FactorRow, code: string): Promise<boolean> {
    if (!/^\d{6}$/.test(code)) return false;
    const step = totpStep(open(factor.secretCiphertext, `totp|${factor.userId}`), code);
    if (step === null || step <= Number(factor.lastUsedStep ?? -1)) return false;
    // One conditional UPDATE: of two racing requests with the same code, only one changes the row.
    const { count } = (await factors().updateMany({ where: { id: factor.id, $or: [{ lastUsedStep: null }, { lastUsedStep: { $lt: step } }] }, data: { lastUsedStep: step } })) as { count: number };
    return count === 1;
  }

  async function spendRecoveryCode(factor: FactorRow, code: string): Promise<boolean> {
    const hashes = factor.recoveryCodeHashes ?? [];
    const hash = sha256(`${factor.userId}|${code}`);
    if (!/^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code) || !hashes.includes(hash)) return false;
    await factors().update({ where: { id: factor.id }, data: { recoveryCodeHashes: hashes.filter((h) => h !== hash) } });
    return true;
  }

  return {
    /** The same per-account counter for other sign-in doors (the admin panel's). */
    async guardDoor(door: string, identifierInput: unknown): Promise<{ locked: boolean; accountKey: string }> {
      const accountKey = `${door}:${sha256(normaliseIdentifier(identifierInput)).slice(0, 40)}`;
      return { locked: isLocked(await lockState(accountKey), new Date()), accountKey };
    },
    async doorFailed(accountKey: string): Promise<boolean> {
      await recordEvent(strapi, 'login-failure', { accountKey });
      return countFailure(accountKey, null);
    },
    async doorSucceeded(accountKey: string): Promise<void> {
      await locks().deleteMany({ where: { accountKey } });
    },

    /**
     * The admin panel's second factor: a current code of the portal's configurator account with the
     * same e-mail (any case), spent like a portal code. `no-factor` when there is no such account,
     * it is blocked, or it has not enrolled yet.
     */
    async adminPanelCode(email: string, code: string): Promise<'accepted' | 'refused' | 'no-factor'> {
      const twin = (await strapi.db.query(USER_UID as never).findOne({ where: { email: { $eqi: email.trim() }, role: { type: ADMIN_PANEL_ROLE } } })) as UserRow | null;
      const factor = twin && !twin.blocked ? ((await factors().findOne({ where: { userId: twin.id } })) as FactorRow | null) : null;
      if (!twin || !factor?.confirmedAt) return 'no-factor';
      if (await spendTotp(factor, code)) return 'accepted';
      await recordEvent(strapi, 'totp-failure', { userId: twin.id });
      return 'refused';
    },

    async login(identifierInput: unknown, password: unknown, userAgent: string | undefined, lang: Lang): Promise<LoginStep> {
      const identifier = normaliseIdentifier(identifierInput);
      const user = await findUser(identifier);
      const accountKey = user ? `user:${user.id}` : `id:${sha256(identifier).slice(0, 40)}`;
      if (isLocked(await lockState(accountKey), new Date())) {
        await recordEvent(strapi, 'locked-refused', { userId: user?.id ?? null, accountKey });
        throw new errors.RateLimitError(MESSAGES.locked[lang]);
      }
      const passwordOk = typeof password === 'string' && password.length <= 256 && (await users().validatePassword(password, user?.password ?? DUMMY_HASH));
      if (!user || !passwordOk || user.blocked) {
        await recordEvent(strapi, 'login-failure', { userId: user?.id ?? null, accountKey });
        if (await countFailure(accountKey, user?.id ?? null)) throw new errors.RateLimitError(MESSAGES.locked[lang]);
        throw new errors.ValidationError(MESSAGES.badCredentials[lang]);
      }
      await locks().deleteMany({ where: { accountKey } });
      const role = isRoleKey(user.role?.type) ? user.role!.type! : null;
      const factor = (await factors().findOne({ where: { userId: user.id } })) as FactorRow | null;
      if (factor?.confirmedAt) return { status: 'totp-required', challenge: await newChallenge(user.id, 'totp') };
      if (requiresSecondFactor(role as never)) return { status: 'enrolment-required', challenge: await newChallenge(user.id, 'enrolment') };
      const issued = await sessions().open(user.id, userAgent);
      await recordEvent(strapi, 'login-success', { userId: user.id, sid: issued.sid });
      return { status: 'signed-in', userId: user.id, ...issued };
    },

    async verifyCode(challenge: unknown, codeInput: unknown, userAgent: string | undefined, lang: Lang): Promise<SignedIn> {
      const row = await liveChallenge(challenge, 'totp', lang);
      const factor = (await factors().findOne({ where: { userId: row.userId } })) as FactorRow | null;
      const code = normaliseCode(codeInput);
      if (!factor?.confirmedAt) return codeFailed(row, lang);
      if (await spendTotp(factor, code)) return finish(row.id, row.userId, userAgent);
      if (await spendRecoveryCode(factor, code)) {
        await recordEvent(strapi, 'recovery-code-used', { userId: row.userId });
        return finish(row.id, row.userId, userAgent);
      }
      return codeFailed(row, lang);
    },

    async startEnrolment(challenge: unknown, lang: Lang) {
      const row = await liveChallenge(challenge, 'enrolment', lang);
      const user = (await strapi.db.query(USER_UID as never).findOne({ where: { id: row.userId } })) as UserRow;
      const secret = generateSecret();
      await challenges().update({ where: { id: row.id }, data: { pendingSecretCiphertext: seal(secret, `totp|${row.userId}`) } });
      const otpauthUrl = generateURI({ secret, label: user.username, issuer: 'PETT' });
      const svg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
    },

    async confirmEnrolment(challenge: unknown, codeInput: unknown, userAgent: string | undefined, lang: Lang): Promise<SignedIn> {
      const row = await liveChallenge(challenge, 'enrolment', lang);
      const code = typeof codeInput === 'string' ? codeInput.trim() : '';
      if (!row.pendingSecretCiphertext) return codeFailed(row, lang);
      const secret = open(row.pendingSecretCiphertext, `totp|${row.userId}`);
      const step = /^\d{6}$/.test(code) ? totpStep(secret, code) : null;
      if (step === null) return codeFailed(row, lang);
      const recoveryCodes = await this.enrol(row.userId, secret, step);
      const signedIn = await finish(row.id, row.userId, userAgent);
      return { ...signedIn, recoveryCodes };
    },

    /**
     * Self-service password reset, proven by the second factor (a code or a recovery code). The
     * answer is the same whether or not the account exists or the proof was right.
     */
    async resetPassword(identifierInput: unknown, codeInput: unknown, newPassword: string, lang: Lang, acceptable: (user: UserRow) => string[]): Promise<{ userId: number } | null> {
      const identifier = normaliseIdentifier(identifierInput);
      const user = await findUser(identifier);
      const accountKey = user ? `user:${user.id}` : `id:${sha256(identifier).slice(0, 40)}`;
      if (isLocked(await lockState(accountKey), new Date())) throw new errors.RateLimitError(MESSAGES.locked[lang]);
      const factor = user ? ((await factors().findOne({ where: { userId: user.id } })) as FactorRow | null) : null;
      const code = normaliseCode(codeInput);
      const proven = !!user && !user.blocked && !!factor?.confirmedAt && ((await spendTotp(factor, code)) || (await spendRecoveryCode(factor, code)));
      if (!proven || !user) {
        await recordEvent(strapi, 'login-failure', { userId: user?.id ?? null, accountKey });
        await countFailure(accountKey, user?.id ?? null);
        return null;
      }
      const problems = acceptable(user);
      if (problems.length) throw new errors.ValidationError(problems.join(' '), { errors: problems.map((message) => ({ path: ['newPassword'], message })) });
      await strapi.plugin('users-permissions').service('user').edit(user.id, { password: newPassword });
      await sessions().revokeAllForUser(user.id, 'password-reset');
      await recordEvent(strapi, 'password-change', { userId: user.id });
      return { userId: user.id };
    },

    /** Stores a confirmed second factor (also used by the demo seed) and returns fresh recovery codes. */
    async enrol(userId: number, secret: string, lastUsedStep: number | null): Promise<string[]> {
      const recoveryCodes = Array.from({ length: 10 }, recoveryCode);
      const data = { secretCiphertext: seal(secret, `totp|${userId}`), confirmedAt: new Date(), lastUsedStep, recoveryCodeHashes: recoveryCodes.map((c) => sha256(`${userId}|${c}`)) };
      const existing = (await factors().findOne({ where: { userId } })) as FactorRow | null;
      if (existing) await factors().update({ where: { id: existing.id }, data });
      else await factors().create({ data: { userId, ...data } });
      await recordEvent(strapi, 'totp-enrolled', { userId });
      return recoveryCodes;
    },
  };
};

export type SignInService = ReturnType<typeof createSignInService>;
