// Server-side sessions: short access tokens that name a session, a rotated refresh token kept only
// as a hash, idle and absolute lifetimes, and revocation that takes effect on the next request.
import type { Core } from '@strapi/strapi';
import { SESSION_UID, SECURITY_EVENT_UID } from '../uids';
import { SESSION, absoluteExpiry, idleExpiresAt, sessionVerdict } from '../policy/sign-in-rules';
import { randomToken, safeEqual, sha256 } from './secrets';

interface SessionRow {
  id: number;
  sid: string;
  userId: number;
  refreshHash: string;
  previousRefreshHash: string | null;
  rotatedAt: string | Date | null;
  lastActivityAt: string | Date;
  absoluteExpiresAt: string | Date;
  revokedAt: string | Date | null;
  createdAt: string | Date;
  userAgent: string | null;
}

export interface IssuedSession { sid: string; refreshToken: string; accessToken: string; expiresAt: string }

const asDate = (value: string | Date | null) => (value == null ? null : new Date(value));
const times = (row: SessionRow) => ({ lastActivityAt: asDate(row.lastActivityAt)!, absoluteExpiresAt: asDate(row.absoluteExpiresAt)!, revokedAt: asDate(row.revokedAt) });

export type SecurityEventKind = 'login-success' | 'login-failure' | 'lockout' | 'locked-refused' | 'totp-failure' | 'totp-enrolled' | 'recovery-code-used' | 'logout' | 'refresh-reuse' | 'password-change' | 'sessions-revoked' | 'break-glass' | 'identity-reveal' | 'identity-change' | 'identity-search';

export function recordEvent(strapi: Core.Strapi, kind: SecurityEventKind, fields: { userId?: number | null; accountKey?: string; sid?: string } = {}) {
  return strapi.db.query(SECURITY_EVENT_UID as never).create({ data: { kind, userId: fields.userId ?? null, accountKey: fields.accountKey ?? null, sid: fields.sid ?? null, occurredAt: new Date() } });
}

export const createSessionService = ({ strapi }: { strapi: Core.Strapi }) => {
  const sessions = () => strapi.db.query(SESSION_UID as never);
  const jwt = () => strapi.plugin('users-permissions').service('jwt') as { issue(payload: object, options?: object): string };

  function accessToken(userId: number, sid: string) {
    const expiresAt = new Date(Date.now() + SESSION.accessTokenSeconds * 1000).toISOString();
    return { accessToken: jwt().issue({ id: userId, sid }, { expiresIn: SESSION.accessTokenSeconds }), expiresAt };
  }

  return {
    async open(userId: number, userAgent: string | undefined): Promise<IssuedSession> {
      const sid = randomToken(18);
      const refreshToken = `${sid}.${randomToken(32)}`;
      const now = new Date();
      await sessions().create({ data: { sid, userId, refreshHash: sha256(refreshToken), lastActivityAt: now, absoluteExpiresAt: absoluteExpiry(now), userAgent: userAgent?.slice(0, 200) ?? null } });
      return { sid, refreshToken, ...accessToken(userId, sid) };
    },

    /** A rotated refresh token and a new access token, or null when the session is over. */
    async refresh(refreshToken: string): Promise<(IssuedSession & { userId: number }) | null> {
      const sid = refreshToken.split('.')[0];
      if (!sid || refreshToken.length > 200) return null;
      const row = (await sessions().findOne({ where: { sid } })) as SessionRow | null;
      if (!row) return null;
      const hash = sha256(refreshToken);
      const now = new Date();
      const previous = !!row.previousRefreshHash && safeEqual(hash, row.previousRefreshHash);
      // A browser that reloaded mid-refresh may resend the previous cookie within a few seconds;
      // later, a refresh token used twice was stolen or replayed: end the session for both holders.
      const graceMs = Number(strapi.plugin('access').config('refreshGraceSeconds') ?? 20) * 1000;
      const inGrace = previous && !!row.rotatedAt && now.getTime() - new Date(row.rotatedAt).getTime() < graceMs;
      if (previous && !inGrace) {
        await this.revoke(sid, 'refresh-reuse');
        await recordEvent(strapi, 'refresh-reuse', { userId: row.userId, sid });
        return null;
      }
      if ((!inGrace && !safeEqual(hash, row.refreshHash)) || sessionVerdict(times(row), now) !== 'alive') return null;
      const next = `${sid}.${randomToken(32)}`;
      // The portal refreshes only for a user who is active, so a refresh is activity too.
      await sessions().update({ where: { id: row.id }, data: { refreshHash: sha256(next), previousRefreshHash: inGrace ? row.previousRefreshHash : hash, rotatedAt: now, lastActivityAt: now } });
      return { sid, refreshToken: next, userId: row.userId, ...accessToken(row.userId, sid) };
    },

    /** Is the session named by an access token alive for this user? Records the activity. */
    async checkAndTouch(sid: string, userId: number): Promise<{ idleExpiresAt: string; absoluteExpiresAt: string } | null> {
      const row = (await sessions().findOne({ where: { sid } })) as SessionRow | null;
      if (!row || row.userId !== userId) return null;
      const now = new Date();
      if (sessionVerdict(times(row), now) !== 'alive') return null;
      const last = asDate(row.lastActivityAt)!;
      if (now.getTime() - last.getTime() > 30_000) await sessions().update({ where: { id: row.id }, data: { lastActivityAt: now } });
      return { idleExpiresAt: idleExpiresAt(now).toISOString(), absoluteExpiresAt: asDate(row.absoluteExpiresAt)!.toISOString() };
    },

    async revoke(sid: string, reason: string) {
      await sessions().updateMany({ where: { sid, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
    },

    async revokeAllForUser(userId: number, reason: string) {
      await sessions().updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
    },

    async listAlive(userId: number) {
      const rows = (await sessions().findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: 'desc' }, limit: 100 })) as SessionRow[];
      const now = new Date();
      return rows
        .filter((row) => sessionVerdict(times(row), now) === 'alive')
        .map((row) => ({ id: row.sid, createdAt: asDate(row.createdAt)!.toISOString(), lastActivityAt: asDate(row.lastActivityAt)!.toISOString(), absoluteExpiresAt: asDate(row.absoluteExpiresAt)!.toISOString(), userAgent: row.userAgent }));
    },

    async ownerOf(sid: string): Promise<number | null> {
      const row = (await sessions().findOne({ where: { sid } })) as SessionRow | null;
      return row?.userId ?? null;
    },
  };
};

export type SessionService = ReturnType<typeof createSessionService>;
