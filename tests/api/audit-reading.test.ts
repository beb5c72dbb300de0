// Reading the audit trail over HTTP, on SQLite and PostgreSQL: a case's activity for its lead
// prosecutor and the chief (403 for the rest of the team, 404 outside it); the auditors' search,
// verification and exports (CSV, and JSON signed with the checkpoint key), the export itself on
// the trail; bad query values refused with the parameter named.
import fs from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient } from '../support/api-client.ts';
import { queryRows, userIds } from '../support/db-facts.ts';
import { canonicalJson } from '../../plugins/audit/server/src/chain/canonical-json.ts';
import { keyIdOf, publicKeyFileOf } from '../../plugins/audit/server/src/chain/checkpoint.ts';
import { entryHash } from '../../plugins/audit/server/src/chain/entry.ts';

const targets = inject('apiTargets');
const REASON = 'Preparar la audiencia con la víctima y su acompañante del centro.';

describe.each(targets.map((t) => [t.name, t] as const))('reading the audit trail on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let lead: ApiClient;
  let chief: ApiClient;
  let auditor: ApiClient;
  let caseId: string;
  let personCode: string;

  beforeAll(async () => {
    [lead, chief, auditor] = await Promise.all(['fiscal.demo1', 'titular.demo', 'auditor.demo'].map((u) => anonymous.as(u)));
    caseId = (await lead.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba de la lectura de la bitácora (DEMO)') })).body.data.documentId;
    expect((await lead.request('PUT', `/api/cases/${caseId}`, { body: { data: { priority: 'low' } } })).status).toBe(200);
    const ids = await userIds(target);
    // Another member who is not the lead; not the other demo prosecutor, whose team must stay apart.
    const added = await lead.request('POST', `/api/cases/${caseId}/members`, { body: { data: { userId: ids.get('investigador.demo')!.id, teamRole: 'investigator' } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const party = await lead.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'f', nationality: 'do', birthYear: 1990 }, identity: { givenNames: 'Lectora (ficticia)', familyNames: 'Bitácora Prueba' } } } });
    expect(party.status, JSON.stringify(party.body)).toBe(201);
    personCode = party.body.data.person.code;
    expect((await lead.request('POST', `/api/people/by-code/${personCode}/reveal`, { body: { reason: REASON } })).status).toBe(200);
  });

  it('shows the lead prosecutor who saw and changed what in the case, newest first, with the people by code', async () => {
    const res = await lead.get(`/api/audit/cases/${caseId}/activity?pageSize=50`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = res.body.data as Array<{ seq: number; action: string; actor: { username: string; role: string }; target: { type: string; code: string | null }; fields: string[]; outcome: string }>;
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => b - a));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'case.update', actor: expect.objectContaining({ username: 'fiscal.demo1', role: 'prosecutor' }), fields: ['priority'], outcome: 'success' }));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'case.create' }));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'case-member.create' }));
    expect(rows).toContainEqual(expect.objectContaining({ action: 'identity.reveal', target: expect.objectContaining({ type: 'person', code: personCode }) }));
    expect(JSON.stringify(res.body)).not.toContain('Lectora');
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 50, total: rows.length });
  });

  it('pages the activity, and the chief prosecutor sees it too', async () => {
    const first = await chief.get(`/api/audit/cases/${caseId}/activity?page=1&pageSize=2`);
    const second = await chief.get(`/api/audit/cases/${caseId}/activity?page=2&pageSize=2`);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body.data).toHaveLength(2);
    expect(second.body.data[0].seq).toBeLessThan(first.body.data[1].seq);
    expect(first.body.meta.pagination.pageCount).toBe(Math.ceil(first.body.meta.pagination.total / 2));
  });

  it('refuses the activity to another member of the team (403), and hides the case from another team (404)', async () => {
    const member = await anonymous.as('investigador.demo', { fresh: true });
    const refused = await member.get(`/api/audit/cases/${caseId}/activity`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/fiscal titular/);
    const other = await anonymous.as('fiscal.demo2');
    const theirs = (await other.request('POST', '/api/cases', { body: newCaseBody('Caso de otro equipo (DEMO)') })).body.data.documentId;
    expect((await other.get(`/api/audit/cases/${theirs}/activity`)).status).toBe(200);
    const hidden = await lead.get(`/api/audit/cases/${theirs}/activity`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toMatch(/no tiene acceso/);
    expect((await auditor.get(`/api/audit/cases/${caseId}/activity`)).status).toBe(403);
  });

  it('lets the auditor search by actor, action, target and period, and nobody else', async () => {
    const today = new Date(Date.now() - 4 * 3600_000).toISOString().slice(0, 10);
    const res = await auditor.get(`/api/audit/entries?actor=fiscal.demo1&action=case.update&targetType=case&targetId=${caseId}&from=${today}&to=${today}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({ action: 'case.update', actor: { username: 'fiscal.demo1', role: 'prosecutor' }, target: { type: 'case', id: caseId }, fields: ['priority'] });
    expect(res.body.data[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await auditor.get('/api/audit/entries?actor=nadie.existe')).body.data).toEqual([]);
    expect((await auditor.get('/api/audit/entries?from=2000-01-01&to=2000-01-02')).body.meta.pagination.total).toBe(0);
    expect((await chief.get('/api/audit/entries')).status).toBe(403);
    expect((await auditor.get(`/api/cases/${caseId}`)).status).toBeGreaterThanOrEqual(403);
  });

  it('verifies the trail for the auditor, and records that it did', async () => {
    const res = await auditor.request('POST', '/api/audit/verify');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ ok: true, problems: [] });
    expect(res.body.data.entries).toBeGreaterThan(10);
    expect((await chief.request('POST', '/api/audit/verify')).status).toBe(403);
    const [entry] = await queryRows<{ outcome: string }>(target, "select outcome from audit_entries where action = 'audit.verify' order by seq desc");
    expect(entry.outcome).toBe('valid');
  });

  it('exports a case trail as CSV and as JSON signed with the checkpoint key, and records each export', async () => {
    const csv = await auditor.get(`/api/audit/cases/${caseId}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="bitacora-/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,at,actor_kind,/);
    expect(lines.some((l) => l.includes(',case.update,case,') && l.includes('fiscal.demo1'))).toBe(true);

    const json = await auditor.get(`/api/audit/cases/${caseId}/export?format=json`);
    expect(json.status).toBe(200);
    const publicKey = createPublicKey(fs.readFileSync(publicKeyFileOf(target.env.PETT_AUDIT_KEY_FILE)));
    expect(json.body.keyId).toBe(keyIdOf(publicKey));
    expect(verify(null, Buffer.from(canonicalJson(json.body.export), 'utf8'), publicKey, Buffer.from(json.body.signature, 'base64'))).toBe(true);
    const tampered = { ...json.body.export, case: 'otro' };
    expect(verify(null, Buffer.from(canonicalJson(tampered), 'utf8'), publicKey, Buffer.from(json.body.signature, 'base64'))).toBe(false);
    const entries = json.body.export.entries as Array<{ action: string; hash: string; target: { id: string } }>;
    expect(entries.every((e) => entryHash(e as never) === e.hash)).toBe(true);
    expect(entries).toContainEqual(expect.objectContaining({ action: 'audit.export', target: expect.objectContaining({ id: caseId }) }));

    const recorded = await auditor.get(`/api/audit/entries?action=audit.export&targetId=${caseId}`);
    expect(recorded.body.data.map((e: { fields: string[] }) => e.fields[0])).toEqual(['json', 'csv']);
    expect(recorded.body.data[0].actor).toMatchObject({ username: 'auditor.demo', role: 'auditor' });
    expect((await lead.get(`/api/audit/cases/${caseId}/export?format=csv`)).status).toBe(403);
  });

  it('refuses bad query values with 400, naming the parameter, in the caller language', async () => {
    const cases: Array<[ApiClient, string, string, RegExp]> = [
      [lead, `/api/audit/cases/${caseId}/activity?page=0`, 'page', /parámetro «page»/],
      [lead, `/api/audit/cases/${caseId}/activity?pageSize=500`, 'pageSize', /parámetro «pageSize»/],
      [auditor, '/api/audit/entries?from=2026-13-01', 'from', /parámetro «from»/],
      [auditor, '/api/audit/entries?to=ayer', 'to', /parámetro «to»/],
      [auditor, '/api/audit/entries?action=DROP%20TABLE', 'action', /parámetro «action»/],
      [auditor, '/api/audit/entries?sort=seq', 'sort', /parámetro «sort»/],
      [auditor, `/api/audit/cases/${caseId}/export?format=xlsx`, 'format', /parámetro «format»/],
      [auditor, `/api/audit/cases/${caseId}/export`, 'format', /parámetro «format»/],
    ];
    for (const [client, route, parameter, message] of cases) {
      const res = await client.get(route);
      expect(res.status, route).toBe(400);
      expect(res.body.error.message, route).toMatch(message);
      expect(res.body.error.details.errors[0].path, route).toEqual([parameter]);
    }
    const english = await auditor.get('/api/audit/entries?page=abc', 'en-US,en;q=0.9');
    expect(english.status).toBe(400);
    expect(english.body.error.message).toMatch(/The parameter «page»/);
  });
  it('shows the case’s own working records in its activity: the checklist ticks, the move and the deadlines it started', async () => {
    const runs = (await lead.get(`/api/cases/${caseId}/checklists`)).body.data as Array<{ id: string; steps: Array<{ key: string }> }>;
    const intake = runs.find((r) => r.steps.some((step) => step.key === 'intake-register'))!;
    expect((await lead.request('PUT', `/api/cases/${caseId}/checklists/${intake.id}/steps/intake-register`, { body: { status: 'done' } })).status).toBe(200);
    expect((await lead.request('POST', `/api/cases/${caseId}/transitions`, { body: { to: 'investigation', reason: 'Denuncia registrada; se investiga.' } })).status).toBe(201);
    const activity = await lead.get(`/api/audit/cases/${caseId}/activity?pageSize=100`);
    expect(activity.status).toBe(200);
    const actions = new Set((activity.body.data as Array<{ action: string }>).map((e) => e.action));
    for (const action of ['sop-run-step.update', 'case-move.create', 'sop-run.create', 'case-deadline.create']) expect(actions, action).toContain(action);
  });

  it('shows the case’s charges and evidence in its activity too', async () => {
    const accused = await lead.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'imputado', person: { sex: 'm', nationality: 'do', birthYear: 1980 } } } });
    expect(accused.status, JSON.stringify(accused.body)).toBe(201);
    const charge = await lead.request('POST', `/api/cases/${caseId}/charges`, { body: { data: { party: accused.body.data.party, offence: 'trata-personas', status: 'charged' } } });
    expect(charge.status, JSON.stringify(charge.body)).toBe(201);
    const item = await lead.request('POST', `/api/cases/${caseId}/evidence`, { body: { data: {
      evidenceType: 'telefono-movil', description: 'Teléfono móvil (DEMO).', seizedAt: '2026-03-01T14:30:00-04:00', seizedWhere: 'Allanamiento (DEMO)',
      seizedBy: { agency: 'PN-TRATA', user: null }, storageLocation: 'Almacén de evidencias', sealNumber: 'PN-000999', condition: 'sellado-intacto',
    } } });
    expect(item.status, JSON.stringify(item.body)).toBe(201);
    const activity = await lead.get(`/api/audit/cases/${caseId}/activity?pageSize=100`);
    const entries = activity.body.data as Array<{ action: string; target: { type: string } }>;
    expect(entries.find((e) => e.action === 'charge.create')?.target.type).toBe('charge');
    expect(entries.find((e) => e.action === 'evidence.create')?.target.type).toBe('evidence-item');
  });
});
