// Idle (30 minutes) and absolute (12 hours) session limits on the real server: a fresh session's
// clock is moved back in the database, and its access token and refresh cookie must stop working.
import { describe, expect, inject, it } from 'vitest';
import { ApiClient, refreshCookie } from '../support/api-client.ts';
import { executeSql } from '../support/db-facts.ts';

const targets = inject('apiTargets');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type TargetInfo = (typeof targets)[number];
type SessionClock = { createdAt?: number; lastActivityAt?: number; absoluteExpiresAt?: number };
const COLUMNS: Record<keyof SessionClock, string> = { createdAt: 'created_at', lastActivityAt: 'last_activity_at', absoluteExpiresAt: 'absolute_expires_at' };

/** A moment as Strapi stores it: milliseconds in SQLite, local wall time in PostgreSQL (as node-pg writes a Date). */
function sqlMoment(target: TargetInfo, ms: number): string {
  if (!target.databaseUrl) return String(Math.round(ms));
  const d = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `'${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}'`;
}

/** The session an access token names (its `sid` claim). */
function sessionOf(client: ApiClient): string {
  return JSON.parse(Buffer.from(client.token!.split('.')[1], 'base64url').toString()).sid;
}

describe.each(targets.map((t) => [t.name, t] as const))('session limits on %s', (_name, target) => {
  const anonymous = new ApiClient(target);

  async function setClock(client: ApiClient, clock: SessionClock) {
    const assignments = Object.entries(clock).map(([key, ms]) => `${COLUMNS[key as keyof SessionClock]} = ${sqlMoment(target, ms)}`);
    await executeSql(target, `UPDATE pett_sessions SET ${assignments.join(', ')} WHERE sid = '${sessionOf(client)}'`);
  }

  /**
   * Sets the clock, calls the API with the access token, sets the clock again (the call counts as
   * activity), then renews through the refresh cookie. Returns both answers and the renewed client.
   */
  async function use(client: ApiClient, clock: SessionClock) {
    await setClock(client, clock);
    const access = await client.get('/api/access/me');
    await setClock(client, clock);
    // The cookie alone, as after a page reload: with the access token, the token's check answers first.
    const refresh = await new ApiClient(target, undefined, client.cookie).request('POST', '/api/access/refresh');
    const renewed = refresh.status === 200 ? new ApiClient(target, refresh.body.accessToken, refreshCookie(refresh.headers)) : null;
    return { access, refresh, renewed };
  }

  function expectEnded({ access, refresh }: Awaited<ReturnType<typeof use>>) {
    expect(access.status).toBe(401);
    expect(access.body.error.message).toBe('Su sesión terminó. Inicie sesión de nuevo.');
    expect(refresh.status).toBe(401);
  }

  it('keeps a session 29 minutes after its last activity, and ends it after 31', async () => {
    const client = await anonymous.as('estadistica.demo', { fresh: true });
    const inside = await use(client, { lastActivityAt: Date.now() - 29 * MINUTE });
    expect(inside.access.status).toBe(200);
    expect(inside.refresh.status).toBe(200);
    expectEnded(await use(inside.renewed!, { lastActivityAt: Date.now() - 31 * MINUTE }));
  });

  it('ends a session 12 hours after it began, however active it is', async () => {
    const client = await anonymous.as('enlace.demo', { fresh: true });
    const signedInAt = Date.now();
    // The limit is fixed when the session begins: 12 hours later.
    const limit = Date.parse((await client.get('/api/access/me')).body.data.session.absoluteExpiresAt) - signedInAt;
    expect(Math.abs(limit - 12 * HOUR)).toBeLessThan(MINUTE);
    // Begun 11 h 55 min ago, active a moment ago: five minutes left.
    const begun = Date.now() - (11 * HOUR + 55 * MINUTE);
    const inside = await use(client, { createdAt: begun, absoluteExpiresAt: begun + 12 * HOUR, lastActivityAt: Date.now() });
    expect(inside.access.status).toBe(200);
    expect(inside.refresh.status).toBe(200);
    // Begun 12 h 1 min ago, still active.
    const older = Date.now() - (12 * HOUR + MINUTE);
    expectEnded(await use(inside.renewed!, { createdAt: older, absoluteExpiresAt: older + 12 * HOUR, lastActivityAt: Date.now() }));
  });
});
