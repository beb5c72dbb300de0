// Team assignment: who may change a case team, what the change does to access and sessions.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, qs } from '../support/api-client.ts';
import { userIds } from '../support/db-facts.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('case teams on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let chief: ApiClient;
  let fiscal1: ApiClient;
  let fiscal2: ApiClient;
  let ids: Awaited<ReturnType<typeof userIds>>;
  let caseOfTeam2: { documentId: string; caseNumber: string };

  beforeAll(async () => {
    chief = await anonymous.as('titular.demo');
    fiscal1 = await anonymous.as('fiscal.demo1');
    fiscal2 = await anonymous.as('fiscal.demo2');
    ids = await userIds(target);
    caseOfTeam2 = (await fiscal2.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'filters[isDemo][$eq]': 'true', 'sort[0]': 'caseNumber:asc' })}`)).body.data[0];
  });

  it('the team can see who is on it, by username and team role only', async () => {
    const res = await fiscal2.get(`/api/cases/${caseOfTeam2.documentId}/members`);
    expect(res.status).toBe(200);
    expect(res.body.data.some((m: { user: { username: string }; teamRole: string }) => m.user.username === 'fiscal.demo2' && m.teamRole === 'lead-prosecutor')).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/@|password|email/);
    expect((await fiscal1.get(`/api/cases/${caseOfTeam2.documentId}/members`)).status).toBe(404);
  });

  it('the chief adds a victim officer, who then sees the case; the lead ends it, and access and sessions end at once', async () => {
    const officer = await anonymous.as('victimas.demo', { fresh: true });
    const before = await officer.get(`/api/cases/${caseOfTeam2.documentId}`);
    const added = await chief.request('POST', `/api/cases/${caseOfTeam2.documentId}/members`, { body: { data: { userId: ids.get('victimas.demo')!.id, teamRole: 'victim-officer' } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.data).toMatchObject({ teamRole: 'victim-officer', active: true, user: { username: 'victimas.demo' } });
    expect((await officer.get(`/api/cases/${caseOfTeam2.documentId}`)).status).toBe(200);
    if (before.status === 200) return; // the officer was already on this team in the demo data
    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const ended = await fiscal2.request('PUT', `/api/cases/${caseOfTeam2.documentId}/members/${added.body.data.id}`, { body: { data: { endDate: yesterday } } });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.data.active).toBe(false);
    expect((await officer.get('/api/access/me')).status).toBe(401);
    const again = await anonymous.as('victimas.demo', { fresh: true });
    expect((await again.get(`/api/cases/${caseOfTeam2.documentId}`)).status).toBe(404);
  });

  it('refuses a team change from anyone but the chief or the lead, and bad input with 400 naming the field', async () => {
    const investigator = await anonymous.as('investigador.demo');
    const body = { data: { userId: ids.get('analista.demo')!.id, teamRole: 'analyst' } };
    expect((await fiscal1.request('POST', `/api/cases/${caseOfTeam2.documentId}/members`, { body })).status).toBe(404);
    expect([403, 404]).toContain((await investigator.request('POST', `/api/cases/${caseOfTeam2.documentId}/members`, { body })).status);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ userId: ids.get('analista.demo')!.id, teamRole: 'jefe' }, 'teamRole'],
      [{ userId: ids.get('analista.demo')!.id, teamRole: 'investigator' }, 'userId'],
      [{ userId: 999999, teamRole: 'analyst' }, 'userId'],
      [{ userId: ids.get('analista.demo')!.id, teamRole: 'analyst', startDate: '2026-02-30' }, 'startDate'],
      [{ userId: ids.get('analista.demo')!.id, teamRole: 'analyst', startDate: '2026-03-01', endDate: '2026-01-01' }, 'endDate'],
    ];
    for (const [data, field] of cases) {
      const res = await fiscal2.request('POST', `/api/cases/${caseOfTeam2.documentId}/members`, { body: { data } });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
  });

  it('a member added to a team sees the case at once, though their team list is remembered for the session', async () => {
    const analyst = await anonymous.as('analista.demo', { fresh: true });
    const total = async () => (await analyst.get(`/api/cases?${qs({ 'pagination[pageSize]': 1 })}`)).body.meta.pagination.total as number;
    const before = await total();
    const opened = (await fiscal1.request('POST', '/api/cases', { body: { data: { title: 'Caso de prueba del equipo recordado (DEMO)', caseType: 'trata', origin: 'denuncia', intakeDate: '2026-01-15', province: 'santiago', exploitationForms: ['trabajo-forzoso'], palermoActs: ['captacion'], palermoMeans: ['engano'], priority: 'high', risk: 'medium', isComplex: false, summary: 'Hechos ficticios.' } } })).body.data.documentId;
    expect((await analyst.get(`/api/cases/${opened}`)).status).toBe(404);
    const added = await fiscal1.request('POST', `/api/cases/${opened}/members`, { body: { data: { userId: ids.get('analista.demo')!.id, teamRole: 'analyst' } } });
    expect(added.status).toBe(201);
    expect((await analyst.get(`/api/cases/${opened}`)).status).toBe(200);
    expect(await total()).toBe(before + 1);
  });
});
