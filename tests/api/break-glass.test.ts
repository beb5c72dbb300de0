// Emergency access: the chief prosecutor sees every case's summary, but a case's people only on
// their teams or after stating a reason; the case team sees that it happened.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, qs } from '../support/api-client.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('emergency access on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let chief: ApiClient;
  let fiscal1: ApiClient;
  const withParties = `${qs({ 'populate[parties][populate][person]': 'true' })}`;

  beforeAll(async () => {
    chief = await anonymous.as('titular.demo');
    fiscal1 = await anonymous.as('fiscal.demo1');
  });

  it('the chief sees a case summary but not its people without emergency access', async () => {
    const teamCase = (await fiscal1.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'sort[0]': 'caseNumber:asc' })}`)).body.data[0];
    const summary = await chief.get(`/api/cases/${teamCase.documentId}?${withParties}`);
    expect(summary.status).toBe(200);
    expect(summary.body.data.caseNumber).toBe(teamCase.caseNumber);
    expect(summary.body.data.parties).toEqual([]);
    const status = await chief.get(`/api/access/cases/${teamCase.documentId}/emergency-access`);
    expect(status.body.data).toMatchObject({ canSeePeople: false, canBreakGlass: true });
  });

  it('refuses emergency access without a real reason, and to anyone but the chief', async () => {
    const teamCase = (await fiscal1.get(`/api/cases?${qs({ 'pagination[pageSize]': 1 })}`)).body.data[0];
    const short = await chief.request('POST', '/api/access/break-glass', { body: { case: teamCase.documentId, reason: 'urgente' } });
    expect(short.status).toBe(400);
    expect(short.body.error.details.errors[0].path).toEqual(['reason']);
    const byProsecutor = await fiscal1.request('POST', '/api/access/break-glass', { body: { case: teamCase.documentId, reason: 'Necesito revisar el caso por una audiencia urgente mañana.' } });
    expect(byProsecutor.status).toBe(403);
    const unknown = await chief.request('POST', '/api/access/break-glass', { body: { case: 'zzzzzzzzzzzzzzzzzzzzzzzz', reason: 'Necesito revisar el caso por una audiencia urgente mañana.' } });
    expect(unknown.status).toBe(404);
  });

  it('opens the people of the case for 24 hours, and the team sees that it happened', async () => {
    const teamCase = (await fiscal1.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'sort[0]': 'caseNumber:desc', 'filters[isDemo][$eq]': 'true' })}`)).body.data[0];
    const before = await chief.get(`/api/people?${qs({ 'pagination[pageSize]': 1 })}`);
    const reason = 'Audiencia de medida de coerción mañana; el fiscal titular está de licencia.';
    const opened = await chief.request('POST', '/api/access/break-glass', { body: { case: teamCase.documentId, reason } });
    expect(opened.status).toBe(201);
    const hours = (Date.parse(opened.body.data.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const detail = await chief.get(`/api/cases/${teamCase.documentId}?${withParties}`);
    expect(detail.body.data.parties.length).toBeGreaterThan(0);
    const after = await chief.get(`/api/people?${qs({ 'pagination[pageSize]': 1 })}`);
    expect(after.body.meta.pagination.total).toBeGreaterThan(before.body.meta.pagination.total);
    const seenByTeam = await fiscal1.get(`/api/access/cases/${teamCase.documentId}/emergency-access`);
    expect(seenByTeam.status).toBe(200);
    expect(seenByTeam.body.data.grants[0]).toMatchObject({ reason, active: true, by: 'chief-prosecutor' });
  });

  it('does not tell another team about a case through its emergency accesses', async () => {
    const fiscal2 = await anonymous.as('fiscal.demo2');
    const teamCase = (await fiscal1.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'sort[0]': 'caseNumber:desc', 'filters[isDemo][$eq]': 'true' })}`)).body.data[0];
    expect((await fiscal2.get(`/api/access/cases/${teamCase.documentId}/emergency-access`)).status).toBe(404);
  });
});
