// Property tests: for random (user, case, question) triples over the seeded population, what the
// HTTP API answers equals what the pure access policy says, on every database under test.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';
import { canOnCase, canSeePeopleOf, officeToday, type Actor } from '../../plugins/access/server/src/policy/policy.ts';
import { isRoleKey } from '../../plugins/access/server/src/policy/roles.ts';
import { ApiClient, qs } from '../support/api-client.ts';
import { caseFacts, userIds, type CaseFactsRow } from '../support/db-facts.ts';

const targets = inject('apiTargets');
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

describe.each(targets.map((t) => [t.name, t] as const))('the API agrees with the access policy on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  const clients = new Map<string, { client: ApiClient; actor: Actor }>();
  let cases: CaseFactsRow[];
  let portalUsers: string[];
  const today = officeToday();

  beforeAll(async () => {
    const ids = await userIds(target);
    portalUsers = target.credentials.map((c) => c.username);
    for (const username of portalUsers) {
      const found = ids.get(username);
      if (!found) throw new Error(`demo user ${username} is not in the database`);
      clients.set(username, { client: await anonymous.as(username), actor: { id: found.id, role: isRoleKey(found.role) ? found.role : null } });
    }
    cases = await caseFacts(target);
    expect(cases.length).toBeGreaterThan(40);
  });

  const triple = () => fc.tuple(fc.constantFrom(...portalUsers), fc.constantFrom(...cases));

  it('reading one case: 200 exactly when the policy allows it', async () => {
    await fc.assert(
      fc.asyncProperty(triple(), async ([username, facts]) => {
        const { client, actor } = clients.get(username)!;
        const res = await client.get(`/api/cases/${facts.documentId}`);
        expect(res.status === 200, `${username} reading case ${facts.caseId}`).toBe(canOnCase(actor, 'read', facts, today));
        expect(res.status).not.toBeGreaterThanOrEqual(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('lists and counts: a case is listed, and counted, exactly when the policy allows reading it', async () => {
    await fc.assert(
      fc.asyncProperty(triple(), async ([username, facts]) => {
        const { client, actor } = clients.get(username)!;
        const res = await client.get(`/api/cases?${qs({ 'filters[documentId][$eq]': facts.documentId })}`);
        const allowed = canOnCase(actor, 'read', facts, today);
        if (res.status !== 200) {
          expect(allowed, `${username} got ${res.status}`).toBe(false);
        } else {
          expect(res.body.data.length === 1).toBe(allowed);
          expect(res.body.meta.pagination.total).toBe(allowed ? 1 : 0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("a case's people are listed exactly when the policy lets the user see them", async () => {
    await fc.assert(
      fc.asyncProperty(triple(), async ([username, facts]) => {
        const { client, actor } = clients.get(username)!;
        const res = await client.get(`/api/case-parties?${qs({ 'filters[case][documentId][$eq]': facts.documentId, 'pagination[pageSize]': 100 })}`);
        const allowed = canSeePeopleOf(actor, facts, today);
        if (res.status !== 200) expect(allowed, `${username} got ${res.status}`).toBe(false);
        else expect(res.body.meta.pagination.total).toBe(allowed ? facts.parties : 0);
      }),
      { numRuns: RUNS },
    );
  });

  it('editing a case: it succeeds exactly when the policy allows it', async () => {
    await fc.assert(
      fc.asyncProperty(triple(), fc.constantFrom('low', 'medium', 'high'), async ([username, facts], risk) => {
        const { client, actor } = clients.get(username)!;
        const res = await client.request('PUT', `/api/cases/${facts.documentId}`, { body: { data: { risk } } });
        expect(res.status === 200, `${username} editing case ${facts.caseId}: ${res.status}`).toBe(canOnCase(actor, 'update', facts, today));
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each(targets.map((t) => [t.name, t] as const))('random team populations on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  const today = officeToday();
  const shift = (days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  // Other test files rely on the demo prosecutors' and the investigator's teams as seeded; the
  // random teams are built with the victim officer and the analyst, on cases nobody works.
  const TEAM_USERS: Array<[string, string]> = [['victimas.demo', 'victim-officer'], ['analista.demo', 'analyst']];

  it('after random team assignments with past, present and future dates, every answer still equals the policy', async () => {
    const chief = await anonymous.as('titular.demo');
    const ids = await userIds(target);
    // Cases of the third demo team: nobody works them, so each run builds their teams from scratch.
    const pool = (await chief.get(`/api/cases?${qs({ 'pagination[pageSize]': 100, 'filters[isDemo][$eq]': 'true', 'fields[0]': 'caseNumber' })}`)).body.data as Array<{ documentId: string }>;
    const facts0 = await caseFacts(target);
    const empty = pool.filter((c) => facts0.find((f) => f.documentId === c.documentId)?.members.length === 0).slice(0, 12);
    expect(empty.length).toBeGreaterThan(3);
    const membership = fc.record({
      user: fc.constantFrom(...TEAM_USERS),
      caseIndex: fc.nat(empty.length - 1),
      start: fc.integer({ min: -400, max: 30 }),
      length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(membership, { minLength: 1, maxLength: 6 }), fc.array(fc.tuple(fc.constantFrom(...TEAM_USERS.map(([u]) => u)), fc.nat(empty.length - 1)), { minLength: 4, maxLength: 8 }), async (assignments, questions) => {
        for (const a of assignments) {
          const [username, role] = a.user;
          const data = { userId: ids.get(username)!.id, teamRole: role, startDate: shift(a.start), endDate: a.length === null ? null : shift(a.start + a.length) };
          const res = await chief.request('POST', `/api/cases/${empty[a.caseIndex].documentId}/members`, { body: { data } });
          expect(res.status, JSON.stringify(res.body)).toBe(201);
        }
        const facts = await caseFacts(target);
        for (const [username, caseIndex] of questions) {
          const client = await anonymous.as(username);
          const actor: Actor = { id: ids.get(username)!.id, role: ids.get(username)!.role as Actor['role'] };
          const f = facts.find((x) => x.documentId === empty[caseIndex].documentId)!;
          const read = await client.get(`/api/cases/${f.documentId}`);
          expect(read.status === 200, `${username} on ${f.caseId}`).toBe(canOnCase(actor, 'read', f, today));
          const people = await client.get(`/api/case-parties?${qs({ 'filters[case][documentId][$eq]': f.documentId })}`);
          expect(people.body.meta.pagination.total).toBe(canSeePeopleOf(actor, f, today) ? f.parties : 0);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_POPULATIONS ?? 6) },
    );
  });
});
