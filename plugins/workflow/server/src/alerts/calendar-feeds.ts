// A user's private ICS feed: the secret token is 32 random bytes shown once in the URL; only its
// SHA-256 is stored, so the database alone cannot reproduce a working URL.
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { CALENDAR_FEED_UID, USER_UID } from '../uids';
import { toDate } from './tables';

export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export const createCalendarFeeds = (strapi: Core.Strapi) => {
  const query = () => strapi.db.query(CALENDAR_FEED_UID as never);
  return {
    async status(userId: number): Promise<{ active: boolean; createdAt: string | null; lastUsedAt: string | null }> {
      const row = (await query().findOne({ where: { userId }, select: ['createdAt', 'lastUsedAt'] } as never)) as { createdAt: unknown; lastUsedAt: unknown } | null;
      return { active: !!row, createdAt: toDate(row?.createdAt)?.toISOString() ?? null, lastUsedAt: toDate(row?.lastUsedAt)?.toISOString() ?? null };
    },

    /** A new secret for the user; the previous one (if any) stops working in the same write. */
    async renew(userId: number): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const tokenHash = hashOf(token);
      const existing = (await query().findOne({ where: { userId }, select: ['id'] } as never)) as { id: number } | null;
      if (existing) {
        await query().update({ where: { id: existing.id }, data: { tokenHash, lastUsedAt: null } } as never);
      } else {
        try {
          await query().create({ data: { userId, tokenHash } } as never);
        } catch (error) {
          // Two requests of one user at once: the unique user index let one create; this one replaces its secret.
          const row = (await query().findOne({ where: { userId }, select: ['id'] } as never)) as { id: number } | null;
          if (!row) throw error;
          await query().update({ where: { id: row.id }, data: { tokenHash, lastUsedAt: null } } as never);
        }
      }
      return token;
    },

    async revoke(userId: number): Promise<boolean> {
      const result = (await query().deleteMany({ where: { userId } } as never)) as { count?: number };
      return Number(result?.count ?? 0) > 0;
    },

    /** The user a token opens, if the token is current and the account is not blocked. */
    async userFor(token: string): Promise<{ id: number; role: string | null } | null> {
      if (!FEED_TOKEN_PATTERN.test(token)) return null;
      const feed = (await query().findOne({ where: { tokenHash: hashOf(token) }, select: ['id', 'userId', 'lastUsedAt'] } as never)) as { id: number; userId: number; lastUsedAt: unknown } | null;
      if (!feed) return null;
      const user = (await strapi.db.query(USER_UID as never).findOne({ where: { id: feed.userId }, select: ['id', 'blocked'], populate: { role: { select: ['type'] } } } as never)) as { id: number; blocked: boolean | null; role?: { type?: string } | null } | null;
      if (!user || user.blocked) return null;
      // Remember the last use at most once an hour: a calendar polling every few minutes makes no writes.
      const last = toDate(feed.lastUsedAt);
      if (!last || Date.now() - last.getTime() > 3600_000) await query().update({ where: { id: feed.id }, data: { lastUsedAt: new Date() } } as never);
      return { id: user.id, role: user.role?.type ?? null };
    },
  };
};
