// The victim profile over HTTP, on SQLite and PostgreSQL: identification, protection measures with
// expiry alerts, consent, service referrals, non-punishment red flags; a minor victim gets a CONANI
// notification task; only the team's prosecutor and victim officer may change it.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient } from '../support/api-client.ts';
import { userIds } from '../support/db-facts.ts';

const targets = inject('apiTargets');
const iso = (days: number) => new Date(Date.now() - 4 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe.each(targets.map((t) => [t.name, t] as const))('victim profile on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal1: ApiClient;
  let officer: ApiClient;
  let investigator: ApiClient;
  let caseId: string;

  beforeAll(async () => {
    [fiscal1, officer, investigator] = await Promise.all(['fiscal.demo1', 'victimas.demo', 'investigador.demo'].map((u) => anonymous.as(u)));
    caseId = (await fiscal1.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba del perfil de víctima (DEMO)') })).body.data.documentId;
    const ids = await userIds(target);
    for (const [username, teamRole] of [['victimas.demo', 'victim-officer'], ['investigador.demo', 'investigator']] as const) {
      expect((await fiscal1.request('POST', `/api/cases/${caseId}/members`, { body: { data: { userId: ids.get(username)!.id, teamRole } } })).status).toBe(201);
    }
  });

  it('creates a CONANI notification task, due the next day, when a child victim is added', async () => {
    const added = await officer.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-child', person: { sex: 'f', nationality: 'ht', birthYear: Number(iso(0).slice(0, 4)) - 13 } } } });
    expect(added.status).toBe(201);
    const page = await officer.get(`/api/people/by-code/${added.body.data.person.code}`);
    expect(page.body.data.victimProfile).toMatchObject({ isMinor: true, canEdit: true });
    expect(page.body.data.tasks).toEqual([{ kind: 'conani-notification', dueDate: iso(1), status: 'open', agency: expect.objectContaining({ code: 'CONANI' }) }]);
  });

  it('records measures, consent, referrals and red flags, and warns of a measure about to expire', async () => {
    const code = (await fiscal1.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'm', birthYear: 1990 } } } })).body.data.person.code;
    const data = {
      identifiedBy: 'CONANI', identificationDate: iso(-10), indicators: ['injuries', 'restricted-movement'], controlMethods: ['debt-bondage'], wasDetained: true,
      protectionMeasures: [
        { measureType: 'alejamiento', authority: 'Juzgado de la Instrucción (ficticio)', startDate: iso(-30), expiryDate: iso(5) },
        { measureType: 'custodia-policial', authority: 'Policía Nacional', startDate: iso(-30), expiryDate: iso(90) },
      ],
      consents: [{ purpose: 'data-sharing', scope: 'CONANI y albergue', givenOn: iso(-9), withdrawnOn: null }],
      serviceReferrals: [{ service: 'shelter', provider: 'Albergue (ficticio)', referredOn: iso(-8), status: 'accepted' }],
    };
    const saved = await officer.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data } });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ wasDetained: true, identifiedBy: { code: 'CONANI' }, consents: data.consents, serviceReferrals: data.serviceReferrals });
    expect(saved.body.data.alerts).toEqual([{ kind: 'measure-expiring', measureType: 'alejamiento', expiryDate: iso(5), daysLeft: 5 }]);
    const page = await fiscal1.get(`/api/people/by-code/${code}`);
    expect(page.body.data.victimProfile.protectionMeasures).toHaveLength(2);
    expect(page.body.data.tasks).toEqual([]);
    // An age under 18 makes them a minor, and so does the box; either creates the CONANI task.
    const young = (await fiscal1.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: {} } } })).body.data.person.code;
    const byAge = await officer.request('PUT', `/api/people/by-code/${young}/victim-profile`, { body: { data: { ageAtIdentification: 16 } } });
    expect(byAge.body.data).toMatchObject({ isMinor: true, ageAtIdentification: 16 });
    expect(byAge.body.data.tasks.map((t: { kind: string }) => t.kind)).toEqual(['conani-notification']);
    const minor = await fiscal1.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: { isMinor: true } } });
    expect(minor.body.data.tasks.map((t: { kind: string }) => t.kind)).toEqual(['conani-notification']);
  });

  it('refuses bad input by field, fields nobody may write, and roles that may not change the profile', async () => {
    const code = (await fiscal1.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: {} } } })).body.data.person.code;
    const bad = await fiscal1.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: { protectionMeasures: [{ measureType: 'x', authority: '', startDate: iso(1), expiryDate: iso(0) }], consents: [{ purpose: 'shelter', givenOn: iso(3) }] } }, lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(expect.arrayContaining(['protectionMeasures.0.measureType', 'protectionMeasures.0.authority', 'protectionMeasures.0.expiryDate', 'consents.0.givenOn']));
    const owned = await fiscal1.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: { isDemo: true, person: 'x' } } });
    expect(owned.status).toBe(400);
    expect(owned.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toEqual(expect.arrayContaining(['isDemo', 'person']));
    // The investigator's role has no victim-profile change at all (the permission matrix says so),
    // and they see the person but not their victim profile.
    expect((await investigator.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: { wasCharged: true } } })).status).toBe(403);
    expect((await investigator.get(`/api/people/by-code/${code}`)).body.data.victimProfile).toBeNull();
    const fiscal2 = await anonymous.as('fiscal.demo2');
    expect((await fiscal2.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: { wasCharged: true } } })).status).toBe(404);
    // A witness has no victim profile.
    const witness = (await fiscal1.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'witness', person: {} } } })).body.data.person.code;
    expect((await fiscal1.request('PUT', `/api/people/by-code/${witness}/victim-profile`, { body: { data: { wasCharged: true } } })).status).toBe(404);
  });
});
