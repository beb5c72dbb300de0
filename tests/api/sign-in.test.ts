// Hardened sign-in: second factor, one-use codes, per-account lockout, sessions that really end.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { generateSync } from 'otplib';
import { ApiClient, refreshCookie } from '../support/api-client.ts';
import { nextCode } from '../support/totp.ts';
import { queryRows } from '../support/db-facts.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('signing in on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let adminHeaders: Record<string, string>;
  let prosecutorRoleId: number;

  /** The configurator makes a portal account in the admin panel, as the office would. */
  async function newAccount(username: string, password: string) {
    const res = await anonymous.request('POST', '/content-manager/collection-types/plugin::users-permissions.user', {
      headers: adminHeaders,
      body: { username, email: `${username}@test.pett.invalid`, password, confirmed: true, blocked: false, role: { connect: [{ id: prosecutorRoleId }] } },
    });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body.data?.id ?? res.body.id;
  }

  /** A new account, enrolled on its first sign-in: its session belongs to this test alone. */
  const secrets = new Map<string, string>();
  async function enrolledSession(username: string, password: string): Promise<ApiClient> {
    await newAccount(username, password);
    const step = await anonymous.request('POST', '/api/access/login', { body: { identifier: username, password } });
    const enrol = await anonymous.request('POST', '/api/access/totp/enrolment', { body: { challenge: step.body.challenge } });
    const signed = await anonymous.request('POST', '/api/access/totp/enrolment/confirm', { body: { challenge: step.body.challenge, code: generateSync({ secret: enrol.body.secret }) } });
    expect(signed.status).toBe(200);
    secrets.set(username, enrol.body.secret);
    return new ApiClient(target, signed.body.accessToken, refreshCookie(signed.headers));
  }

  beforeAll(async () => {
    adminHeaders = await anonymous.adminHeaders();
    const users = await anonymous.request('GET', '/content-manager/collection-types/plugin::users-permissions.user?populate=role&pageSize=100', { headers: adminHeaders });
    prosecutorRoleId = users.body.results.find((u: { username: string }) => u.username === 'fiscal.demo2').role.id;
  });

  it("closes Strapi's own password sign-in", async () => {
    const { password } = anonymous.credential('fiscal.demo2');
    const res = await anonymous.request('POST', '/api/auth/local', { body: { identifier: 'fiscal.demo2', password } });
    expect([401, 403, 405]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toContain('jwt');
  });

  it('asks every role that sees people for a one-time code, and accepts each code once', async () => {
    const { password, totpSecret } = anonymous.credential('victimas.demo');
    const first = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'victimas.demo', password } });
    expect(first.body).toMatchObject({ status: 'totp-required' });
    expect(first.body.accessToken).toBeUndefined();
    const wrong = await anonymous.request('POST', '/api/access/login/totp', { body: { challenge: first.body.challenge, code: '000000' } });
    expect(wrong.status).toBe(400);
    // Through the shared step book: other tests sign this user in during the same run.
    const code = await nextCode(target.dir, 'victimas.demo', totpSecret);
    const ok = await anonymous.request('POST', '/api/access/login/totp', { body: { challenge: first.body.challenge, code } });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ username: 'victimas.demo', role: 'victim-officer' });
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pett_refresh=[^;]+;/);
    for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/api/access']) expect(cookie).toContain(flag);
    const again = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'victimas.demo', password } });
    const replay = await anonymous.request('POST', '/api/access/login/totp', { body: { challenge: again.body.challenge, code } });
    expect(replay.status).toBe(400);
    const usedChallenge = await anonymous.request('POST', '/api/access/login/totp', { body: { challenge: first.body.challenge, code } });
    expect(usedChallenge.status).toBe(401);
  });

  it('enrols a new account with a QR code and ten recovery codes, each usable once', async () => {
    await newAccount('fiscal.nuevo', 'Manglar-ceiba-2026-larimar');
    const first = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'fiscal.nuevo', password: 'Manglar-ceiba-2026-larimar' } });
    expect(first.body.status).toBe('enrolment-required');
    const enrolment = await anonymous.request('POST', '/api/access/totp/enrolment', { body: { challenge: first.body.challenge } });
    expect(enrolment.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(enrolment.body.otpauthUrl).toContain('issuer=PETT');
    const confirmed = await anonymous.request('POST', '/api/access/totp/enrolment/confirm', { body: { challenge: first.body.challenge, code: generateSync({ secret: enrolment.body.secret }) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    const recovery = confirmed.body.recoveryCodes[0];
    for (const expected of [200, 400]) {
      const step = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'fiscal.nuevo', password: 'Manglar-ceiba-2026-larimar' } });
      expect(step.body.status).toBe('totp-required');
      const res = await anonymous.request('POST', '/api/access/login/totp', { body: { challenge: step.body.challenge, code: recovery.toLowerCase() } });
      expect(res.status).toBe(expected);
    }
  });

  it('locks an account after 5 failures for any spelling of its name or address', async () => {
    await newAccount('fiscal.bloqueo', 'Tinaja-bambu-2026-salina');
    const variants = ['FISCAL.BLOQUEO', ' fiscal.bloqueo ', 'fiscal.bloqueo/', 'Fiscal.Bloqueo@Test.Pett.Invalid', 'fiscal.bloqueo@test.pett.invalid.'];
    for (const [i, identifier] of variants.entries()) {
      const res = await anonymous.request('POST', '/api/access/login', { body: { identifier, password: 'no-es-la-clave-1234' }, headers: { 'x-forwarded-for': `10.0.0.${i + 1}` } });
      expect(res.status).toBe(i < 4 ? 400 : 429);
    }
    const right = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'fiscal.bloqueo', password: 'Tinaja-bambu-2026-salina' }, headers: { 'x-forwarded-for': '192.0.2.7' } });
    expect(right.status).toBe(429);
    expect(right.body.error.message).toContain('15 minutos');
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const unknown = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'nadie.existe', password: 'no-es-la-clave-1234' } });
    const wrong = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'analista.demo', password: 'no-es-la-clave-1234' } });
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('ends a session on sign-out: the access token and the refresh cookie stop working at once', async () => {
    const client = await anonymous.as('analista.demo', { fresh: true });
    expect((await client.get('/api/cases')).status).toBe(200);
    expect((await client.request('POST', '/api/access/logout')).status).toBe(204);
    const after = await client.get('/api/cases');
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe('Su sesión terminó. Inicie sesión de nuevo.');
    // The cookie alone: with the ended access token, the token's check would answer first.
    expect((await new ApiClient(target, undefined, client.cookie).request('POST', '/api/access/refresh')).status).toBe(401);
  });

  it('rotates the refresh cookie, and a replayed one ends the session after a short grace', async () => {
    const client = await anonymous.as('analista.demo', { fresh: true });
    const refreshed = await client.request('POST', '/api/access/refresh');
    expect(refreshed.status).toBe(200);
    const rotated = new ApiClient(target, refreshed.body.accessToken, refreshCookie(refreshed.headers));
    expect(rotated.cookie).not.toBe(client.cookie);
    expect((await rotated.get('/api/cases')).status).toBe(200);
    // Tests run with a 2-second grace for a browser that reloaded mid-refresh; past it, a replay ends the session.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await client.request('POST', '/api/access/refresh')).status).toBe(401);
    expect((await rotated.get('/api/cases')).status).toBe(401);
  });

  it('changes a password only with the current one, refuses weak ones, and ends every session', async () => {
    const client = await enrolledSession('fiscal.clave', 'Arrecife-caoba-2026-marea');
    const change = (currentPassword: string, newPassword: string) => client.request('POST', '/api/access/password', { body: { currentPassword, newPassword } });
    expect((await change('no-es-la-actual-99', 'Flamboyan-yagrumo-2026')).status).toBe(400);
    for (const weak of ['corta-1', 'fiscal.clave-2026-x', 'passwordpassword', 'a'.repeat(129)]) {
      const res = await change('Arrecife-caoba-2026-marea', weak);
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual(['newPassword']);
    }
    expect((await change('Arrecife-caoba-2026-marea', 'Flamboyan-yagrumo-2026')).status).toBe(204);
    expect((await client.get('/api/access/me')).status).toBe(401);
    const again = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'fiscal.clave', password: 'Flamboyan-yagrumo-2026' } });
    expect(again.body.status).toBe('totp-required');
  });

  it('resets a forgotten password with the second factor, without telling whether the account exists', async () => {
    const client = await enrolledSession('fiscal.olvido', 'Salina-cigua-2026-bohio');
    const me = await client.get('/api/access/me');
    expect(me.status).toBe(200);
    const unknown = await anonymous.request('POST', '/api/access/password-reset', { body: { identifier: 'nadie.existe', code: '123456', newPassword: 'Guacima-ambar-2026-coral' } });
    const wrongCode = await anonymous.request('POST', '/api/access/password-reset', { body: { identifier: 'fiscal.olvido', code: '000000', newPassword: 'Guacima-ambar-2026-coral' } });
    expect(unknown.status).toBe(202);
    expect(wrongCode.status).toBe(202);
    expect(wrongCode.body).toEqual(unknown.body);
    expect((await client.get('/api/access/me')).status).toBe(200);
    const before = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'fiscal.olvido', password: 'Guacima-ambar-2026-coral' } });
    expect(before.status).toBe(400);
    // A weak password is refused before the code is spent; then the reset goes through with it.
    // The code is one step ahead: the enrolment used the current one.
    const code = generateSync({ secret: secrets.get('fiscal.olvido')!, epoch: Math.floor(Date.now() / 1000) + 30 });
    const weak = await anonymous.request('POST', '/api/access/password-reset', { body: { identifier: 'fiscal.olvido', code, newPassword: 'corta' } });
    expect(weak.status).toBe(400);
    const done = await anonymous.request('POST', '/api/access/password-reset', { body: { identifier: 'fiscal.olvido', code, newPassword: 'Guacima-ambar-2026-coral' } });
    expect(done.status).toBe(202);
    expect((await client.get('/api/access/me')).status).toBe(401);
    const after = await anonymous.request('POST', '/api/access/login', { body: { identifier: 'fiscal.olvido', password: 'Guacima-ambar-2026-coral' } });
    expect(after.body.status).toBe('totp-required');
  });

  it('lets a configurator list and end the sessions of a user', async () => {
    const configurator = target.credentials.find((c) => c.role === 'configurator')!;
    const admin = await anonymous.as(configurator.username);
    const victim = await enrolledSession('fiscal.sesiones', 'Caracol-palmar-2026-jagua');
    const me = await victim.get('/api/access/me');
    const listed = await admin.get(`/api/access/users/${me.body.data.id}/sessions`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.length).toBeGreaterThan(0);
    expect((await admin.request('POST', `/api/access/users/${me.body.data.id}/sessions/revoke`)).status).toBe(204);
    expect((await victim.get('/api/cases')).status).toBe(401);
    const fiscal = await anonymous.as('fiscal.demo1');
    expect((await fiscal.get(`/api/access/users/${me.body.data.id}/sessions`)).status).toBe(403);
  });

  it('ends the sessions of an account the configurator blocks or moves to another role', async () => {
    for (const [username, change] of [['fiscal.bloqueado', { blocked: true }], ['fiscal.cambio', { role: { set: [{ id: prosecutorRoleId }] }, username: 'fiscal.cambio2' }]] as const) {
      const client = await enrolledSession(username, 'Yagrumo-tinaja-2026-manglar');
      expect((await client.get('/api/access/me')).status).toBe(200);
      const users = await anonymous.request('GET', `/content-manager/collection-types/plugin::users-permissions.user?filters[username][$eq]=${username}`, { headers: adminHeaders });
      const documentId = users.body.results[0].documentId;
      const res = await anonymous.request('PUT', `/content-manager/collection-types/plugin::users-permissions.user/${documentId}`, { headers: adminHeaders, body: change });
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      expect((await client.get('/api/access/me')).status).toBe(401);
    }
  });

  it('records sign-in events for the audit trail, with no identifier, password or code in them', async () => {
    const events = await queryRows<{ kind: string; account_key: string | null }>(target, 'SELECT kind, account_key FROM pett_security_events');
    const kinds = new Set(events.map((e) => e.kind));
    for (const kind of ['login-success', 'login-failure', 'lockout', 'totp-failure', 'logout', 'password-change', 'totp-enrolled']) expect(kinds).toContain(kind);
    for (const event of events) if (event.account_key) expect(event.account_key).toMatch(/^(user:\d+|(id|admin):[0-9a-f]{40})$/);
  });
});
