// Referrals over HTTP, on SQLite and PostgreSQL: a prosecutor refers a victim to a shelter with the
// victim's consent (or a recorded legal basis, never neither); the shelter's liaison reads only the
// fields of the data set, acknowledges, works it and writes; another agency's liaison reaches none
// of it; revoking ends the shelter's access at once, and a withdrawn consent hides the victim's data.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient, qs } from '../support/api-client.ts';
import { executeSql, queryRows } from '../support/db-facts.ts';
import { runScript } from '../support/scripts.ts';

const targets = inject('apiTargets');
const SHELTER_FIELDS = ['case.province', 'victim.code', 'victim.sex', 'victim.ageGroup', 'victim.nationality', 'victim.isMinor', 'victim.needs'];
const today = () => new Date(Date.now() - 4 * 3600 * 1000).toISOString().slice(0, 10);
const shift = (days: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(targets.map((t) => [t.name, t] as const))('referrals on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal: ApiClient;
  let outsider: ApiClient;
  let shelter: ApiClient;
  let forensic: ApiClient;
  let caseId: string;
  let caseNumber: string;
  let consenting: string;
  let silent: string;
  let referralId: string;
  const base = () => `/api/cases/${caseId}/referrals`;

  beforeAll(async () => {
    [fiscal, outsider, shelter, forensic] = await Promise.all(['fiscal.demo1', 'fiscal.demo2', 'enlace.demo', 'enlace.demo2'].map((u) => anonymous.as(u)));
    const created = (await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba de derivaciones (DEMO)') })).body.data;
    caseId = created.documentId;
    caseNumber = created.caseNumber;
    const victim = async (data: Record<string, unknown>) => {
      const added = await fiscal.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'f', nationality: 'ht', birthYear: 1998 } } } });
      expect(added.status).toBe(201);
      const code = added.body.data.person.code as string;
      expect((await fiscal.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data } })).status).toBe(200);
      return code;
    };
    consenting = await victim({ sex: 'f', ageAtIdentification: 24, nationality: 'ht', consents: [{ purpose: 'data-sharing', scope: 'Albergue (DEMO)', givenOn: shift(-5), withdrawnOn: null }] });
    silent = await victim({ sex: 'f', ageAtIdentification: 31 });
  });

  it('refers a consenting victim to the shelter with the data set of the purpose, and tells its liaison', async () => {
    const options = await fiscal.get(base());
    expect(options.status).toBe(200);
    expect(options.body.meta.canRefer).toBe(true);
    expect(options.body.meta.options.victims).toEqual(expect.arrayContaining([{ documentId: expect.any(String), code: consenting, consentToShare: true }, { documentId: expect.any(String), code: silent, consentToShare: false }]));
    expect(options.body.meta.options.agencies.find((a: { code: string }) => a.code === 'REFUGIO').purposes).toContain('albergue');

    const made = await fiscal.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'albergue', victim: consenting, needs: 'Alojamiento temporal y acompañamiento psicológico (DEMO).' } } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    referralId = made.body.data.documentId;
    expect(made.body.data).toMatchObject({ status: 'sent', agency: { code: 'REFUGIO' }, purpose: { code: 'albergue' }, basis: { kind: 'consent', consentGivenOn: shift(-5) }, fields: SHELTER_FIELDS, acknowledgeBy: shift(3), canRevoke: true, case: { caseNumber } });

    const notes = await shelter.get('/api/me/notifications');
    expect(notes.status).toBe(200);
    const note = notes.body.data.find((n: { link: string }) => n.link === `/derivaciones/${referralId}`);
    expect(note).toMatchObject({ kind: 'referral-new', messageKey: 'referral.new' });
    expect(JSON.stringify(note)).not.toContain(caseNumber);
    expect(JSON.stringify(note)).not.toContain(consenting);
  });

  it('refuses a victim without consent unless a legal basis is recorded, and names every bad field', async () => {
    const bare = await fiscal.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'albergue', victim: silent } } });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.errors[0].path).toEqual(['legalBasis']);
    expect(bare.body.error.message).toContain('consentimiento vigente');
    const english = await fiscal.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'albergue', victim: silent } }, lang: 'en' });
    expect(english.body.error.message).toContain('legal basis');

    const bad = await fiscal.request('POST', base(), { body: { data: { agency: 'NO-EXISTE', purpose: 'vacaciones', legalBasis: { code: 'capricho', text: 'corto' }, acknowledgeBy: '2001-01-01', colour: 'rojo' } }, lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['acknowledgeBy', 'agency', 'colour', 'legalBasis.code', 'legalBasis.text', 'purpose']);
    const noSet = await fiscal.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'examen-forense' } }, lang: 'en' });
    expect(noSet.status).toBe(400);
    expect(noSet.body.error.details.errors[0].path).toEqual(['purpose']);
    expect(noSet.body.error.message).toContain('data set');
    const stranger = await fiscal.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'albergue', victim: 'V-ZZZZZ' } } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details.errors[0].path).toEqual(['victim']);

    const lawful = await fiscal.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'albergue', victim: silent, legalBasis: { code: 'ley-137-03', text: 'Asistencia y protección inmediata a la víctima (DEMO).' } } } });
    expect(lawful.status).toBe(201);
    expect(lawful.body.data.basis).toMatchObject({ kind: 'legal-basis', code: 'ley-137-03' });
    expect((await outsider.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'albergue' } } })).status).toBe(404);
    expect((await shelter.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'albergue' } } })).status).toBe(403);
  });

  it("shows the shelter's liaison only the chosen fields, computed now, and nothing of the case itself", async () => {
    const inbox = await shelter.get(`/api/referrals?${qs({ pageSize: 100 })}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.meta.side).toBe('agency');
    const row = inbox.body.data.find((r: { documentId: string }) => r.documentId === referralId);
    expect(row).toMatchObject({ status: 'sent', purpose: { code: 'albergue' }, agency: { code: 'REFUGIO' } });
    expect(row.case).toBeUndefined();

    const seen = await shelter.get(`/api/referrals/${referralId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.data.map((f: { key: string }) => f.key)).toEqual(SHELTER_FIELDS);
    const value = (key: string) => seen.body.data.data.find((f: { key: string }) => f.key === key).value;
    expect(value('victim.code')).toBe(consenting);
    expect(value('victim.ageGroup')).toBe('18-29');
    expect(value('case.province')).toBe('santiago');
    expect(seen.body.data.data.find((f: { key: string }) => f.key === 'case.province').text).toBe('Santiago');
    expect(seen.body.data.data.find((f: { key: string }) => f.key === 'victim.code').text).toBeNull();
    const text = JSON.stringify(seen.body);
    expect(text).not.toContain(caseId);
    expect(text).not.toContain(caseNumber);
    expect(seen.body.data).not.toHaveProperty('case');
    expect(seen.body.data).not.toHaveProperty('victim');
    expect(seen.body.data.next).toEqual(['acknowledged', 'rejected']);

    // The referral opens nothing else: not the case, its people, its evidence or its referral list.
    expect((await shelter.get(`/api/cases/${caseId}`)).status).toBeGreaterThanOrEqual(403);
    expect((await shelter.get(`/api/case-parties?${qs({ 'filters[case][documentId][$eq]': caseId })}`)).body.meta?.pagination?.total ?? 0).toBe(0);
    expect((await shelter.get(`/api/people/by-code/${consenting}`)).status).toBeGreaterThanOrEqual(403);
    expect((await shelter.get(`/api/cases/${caseId}/evidence`)).status).toBeGreaterThanOrEqual(403);
    expect((await shelter.get(base())).status).toBeGreaterThanOrEqual(403);
  });

  it('lets the liaison acknowledge, work the referral and write, in the allowed order only', async () => {
    const ack = await shelter.request('POST', `/api/referrals/${referralId}/acknowledge`);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.data).toMatchObject({ status: 'acknowledged', next: ['in-progress', 'completed', 'rejected'] });
    expect(ack.body.data.acknowledgedAt).toBeTruthy();
    const again = await shelter.request('POST', `/api/referrals/${referralId}/acknowledge`, { lang: 'en' });
    expect(again.status).toBe(400);
    expect(again.body.error.details.errors[0].path).toEqual(['status']);
    const badStatus = await shelter.request('POST', `/api/referrals/${referralId}/status`, { body: { data: { status: 'revoked' } }, lang: 'en' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error.details.errors[0].path).toEqual(['status']);
    const noReason = await shelter.request('POST', `/api/referrals/${referralId}/status`, { body: { data: { status: 'rejected' } } });
    expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);
    const working = await shelter.request('POST', `/api/referrals/${referralId}/status`, { body: { data: { status: 'in-progress' } } });
    expect(working.status).toBe(200);
    expect(working.body.data.status).toBe('in-progress');
    // The team cannot act for the agency.
    expect((await fiscal.request('POST', `/api/referrals/${referralId}/acknowledge`)).status).toBe(403);

    const said = await shelter.request('POST', `/api/referrals/${referralId}/messages`, { body: { data: { body: 'La víctima fue recibida en el albergue (DEMO).' } } });
    expect(said.status).toBe(201);
    expect(said.body.data).toMatchObject({ side: 'agency', author: 'enlace.demo' });
    expect((await fiscal.request('POST', `/api/referrals/${referralId}/messages`, { body: { data: { body: 'Gracias, quedamos atentos (DEMO).' } } })).status).toBe(201);
    expect((await fiscal.request('POST', `/api/referrals/${referralId}/messages`, { body: { data: { body: '' } }, lang: 'en' })).body.error.details.errors[0].path).toEqual(['body']);
    const thread = await fiscal.get(`/api/referrals/${referralId}/messages`);
    expect(thread.body.data.map((m: { side: string; author: string }) => [m.side, m.author])).toEqual([['agency', 'enlace.demo'], ['team', 'fiscal.demo1']]);
  });

  it("gives another agency's liaison and another team nothing: not in the inbox, 404 on every route", async () => {
    for (const client of [forensic, outsider]) {
      const list = await client.get(`/api/referrals?${qs({ pageSize: 100 })}`);
      expect(list.status).toBe(200);
      expect(list.body.data.map((r: { documentId: string }) => r.documentId)).not.toContain(referralId);
      expect((await client.get(`/api/referrals/${referralId}`)).status).toBe(404);
      expect((await client.get(`/api/referrals/${referralId}/messages`)).status).toBe(404);
      expect((await client.request('POST', `/api/referrals/${referralId}/messages`, { body: { data: { body: 'hola' } } })).status).toBe(404);
    }
    expect((await forensic.request('POST', `/api/referrals/${referralId}/status`, { body: { data: { status: 'completed' } } })).status).toBe(404);
    expect((await outsider.request('POST', `/api/referrals/${referralId}/revoke`, { body: { data: { reason: 'Prueba de acceso ajeno.' } } })).status).toBe(404);
    expect((await anonymous.get(`/api/referrals/${referralId}`)).status).toBe(401);
  });

  it('hides the victim fields once the consent is withdrawn, and keeps the case fields', async () => {
    const other = await fiscal.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'asistencia', victim: consenting } } });
    expect(other.status).toBe(201);
    expect((await fiscal.request('PUT', `/api/people/by-code/${consenting}/victim-profile`, { body: { data: { consents: [{ purpose: 'data-sharing', scope: 'Albergue (DEMO)', givenOn: shift(-5), withdrawnOn: today() }] } } })).status).toBe(200);
    const seen = await shelter.get(`/api/referrals/${other.body.data.documentId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.withheld).toBe('consent-withdrawn');
    expect(seen.body.data.data).toEqual([]);
    const first = await shelter.get(`/api/referrals/${referralId}`);
    expect(first.body.data.data.map((f: { key: string }) => f.key)).toEqual(['case.province']);
  });

  it('ends the agency’s access at once when the case team revokes the referral', async () => {
    expect((await shelter.get(`/api/referrals/${referralId}`)).status).toBe(200);
    const noReason = await fiscal.request('POST', `/api/referrals/${referralId}/revoke`, { body: { data: {} }, lang: 'en' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);
    const revoked = await fiscal.request('POST', `/api/referrals/${referralId}/revoke`, { body: { data: { reason: 'La víctima fue trasladada a otro albergue (DEMO).' } } });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.data).toMatchObject({ status: 'revoked', canRevoke: false });

    expect((await shelter.get(`/api/referrals/${referralId}`)).status).toBe(404);
    expect((await shelter.get(`/api/referrals/${referralId}/messages`)).status).toBe(404);
    expect((await shelter.request('POST', `/api/referrals/${referralId}/status`, { body: { data: { status: 'completed' } } })).status).toBe(404);
    const inbox = await shelter.get(`/api/referrals?${qs({ pageSize: 100 })}`);
    expect(inbox.body.data.map((r: { documentId: string }) => r.documentId)).not.toContain(referralId);
    const team = await fiscal.get(`/api/referrals/${referralId}`);
    expect(team.status).toBe(200);
    expect(team.body.data.status).toBe('revoked');
    expect((await fiscal.request('POST', `/api/referrals/${referralId}/revoke`, { body: { data: { reason: 'Otra vez, por error.' } } })).status).toBe(400);
    const listed = await fiscal.get(`${base()}?${qs({ status: 'revoked' })}`);
    expect(listed.body.data.map((r: { documentId: string }) => r.documentId)).toEqual([referralId]);
    expect((await fiscal.get(`${base()}?${qs({ status: 'perdida' })}`)).status).toBe(400);

    // Every write and every read of the shared data is on the audit trail, by field name only.
    const trail = await queryRows<{ action: string; fields: unknown }>(target, `select action, fields from audit_entries where target_type = 'referral' and target_id = '${referralId}' order by seq`);
    const actions = trail.map((e) => e.action);
    expect(actions[0]).toBe('referral.create');
    expect(actions.filter((a) => a === 'referral.update')).toHaveLength(3); // acknowledged, in progress, revoked
    expect(actions).toContain('referral.read');
    expect(JSON.stringify(trail)).not.toContain(consenting);
  });

  it('tells the liaisons and the referrer, once, when a referral waits for acknowledgement past its deadline', async () => {
    const made = await fiscal.request('POST', base(), { body: { data: { agency: 'REFUGIO', purpose: 'albergue', needs: 'Plazas disponibles (DEMO).' } } });
    expect(made.status).toBe(201);
    const id = made.body.data.documentId as string;
    expect(made.body.data.overdue).toBe(false);
    await executeSql(target, `UPDATE referrals SET acknowledge_by = '${shift(-2)}' WHERE document_id = '${id}'`);
    expect((await shelter.get(`/api/referrals/${id}`)).body.data.overdue).toBe(true);

    const first = await runScript<{ referrals: number; notifications: number }>('referrals-overdue', target.env);
    expect(first.status, first.output).toBe(0);
    expect(first.json!.referrals).toBeGreaterThanOrEqual(1);
    const again = await runScript<{ referrals: number; notifications: number }>('referrals-overdue', target.env);
    expect(again.json).toEqual({ referrals: 0, notifications: 0 });

    for (const client of [shelter, fiscal]) {
      const notes = ((await client.get('/api/me/notifications')).body.data as Array<{ kind: string; link: string; message: string }>).filter((n) => n.kind === 'referral-ack-overdue' && n.link === `/derivaciones/${id}`);
      expect(notes).toHaveLength(1);
      expect(notes[0].message).toContain(shift(-2).split('-').reverse().join('/'));
    }
    const other = ((await forensic.get('/api/me/notifications')).body.data as Array<{ link: string }>).filter((n) => n.link === `/derivaciones/${id}`);
    expect(other).toEqual([]);
    // Acknowledging late is still allowed, and ends the overdue flag.
    expect((await shelter.request('POST', `/api/referrals/${id}/acknowledge`)).body.data.overdue).toBe(false);
  });
});
