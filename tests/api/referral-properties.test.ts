// Property tests of the referral scope: over random referrals (agencies, cases, revocations), a
// liaison reaches a referral exactly when the policy says so (made to their agency, not revoked),
// lists exactly those, and never reaches a case, person, party, victim profile, evidence item or
// the case's referral list, on every database under test.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import fc from 'fast-check';
import { canReadReferral, officeToday, type Actor } from '../../plugins/access/server/src/policy/policy.ts';
import { ApiClient, qs } from '../support/api-client.ts';
import { caseFacts, queryRows, userIds, type CaseFactsRow } from '../support/db-facts.ts';

const targets = inject('apiTargets');
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
// Agencies with a data set for the purpose; CONANI has no liaison account at all.
const DESTINATIONS = [
  { agency: 'REFUGIO', purpose: 'albergue' },
  { agency: 'INACIF', purpose: 'examen-forense' },
  { agency: 'CONANI', purpose: 'proteccion-nna' },
] as const;
const LIAISONS = ['enlace.demo', 'enlace.demo2'];

interface Made { documentId: string; caseDocumentId: string; agencyId: number; status: string; facts: CaseFactsRow; victimCode: string | null }

describe.each(targets.map((t) => [t.name, t] as const))('referrals agree with the access policy on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  const today = officeToday();
  const made: Made[] = [];
  const liaisons = new Map<string, { client: ApiClient; actor: Actor; agencyIds: number[] }>();
  let cases: CaseFactsRow[];

  beforeAll(async () => {
    const ids = await userIds(target);
    const agencies = new Map((await queryRows<{ id: number; code: string }>(target, 'SELECT id, code FROM agencies')).map((a) => [a.code, Number(a.id)]));
    const links = await queryRows<{ user_id: number; agency_id: number }>(target, `
      SELECT ul.agency_liaison_id AS link, ul.user_id, al.agency_id FROM pett_agency_liaisons l
      JOIN pett_agency_liaisons_user_lnk ul ON ul.agency_liaison_id = l.id JOIN pett_agency_liaisons_agency_lnk al ON al.agency_liaison_id = l.id WHERE l.active = ${target.name === 'postgres' ? 'true' : '1'}`);
    for (const username of LIAISONS) {
      const id = ids.get(username)!.id;
      liaisons.set(username, { client: await anonymous.as(username), actor: { id, role: 'agency-liaison' }, agencyIds: links.filter((l) => Number(l.user_id) === id).map((l) => Number(l.agency_id)) });
    }
    expect(liaisons.get('enlace.demo')!.agencyIds).toEqual([agencies.get('REFUGIO')]);
    expect(liaisons.get('enlace.demo2')!.agencyIds).toEqual([agencies.get('INACIF')]);

    // Random referrals from the demo prosecutors' own cases, some revoked at once.
    const prosecutors = new Map<number, ApiClient>();
    for (const username of ['fiscal.demo1', 'fiscal.demo2']) prosecutors.set(ids.get(username)!.id, await anonymous.as(username));
    cases = await caseFacts(target);
    const led = cases.filter((c) => c.members.some((m) => prosecutors.has(m.userId) && m.teamRole === 'lead-prosecutor' && m.endDate === null));
    expect(led.length).toBeGreaterThan(10);
    const plan = fc.sample(fc.record({ caseIndex: fc.nat(led.length - 1), destination: fc.constantFrom(...DESTINATIONS), revoke: fc.boolean(), withVictim: fc.boolean() }), { numRuns: 16, seed: 9 });
    for (const p of plan) {
      const facts = led[p.caseIndex];
      const client = prosecutors.get(facts.members.find((m) => prosecutors.has(m.userId) && m.teamRole === 'lead-prosecutor')!.userId)!;
      // Half of them name a victim of the case, under a recorded legal basis.
      const victims = p.withVictim ? ((await client.get(`/api/cases/${facts.documentId}/referrals`)).body.meta.options.victims as Array<{ code: string }>) : [];
      const victimCode = victims[0]?.code ?? null;
      const victim = victimCode ? { victim: victimCode, legalBasis: { code: 'ley-137-03', text: 'Asistencia y protección de la víctima (DEMO).' } } : {};
      const res = await client.request('POST', `/api/cases/${facts.documentId}/referrals`, { body: { data: { agency: p.destination.agency, purpose: p.destination.purpose, needs: 'Prueba de propiedades (DEMO).', ...victim } } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      let status = 'sent';
      if (p.revoke) {
        const revoked = await client.request('POST', `/api/referrals/${res.body.data.documentId}/revoke`, { body: { data: { reason: 'Revocada en la prueba de propiedades.' } } });
        expect(revoked.status).toBe(200);
        status = 'revoked';
      }
      made.push({ documentId: res.body.data.documentId, caseDocumentId: facts.documentId, agencyId: agencies.get(p.destination.agency)!, status, facts, victimCode });
    }
  });

  it('reading one referral and its thread: 200 exactly when the policy allows it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LIAISONS), fc.constantFrom(...made), async (username, referral) => {
        const { client, actor, agencyIds } = liaisons.get(username)!;
        const allowed = canReadReferral(actor, { members: referral.facts.members, agencyId: referral.agencyId, status: referral.status }, today, agencyIds);
        const res = await client.get(`/api/referrals/${referral.documentId}`);
        expect(res.status, `${username} reading referral to agency ${referral.agencyId} (${referral.status})`).toBe(allowed ? 200 : 404);
        expect((await client.get(`/api/referrals/${referral.documentId}/messages`)).status).toBe(allowed ? 200 : 404);
        if (allowed) expect(JSON.stringify(res.body)).not.toContain(referral.caseDocumentId);
      }),
      { numRuns: RUNS },
    );
  });

  it("a liaison's inbox lists exactly the referrals the policy lets them read", async () => {
    for (const [username, { client, actor, agencyIds }] of liaisons) {
      const listed = new Set<string>();
      for (let page = 1; ; page += 1) {
        const res = await client.get(`/api/referrals?${qs({ page, pageSize: 100 })}`);
        expect(res.status).toBe(200);
        for (const r of res.body.data) listed.add(r.documentId);
        if (page >= res.body.meta.pagination.pageCount) break;
      }
      const expected = made.filter((r) => canReadReferral(actor, { members: r.facts.members, agencyId: r.agencyId, status: r.status }, today, agencyIds)).map((r) => r.documentId).sort();
      expect(made.map((r) => r.documentId).filter((id) => listed.has(id)).sort(), username).toEqual(expected);
    }
  });

  it('a liaison never reaches a case, its people, victim profiles, evidence or referral list, referred or not', async () => {
    const referred = [...new Set(made.map((r) => r.caseDocumentId))];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LIAISONS), fc.constantFrom(...referred, ...cases.slice(0, 20).map((c) => c.documentId)), async (username, caseDocumentId) => {
        const { client } = liaisons.get(username)!;
        expect((await client.get(`/api/cases/${caseDocumentId}`)).status).toBeGreaterThanOrEqual(403);
        const listed = await client.get(`/api/cases?${qs({ 'filters[documentId][$eq]': caseDocumentId })}`);
        if (listed.status === 200) expect(listed.body.meta.pagination.total).toBe(0);
        const parties = await client.get(`/api/case-parties?${qs({ 'filters[case][documentId][$eq]': caseDocumentId })}`);
        if (parties.status === 200) expect(parties.body.meta.pagination.total).toBe(0);
        const people = await client.get(`/api/people?${qs({ 'filters[parties][case][documentId][$eq]': caseDocumentId })}`);
        if (people.status === 200) expect(people.body.meta.pagination.total).toBe(0);
        for (const route of ['evidence', 'referrals', 'members', 'parties']) {
          const res = await client.get(`/api/cases/${caseDocumentId}/${route}`);
          expect(res.status, `${username} GET /api/cases/:id/${route}`).toBeGreaterThanOrEqual(403);
          expect(res.status).toBeLessThan(500);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a liaison never reaches the person or victim profile of a victim named in a referral, even one it reads', async () => {
    const named = made.filter((r) => r.victimCode);
    expect(named.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LIAISONS), fc.constantFrom(...named), async (username, referral) => {
        const { client } = liaisons.get(username)!;
        const code = referral.victimCode!;
        expect((await client.get(`/api/people/by-code/${code}`)).status).toBeGreaterThanOrEqual(403);
        const people = await client.get(`/api/people?${qs({ 'filters[code][$eq]': code })}`);
        if (people.status === 200) expect(people.body.meta.pagination.total).toBe(0);
        const profiles = await client.get(`/api/victim-profiles?${qs({ 'filters[person][code][$eq]': code })}`);
        if (profiles.status === 200) expect(profiles.body.meta.pagination.total).toBe(0);
        else expect(profiles.status).toBeGreaterThanOrEqual(403);
        expect((await client.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: { wasCharged: true } } })).status).toBeGreaterThanOrEqual(403);
      }),
      { numRuns: RUNS },
    );
  });
});
