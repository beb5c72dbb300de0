// Regression tests for the classes of Strapi advisories: private-field oracles through filters,
// relation paths and sort; populate leaks; mass assignment. (Rate-limit bypass and tokens that
// outlive sign-out are in sign-in.test.ts.)
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, qs } from '../support/api-client.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('advisory regressions on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal: ApiClient;
  let analyst: ApiClient;

  beforeAll(async () => {
    fiscal = await anonymous.as('fiscal.demo1');
    analyst = await anonymous.as('analista.demo');
  });

  async function listing(client: ApiClient, route: string, params: Record<string, string | number>) {
    return client.get(`${route}?${qs({ 'pagination[pageSize]': 100, 'fields[0]': 'documentId', ...params })}`);
  }

  it.each([
    ['a user password through the team relation', { 'filters[members][user][password][$startsWith]': '$2' }],
    ['a user reset token', { 'filters[members][user][resetPasswordToken][$notNull]': 'true' }],
    ['a user e-mail', { 'filters[members][user][email][$contains]': 'fiscal' }],
    ['a private session hash', { 'filters[members][user][id][$gt]': '0', 'filters[members][refreshHash][$notNull]': 'true' }],
  ])('filtering cases on %s cannot narrow or reorder the list', async (_label, filter) => {
    const base = await listing(fiscal, '/api/cases', { 'sort[0]': 'caseNumber:asc' });
    const probed = await listing(fiscal, '/api/cases', { 'sort[0]': 'caseNumber:asc', ...filter });
    if (probed.status === 200) {
      expect(probed.body.data.map((c: { documentId: string }) => c.documentId)).toEqual(base.body.data.map((c: { documentId: string }) => c.documentId));
    } else {
      expect(probed.status).toBe(400);
    }
  });

  it.each(['members.user.password:asc', 'members.user.email:desc', 'parties.person.birthYear:asc'])('sorting cases by %s is refused or ignored', async (sort) => {
    const probed = await listing(analyst, '/api/cases', { 'sort[0]': sort });
    expect(probed.status).toBe(400);
  });

  it('an analyst cannot read, filter on or sort by a birth year', async () => {
    const people = await analyst.get(`/api/people?${qs({ 'pagination[pageSize]': 5 })}`);
    expect(people.status).toBe(200);
    expect(people.body.data.length).toBeGreaterThan(0);
    for (const person of people.body.data) expect(person).not.toHaveProperty('birthYear');
    const populated = await analyst.get(`/api/cases?${qs({ 'pagination[pageSize]': 3, 'populate[parties][populate][person]': 'true' })}`);
    for (const c of populated.body.data) for (const party of c.parties) if (party.person) expect(party.person).not.toHaveProperty('birthYear');
    expect((await analyst.get(`/api/people?${qs({ 'filters[birthYear][$lt]': 2000 })}`)).status).toBe(400);
    expect((await analyst.get(`/api/cases?${qs({ 'filters[parties][person][birthYear][$lt]': 2000 })}`)).status).toBe(400);
    expect((await analyst.get(`/api/people?${qs({ 'sort[0]': 'birthYear:asc' })}`)).status).toBe(400);
    const prosecutorView = await fiscal.get(`/api/people?${qs({ 'pagination[pageSize]': 5 })}`);
    expect(prosecutorView.body.data[0]).toHaveProperty('birthYear');
  });

  it('populating everything never returns a user, a password, an e-mail or a token', async () => {
    for (const populate of ['*', 'members', 'members.user']) {
      const res = await fiscal.get(`/api/cases?${qs({ 'pagination[pageSize]': 5, populate })}`);
      const text = JSON.stringify(res.body);
      for (const secret of ['password', 'resetPasswordToken', 'confirmationToken', '@demo.pett.invalid', 'refreshHash']) expect(text).not.toContain(secret);
    }
  });

  it('populating a victim profile from a person is empty for a role that may not read victims', async () => {
    const investigator = await anonymous.as('investigador.demo');
    const res = await investigator.get(`/api/people?${qs({ 'pagination[pageSize]': 50, 'populate[victimProfile]': 'true' })}`);
    if (res.status === 200) for (const person of res.body.data) expect(person.victimProfile ?? null).toBeNull();
    else expect([400, 403]).toContain(res.status);
  });

  it('mass assignment: no role, block or confirmation can be set through any route', async () => {
    const me = (await fiscal.get('/api/access/me')).body.data;
    for (const [method, route] of [['PUT', `/api/users/${me.id}`], ['POST', '/api/users'], ['PUT', '/api/users-permissions/roles/1']] as const) {
      const res = await fiscal.request(method, route, { body: { role: 1, blocked: false, confirmed: true, username: 'escalado' } });
      expect([401, 403, 404, 405]).toContain(res.status);
    }
    const password = await fiscal.request('POST', '/api/access/password', { body: { currentPassword: 'x', newPassword: 'y', role: 'chief-prosecutor' } });
    expect(password.status).toBe(400);
    expect((await fiscal.get('/api/access/me')).body.data.role).toBe('prosecutor');
  });
});
