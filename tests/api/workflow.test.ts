// Moving a case along its workflow: what each role may do next, the recorded move, a blocked move,
// the chief's override, a configurator's broken workflow refused, and versions kept by old cases.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, qs } from '../support/api-client.ts';
import { queryRows, userIds } from '../support/db-facts.ts';
import { newCaseBody } from '../support/fixtures.ts';

const targets = inject('apiTargets');
const WORKFLOW_ADMIN = '/content-manager/collection-types/api::workflow.workflow';

describe.each(targets.map((t) => [t.name, t] as const))('case workflow on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let chief: ApiClient;
  let fiscal1: ApiClient;
  let fiscal2: ApiClient;
  let investigator: ApiClient;
  let caseId: string;

  const transitions = (client: ApiClient, id: string, lang?: string) => client.get(`/api/cases/${id}/transitions`, lang);
  const move = (client: ApiClient, id: string, body: unknown, lang?: string) => client.request('POST', `/api/cases/${id}/transitions`, { body, lang });
  const stepTo = (res: { body: { data: { steps: Array<{ to: string }> } } }, to: string) => res.body.data.steps.find((s) => s.to === to) as { to: string; allowed: boolean; canOverride: boolean; reasons: Array<{ code: string; message: string }> };

  beforeAll(async () => {
    chief = await anonymous.as('titular.demo');
    fiscal1 = await anonymous.as('fiscal.demo1');
    fiscal2 = await anonymous.as('fiscal.demo2');
    investigator = await anonymous.as('investigador.demo');
    const created = await fiscal1.request('POST', '/api/cases', { body: newCaseBody('Caso ficticio de prueba del flujo de etapas') });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.data.documentId;
  });

  it('a new case starts at intake on the current version of the general workflow; a smuggling case at sea on the interdiction one', async () => {
    const res = await transitions(fiscal1, caseId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.stage.code).toBe('intake');
    expect(res.body.data.workflow).toMatchObject({ key: 'flujo-general', version: 1, pinned: true });
    const body = newCaseBody('Interdicción ficticia de una yola en el mar');
    const sea = await fiscal1.request('POST', '/api/cases', { body: { data: { ...body.data, caseType: 'trafico', smugglingRoute: 'mar', exploitationForms: [] } } });
    expect(sea.status, JSON.stringify(sea.body)).toBe(201);
    const seaNext = await transitions(fiscal1, sea.body.data.documentId);
    expect(seaNext.body.data.workflow.key).toBe('interdiccion-maritima');
    expect(seaNext.body.data.steps.map((s: { to: string }) => s.to)).toEqual(['arrest', 'closed']);
  });

  it('the next steps differ by role: the prosecutor may investigate but not close, the chief may close (over open protocol gates), the investigator may only look', async () => {
    // The intake protocol's required step first: until it is ticked, investigation is blocked (sop-runs.test.ts).
    const [intake] = (await fiscal1.get(`/api/cases/${caseId}/checklists`)).body.data;
    expect((await fiscal1.request('PUT', `/api/cases/${caseId}/checklists/${intake.id}/steps/intake-register`, { body: { status: 'done' } })).status).toBe(200);
    const forProsecutor = await transitions(fiscal1, caseId, 'en');
    expect(stepTo(forProsecutor, 'investigation')).toMatchObject({ allowed: true, reasons: [] });
    const prosecutorClosing = stepTo(forProsecutor, 'closed');
    expect(prosecutorClosing).toMatchObject({ allowed: false, canOverride: false });
    expect(prosecutorClosing.reasons[0]).toMatchObject({ code: 'role-not-allowed', message: 'Only these roles may make this move: chief-prosecutor.' });
    // Closing at intake would close the victim-care checklists: their open gate steps block it, and only the chief may override them.
    const forChief = await transitions(chief, caseId);
    const chiefClosing = stepTo(forChief, 'closed');
    expect(chiefClosing).toMatchObject({ allowed: false, canOverride: true });
    expect(new Set(chiefClosing.reasons.map((r) => r.code))).toEqual(new Set(['gate-step-open']));

    // The investigator reads a demo case of their team, but no stage change is theirs to make.
    const [teamCase] = (await investigator.get(`/api/cases?${qs({ 'pagination[pageSize]': 1, 'filters[isDemo][$eq]': 'true' })}`)).body.data;
    const forInvestigator = await transitions(investigator, teamCase.documentId);
    expect(forInvestigator.status).toBe(200);
    expect(forInvestigator.body.data.workflow.pinned).toBe(false); // demo cases predate workflows: the default applies
    for (const step of forInvestigator.body.data.steps) expect(step.reasons[0].code).toBe('cannot-edit-case');
    expect((await move(investigator, teamCase.documentId, { to: forInvestigator.body.data.steps[0]?.to ?? 'closed', reason: 'Prueba de permisos' })).status).toBe(403);
  });

  it('a case out of reach is not found, for reading and for moving', async () => {
    expect((await transitions(fiscal2, caseId)).status).toBe(404);
    expect((await move(fiscal2, caseId, { to: 'investigation', reason: 'Intento ajeno al equipo' })).status).toBe(404);
    expect((await transitions(fiscal1, 'no-such-case')).status).toBe(404);
  });

  it('bad input gets a 400 naming the field, in the caller’s language', async () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ reason: 'Sin destino indicado' }, 'to', /«to»/],
      [{ to: 'limbo', reason: 'Etapa que no existe' }, 'to', /«limbo» is not a stage/],
      [{ to: 'investigation' }, 'reason', /«reason»/],
      [{ to: 'investigation', reason: 'ok' }, 'reason', /5 to 1000/],
      [{ to: 'investigation', reason: 'Motivo suficiente', override: 'yes' }, 'override', /true or false/],
      [{ to: 'investigation', reason: 'Motivo suficiente', stage: 'closed' }, 'stage', /«stage» is not accepted/],
      [[1, 2], 'body', /JSON object/],
    ];
    for (const [body, field, message] of cases) {
      const res = await move(fiscal1, caseId, body, 'en');
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await move(fiscal1, caseId, { reason: 'Sin destino' })).body.error.message).toMatch(/Indique en «to»/);
  });

  it('a move is recorded: who, when, why, from where to where, under which workflow version', async () => {
    const before = Date.now();
    const res = await move(fiscal1, caseId, { to: 'investigation', reason: 'Denuncia registrada y verificada' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ from: 'intake', stage: 'investigation', workflow: { key: 'flujo-general', version: 1 }, overridden: [] });
    expect((await fiscal1.get(`/api/cases/${caseId}`)).body.data.stage).toBe('investigation');
    const ids = await userIds(target);
    const rows = await queryRows<{ from_state: string; to_state: string; reason: string; moved_at: unknown; user_id: number; workflow_version: number }>(target, `
      SELECT m.from_state, m.to_state, m.reason, m.moved_at, u.user_id, m.workflow_version FROM case_moves m
      JOIN case_moves_case_lnk c ON c.case_move_id = m.id JOIN cases k ON k.id = c.case_id
      JOIN case_moves_moved_by_lnk u ON u.case_move_id = m.id WHERE k.document_id = '${caseId}'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ from_state: 'intake', to_state: 'investigation', reason: 'Denuncia registrada y verificada' });
    expect(Number(rows[0].user_id)).toBe(ids.get('fiscal.demo1')!.id);
    expect(Number(rows[0].workflow_version)).toBe(1);
    expect(new Date(rows[0].moved_at as string).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const audit = await queryRows<{ action: string }>(target, `SELECT action FROM audit_entries WHERE target_id = '${caseId}' AND action = 'case.update' AND fields LIKE '%stage%'`);
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('a blocked move answers 409 with the reasons; a move the workflow lacks too', async () => {
    expect((await move(fiscal1, caseId, { to: 'arrest', reason: 'Arresto en flagrancia' })).status).toBe(201);
    const blocked = await move(fiscal1, caseId, { to: 'coercive-measure', reason: 'Medida impuesta' }, 'en');
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.reasons).toEqual([{ code: 'coercion-request-missing', params: {}, overridable: true, message: 'The coercive-measure request must be recorded first.' }]);
    expect(blocked.body.error.message).toBe('The case cannot be moved: The coercive-measure request must be recorded first.');
    const missing = await move(fiscal1, caseId, { to: 'trial', reason: 'Salto de etapas' });
    expect(missing.status).toBe(409);
    expect(missing.body.error.details.reasons[0].code).toBe('no-such-transition');
    expect(stepTo(await transitions(chief, caseId), 'coercive-measure')).toMatchObject({ allowed: false, canOverride: true });
  });

  it('only the chief overrides, with a full reason, and the override is recorded', async () => {
    expect((await move(fiscal1, caseId, { to: 'coercive-measure', reason: 'Quiero saltar el bloqueo del sistema', override: true })).status).toBe(403);
    const short = await move(chief, caseId, { to: 'coercive-measure', reason: 'Urgente', override: true });
    expect(short.status).toBe(400);
    expect(short.body.error.details.errors[0].path).toEqual(['reason']);
    const res = await move(chief, caseId, { to: 'coercive-measure', reason: 'Solicitud presentada en papel ante el juez de la instrucción; se registrará luego', override: true });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.overridden.map((r: { code: string }) => r.code)).toEqual(['coercion-request-missing']);
    const [row] = await queryRows<{ overridden: unknown; user_id: number }>(target, `
      SELECT m.overridden, u.user_id FROM case_moves m JOIN case_moves_case_lnk c ON c.case_move_id = m.id JOIN cases k ON k.id = c.case_id
      JOIN case_moves_moved_by_lnk u ON u.case_move_id = m.id WHERE k.document_id = '${caseId}' AND m.to_state = 'coercive-measure'`);
    expect(JSON.stringify(row.overridden)).toContain('coercion-request-missing');
    expect(Number(row.user_id)).toBe((await userIds(target)).get('titular.demo')!.id);
  });

  describe('the configurator edits workflows in the admin panel', () => {
    let headers: Record<string, string>;
    let general: Record<string, any>;

    beforeAll(async () => {
      headers = await anonymous.adminHeaders();
      const list = await anonymous.request('GET', `${WORKFLOW_ADMIN}?${qs({ 'filters[key][$eq]': 'flujo-general' })}`, { headers });
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      const one = await anonymous.request('GET', `${WORKFLOW_ADMIN}/${list.body.results[0].documentId}`, { headers });
      general = one.body.data;
      expect(general.transitions.length).toBeGreaterThan(10);
    });

    const save = (data: Record<string, any>, lang?: string) => anonymous.request('PUT', `${WORKFLOW_ADMIN}/${general.documentId}`, { headers, body: data, lang });

    it('a broken workflow is refused with what to fix, and nothing changes', async () => {
      const unknownGuard = structuredClone(general);
      unknownGuard.transitions[0].guards = ['requiresMagic'];
      const res = await save(unknownGuard);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.message).toMatch(/^La transición n\.º 1 nombra la condición «requiresMagic», que no existe\./);
      const unreachable = structuredClone(general);
      unreachable.transitions = unreachable.transitions.filter((t: { to: string }) => t.to !== 'appeal');
      const en = await save(unreachable, 'en');
      expect(en.status).toBe(400);
      expect(en.body.error.message).toBe('Stage «appeal» cannot be reached from the initial stage «intake»: add a transition into it or remove it.');
      const versions = await queryRows<{ n: number | string }>(target, "SELECT count(*) AS n FROM workflow_versions WHERE key = 'flujo-general'");
      expect(Number(versions[0].n)).toBe(1);
    });

    it('a valid change publishes a new version; the open case keeps the one it started with, a new case gets the new one', async () => {
      const changed = structuredClone(general);
      const trialToJudgment = changed.transitions.find((t: { from: string; to: string }) => t.from === 'trial' && t.to === 'judgment');
      trialToJudgment.guards = ['requiresAccused'];
      const res = await save(changed);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const versions = await queryRows<{ version: number }>(target, "SELECT version FROM workflow_versions WHERE key = 'flujo-general' ORDER BY version");
      expect(versions.map((v) => Number(v.version))).toEqual([1, 2]);
      expect((await save(changed)).status).toBe(200); // saving the same again makes no new version
      expect((await queryRows(target, "SELECT version FROM workflow_versions WHERE key = 'flujo-general'")).length).toBe(2);

      const old = await transitions(fiscal1, caseId);
      expect(old.body.data.workflow).toMatchObject({ key: 'flujo-general', version: 1, latestVersion: 2 });
      const created = await fiscal1.request('POST', '/api/cases', { body: newCaseBody('Caso ficticio abierto tras la versión 2') });
      expect((await transitions(fiscal1, created.body.data.documentId)).body.data.workflow).toMatchObject({ version: 2, latestVersion: 2 });
      // Its open protocol steps block the move; the chief overrides them, under the version the case follows.
      expect((await move(fiscal1, caseId, { to: 'conclusive-act', reason: 'Investigación concluida' })).status).toBe(409);
      const moved = await move(chief, caseId, { to: 'conclusive-act', reason: 'Investigación concluida; los pasos pendientes se documentan en papel', override: true });
      expect(moved.status, JSON.stringify(moved.body)).toBe(201);
      expect(moved.body.data.workflow).toEqual({ key: 'flujo-general', version: 1 });
    });
  });
});
