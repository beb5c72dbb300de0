// SOP checklists and legal deadlines on cases: a new case opens its intake checklists, a move opens
// the next stage's and starts its deadlines, an unticked required step blocks until ticked, a
// template edit reaches the next run only, a rule added in /admin applies to a later move (and a
// change of law leaves older deadlines alone), bad input is named, and parallel moves make one move.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, qs } from '../support/api-client.ts';
import { queryRows, userIds } from '../support/db-facts.ts';
import { newCaseBody } from '../support/fixtures.ts';

const targets = inject('apiTargets');
const TEMPLATE_ADMIN = '/content-manager/collection-types/api::sop-template.sop-template';
const RULE_ADMIN = '/content-manager/collection-types/api::deadline-rule.deadline-rule';
const officeToday = () => new Date(Date.now() - 4 * 3_600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Step = { key: string; title: string; role: string; required: boolean; gate: boolean; dueDate: string | null; overdue: boolean; status: string; note: string | null; doneBy: { displayName: string } | null; canTick: boolean };
type Run = { id: string; templateKey: string; templateVersion: number; templateName: string; stage: { code: string; label: string }; openedAt: string; closedAt: string | null; progress: { done: number; total: number; requiredOpen: number }; steps: Step[] };

describe.each(targets.map((t) => [t.name, t] as const))('SOP checklists and deadlines on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let chief: ApiClient;
  let fiscal1: ApiClient;
  let fiscal2: ApiClient;
  let investigator: ApiClient;

  const openCase = async (title: string, extra: Record<string, unknown> = {}) => {
    const body = newCaseBody(title);
    const res = await fiscal1.request('POST', '/api/cases', { body: { data: { ...body.data, ...extra } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.documentId as string;
  };
  const checklists = async (client: ApiClient, id: string, scope = 'current', lang?: string) => client.get(`/api/cases/${id}/checklists?${qs({ scope })}`, lang);
  const runOf = async (id: string, templateKey: string, scope = 'current') => ((await checklists(fiscal1, id, scope)).body.data as Run[]).find((r) => r.templateKey === templateKey && (scope === 'current' || true))!;
  const tick = (client: ApiClient, id: string, runId: string, key: string, body: unknown, lang?: string) => client.request('PUT', `/api/cases/${id}/checklists/${runId}/steps/${key}`, { body, lang });
  const move = (client: ApiClient, id: string, to: string, reason = 'Avance del caso según el protocolo', extra: Record<string, unknown> = {}) => client.request('POST', `/api/cases/${id}/transitions`, { body: { to, reason, ...extra } });
  const deadlines = (client: ApiClient, id: string, status = 'open') => client.get(`/api/cases/${id}/deadlines?${qs({ status })}`);
  /** Ticks intake-register and moves the case on to investigation. */
  const toInvestigation = async (id: string) => {
    const intake = await runOf(id, 'sop-recepcion-denuncia');
    expect((await tick(fiscal1, id, intake.id, 'intake-register', { status: 'done' })).status).toBe(200);
    const moved = await move(fiscal1, id, 'investigation');
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
  };

  beforeAll(async () => {
    chief = await anonymous.as('titular.demo');
    fiscal1 = await anonymous.as('fiscal.demo1');
    fiscal2 = await anonymous.as('fiscal.demo2');
    investigator = await anonymous.as('investigador.demo');
  });

  it('a new case opens the intake checklists that apply to its type, with due dates from the offsets', async () => {
    const id = await openCase('Caso ficticio de prueba de listas de verificación');
    const res = await checklists(fiscal1, id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.meta).toEqual({ canTick: true });
    const runs = res.body.data as Run[];
    expect(runs.map((r) => r.templateKey)).toEqual(['sop-recepcion-denuncia', 'sop-identificacion-victimas', 'sop-protocolo-nna']);
    const intake = runs[0];
    expect(intake).toMatchObject({ templateVersion: 1, stage: { code: 'intake', label: 'Denuncia / querella / de oficio' }, closedAt: null });
    expect(intake.steps[0]).toMatchObject({ key: 'intake-register', role: 'prosecutor', required: true, status: 'open', dueDate: addDays(officeToday(), 1), overdue: false, doneBy: null, canTick: true });
    expect(intake.progress).toEqual({ done: 0, total: intake.steps.length, requiredOpen: intake.steps.filter((s) => s.required).length });
    // No person data anywhere in the checklist payload.
    expect(JSON.stringify(res.body)).not.toMatch(/personCode|"code":"P-|vault/);
    // A smuggling case does not get the trafficking investigation protocol when it reaches investigation.
    expect((await deadlines(fiscal1, id)).body.data).toEqual([]);
  });

  it('an unticked required step blocks the move with 409 and the reason; ticking it unblocks; the move opens the next checklists and starts the stage’s deadlines', async () => {
    const id = await openCase('Caso ficticio bloqueado por un paso');
    const options = await fiscal1.get(`/api/cases/${id}/transitions`, 'en');
    const next = options.body.data.steps.find((s: { to: string }) => s.to === 'investigation');
    expect(next).toMatchObject({ allowed: false, canOverride: false, reasons: [{ code: 'step-not-done', params: { step: 'intake-register' }, overridable: true }] });
    expect(next.reasons[0].message).toBe('The protocol step «Registrar la denuncia, la querella o la actuación de oficio y asignar el fiscal responsable» is not done yet.');
    const blocked = await move(fiscal1, id, 'investigation');
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.reasons.map((r: { code: string }) => r.code)).toEqual(['step-not-done']);

    const intake = await runOf(id, 'sop-recepcion-denuncia');
    const ticked = await tick(fiscal1, id, intake.id, 'intake-register', { status: 'done', note: 'Denuncia registrada con el número interno de prueba' });
    expect(ticked.status, JSON.stringify(ticked.body)).toBe(200);
    expect(ticked.body.data).toMatchObject({ key: 'intake-register', status: 'done', doneBy: { displayName: 'fiscal.demo1' }, note: 'Denuncia registrada con el número interno de prueba' });
    const before = Date.now();
    const moved = await move(fiscal1, id, 'investigation');
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);

    const current = (await checklists(fiscal1, id)).body.data as Run[];
    expect(current.map((r) => r.templateKey)).toEqual([
      'sop-identificacion-victimas', 'sop-protocolo-nna', // continued from intake, ticks kept
      'sop-investigacion-trata', 'sop-planificacion-rescate', 'sop-investigacion-financiera', 'sop-evidencia-digital', 'sop-cooperacion-internacional',
    ]);
    expect(current.find((r) => r.templateKey === 'sop-investigacion-trata')?.stage.code).toBe('investigation');
    const all = (await checklists(fiscal1, id, 'all')).body.data as Run[];
    expect(all.find((r) => r.templateKey === 'sop-recepcion-denuncia')?.closedAt).not.toBeNull();

    const open = (await deadlines(fiscal1, id)).body.data;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ ruleKey: 'process-max-duration', event: 'proceedings-start', stage: 'investigation', status: 'open', alert: 'none', needsLegalConfirmation: true, due: addDays(officeToday(), 0).replace(/^(\d{4})/, (y) => String(Number(y) + 4)) });
    expect(Date.parse(open[0].eventAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Object.keys(open[0]).sort()).toEqual(['alert', 'article', 'closeNote', 'closedAt', 'due', 'dueAt', 'event', 'eventAt', 'id', 'law', 'lawVersion', 'name', 'needsLegalConfirmation', 'onMiss', 'stage', 'status', 'ruleKey', 'warnFrom'].sort());

    // The history lists the move with the stage names of its workflow version.
    const history = await fiscal1.get(`/api/cases/${id}/moves`);
    expect(history.status).toBe(200);
    expect(history.body.data).toEqual([{ movedAt: expect.any(String), from: { code: 'intake', label: 'Denuncia / querella / de oficio' }, to: { code: 'investigation', label: 'Investigación preliminar / procedimiento preparatorio' }, movedBy: { displayName: 'fiscal.demo1' }, reason: 'Avance del caso según el protocolo', outcome: null, overridden: [] }]);
    expect(history.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 1 });
  });

  it('a gate step blocks the move that closes its checklist, not the one that continues it; the chief may override', async () => {
    const id = await openCase('Caso ficticio con pasos que bloquean la etapa');
    await toInvestigation(id);
    const options = await fiscal1.get(`/api/cases/${id}/transitions`);
    const toArrest = options.body.data.steps.find((s: { to: string }) => s.to === 'arrest');
    expect(toArrest).toMatchObject({ allowed: true, reasons: [] });
    const toConclusive = options.body.data.steps.find((s: { to: string }) => s.to === 'conclusive-act');
    const codes = toConclusive.reasons.map((r: { code: string; params: { step: string } }) => `${r.code}:${r.params.step}`);
    expect(codes).toContain('step-not-done:legal-qualification');
    expect(codes).toContain('gate-step-open:victim-indicators');
    expect(codes).toContain('gate-step-open:nna-conani-notification');
    expect(codes).not.toContain('gate-step-open:legal-qualification'); // named once, as the required step
    const chiefView = (await chief.get(`/api/cases/${id}/transitions`)).body.data.steps.find((s: { to: string }) => s.to === 'conclusive-act');
    expect(chiefView).toMatchObject({ allowed: false, canOverride: true });
  });

  it('the chief overrides open protocol steps with a reason; closing the case closes its checklists and cancels its deadlines', async () => {
    const id = await openCase('Caso ficticio cerrado por el titular');
    await toInvestigation(id);
    const over = await move(chief, id, 'conclusive-act', 'Investigación agotada; pasos pendientes documentados en el expediente físico', { override: true });
    expect(over.status, JSON.stringify(over.body)).toBe(201);
    expect(over.body.data.overridden.map((r: { code: string }) => r.code)).toContain('gate-step-open');
    expect(((await checklists(fiscal1, id)).body.data as Run[]).map((r) => r.templateKey)).toEqual(['sop-preparacion-acusacion']);
    const closed = await move(chief, id, 'closed', 'Archivo definitivo decidido por el titular del despacho', { override: true });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    expect((await checklists(fiscal1, id)).body.data).toEqual([]);
    expect((await deadlines(fiscal1, id)).body.data).toEqual([]);
    expect((await deadlines(fiscal1, id, 'all')).body.data.map((d: { status: string; closeNote: string }) => [d.status, d.closeNote])).toEqual([['cancelled', 'Caso cerrado. / Case closed.']]);
  });

  it('a provisional archive recorded as the conclusive act’s outcome starts its 2-year review, which outlives the closing', async () => {
    const id = await openCase('Caso ficticio archivado provisionalmente');
    await toInvestigation(id);
    expect((await move(chief, id, 'conclusive-act', 'Investigación agotada; pasos pendientes documentados en el expediente físico', { override: true })).status).toBe(201);
    const options = (await chief.get(`/api/cases/${id}/transitions`, 'es')).body.data;
    expect(options.outcomes.map((o: { code: string }) => o.code)).toEqual(expect.arrayContaining(['acusacion', 'archivo-provisional', 'archivo-definitivo']));
    expect(options.outcomes.find((o: { code: string }) => o.code === 'archivo-provisional').label).toMatch(/[Aa]rchivo provisional/);

    const wrong = await chief.request('POST', `/api/cases/${id}/transitions`, { body: { to: 'closed', reason: 'Archivo provisional por falta de pruebas suficientes', override: true, outcome: 'condenatoria' }, lang: 'en' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.errors[0].path).toEqual(['outcome']);
    expect(wrong.body.error.message).toMatch(/«condenatoria» is not an outcome of the case's current stage\. Possible outcomes: .*archivo-provisional/);
    const garbage = await chief.request('POST', `/api/cases/${id}/transitions`, { body: { to: 'closed', reason: 'Archivo provisional por falta de pruebas suficientes', outcome: { code: 'x' } }, lang: 'en' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.details.errors[0].path).toEqual(['outcome']);

    const closed = await move(chief, id, 'closed', 'Archivo provisional por falta de pruebas suficientes', { override: true, outcome: 'archivo-provisional' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    const open = (await deadlines(fiscal1, id)).body.data as Array<{ ruleKey: string; due: string; event: string }>;
    expect(open.map((d) => d.ruleKey)).toEqual(['provisional-archive-review']);
    expect(open[0].due).toBe(officeToday().replace(/^(\d{4})/, (y) => String(Number(y) + 2)));
    const history = (await fiscal1.get(`/api/cases/${id}/moves`)).body.data;
    expect(history[0].outcome).toMatchObject({ code: 'archivo-provisional' });
    expect(history[1].outcome).toBeNull();
  });

  it('a step not applicable needs a reason; a closed checklist cannot change; who may tick depends on the step’s role', async () => {
    const id = await openCase('Caso ficticio para permisos de marcado');
    const nna = await runOf(id, 'sop-protocolo-nna');
    const noNote = await tick(fiscal1, id, nna.id, 'nna-conani-notification', { status: 'not-applicable' }, 'en');
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.details.errors[0].path).toEqual(['note']);
    expect(noNote.body.error.message).toBe('To mark a step not applicable, explain why in «note» (at least 5 characters).');
    const na = await tick(fiscal1, id, nna.id, 'nna-conani-notification', { status: 'not-applicable', note: 'No hay personas menores de edad en el caso' });
    expect(na.body.data).toMatchObject({ status: 'not-applicable' });

    // Outside the team: the case does not exist for them.
    expect((await checklists(fiscal2, id)).status).toBe(404);
    expect((await tick(fiscal2, id, nna.id, 'nna-conani-notification', { status: 'done' })).status).toBe(404);
    expect((await checklists(investigator, id)).status).toBe(404);

    // On the team as investigator: reads everything, ticks the investigator's steps only.
    const ids = await userIds(target);
    const added = await fiscal1.request('POST', `/api/cases/${id}/members`, { body: { data: { userId: ids.get('investigador.demo')!.id, teamRole: 'investigator' } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const seen = await checklists(investigator, id);
    expect(seen.status).toBe(200);
    expect(seen.body.meta).toEqual({ canTick: true });
    const intake = (seen.body.data as Run[]).find((r) => r.templateKey === 'sop-recepcion-denuncia')!;
    expect(intake.steps.find((s) => s.key === 'intake-urgent-evidence')?.canTick).toBe(true);
    expect(intake.steps.find((s) => s.key === 'intake-register')?.canTick).toBe(false);
    expect((await tick(investigator, id, intake.id, 'intake-register', { status: 'done' })).status).toBe(403);
    expect((await tick(investigator, id, intake.id, 'intake-urgent-evidence', { status: 'done', note: 'Acta de preservación enviada' })).status).toBe(200);
    // An investigator never closes a deadline, and the list says so to the portal.
    expect((await deadlines(investigator, id)).body.meta).toEqual({ canEdit: false });
    expect((await investigator.request('PUT', `/api/cases/${id}/deadlines/any`, { body: { status: 'met' } })).status).toBe(403);

    await toInvestigation(id);
    const closed = await tick(fiscal1, id, intake.id, 'intake-decision', { status: 'done' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toMatch(/se cerró/);
  });

  it('bad input is a 4xx naming the field, in the caller’s language, never a 5xx', async () => {
    const id = await openCase('Caso ficticio para entradas erróneas');
    const intake = await runOf(id, 'sop-recepcion-denuncia');
    const cases: Array<[unknown, string, RegExp]> = [
      [{ status: 'hecho' }, 'status', /«status» one of: done, open, not-applicable/],
      [{}, 'status', /«status»/],
      [{ status: 'done', note: 42 }, 'note', /«note»/],
      [{ status: 'done', note: 'x'.repeat(2001) }, 'note', /2000/],
      [{ status: 'done', doneBy: 3 }, 'doneBy', /«doneBy» is not accepted/],
      [[1], 'body', /JSON object/],
    ];
    for (const [body, field, message] of cases) {
      const res = await tick(fiscal1, id, intake.id, 'intake-register', body, 'en');
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await tick(fiscal1, id, intake.id, 'intake-register', { status: 'hecho' })).body.error.message).toMatch(/^Indique en «status» uno de/);
    expect((await tick(fiscal1, id, intake.id, 'no-such-step', { status: 'done' }, 'en')).status).toBe(404);
    expect((await tick(fiscal1, id, 'no-such-run', 'intake-register', { status: 'done' })).status).toBe(404);
    expect((await checklists(fiscal1, id, 'everything', 'en')).body.error).toMatchObject({ status: 400, details: { errors: [{ path: ['scope'] }] } });
    expect((await fiscal1.get(`/api/cases/${id}/deadlines?status=late`)).status).toBe(400);
    expect((await fiscal1.get(`/api/cases/${id}/moves?pageSize=1000`, 'en')).body.error.details.errors[0].path).toEqual(['pageSize']);
    expect((await fiscal1.get(`/api/cases/${id}/moves?page=-1`)).status).toBe(400);
    expect((await fiscal1.request('PUT', `/api/cases/${id}/deadlines/nope`, { body: { status: 'met' } })).status).toBe(404);
  });

  it('closing a deadline as met records who and why; it can be reopened; cancelling needs a reason; a complex case gets the longer term', async () => {
    const id = await openCase('Caso ficticio para cerrar plazos');
    await toInvestigation(id);
    const listed = await deadlines(fiscal1, id);
    expect(listed.body.meta).toEqual({ canEdit: true });
    const [deadline] = listed.body.data;
    const noReason = await fiscal1.request('PUT', `/api/cases/${id}/deadlines/${deadline.id}`, { body: { status: 'cancelled' }, lang: 'en' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['note']);
    const met = await fiscal1.request('PUT', `/api/cases/${id}/deadlines/${deadline.id}`, { body: { status: 'met', note: 'Sentencia firme' } });
    expect(met.status, JSON.stringify(met.body)).toBe(200);
    expect(met.body.data).toMatchObject({ id: deadline.id, status: 'met', closeNote: 'Sentencia firme' });
    expect(met.body.data.closedAt).not.toBeNull();
    expect((await deadlines(fiscal1, id)).body.data).toEqual([]);
    expect((await deadlines(fiscal1, id, 'all')).body.data).toHaveLength(1);
    const reopened = await fiscal1.request('PUT', `/api/cases/${id}/deadlines/${deadline.id}`, { body: { status: 'open' } });
    expect(reopened.body.data).toMatchObject({ status: 'open', closedAt: null });

    // Declared complex: the whole-process term becomes five years, on the same deadline.
    const plusYears = (n: number) => officeToday().replace(/^(\d{4})/, (y) => String(Number(y) + n));
    expect(reopened.body.data.due).toBe(plusYears(4));
    expect((await fiscal1.request('PUT', `/api/cases/${id}`, { body: { data: { isComplex: true } } })).status).toBe(200);
    const [complex] = (await deadlines(fiscal1, id)).body.data;
    expect(complex).toMatchObject({ id: deadline.id, ruleKey: 'process-max-duration', due: plusYears(5) });
  });

  it('the 48-hour deadline starts on arrest and is met when the coercion request is ticked', async () => {
    const id = await openCase('Caso ficticio con arresto');
    await toInvestigation(id);
    const before = Date.now();
    expect((await move(fiscal1, id, 'arrest', 'Arresto en flagrancia de un imputado ficticio')).status).toBe(201);
    const arrest = (await deadlines(fiscal1, id)).body.data.find((d: { event: string }) => d.event === 'arrest');
    expect(arrest).toMatchObject({ ruleKey: 'coercion-request-48h', stage: 'arrest', needsLegalConfirmation: false });
    expect(Date.parse(arrest.due) - Date.parse(arrest.eventAt)).toBe(48 * 3_600_000);
    expect(Date.parse(arrest.eventAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(arrest.dueAt).toBe(new Date(arrest.due).toISOString());
    const run = await runOf(id, 'sop-arresto-coercion');
    expect((await tick(fiscal1, id, run.id, 'coercion-request', { status: 'done', note: 'Solicitud presentada ante el juez' })).status).toBe(200);
    const after = (await deadlines(fiscal1, id, 'all')).body.data.find((d: { event: string }) => d.event === 'arrest');
    expect(after).toMatchObject({ status: 'met' });
    expect(after.closeNote).toMatch(/Cumplido al completar el paso/);
    // With the request on record, the guard lets the case on to the coercive measure, which starts the investigation term.
    expect((await move(fiscal1, id, 'coercive-measure', 'Prisión preventiva impuesta por el juez')).status).toBe(201);
    const detained = (await deadlines(fiscal1, id)).body.data.find((d: { event: string }) => d.event === 'pretrial-detention-ordered');
    expect(detained).toMatchObject({ ruleKey: 'investigation-detained', lawVersion: 'Ley 97-25', due: addDays(officeToday(), 0).replace(/^(\d{4})-(\d{2})/, (_m, y, mo) => { const n = Number(mo) + 8; return `${Number(y) + Math.floor((n - 1) / 12)}-${String(((n - 1) % 12) + 1).padStart(2, '0')}`; }) });
  });

  describe('the configurator in /admin', () => {
    let headers: Record<string, string>;
    beforeAll(async () => {
      headers = await anonymous.adminHeaders();
    });

    it('a template edit raises its version; the next run has the new step, the open one keeps its steps', async () => {
      const older = await openCase('Caso ficticio abierto antes del cambio de protocolo');
      const list = await anonymous.request('GET', `${TEMPLATE_ADMIN}?${qs({ 'filters[key][$eq]': 'sop-recepcion-denuncia' })}`, { headers });
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      const one = (await anonymous.request('GET', `${TEMPLATE_ADMIN}/${list.body.results[0].documentId}`, { headers })).body.data;
      const save = (data: Record<string, unknown>, lang?: string) => anonymous.request('PUT', `${TEMPLATE_ADMIN}/${one.documentId}`, { headers, body: data, lang });

      const bad = structuredClone(one);
      bad.steps.push({ key: 'Paso Nuevo', title: 'Paso mal escrito', role: 'prosecutor', required: true, gate: false });
      const refused = await save(bad, 'en');
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(`Step no. ${bad.steps.length} needs a lower-case, hyphenated key (for example «intake-register»).`);

      const taken = await anonymous.request('POST', TEMPLATE_ADMIN, { headers, body: { key: 'sop-recepcion-denuncia', name: 'Copia', version: 1, steps: [] }, lang: 'en' });
      expect(taken.status).toBe(400);
      expect(taken.body.error.message).toMatch(/^A protocol with key «sop-recepcion-denuncia» already exists/);

      const changed = structuredClone(one);
      changed.steps.push({ key: 'intake-test-new-step', title: 'Paso nuevo añadido por el configurador', role: 'prosecutor', required: true, gate: false, dueOffsetDays: 2, evidenceRequired: 'Constancia de prueba' });
      const saved = await save(changed);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.data.version).toBe(2);
      const again = await anonymous.request('GET', `${TEMPLATE_ADMIN}/${one.documentId}`, { headers });
      expect((await save(again.body.data)).body.data.version).toBe(2); // the same steps again: no new version

      const newer = await openCase('Caso ficticio abierto después del cambio de protocolo');
      const newRun = await runOf(newer, 'sop-recepcion-denuncia');
      expect(newRun.templateVersion).toBe(2);
      expect(newRun.steps.at(-1)).toMatchObject({ key: 'intake-test-new-step', dueDate: addDays(officeToday(), 2) });
      const oldRun = await runOf(older, 'sop-recepcion-denuncia');
      expect(oldRun.templateVersion).toBe(1);
      expect(oldRun.steps.map((s) => s.key)).not.toContain('intake-test-new-step');
    });

    it('a deadline rule added in /admin applies to a later move; a change of law leaves the older deadline under the old rule', async () => {
      const today = officeToday();
      const first = await openCase('Caso ficticio arrestado bajo la regla anterior');
      await toInvestigation(first);
      expect((await move(fiscal1, first, 'arrest', 'Primer arresto ficticio')).status).toBe(201);
      const old = (await deadlines(fiscal1, first)).body.data.find((d: { event: string }) => d.event === 'arrest');
      expect(old.ruleKey).toBe('coercion-request-48h');

      const rules = await anonymous.request('GET', `${RULE_ADMIN}?${qs({ 'filters[key][$eq]': 'coercion-request-48h' })}`, { headers });
      expect(rules.status, JSON.stringify(rules.body)).toBe(200);
      const current = rules.body.results[0];
      const newRule = { key: 'coercion-request-24h-prueba', name: 'Regla ficticia de prueba: 24 horas', law: 'Ley ficticia de prueba', article: '1', lawVersion: 'Prueba', validFrom: today, validTo: null, event: 'arrest', amount: 24, unit: 'hours', onMiss: 'Prueba automática.', warnDays: 0, needsLegalConfirmation: true };

      const overlapping = await anonymous.request('POST', RULE_ADMIN, { headers, body: newRule, lang: 'en' });
      expect(overlapping.status).toBe(400);
      expect(overlapping.body.error.message).toMatch(/would be in force at the same time: give the older one an end date \(validTo\)/);
      const badAmount = await anonymous.request('POST', RULE_ADMIN, { headers, body: { ...newRule, validFrom: addDays(today, 3650), amount: 0 } });
      expect(badAmount.status).toBe(400);
      expect(badAmount.body.error.message).toMatch(/número entero mayor que cero/);

      const ended = await anonymous.request('PUT', `${RULE_ADMIN}/${current.documentId}`, { headers, body: { ...current, validTo: addDays(today, -1) } });
      expect(ended.status, JSON.stringify(ended.body)).toBe(200);
      const created = await anonymous.request('POST', RULE_ADMIN, { headers, body: newRule });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      try {
        const second = await openCase('Caso ficticio arrestado bajo la regla nueva');
        await toInvestigation(second);
        expect((await move(fiscal1, second, 'arrest', 'Segundo arresto ficticio')).status).toBe(201);
        const fresh = (await deadlines(fiscal1, second)).body.data.find((d: { event: string }) => d.event === 'arrest');
        expect(fresh).toMatchObject({ ruleKey: 'coercion-request-24h-prueba', lawVersion: 'Prueba', needsLegalConfirmation: true });
        expect(Date.parse(fresh.due) - Date.parse(fresh.eventAt)).toBe(24 * 3_600_000);
        // The first arrest keeps the deadline of the rule in force when it happened.
        const kept = (await deadlines(fiscal1, first)).body.data.find((d: { event: string }) => d.event === 'arrest');
        expect(kept).toMatchObject({ ruleKey: 'coercion-request-48h', due: old.due });
      } finally {
        // Leave the shared server as the other test files expect it.
        await anonymous.request('DELETE', `${RULE_ADMIN}/${created.body.data.documentId}`, { headers });
        const restored = await anonymous.request('PUT', `${RULE_ADMIN}/${current.documentId}`, { headers, body: { ...current, validTo: null } });
        expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      }
    });

    it('a workflow naming an unknown protocol or event is refused with what to fix', async () => {
      const list = await anonymous.request('GET', `/content-manager/collection-types/api::workflow.workflow?${qs({ 'filters[key][$eq]': 'interdiccion-maritima' })}`, { headers });
      const one = (await anonymous.request('GET', `/content-manager/collection-types/api::workflow.workflow/${list.body.results[0].documentId}`, { headers })).body.data;
      const broken = structuredClone(one);
      broken.states[0].sopTemplates = ['sop-que-no-existe'];
      const res = await anonymous.request('PUT', `/content-manager/collection-types/api::workflow.workflow/${one.documentId}`, { headers, body: broken });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^La etapa «intake» abre el protocolo «sop-que-no-existe», que no existe o no está activo\. Protocolos: /);
      const noEvent = structuredClone(one);
      noEvent.states[1].startsEvents = ['detencion'];
      const en = await anonymous.request('PUT', `/content-manager/collection-types/api::workflow.workflow/${one.documentId}`, { headers, body: noEvent, lang: 'en' });
      expect(en.status).toBe(400);
      expect(en.body.error.message).toMatch(/^Stage «arrest» starts event «detencion», which no deadline rule uses: create the rule first or use one of: arrest, /);
    });
  });

  it('a protection measure with an end date keeps a deadline on the victim’s cases (removing it cancels the deadline); a referral waits for its answer', async () => {
    const caseId = await openCase('Caso ficticio con una víctima protegida');
    const added = await fiscal1.request('POST', `/api/cases/${caseId}/parties`, { body: { data: { role: 'victim-adult', person: { sex: 'f', birthYear: 1995 } } } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const party = { code: added.body.data.person.code as string, case_document_id: caseId };
    const measure = { measureType: 'alejamiento', authority: 'Juzgado ficticio de prueba', startDate: addDays(officeToday(), -10), expiryDate: addDays(officeToday(), 80) };
    const saved = await fiscal1.request('PUT', `/api/people/by-code/${party.code}/victim-profile`, { body: { data: { protectionMeasures: [measure] } } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const running = (await deadlines(fiscal1, party.case_document_id)).body.data.filter((d: { event: string }) => d.event === 'protection-measure-granted');
    expect(running).toHaveLength(1);
    expect(running[0]).toMatchObject({ ruleKey: 'protection-measure-expiry', due: measure.expiryDate, status: 'open' });
    expect(JSON.stringify(running)).not.toContain(party.code);

    const extended = await fiscal1.request('PUT', `/api/people/by-code/${party.code}/victim-profile`, { body: { data: { protectionMeasures: [{ ...measure, expiryDate: addDays(officeToday(), 120) }] } } });
    expect(extended.status).toBe(200);
    const moved = (await deadlines(fiscal1, party.case_document_id)).body.data.filter((d: { event: string }) => d.event === 'protection-measure-granted');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ id: running[0].id, due: addDays(officeToday(), 120) });

    expect((await fiscal1.request('PUT', `/api/people/by-code/${party.code}/victim-profile`, { body: { data: { protectionMeasures: [] } } })).status).toBe(200);
    expect((await deadlines(fiscal1, party.case_document_id)).body.data.filter((d: { event: string }) => d.event === 'protection-measure-granted')).toEqual([]);
    const cancelled = (await deadlines(fiscal1, party.case_document_id, 'all')).body.data.find((d: { id: string }) => d.id === running[0].id);
    expect(cancelled).toMatchObject({ status: 'cancelled' });

    // A referral waits three business days for the provider's answer; the answer meets it.
    const referral = { service: 'shelter', provider: 'Albergue ficticio', referredOn: '2026-03-02', status: 'requested' };
    expect((await fiscal1.request('PUT', `/api/people/by-code/${party.code}/victim-profile`, { body: { data: { serviceReferrals: [referral] } } })).status).toBe(200);
    const waiting = (await deadlines(fiscal1, party.case_document_id)).body.data.filter((d: { event: string }) => d.event === 'referral-sent');
    expect(waiting).toEqual([expect.objectContaining({ ruleKey: 'referral-acknowledgement', due: '2026-03-05', status: 'open' })]);
    expect((await fiscal1.request('PUT', `/api/people/by-code/${party.code}/victim-profile`, { body: { data: { serviceReferrals: [{ ...referral, status: 'accepted' }] } } })).status).toBe(200);
    const answered = (await deadlines(fiscal1, party.case_document_id, 'all')).body.data.find((d: { id: string }) => d.id === waiting[0].id);
    expect(answered).toMatchObject({ status: 'met' });
  });

  it('parallel moves of one case: exactly one succeeds, the others are told the case was just moved', async () => {
    const id = await openCase('Caso ficticio movido por dos personas a la vez');
    const intake = await runOf(id, 'sop-recepcion-denuncia');
    expect((await tick(fiscal1, id, intake.id, 'intake-register', { status: 'done' })).status).toBe(200);
    const results = await Promise.all([move(fiscal1, id, 'investigation'), move(chief, id, 'investigation'), move(fiscal1, id, 'investigation'), move(chief, id, 'investigation')]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.message).toMatch(/acaba de mover|no permite pasar/);
    const [moves] = await queryRows<{ n: number | string }>(target, `SELECT count(*) AS n FROM case_moves m JOIN case_moves_case_lnk c ON c.case_move_id = m.id JOIN cases k ON k.id = c.case_id WHERE k.document_id = '${id}'`);
    expect(Number(moves.n)).toBe(1);
    const runs = (await checklists(fiscal1, id)).body.data as Run[];
    expect(runs.filter((r) => r.templateKey === 'sop-investigacion-trata')).toHaveLength(1);
    expect((await deadlines(fiscal1, id)).body.data).toHaveLength(1);
  });
});
