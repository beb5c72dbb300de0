// The admin panel's sign-in: the code of the portal configurator with the same e-mail, typed right
// after the password; the portal's lockout; and no first-admin registration over HTTP.
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { nextCode } from '../support/totp.ts';
import { executeSql, userIds } from '../support/db-facts.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('admin panel sign-in on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  const configurator = target.credentials.find((c) => c.role === 'configurator')!;
  const email = configurator.username;
  // The step book is shared with the portal sign-ins of the same account: one factor, one code per step.
  const code = () => nextCode(target.dir, email, configurator.totpSecret);
  const signIn = (password: string, lang?: string) => anonymous.adminSignIn(email, password, lang);
  // Each test starts from an unlocked demo configurator, and leaves it usable for the other files.
  const unlock = () => executeSql(target, "DELETE FROM pett_sign_in_locks WHERE account_key LIKE 'admin:%'");
  beforeEach(unlock);
  afterAll(unlock);

  it('refuses the password alone, saying where the code goes, in the caller\'s language', async () => {
    const es = await signIn(configurator.password);
    expect(es.status).toBe(400);
    expect(es.body.data).toBeNull();
    expect(es.body.error.message).toContain('seguida, sin espacio, del código de 6 dígitos');
    const en = await signIn(configurator.password, 'en');
    expect(en.status).toBe(400);
    expect(en.body.error.message).toContain('followed, without a space, by the 6-digit code');
  });

  it('asks for the code on every spelling of the sign-in path', async () => {
    for (const route of ['/admin/login/', '/ADMIN/LOGIN', '/Admin/Login/']) {
      const res = await anonymous.request('POST', route, { body: { email, password: configurator.password } });
      expect(res.status, route).toBe(400);
      expect(res.body.data, route).toBeNull();
    }
  });

  it('accepts the password followed by a current code once, whatever the case of the address', async () => {
    const current = await code();
    const ok = await anonymous.adminSignIn(email.toUpperCase(), configurator.password + current);
    expect(ok.status).toBe(200);
    const me = await anonymous.request('GET', '/admin/users/me', { headers: { authorization: `Bearer ${ok.body.data.token}` } });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(email);
    const replay = await signIn(configurator.password + current);
    expect(replay.status).toBe(400);
    expect(replay.body.data).toBeNull();
  });

  it('counts a wrong code towards the lockout: the fifth failure locks the account for 15 minutes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await signIn(`${configurator.password}000000`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const rightCode = await signIn(configurator.password + (await code()));
    expect(rightCode.status).toBe(429);
    expect(rightCode.body.error.message).toContain('15 minutos');
  });

  it('refuses an admin without an enrolled portal configurator of the same e-mail, and says how to enrol', async () => {
    const twinId = (await userIds(target)).get(email)!.id;
    const expectEnrolmentAdvice = async () => {
      const es = await signIn(`${configurator.password}123456`);
      expect(es.status).toBe(403);
      expect(es.body.error.message).toContain('Inicie sesión primero en el portal con este mismo correo');
      const en = await signIn(`${configurator.password}123456`, 'en');
      expect(en.status).toBe(403);
      expect(en.body.error.message).toContain('First sign in to the portal with this same e-mail');
      // Without the password, nothing is said about the second factor.
      const wrong = await signIn('no-es-la-clave-1234123456');
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).not.toMatch(/portal/);
    };
    await executeSql(target, `UPDATE pett_second_factors SET confirmed_at = NULL WHERE user_id = ${twinId}`);
    try {
      await expectEnrolmentAdvice();
    } finally {
      await executeSql(target, `UPDATE pett_second_factors SET confirmed_at = created_at WHERE user_id = ${twinId}`);
    }
    await executeSql(target, `UPDATE up_users SET email = 'otra.cuenta.${twinId}@test.pett.invalid' WHERE id = ${twinId}`);
    try {
      const res = await signIn(`${configurator.password}123456`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('Inicie sesión primero en el portal con este mismo correo');
    } finally {
      await executeSql(target, `UPDATE up_users SET email = '${email}' WHERE id = ${twinId}`);
    }
  });

  it('keeps first-admin registration closed, on any spelling of its path', async () => {
    for (const route of ['/admin/register-admin', '/ADMIN/Register-Admin/']) {
      const res = await anonymous.request('POST', route, { body: { email: 'nuevo.admin@test.pett.invalid', firstname: 'Nuevo', lastname: 'DEMO', password: 'Manglar-Ceiba-2026-larimar' } });
      expect(res.status, route).toBe(403);
      expect(res.body.error.message).toContain('npm run setup');
    }
  });

  it('locks an admin-panel account after 5 failures too, for any spelling of its address', async () => {
    // An address with no account locks the same way as a real one, so nothing tells them apart.
    const variants = ['CONFIG.LOCK@test.pett.invalid', ' config.lock@test.pett.invalid ', 'config.lock@test.pett.invalid.', 'Config.Lock@Test.Pett.Invalid', 'config.lock@test.pett.invalid'];
    const statuses: number[] = [];
    for (const address of variants) statuses.push((await anonymous.adminSignIn(address, 'no-es-la-clave-1234')).status);
    expect(statuses.slice(0, 4).every((s) => s === 400 || s === 401)).toBe(true);
    expect(statuses[4]).toBe(429);
    expect((await anonymous.adminSignIn('config.lock@test.pett.invalid', 'no-es-la-clave-1234')).status).toBe(429);
    // The real configurator is unaffected.
    expect((await signIn(configurator.password + (await code()))).status).toBe(200);
  });
});
