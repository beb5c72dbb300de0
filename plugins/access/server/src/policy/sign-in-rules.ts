// The rules of signing in and staying signed in, as pure functions: lockout, session lifetimes,
// which roles need a second factor, how an identifier is normalised, and how the admin panel's
// password field carries its code. No Strapi import.
import type { RoleKey } from './roles';

export const LOCKOUT = { maxFailures: 5, lockMinutes: 15, windowMinutes: 15 } as const;
export const SESSION = { accessTokenSeconds: 15 * 60, idleMinutes: 30, absoluteHours: 12 } as const;
export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_MAX_FAILURES = 5;

/** Roles that may see a person: they must use a second factor. */
const NO_PERSON_ROLES: ReadonlySet<RoleKey> = new Set(['statistician', 'auditor']);
export function requiresSecondFactor(role: RoleKey | null): boolean {
  return role === null || !NO_PERSON_ROLES.has(role);
}

/**
 * One spelling per account: case, surrounding and inner whitespace, a trailing slash or dot do not
 * make a different identifier (they would otherwise dodge the failure counter).
 */
export function normaliseIdentifier(identifier: unknown): string {
  if (typeof identifier !== 'string') return '';
  return identifier.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '').replace(/[/.]+$/, '').slice(0, 254);
}

/** The portal role whose second factor guards the admin panel (same e-mail as the admin account). */
export const ADMIN_PANEL_ROLE: RoleKey = 'configurator';

/**
 * The admin panel's stock form has no field for a code, so the 6-digit code is typed right after
 * the password: `MyLongPassword!123456` is the password `MyLongPassword!` and the code `123456`.
 * Without 6 trailing digits there is no code, and the password is left as it came.
 */
export function splitPasswordAndCode(input: unknown): { password: unknown; code: string } {
  const match = typeof input === 'string' ? /^([\s\S]*)(\d{6})$/.exec(input) : null;
  return match ? { password: match[1], code: match[2] } : { password: input, code: '' };
}

export interface LockState {
  failures: number;
  windowStartedAt: Date | null;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState | null, now: Date): boolean {
  return !!state?.lockedUntil && state.lockedUntil > now;
}

/** The counter after one more failure: the fifth failure inside the window locks for 15 minutes. */
export function afterFailure(state: LockState | null, now: Date): LockState {
  const windowOpen = state?.windowStartedAt && now.getTime() - state.windowStartedAt.getTime() < LOCKOUT.windowMinutes * 60_000;
  const failures = (windowOpen ? state!.failures : 0) + 1;
  const windowStartedAt = windowOpen ? state!.windowStartedAt : now;
  const lockedUntil = failures >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) : null;
  return { failures: lockedUntil ? 0 : failures, windowStartedAt: lockedUntil ? null : windowStartedAt, lockedUntil };
}

export interface SessionTimes {
  lastActivityAt: Date;
  absoluteExpiresAt: Date;
  revokedAt: Date | null;
}

export type SessionVerdict = 'alive' | 'revoked' | 'idle' | 'expired';

export function sessionVerdict(session: SessionTimes, now: Date): SessionVerdict {
  if (session.revokedAt) return 'revoked';
  if (session.absoluteExpiresAt <= now) return 'expired';
  if (now.getTime() - session.lastActivityAt.getTime() > SESSION.idleMinutes * 60_000) return 'idle';
  return 'alive';
}

export function idleExpiresAt(lastActivityAt: Date): Date {
  return new Date(lastActivityAt.getTime() + SESSION.idleMinutes * 60_000);
}

export function absoluteExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION.absoluteHours * 3_600_000);
}
