// The investigation and intelligence plan over HTTP, on SQLite and PostgreSQL: created from a
// training-manual template, saved whole with per-path errors in both languages, protected against
// lost updates by its version, scoped to the case team, and printed as a Spanish PDF that carries
// pseudonyms only and leaves an entry on the audit trail.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient } from '../support/api-client.ts';
import { queryRows, userIds } from '../support/db-facts.ts';

const targets = inject('apiTargets');
const iso = (days: number) => new Date(Date.now() - 4 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** The text a viewer would show, run together: pdfkit writes standard-font text as hex strings in TJ arrays. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const block of raw.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    for (const hex of block[1].matchAll(/<([0-9a-fA-F]*)>/g)) out.push(Buffer.from(hex[1], 'hex').toString('latin1'));
  }
  return out.join('');
}

describe.each(targets.map((t) => [t.name, t] as const))('investigation plan on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal1: ApiClient;
  let fiscal2: ApiClient;
  let investigator: ApiClient;
  let caseId: string;
  let caseNumber: string;
  let fiscal1DocumentId: string;
  let victimCode: string;
  const victimName = 'Yokasta Plandeprueba (ficticia)';

  beforeAll(async () => {
    [fiscal1, fiscal2, investigator] = await Promise.all(['fiscal.demo1', 'fiscal.demo2', 'investigador.demo'].map((u) => anonymous.as(u)));
    const created = (await fiscal1.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba del plan de investigación (DEMO)') })).body.data;
    caseId = created.documentId;
    caseNumber = created.caseNumber;
    const ids = await userIds(target);
    expect((await fiscal1.request('POST', `/api/cases/${caseId}/members`, { body: { data: { userId: ids.get('investigador.demo')!.id, teamRole: 'investigator' } } })).status).toBe(201);
    const party = await fiscal1.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'f' }, identity: { givenNames: 'Yokasta', familyNames: 'Plandeprueba (ficticia)' } } } });
    expect(party.status).toBe(201);
    victimCode = party.body.data.person.code;
    fiscal1DocumentId = (await queryRows<{ document_id: string }>(target, `select document_id from up_users where username = 'fiscal.demo1'`))[0].document_id;
  });

  it('lists the training-manual templates and creates a case plan from one', async () => {
    const templates = await fiscal1.get('/api/plan-templates');
    expect(templates.status).toBe(200);
    expect(templates.body.data.map((t: { key: string }) => t.key)).toEqual(expect.arrayContaining(['explotacion-sexual', 'trabajo-forzoso', 'trafico-maritimo', 'trata-ninos', 'investigacion-financiera']));

    const none = await fiscal1.get(`/api/cases/${caseId}/plan`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ data: null, meta: { canEdit: true } });

    const unknown = await fiscal1.request('POST', `/api/cases/${caseId}/plan`, { body: { data: { template: 'no-existe' } }, lang: 'en' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['template']);

    const made = await fiscal1.request('POST', `/api/cases/${caseId}/plan`, { body: { data: { template: 'trabajo-forzoso' } } });
    expect(made.status).toBe(201);
    const plan = made.body.data;
    expect(plan).toMatchObject({ version: 1, templateKey: 'trabajo-forzoso', templateVersion: 1 });
    expect(plan.hypotheses.length).toBeGreaterThanOrEqual(2);
    expect(plan.lines.every((l: { hypothesisKey: string }) => plan.hypotheses.some((h: { key: string }) => h.key === l.hypothesisKey))).toBe(true);
    expect(plan.actions.find((a: { key: string }) => a.key === 'a-inspeccion-trabajo')).toMatchObject({ assigneeAgency: 'MT', dueDate: iso(7), status: 'planned' });
    expect(plan.informationNeeds.length).toBeGreaterThan(0);
    expect(made.body.meta.options.team.map((m: { username: string }) => m.username)).toEqual(expect.arrayContaining(['fiscal.demo1', 'investigador.demo']));
    expect(made.body.meta.options.people).toEqual([{ code: victimCode, role: 'victim-adult' }]);

    const again = await fiscal1.request('POST', `/api/cases/${caseId}/plan`, { body: { data: { template: null } } });
    expect(again.status).toBe(409);
  });

  it('lets the configurator edit the templates in the admin panel, where no case plan is reachable', async () => {
    const headers = await anonymous.adminHeaders();
    const templates = await anonymous.request('GET', '/content-manager/collection-types/api::investigation-plan.plan-template', { headers });
    expect(templates.status).toBe(200);
    expect(templates.body.pagination.total).toBeGreaterThanOrEqual(5);
    const plans = await anonymous.request('GET', '/content-manager/collection-types/api::investigation-plan.investigation-plan', { headers });
    if (plans.status === 200) expect(plans.body.results).toEqual([]);
    else expect(plans.status).toBe(403);
  });

  it('gives a case one plan when two editors create it at the same moment', async () => {
    const other = (await fiscal1.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba de creación simultánea (DEMO)') })).body.data.documentId;
    const answers = await Promise.all(['trata-ninos', null].map((template) => fiscal1.request('POST', `/api/cases/${other}/plan`, { body: { data: { template } } })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const rows = await queryRows<{ n: number }>(target, `select count(*) as n from investigation_plans where case_document_id = '${other}'`);
    expect(Number(rows[0].n)).toBe(1);
    const index = target.databaseUrl
      ? "select indexname as name from pg_indexes where indexname = 'pett_investigation_plans_case_uq'"
      : "select name from sqlite_master where type = 'index' and name = 'pett_investigation_plans_case_uq'";
    expect(await queryRows(target, index)).toHaveLength(1);
  });

  it('saves every part, keeps item keys, and refuses a save from a stale version', async () => {
    const { data: plan } = (await fiscal1.get(`/api/cases/${caseId}/plan`)).body;
    const line = plan.lines[0].key;
    const edited = {
      ...plan,
      objective: 'Probar el trabajo forzoso en la finca (ficticia).',
      hypotheses: [...plan.hypotheses, { key: 'h-nueva', statement: 'La víctima fue captada en su comunidad por un intermediario.', personCodes: [victimCode] }],
      actions: [...plan.actions, { key: 'a-equipo', lineKey: line, description: 'Entrevista de seguimiento.', assigneeUser: fiscal1DocumentId, dueDate: iso(4), status: 'in-progress', personCodes: [victimCode] }],
      resources: [{ key: 'rc-vehiculo', kind: 'logistics', description: 'Vehículo para el traslado.', agencyCode: 'PN', secured: true }],
      risks: [{ key: 'r-fuga', description: 'Fuga del empleador.', likelihood: 'medium', impact: 'high', mitigation: 'Impedimento de salida.' }],
      authorisations: [{ key: 'j-finca', kind: 'search', description: 'Allanamiento de la finca.', court: 'Juzgado de la Instrucción (ficticio)', reference: 'AUT-001', requestedOn: iso(-3), grantedOn: iso(-2), expiresOn: iso(13), lineKey: line }],
      mlaRequests: [{ key: 'm-haiti', country: 'ht', authority: 'Ministère de la Justice', subject: 'Antecedentes del intermediario.', sentOn: iso(-1), status: 'sent' }],
    };
    const saved = await fiscal1.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: edited } });
    expect(saved.status).toBe(200);
    expect(saved.body.data.version).toBe(2);
    expect(saved.body.data.hypotheses.map((h: { key: string }) => h.key)).toEqual(edited.hypotheses.map((h: { key: string }) => h.key));
    expect(saved.body.data.actions.at(-1)).toMatchObject({ key: 'a-equipo', assigneeUser: fiscal1DocumentId, assigneeAgency: null, status: 'in-progress', personCodes: [victimCode] });
    expect(saved.body.data.authorisations).toEqual([expect.objectContaining({ key: 'j-finca', expiresOn: iso(13) })]);
    expect(saved.body.data.mlaRequests).toEqual([expect.objectContaining({ key: 'm-haiti', country: 'ht', status: 'sent' })]);
    expect(saved.body.data.updatedBy).toEqual({ username: 'fiscal.demo1' });

    // Another editor still holding version 1 would overwrite that work: refused, nothing written.
    const stale = await fiscal1.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: { ...edited, version: 1, objective: 'Cambio perdido' } }, lang: 'en' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/Someone else saved the plan/);
    expect(stale.body.error.details.currentVersion).toBe(2);
    expect((await fiscal1.get(`/api/cases/${caseId}/plan`)).body.data.objective).toBe(edited.objective);
  });

  it('of two saves from the same version, one is kept and the other is told to reload', async () => {
    const { data: plan } = (await fiscal1.get(`/api/cases/${caseId}/plan`)).body;
    const answers = await Promise.all(['Primera redacción del objetivo.', 'Segunda redacción del objetivo.'].map((objective) => fiscal1.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: { ...plan, objective } } })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const now = (await fiscal1.get(`/api/cases/${caseId}/plan`)).body.data;
    expect(now.version).toBe(plan.version + 1);
    expect(now.objective).toBe(answers.find((a) => a.status === 200)!.body.data.objective);
  });

  it('answers every bad field by its path, in Spanish and in English, and writes nothing', async () => {
    const { data: plan } = (await fiscal1.get(`/api/cases/${caseId}/plan`)).body;
    const bad = {
      ...plan,
      hypotheses: [...plan.hypotheses, { key: 'h-x', statement: '' }, { key: 'h-x', statement: 'Duplicada' }],
      lines: [...plan.lines, { key: 'l-x', hypothesisKey: 'h-no-existe', title: 'Línea' }],
      actions: [{ key: 'a-x', lineKey: plan.lines[0].key, description: 'Algo', assigneeUser: 'usuarioFueraDelEquipo', dueDate: '31/12/2026', status: 'hecha', personCodes: ['Yokasta'] }],
      authorisations: [{ key: 'j-x', kind: 'interception', requestedOn: iso(-1), grantedOn: iso(-2), expiresOn: iso(-5) }],
      mlaRequests: [{ key: 'm-x', country: 'narnia', status: 'sent' }],
      informationNeeds: [{ key: 'n-x', question: 'x'.repeat(1001) }],
      extra: true,
    };
    const paths = ['hypotheses.3.statement', 'hypotheses.4.key', 'lines.3.hypothesisKey', 'actions.0.assigneeUser', 'actions.0.dueDate', 'actions.0.status', 'actions.0.personCodes', 'authorisations.0.grantedOn', 'authorisations.0.expiresOn', 'mlaRequests.0.country', 'mlaRequests.0.sentOn', 'informationNeeds.0.question', 'extra'];
    const es = await fiscal1.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: bad } });
    expect(es.status).toBe(400);
    expect(es.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(expect.arrayContaining(paths));
    const byPath = (res: typeof es, path: string) => res.body.error.details.errors.find((e: { path: string[] }) => e.path.join('.') === path).message;
    expect(byPath(es, 'actions.0.dueDate')).toBe('Fecha no válida: use AAAA-MM-DD.');
    expect(byPath(es, 'actions.0.personCodes')).toMatch(/nunca nombres/);
    const en = await fiscal1.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: bad }, lang: 'en' });
    expect(en.status).toBe(400);
    expect(byPath(en, 'actions.0.dueDate')).toBe('Invalid date: use YYYY-MM-DD.');
    expect(byPath(en, 'lines.3.hypothesisKey')).toBe('Choose an existing hypothesis of the plan.');
    const missingVersion = await fiscal1.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: { ...plan, version: undefined } } });
    expect(missingVersion.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['version']);
    const notObject = await fiscal1.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: 'plan' } });
    expect(notObject.status).toBe(400);
    expect((await fiscal1.get(`/api/cases/${caseId}/plan`)).body.data.version).toBe(plan.version);
  });

  it('is read by the team only, and changed only by those who may change the case', async () => {
    const outsider = await fiscal2.get(`/api/cases/${caseId}/plan`);
    expect(outsider.status).toBe(404);
    expect((await fiscal2.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: { version: 1 } } })).status).toBe(404);
    expect((await fiscal2.get(`/api/cases/${caseId}/plan.pdf`)).status).toBe(404);

    const read = await investigator.get(`/api/cases/${caseId}/plan`);
    expect(read.status).toBe(200);
    expect(read.body.meta.canEdit).toBe(false);
    const write = await investigator.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: read.body.data } });
    expect(write.status).toBe(403);
    expect((await anonymous.get(`/api/cases/${caseId}/plan`)).status).toBe(401);
  });

  it('shows the chief prosecutor outside the team the plan without the people, and keeps them when the chief saves', async () => {
    const chief = await anonymous.as('titular.demo');
    const seen = await chief.get(`/api/cases/${caseId}/plan`);
    expect(seen.status).toBe(200);
    expect(seen.body.meta).toMatchObject({ canEdit: true, options: { people: [] } });
    expect(seen.body.data.hypotheses.flatMap((h: { personCodes: string[] }) => h.personCodes)).toEqual([]);
    expect(JSON.stringify(seen.body)).not.toContain(victimCode);
    const saved = await chief.request('PUT', `/api/cases/${caseId}/plan`, { body: { data: { ...seen.body.data, objective: 'Objetivo revisado por la titular.' } } });
    expect(saved.status).toBe(200);
    const kept = (await fiscal1.get(`/api/cases/${caseId}/plan`)).body.data;
    expect(kept.objective).toBe('Objetivo revisado por la titular.');
    expect(kept.hypotheses.find((h: { key: string }) => h.key === 'h-nueva').personCodes).toEqual([victimCode]);
    expect(kept.actions.find((a: { key: string }) => a.key === 'a-equipo').personCodes).toEqual([victimCode]);
  });

  it('prints a Spanish PDF with the case number and pseudonyms only, and records the export', async () => {
    const before = Number((await queryRows<{ n: number | null }>(target, 'select max(seq) as n from audit_entries'))[0].n ?? 0);
    const res = await fetch(`${target.baseUrl}/api/cases/${caseId}/plan.pdf`, { headers: { authorization: `Bearer ${investigator.token}`, 'accept-language': 'es-DO' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="plan-${caseNumber}.pdf"`);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(caseNumber);
    expect(text).toContain('CONFIDENCIAL');
    expect(text).toContain('Autorizaciones judiciales');
    expect(text).toContain('Tipo de caso: Trata de personas');
    expect(text).toContain('Responsable: fiscal.demo1 (Fiscal titular)');
    expect(text).toContain(victimCode);
    expect(text).toMatch(/Página 1 de \d+/);
    for (const part of [victimName, 'Yokasta', 'Plandeprueba']) {
      expect(text).not.toContain(part);
      expect(pdf.toString('latin1')).not.toContain(part);
    }
    const entries = await queryRows<{ action: string; target_type: string; target_id: string; actor_user_id: number }>(target, `select action, target_type, target_id, actor_user_id from audit_entries where seq > ${before} and action = 'plan.export'`);
    expect(entries).toEqual([expect.objectContaining({ action: 'plan.export', target_type: 'case', target_id: caseId })]);
  });
});
