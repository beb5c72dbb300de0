// The private ICS feed: show whether it is on, make a new secret URL (shown once), turn it off, and
// serve the calendar to whoever holds the secret. An unknown, revoked or malformed token is 404.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { languageOf } from '@pett/access/dist/server/services/language';
import { worksThroughTeams } from '@pett/access/dist/server/policy/policy';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { officeToday } from '@pett/workflow/dist/server/alerts/alert-state';
import { createCalendarFeeds } from '@pett/workflow/dist/server/alerts/calendar-feeds';
import { deadlineCalendar } from '@pett/workflow/dist/server/alerts/deadline-calendar';
import { createMyDeadlines } from '@pett/workflow/dist/server/alerts/my-deadlines';
import { noQuery } from '@pett/workflow/dist/server/alerts/request-input';
import { checked } from '../../my-deadlines/controllers/my-deadlines';

/** Calendars poll every few minutes at most; this per-address budget leaves room for a whole office behind one NAT. */
const ICS_RATE = { windowMs: 60_000, max: Number(process.env.PETT_ICS_RATE_LIMIT_MAX ?? 120) };
const MAX_EVENTS = 2000;

const hits = new Map<string, { start: number; count: number }>();
function overLimit(key: string, now: number): boolean {
  const entry = hits.get(key);
  if (!entry || now - entry.start >= ICS_RATE.windowMs) {
    if (hits.size > 10_000) hits.clear();
    hits.set(key, { start: now, count: 1 });
    return false;
  }
  entry.count += 1;
  return entry.count > ICS_RATE.max;
}

const TEXT = {
  notFound: { es: 'No se encontró el calendario.', en: 'The calendar was not found.' },
  tooMany: { es: 'Demasiadas solicitudes: inténtelo de nuevo en un minuto.', en: 'Too many requests: try again in a minute.' },
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const feeds = createCalendarFeeds(strapi);
  const mine = createMyDeadlines(strapi);
  const userId = (ctx: Context) => Number((ctx.state.user as { id: number }).id);
  /** The address users reach: PUBLIC_URL when set, else the one this request came to. */
  const baseUrl = (ctx: Context) => String(strapi.config.get('server.url', '') || ctx.origin).replace(/\/+$/, '');
  const feedUrl = (ctx: Context, token: string) => `${baseUrl(ctx)}/api/calendar/${token}.ics`;

  return {
    async show(ctx: Context) {
      checked(noQuery(ctx.query as Record<string, unknown>, languageOf(ctx.get('accept-language'))));
      // The URL holds a secret kept only as a hash: it is shown once, when made.
      ctx.body = { data: { url: null, ...(await feeds.status(userId(ctx))) } };
    },

    async renew(ctx: Context) {
      checked(noQuery(ctx.query as Record<string, unknown>, languageOf(ctx.get('accept-language'))));
      const token = await feeds.renew(userId(ctx));
      ctx.status = 201;
      ctx.body = { data: { url: feedUrl(ctx, token), ...(await feeds.status(userId(ctx))) } };
    },

    async revoke(ctx: Context) {
      checked(noQuery(ctx.query as Record<string, unknown>, languageOf(ctx.get('accept-language'))));
      await feeds.revoke(userId(ctx));
      ctx.body = { data: { url: null, active: false, createdAt: null, lastUsedAt: null } };
    },

    async ics(ctx: Context) {
      const lang = languageOf(ctx.get('accept-language'));
      const now = new Date();
      if (overLimit(ctx.ip, now.getTime())) {
        ctx.set('Retry-After', '60');
        throw new errors.RateLimitError(TEXT.tooMany[lang]);
      }
      // Same answer, whatever was wrong: no such token, revoked, blocked account, or no case role.
      const user = await feeds.userFor(String(ctx.params.token ?? ''));
      const role = user && isRoleKey(user.role) ? user.role : null;
      if (!user || !worksThroughTeams({ id: user.id, role })) throw new errors.NotFoundError(TEXT.notFound[lang]);
      const deadlines = await mine.allOpen(user.id, officeToday(now), now, MAX_EVENTS);
      ctx.set('Content-Type', 'text/calendar; charset=utf-8');
      ctx.set('Content-Disposition', 'inline; filename="pett-plazos.ics"');
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.body = deadlineCalendar(deadlines, now, baseUrl(ctx));
    },
  };
};
