// Team scoping of the case list and case detail, on every database under test.
import { describe, expect, inject, it, beforeAll } from 'vitest';
import { ApiClient, qs } from '../support/api-client.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('case access on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let chief: ApiClient;
  let fiscal1: ApiClient;
  let fiscal2: ApiClient;
  let investigator: ApiClient;

  beforeAll(async () => {
    chief = await anonymous.as('titular.demo');
    fiscal1 = await anonymous.as('fiscal.demo1');
    fiscal2 = await anonymous.as('fiscal.demo2');
    investigator = await anonymous.as('investigador.demo');
  });

  async function allNumbers(client: ApiClient): Promise<string[]> {
    const numbers: string[] = [];
    for (let page = 1; ; page += 1) {
      const res = await client.get(`/api/cases?${qs({ 'pagination[page]': page, 'pagination[pageSize]': 100, 'sort[0]': 'caseNumber:asc', 'fields[0]': 'caseNumber' })}`);
      expect(res.status).toBe(200);
      numbers.push(...res.body.data.map((c: { caseNumber: string }) => c.caseNumber));
      if (page >= res.body.meta.pagination.pageCount) return numbers;
    }
  }

  it('the chief prosecutor sees every case', async () => {
    const res = await chief.get('/api/cases');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.total).toBeGreaterThanOrEqual(60);
  });

  it('each demo prosecutor sees only the cases of their own team, and the two teams do not overlap', async () => {
    const [all, mine, theirs] = await Promise.all([allNumbers(chief), allNumbers(fiscal1), allNumbers(fiscal2)]);
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.length + theirs.length).toBeLessThan(all.length);
    expect(mine.filter((n) => theirs.includes(n))).toEqual([]);
    for (const n of mine) expect(all).toContain(n);
  });

  it('the list total equals the rows a user can page through', async () => {
    const first = await fiscal1.get(`/api/cases?${qs({ 'pagination[pageSize]': 7 })}`);
    const numbers = await allNumbers(fiscal1);
    expect(first.body.meta.pagination.total).toBe(numbers.length);
    expect(first.body.meta.pagination.pageCount).toBe(Math.ceil(numbers.length / 7));
  });

  it('a case of another team answers 404, exactly like a case that does not exist', async () => {
    const other = await fiscal2.get(`/api/cases?${qs({ 'pagination[pageSize]': 1 })}`);
    const documentId = other.body.data[0].documentId;
    expect((await fiscal2.get(`/api/cases/${documentId}`)).status).toBe(200);
    const refused = await fiscal1.get(`/api/cases/${documentId}`);
    const missing = await fiscal1.get('/api/cases/zzzzzzzzzzzzzzzzzzzzzzzz');
    expect(refused.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(refused.body.error.message).toBe(missing.body.error.message);
  });

  it('an investigator who left a team no longer sees its cases', async () => {
    const seen = await allNumbers(investigator);
    const fiscalCases = new Set([...(await allNumbers(fiscal1)), ...(await allNumbers(fiscal2))]);
    expect(seen.length).toBeGreaterThan(0);
    for (const n of seen) expect(fiscalCases.has(n)).toBe(true);
    // The demo data puts the investigator on every fourth team case and removes them from the
    // next one with an end date in the past: they see fewer cases than half the teams' cases.
    expect(seen.length).toBeLessThan(fiscalCases.size / 2);
  });

  it('filtering on team members cannot widen what a prosecutor sees', async () => {
    const mine = await allNumbers(fiscal1);
    const res = await fiscal1.get(`/api/cases?${qs({ 'filters[members][teamRole][$eq]': 'lead-prosecutor', 'pagination[pageSize]': 100 })}`);
    if (res.status === 200) {
      expect(res.body.meta.pagination.total).toBeLessThanOrEqual(mine.length);
      for (const c of res.body.data) expect(mine).toContain(c.caseNumber);
    } else {
      expect(res.status).toBe(400);
    }
  });

  it('populating people and their other cases never reaches a case outside the team', async () => {
    const mine = new Set(await allNumbers(fiscal1));
    const res = await fiscal1.get(`/api/people?${qs({ 'populate[parties][populate][case][fields][0]': 'caseNumber', 'pagination[pageSize]': 100 })}`);
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    for (const person of res.body.data) {
      expect(person.code).toMatch(/^[VTIJP]-[2-9A-HJKMNP-TV-Z]{5}$/);
      for (const party of person.parties ?? []) if (party.case) expect(mine.has(party.case.caseNumber)).toBe(true);
    }
  });

  it('people, roles and parties of a case are shown by code, never by identity', async () => {
    const list = await fiscal1.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'populate[parties][populate][person]': 'true', 'populate[agencies]': 'true' })}`);
    const parties = list.body.data[0].parties;
    expect(parties.length).toBeGreaterThan(0);
    for (const party of parties) {
      expect(Object.keys(party.person).sort()).not.toContain('name');
      expect(party.person.code).toMatch(/^[VTIJ]-/);
    }
  });

  it('an anonymous caller gets nothing but sign-in', async () => {
    expect((await anonymous.get('/api/cases')).status).toBe(401);
    expect((await anonymous.get('/api/code-lists')).status).toBe(401);
    expect((await anonymous.get('/api/people')).status).toBe(401);
    const register = await anonymous.request('POST', '/api/auth/local/register', { body: { username: 'intruso', email: 'intruso@example.invalid', password: 'una-clave-larga-123' } });
    expect([400, 401, 403, 404]).toContain(register.status);
  });

  it('roles without case access are refused the case list', async () => {
    for (const username of ['estadistica.demo', 'auditor.demo', 'enlace.demo']) {
      const client = await anonymous.as(username);
      expect((await client.get('/api/cases')).status).toBe(403);
    }
  });

  it('tells the portal who the user is and what they may do', async () => {
    const res = await fiscal1.get('/api/access/me');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ username: 'fiscal.demo1', role: 'prosecutor', roleName: 'Fiscal', can: { createCase: true, seeAllCases: false } });
    const inv = await investigator.get('/api/access/me', 'en');
    expect(inv.body.data).toMatchObject({ role: 'investigator', roleName: 'Investigator', can: { createCase: false } });
  });
});
