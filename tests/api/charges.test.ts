// A case's charges over HTTP, on SQLite and PostgreSQL: recorded and changed by the case's
// prosecutors, read by whoever reads the case, the law version derived by the server from the date
// of the facts, every bad input a 400 naming the field, every write on the audit trail.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { queryRows, userIds } from '../support/db-facts.ts';
import { newCaseBody } from '../support/fixtures.ts';

const targets = inject('apiTargets');

describe.each(targets.map((t) => [t.name, t] as const))('charges on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal1: ApiClient;
  let fiscal2: ApiClient;
  let chief: ApiClient;
  let investigator: ApiClient;
  let statistician: ApiClient;
  let caseId: string;
  let otherCaseId: string;
  const party: Record<string, string> = {};

  const openCase = async (client: ApiClient, extra: Record<string, unknown>) => {
    const body = newCaseBody('Caso de prueba de cargos (DEMO)');
    const res = await client.request('POST', '/api/cases', { body: { data: { ...body.data, ...extra } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.documentId as string;
  };
  const addParty = async (client: ApiClient, id: string, data: Record<string, unknown>) => {
    const res = await client.request('POST', `/api/cases/${id}/parties`, { body: { data } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.party as string;
  };
  const charges = (id: string) => `/api/cases/${id}/charges`;

  beforeAll(async () => {
    [fiscal1, fiscal2, chief, investigator, statistician] = await Promise.all(['fiscal.demo1', 'fiscal.demo2', 'titular.demo', 'investigador.demo', 'estadistica.demo'].map((u) => anonymous.as(u)));
    caseId = await openCase(fiscal1, { intakeDate: '2024-07-01', factsDate: '2024-06-01' });
    party.accused = await addParty(fiscal1, caseId, { role: 'imputado', person: { sex: 'm', nationality: 'do', birthYear: 1980 } });
    party.company = await addParty(fiscal1, caseId, { role: 'legal-person', person: { nationality: 'do' } });
    party.victim = await addParty(fiscal1, caseId, { role: 'victim-adult', person: { sex: 'f', nationality: 'ht', birthYear: 1999 } });
    otherCaseId = await openCase(fiscal1, { intakeDate: '2025-02-01' });
    party.elsewhere = await addParty(fiscal1, otherCaseId, { role: 'acusado', person: { sex: 'f', nationality: 'do', birthYear: 1970 } });
    const ids = await userIds(target);
    const added = await fiscal1.request('POST', `/api/cases/${caseId}/members`, { body: { data: { userId: ids.get('investigador.demo')!.id, teamRole: 'investigator' } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
  });

  it('a prosecutor of the team records a charge; the server derives the law version in force on the date of the facts', async () => {
    const res = await fiscal1.request('POST', charges(caseId), { body: { data: { party: party.accused, offence: 'trata-personas', aggravating: ['organised-crime'], status: 'charged', chargedAt: '2024-08-01' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({
      party: { id: party.accused, role: 'imputado', person: { personKind: 'natural' } }, offence: 'trata-personas', lawVersion: 'trata-ley-137-03',
      lawVersionNeedsConfirmation: true, penaltyYears: [15, 20], article: 'Ley 137-03, art. 3 (modificado por la Ley 63-24)', aggravating: ['organised-crime'], status: 'charged',
      chargedAt: '2024-08-01', verdictAt: null, sentenceMonths: null, isDemo: false,
    });
    // Without a date of the facts, the intake date decides: 2025-02-01 falls under Ley 63-24.
    const later = await fiscal1.request('POST', charges(otherCaseId), { body: { data: { party: party.elsewhere, offence: 'trata-personas' } } });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    expect(later.body.data).toMatchObject({ lawVersion: 'trata-ley-63-24', status: 'suspected' });
    const company = await fiscal1.request('POST', charges(caseId), { body: { data: { party: party.company, offence: 'trafico-migrantes', article: 'Ley 137-03, art. 2, párrafo' } } });
    expect(company.status, JSON.stringify(company.body)).toBe(201);
    expect(company.body.data).toMatchObject({ lawVersion: 'trafico-ley-137-03', penaltyYears: [10, 15], article: 'Ley 137-03, art. 2, párrafo', party: { person: { personKind: 'legal' } } });

    const list = await fiscal1.get(charges(caseId));
    expect(list.status).toBe(200);
    expect(list.body.meta).toEqual({ mayEdit: true, factsDate: '2024-06-01' });
    expect(list.body.data.map((c: { offence: string }) => c.offence)).toEqual(['trata-personas', 'trafico-migrantes']);
  });

  it('derives the law version again when the case\'s date of the facts changes', async () => {
    const moved = await fiscal1.request('PUT', `/api/cases/${otherCaseId}`, { body: { data: { factsDate: '2024-10-01' } } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const [charge] = (await fiscal1.get(charges(otherCaseId))).body.data;
    expect(charge).toMatchObject({ offence: 'trata-personas', lawVersion: 'trata-ley-137-03' });
    expect((await fiscal1.get(charges(otherCaseId))).body.meta.factsDate).toBe('2024-10-01');
  });

  it('records a verdict and a sentence, and refuses to leave a conviction with its sentence still on', async () => {
    const [charge] = (await fiscal1.get(charges(caseId))).body.data;
    const convicted = await fiscal1.request('PUT', `${charges(caseId)}/${charge.id}`, { body: { data: { status: 'convicted', verdictAt: '2025-03-10', sentenceMonths: 180, aggravating: ['organised-crime', 'public-official'] } } });
    expect(convicted.status, JSON.stringify(convicted.body)).toBe(200);
    expect(convicted.body.data).toMatchObject({ status: 'convicted', verdictAt: '2025-03-10', sentenceMonths: 180, lawVersion: 'trata-ley-137-03', aggravating: ['organised-crime', 'public-official'] });
    const refused = await fiscal1.request('PUT', `${charges(caseId)}/${charge.id}`, { body: { data: { status: 'acquitted' } }, lang: 'en' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0]).toEqual({ path: ['status'], message: 'A sentence is only recorded with the status convicted.' });
    const acquitted = await fiscal1.request('PUT', `${charges(caseId)}/${charge.id}`, { body: { data: { status: 'acquitted', sentenceMonths: null } } });
    expect(acquitted.status, JSON.stringify(acquitted.body)).toBe(200);
    expect(acquitted.body.data).toMatchObject({ status: 'acquitted', sentenceMonths: null, verdictAt: '2025-03-10' });
  });

  it('answers every bad input with a 400 naming the field, in Spanish or English', async () => {
    const ok = { party: party.accused, offence: 'trata-personas' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ok, party: party.victim }, 'party'],
      [{ ...ok, party: party.elsewhere }, 'party'],
      [{ offence: 'trata-personas' }, 'party'],
      [{ ...ok, offence: 'robo' }, 'offence'],
      [{ ...ok, lawVersion: 'trata-ley-63-24' }, 'lawVersion'],
      [{ ...ok, aggravating: ['menor-de-edad'] }, 'aggravating'],
      [{ ...ok, status: 'guilty' }, 'status'],
      [{ ...ok, status: 'indicted', sentenceMonths: 24 }, 'sentenceMonths'],
      [{ ...ok, status: 'convicted', sentenceMonths: 5000 }, 'sentenceMonths'],
      [{ ...ok, status: 'convicted', chargedAt: '2025-05-01', verdictAt: '2025-01-01' }, 'verdictAt'],
      [{ ...ok, status: 'charged', chargedAt: '2999-01-01' }, 'chargedAt'],
      [{ ...ok, case: otherCaseId }, 'case'],
    ];
    for (const [data, field] of cases) {
      const res = await fiscal1.request('POST', charges(caseId), { body: { data }, lang: 'en' });
      expect(res.status, `${field} ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
    const spanish = await fiscal1.request('POST', charges(caseId), { body: { data: { ...ok, status: 'indicted', sentenceMonths: 24 } } });
    expect(spanish.body.error.message).toBe('Solo se registra una pena con el estado condenado.');
    const english = await fiscal1.request('POST', charges(caseId), { body: { data: { ...ok, party: party.victim } }, lang: 'en' });
    expect(english.body.error.message).toMatch(/^The party is not an accused person of this case/);
    const [charge] = (await fiscal1.get(charges(caseId))).body.data;
    expect((await fiscal1.request('PUT', `${charges(caseId)}/${charge.id}`, { body: { data: { party: party.company } } })).body.error.details.errors[0].path).toEqual(['party']);
    expect((await fiscal1.request('PUT', `${charges(caseId)}/nosuchcharge0000000000000`, { body: { data: { status: 'charged' } } })).status).toBe(404);
    // A charge of one case is not found through another.
    expect((await fiscal1.request('PUT', `${charges(otherCaseId)}/${charge.id}`, { body: { data: { status: 'charged' } } })).status).toBe(404);
  });

  it('is seen exactly by whoever sees the case, and changed only by its editors', async () => {
    const [charge] = (await fiscal1.get(charges(caseId))).body.data;
    // Another team's prosecutor: the case does not exist for them.
    expect((await fiscal2.get(charges(caseId))).status).toBe(404);
    expect((await fiscal2.request('POST', charges(caseId), { body: { data: { party: party.accused, offence: 'trata-personas' } } })).status).toBe(404);
    expect((await fiscal2.request('PUT', `${charges(caseId)}/${charge.id}`, { body: { data: { status: 'charged' } } })).status).toBe(404);
    // The investigator on the team reads, but may not write.
    const read = await investigator.get(charges(caseId));
    expect(read.status).toBe(200);
    expect(read.body.meta.mayEdit).toBe(false);
    expect(read.body.data).toHaveLength(2);
    expect((await investigator.request('POST', charges(caseId), { body: { data: { party: party.accused, offence: 'trata-personas' } } })).status).toBe(403);
    // The chief prosecutor reads every case's charges, but not who the people are outside their teams.
    const chiefRead = await chief.get(charges(caseId));
    expect(chiefRead.status).toBe(200);
    expect(chiefRead.body.data).toHaveLength(2);
    expect(chiefRead.body.data[0].party).toBeNull();
    // The statistics unit reads no case rows; anonymous callers nothing.
    expect((await statistician.get(charges(caseId))).status).toBe(403);
    expect((await anonymous.get(charges(caseId))).status).toBe(401);
  });

  it('leaves every write on the audit trail, without personal data', async () => {
    const before = Number((await queryRows<{ n: number | null }>(target, 'select max(seq) as n from audit_entries'))[0]!.n ?? 0);
    const created = await fiscal1.request('POST', charges(caseId), { body: { data: { party: party.accused, offence: 'delito-conexo', article: 'Código Penal, art. 147' } } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const changed = await fiscal1.request('PUT', `${charges(caseId)}/${created.body.data.id}`, { body: { data: { status: 'charged', chargedAt: '2024-09-01' } } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const entries = await queryRows<{ action: string; target_type: string; target_id: string; fields: string }>(target, `select action, target_type, target_id, fields from audit_entries where seq > ${before} and target_type = 'charge' order by seq`);
    expect(entries.map((e) => [e.action, e.target_id])).toEqual([['charge.create', created.body.data.id], ['charge.update', created.body.data.id]]);
    expect(JSON.parse(entries[1]!.fields)).toEqual(expect.arrayContaining(['status', 'chargedAt']));
  });
});
