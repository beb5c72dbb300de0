// Operational statistics over HTTP, on SQLite and PostgreSQL: median days between steps of a case,
// compliance with legal deadlines, complaints investigated, and dimensions from a form field flagged
// for statistics. The fixture (intake year 2008, which no other data uses) is made through the API:
// cases opened, moved by the workflow, a protocol step ticked, party answers saved under a form the
// configurator published. The workflow records each move at the moment it is made, so the fixture
// then rewrites the instants of its moves (with the deadlines they started, and the ticked step with
// the deadline it met) to fixed 2008 instants: the medians and the deadlines' standing are worked out
// by hand below.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { executeSql, queryRows } from '../support/db-facts.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { checkSuppressed, sum, type Answer, type Figure, type Measure } from '../support/statistics.ts';

const targets = inject('apiTargets');
const YEAR = 2008;
const P1 = 'monte-plata';
const P2 = 'dajabon';
const FORMS_ADMIN = '/content-manager/collection-types/plugin::forms.form-definition';
const TYPES = ['trata', 'trafico', 'ambos', 'conexo'];
const INTERVALS = ['arrest-to-coercive-measure', 'intake-to-conclusive-act', 'intake-to-judgment'];
const DAY = 86_400_000;


const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};


/** Interval values (days) per interval and case type → the count table, and every figure's median. */
function intervalTable(values: Record<string, Record<string, number[]>>) {
  const cells = INTERVALS.map((r) => TYPES.map((c) => values[r]?.[c]?.length ?? 0));
  const of = (pick: (r: string, c: string) => boolean) => INTERVALS.flatMap((r) => TYPES.flatMap((c) => (pick(r, c) ? (values[r]?.[c] ?? []) : [])));
  const medians = new Map<string, number | null>();
  const put = (key: string, xs: number[]) => medians.set(key, xs.length ? Math.round(median(xs) * 100) / 100 : null);
  for (const r of INTERVALS) for (const c of TYPES) put(`cell|${r}|${c}`, of((rr, cc) => rr === r && cc === c));
  for (const r of INTERVALS) put(`row|${r}`, of((rr) => rr === r));
  for (const c of TYPES) put(`column|${c}`, of((_r, cc) => cc === c));
  put('total', of(() => true));
  return { cells, medians };
}

/** Each median is published exactly beside a published non-zero count, and is then the hand-computed one. */
function expectMediansOf(answer: Answer, pairs: Array<[Figure, number, string]>, medians: Map<string, number | null>, k: number): number {
  const m = answer.measure!;
  const at = (where: string): Measure => {
    const [lvl, a, b] = where.split('|');
    const i = (code: string) => answer.rows.findIndex((r) => r.code === code);
    const j = (code: string) => answer.columns.findIndex((c) => c.code === code);
    if (lvl === 'cell') return m.cells[i(a!)]![j(b!)]!;
    if (lvl === 'row') return m.rowTotals[i(a!)]!;
    if (lvl === 'column') return m.columnTotals[j(a!)]!;
    return m.total;
  };
  let published = 0;
  for (const [figure, truth, where] of pairs) {
    const measure = at(where);
    if (figure.suppressed === null && truth > 0) {
      const expected = medians.get(where)!;
      expect(measure, where).toEqual({ value: expected, text: String(Math.round(expected)) });
      published += 1;
    } else {
      expect(measure.value, where).toBeNull();
      expect(measure.text, where).toBe(figure.suppressed === null ? '—' : figure.suppressed === 'primary' ? `<${k}` : 'x');
    }
  }
  return published;
}

describe.each(targets.map((t) => [t.name, t] as const))('operational statistics on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal: ApiClient;
  let chief: ApiClient;
  let statistician: ApiClient;
  let admin: Record<string, string>;

  const pg = !!target.databaseUrl;
  /** An instant as each database stores a datetime (SQLite: epoch ms; PostgreSQL: timestamp in UTC). */
  const instant = (iso: string) => (pg ? `TIMESTAMP '${iso.replace('T', ' ').replace('Z', '')}'` : String(Date.parse(iso)));
  const msOf = (column: string) => (pg ? `(EXTRACT(EPOCH FROM ${column}) * 1000)` : column);
  const at = (day: string, plusDays = 0, hour = 4) => new Date(Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00.000Z`) + plusDays * DAY).toISOString();

  const openCase = async (caseType: string, origin: string, intakeDate: string, province: string) => {
    const body = newCaseBody(`Caso ficticio de estadísticas operativas (DEMO) ${intakeDate}`);
    const res = await fiscal.request('POST', '/api/cases', { body: { data: { ...body.data, caseType, origin, intakeDate, province } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data.documentId as string;
  };
  /** The chief moves the case (over any open protocol step: the fixture is about dates, not protocols). */
  const move = async (id: string, to: string) => {
    const res = await chief.request('POST', `/api/cases/${id}/transitions`, { body: { to, reason: 'Movimiento del caso ficticio para las estadísticas operativas', override: true } });
    expect(res.status, `${to}: ${JSON.stringify(res.body)}`).toBe(201);
  };
  const tickCoercionRequest = async (id: string) => {
    const runs = (await fiscal.get(`/api/cases/${id}/checklists`)).body.data as Array<{ id: string; steps: Array<{ key: string }> }>;
    const run = runs.find((r) => r.steps.some((s) => s.key === 'coercion-request'))!;
    const res = await fiscal.request('PUT', `/api/cases/${id}/checklists/${run.id}/steps/coercion-request`, { body: { status: 'done' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  /** Shifts the deadlines matching `where` by `delta` ms (their start and due instants). */
  const shiftDeadlines = async (where: string, delta: number) => {
    const rows = await queryRows<{ id: number; ev: unknown; due: unknown }>(target, `SELECT id, ${msOf('event_at')} AS ev, ${msOf('due_at')} AS due FROM case_deadlines WHERE ${where}`);
    for (const row of rows) {
      await executeSql(target, `UPDATE case_deadlines SET event_at = ${instant(new Date(Number(row.ev) + delta).toISOString())}, due_at = ${instant(new Date(Number(row.due) + delta).toISOString())} WHERE id = ${row.id}`);
    }
  };
  /** The case's move into `toState` happened at `iso`, and so did the start of the deadlines it started. */
  const backdateMove = async (id: string, toState: string, iso: string) => {
    const [row] = await queryRows<{ id: number; document_id: string; ms: unknown }>(target, `SELECT m.id, m.document_id, ${msOf('m.moved_at')} AS ms FROM case_moves m
      JOIN case_moves_case_lnk l ON l.case_move_id = m.id JOIN cases k ON k.id = l.case_id WHERE k.document_id = '${id}' AND m.to_state = '${toState}'`);
    expect(row, `${id} ${toState}`).toBeDefined();
    await executeSql(target, `UPDATE case_moves SET moved_at = ${instant(iso)} WHERE id = ${row!.id}`);
    await shiftDeadlines(`source = 'move:${row!.document_id}'`, Date.parse(iso) - Number(row!.ms));
  };
  /** The coercive-measure request was ticked at `iso`, and the 48-hour deadline it met closed then. */
  const backdateRequest = async (id: string, iso: string) => {
    await executeSql(target, `UPDATE sop_run_steps SET done_at = ${instant(iso)} WHERE key = 'coercion-request' AND status = 'done' AND id IN (
      SELECT sl.sop_run_step_id FROM sop_run_steps_run_lnk sl JOIN sop_runs_case_lnk rl ON rl.sop_run_id = sl.sop_run_id JOIN cases k ON k.id = rl.case_id WHERE k.document_id = '${id}')`);
    await executeSql(target, `UPDATE case_deadlines SET closed_at = ${instant(iso)} WHERE event = 'arrest' AND status = 'met' AND id IN (
      SELECT dl.case_deadline_id FROM case_deadlines_case_lnk dl JOIN cases k ON k.id = dl.case_id WHERE k.document_id = '${id}')`);
  };

  // Province P1: five trata cases, each through arrest and coercive measure to the conclusive act. The
  // request is recorded (the step ticked) within 48 hours of the arrest; in the last case only after the
  // coercive-measure stage was entered, which then ends the interval. Days, by hand:
  // arrest → request or measure: 0.5, 1, 1.5, 0.25, 1.5 (median 1); intake → conclusive act: 100.5,
  // 120.5, 90.5, 150.5, 200.5 (median 120.5).
  const P1_CASES = [
    { origin: 'denuncia', intake: '2008-01-15', arrest: at('2008-02-10', 0, 12), request: 0.5, measure: 2, conclusive: 100.5 },
    { origin: 'denuncia', intake: '2008-02-01', arrest: at('2008-03-05', 0, 12), request: 1, measure: 1.25, conclusive: 120.5 },
    { origin: 'denuncia', intake: '2008-03-01', arrest: at('2008-04-01', 0, 12), request: 1.5, measure: 3, conclusive: 90.5 },
    { origin: 'querella', intake: '2008-03-20', arrest: at('2008-05-01', 0, 12), request: 0.25, measure: 1, conclusive: 150.5 },
    { origin: 'de-oficio', intake: '2008-04-10', arrest: at('2008-06-01', 0, 12), request: 1.75, measure: 1.5, conclusive: 200.5 },
  ];
  let partyCase: string;

  beforeAll(async () => {
    [fiscal, chief, statistician] = await Promise.all(['fiscal.demo1', 'titular.demo', 'estadistica.demo'].map((u) => anonymous.as(u)));
    admin = await anonymous.adminHeaders();
    for (const c of P1_CASES) {
      const id = await openCase('trata', c.origin, c.intake, P1);
      for (const stage of ['investigation', 'arrest']) await move(id, stage);
      await tickCoercionRequest(id);
      for (const stage of ['coercive-measure', 'conclusive-act']) await move(id, stage);
      const shift = (days: number) => new Date(Date.parse(c.arrest) + days * DAY).toISOString();
      await backdateMove(id, 'investigation', at(c.intake, 5));
      await backdateMove(id, 'arrest', c.arrest);
      await backdateRequest(id, shift(c.request));
      await backdateMove(id, 'coercive-measure', shift(c.measure));
      await backdateMove(id, 'conclusive-act', at(c.intake, c.conclusive));
      partyCase ??= id;
    }
    // Province P2. A trafico case by querella: conclusive act after 30.25 days, judgment after 400.
    const smuggling = await openCase('trafico', 'querella', '2008-07-01', P2);
    for (const stage of ['investigation', 'conclusive-act', 'judgment']) await move(smuggling, stage);
    await backdateMove(smuggling, 'investigation', at('2008-07-01', 3));
    await backdateMove(smuggling, 'conclusive-act', at('2008-07-01', 30.25));
    await backdateMove(smuggling, 'judgment', at('2008-07-01', 400));
    // A trata case arrested, its request recorded 3 days later (the 48 hours breached), still at arrest.
    const late = await openCase('trata', 'denuncia', '2008-08-01', P2);
    for (const stage of ['investigation', 'arrest']) await move(late, stage);
    await tickCoercionRequest(late);
    await backdateMove(late, 'investigation', at('2008-08-01', 2));
    await backdateMove(late, 'arrest', at('2008-08-20', 0, 12));
    await backdateRequest(late, at('2008-08-23', 0, 12));
    // A conexo case de oficio taken to investigation now: its 4-year term is still open and in time.
    await move(await openCase('conexo', 'de-oficio', '2008-09-01', P2), 'investigation');
    // A trafico complaint still at intake, and a trata querella closed from intake.
    await openCase('trafico', 'denuncia', '2008-10-01', P2);
    await move(await openCase('trata', 'querella', '2008-11-01', P2), 'closed');
  });

  const ask = (key: string, query: string, lang = 'es-DO') => statistician.request('GET', `/api/statistics/indicators/${encodeURIComponent(key)}${query}`, { lang });

  it('lists the operational indicators in the catalogue, the median one as measured', async () => {
    const res = await statistician.request('GET', '/api/statistics/indicators', { lang: 'en' });
    expect(res.status).toBe(200);
    const byKey = new Map((res.body.data as Array<{ key: string }>).map((i) => [i.key, i]));
    expect(byKey.get('median-days-between-steps')).toMatchObject({ group: 'operational', measure: 'median-days', dimensions: { rows: { key: 'interval' }, columns: { key: 'case-type', codeList: 'case-type' } } });
    expect(byKey.get('deadline-compliance')).toMatchObject({ measure: 'count', dimensions: { rows: { key: 'deadline-rule', codeList: null }, columns: { key: 'deadline-compliance' } } });
    expect(byKey.get('complaints-investigated')).toMatchObject({ name: 'Complaints investigated', dimensions: { rows: { codeList: 'case-origin' } } });
  });

  it('gives the median days between steps where n is published: cells, row and column totals and the grand total', async () => {
    const res = await ask('median-days-between-steps', `?year=${YEAR}&province=${P1}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { cells, medians } = intervalTable({
      'arrest-to-coercive-measure': { trata: P1_CASES.map((c) => Math.min(c.request, c.measure)) },
      'intake-to-conclusive-act': { trata: P1_CASES.map((c) => c.conclusive) },
    });
    const pairs = checkSuppressed(res.body.data, INTERVALS, TYPES, cells, 5).pairs;
    expect(res.body.data.measure).toMatchObject({ kind: 'median-days', unit: 'días (mediana)' });
    expect(expectMediansOf(res.body.data, pairs, medians, 5)).toBe(6);
    // By hand: 1 day; 120.5 days; and over both intervals (ten values) the mean of 1.5 and 90.5.
    expect(res.body.data.measure.cells[0][0]).toEqual({ value: 1, text: '1' });
    expect(res.body.data.measure.cells[1][0]).toEqual({ value: 120.5, text: '121' });
    expect(res.body.data.measure.columnTotals[0]).toEqual({ value: 46, text: '46' });
    expect(res.body.data.measure.total).toEqual({ value: 46, text: '46' });
    // Nothing measured: no median, and no count to stand beside.
    expect(res.body.data.measure.rowTotals[2]).toEqual({ value: null, text: '—' });
    expect(res.body.data.rows.map((r: { label: string }) => r.label)).toEqual(['Arresto → solicitud de medida de coerción', 'Entrada → acto conclusivo', 'Entrada → sentencia']);
  });

  it('withholds the median beside a withheld n, and every median under the publication profile', async () => {
    const res = await ask('median-days-between-steps', `?year=${YEAR}`);
    expect(res.status).toBe(200);
    const { cells, medians } = intervalTable({
      'arrest-to-coercive-measure': { trata: [...P1_CASES.map((c) => Math.min(c.request, c.measure)), 3] },
      'intake-to-conclusive-act': { trata: P1_CASES.map((c) => c.conclusive), trafico: [30.25] },
      'intake-to-judgment': { trafico: [400] },
    });
    expect(cells).toEqual([[6, 0, 0, 0], [5, 1, 0, 0], [0, 1, 0, 0]]);
    const pairs = checkSuppressed(res.body.data, INTERVALS, TYPES, cells, 5).pairs;
    expectMediansOf(res.body.data, pairs, medians, 5);
    // The single smuggling case: its n is withheld, and its 400 days with it.
    expect(res.body.data.cells[2][1]).toEqual({ value: null, suppressed: 'primary', text: '<5' });
    expect(res.body.data.measure.cells[2][1]).toEqual({ value: null, text: '<5' });
    expect(JSON.stringify(res.body.data.measure)).not.toContain('400');

    const publication = await ask('median-days-between-steps', `?year=${YEAR}&province=${P1}&profile=publication`);
    expect(publication.body.meta.k).toBe(11);
    const published = checkSuppressed(publication.body.data, INTERVALS, TYPES, [[5, 0, 0, 0], [5, 0, 0, 0], [0, 0, 0, 0]], 11).pairs;
    expect(expectMediansOf(publication.body.data, published, new Map(), 11)).toBe(0);
    expect(publication.body.data.measure.total).toEqual({ value: null, text: '<11' });
  });

  it('counts the deadlines of the period\'s cases by rule: met, breached, open and overdue, open', async () => {
    const clean = await ask('deadline-compliance', `?year=${YEAR}&province=${P1}`, 'en');
    expect(clean.status, JSON.stringify(clean.body)).toBe(200);
    const rules = clean.body.data.rows.map((r: { code: string }) => r.code) as string[];
    expect(rules.slice(0, 3)).toEqual(['coercion-request-48h', 'investigation-detained', 'process-max-duration']);
    expect(rules).toEqual(expect.arrayContaining(['provisional-archive-review', 'protection-measure-expiry', 'judicial-authorisation-expiry', 'referral-acknowledgement']));
    expect(clean.body.data.rows[1].label).toBe('Investigación con el imputado en prisión preventiva (máximo 8 meses)');
    expect(clean.body.data.columns.map((c: { label: string }) => c.label)).toEqual(['Met in time', 'Breached', 'Open, overdue', 'Open, in time']);
    const row = (counts: Record<string, number[]>) => rules.map((r) => counts[r] ?? [0, 0, 0, 0]);
    // Each P1 case: the 48 hours met by the request; 8 months of detention and 4 years of process run out, open.
    checkSuppressed(clean.body.data, rules, ['met', 'breached', 'open-overdue', 'open'], row({ 'coercion-request-48h': [5, 0, 0, 0], 'investigation-detained': [0, 0, 5, 0], 'process-max-duration': [0, 0, 5, 0] }), 5);
    expect(clean.body.data.total).toEqual({ value: 15, suppressed: null, text: '15' });

    // The whole year: the late request breached its 48 hours; the process terms of the smuggling case
    // and the late case ran out; the conexo case's started now and is in time; closed cases had none.
    const year = await ask('deadline-compliance', `?year=${YEAR}`);
    expect(year.status).toBe(200);
    checkSuppressed(year.body.data, rules, ['met', 'breached', 'open-overdue', 'open'], row({ 'coercion-request-48h': [5, 1, 0, 0], 'investigation-detained': [0, 0, 5, 0], 'process-max-duration': [0, 0, 7, 1] }), 5);
  });

  it('counts complaints by origin: still at intake, investigated, closed without investigation', async () => {
    const res = await ask('complaints-investigated', `?year=${YEAR}`, 'en');
    expect(res.status).toBe(200);
    checkSuppressed(res.body.data, ['denuncia', 'querella', 'de-oficio'], ['at-intake', 'investigated', 'closed-at-intake'], [[1, 4, 0], [0, 2, 1], [0, 2, 0]], 5);
    expect(res.body.data.columns[1].label).toBe('Investigated (investigation or later stages)');
    const p1 = await ask('complaints-investigated', `?year=${YEAR}&province=${P1}`);
    checkSuppressed(p1.body.data, ['denuncia', 'querella', 'de-oficio'], ['at-intake', 'investigated', 'closed-at-intake'], [[0, 3, 0], [0, 1, 0], [0, 1, 0]], 5);
  });

  describe('a form field flagged for statistics', () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const FIELD = 'form-field:case-party:funcionesRed';

    /** Publishes the target's form with `fields`: a new form, or the next version of one another test file made. */
    const publishForm = async (target: string, name: string, fields: unknown[]) => {
      const existing = await anonymous.request('GET', `${FORMS_ADMIN}?filters[target][$eq]=${target}`, { headers: admin });
      expect(existing.status, JSON.stringify(existing.body)).toBe(200);
      const [current] = existing.body.results as Array<{ documentId: string; key: string }>;
      const form = { key: current?.key ?? `${target}-${tag}`, name, target, sections: [{ key: 'estadisticas', titleEs: 'Para estadísticas', titleEn: 'For statistics', fields }] };
      const saved = current
        ? await anonymous.request('PUT', `${FORMS_ADMIN}/${current.documentId}`, { headers: admin, body: form })
        : await anonymous.request('POST', FORMS_ADMIN, { headers: admin, body: form });
      expect([200, 201], JSON.stringify(saved.body)).toContain(saved.status);
      const published = await anonymous.request('POST', `${FORMS_ADMIN}/${saved.body.data.documentId}/actions/publish`, { headers: admin, body: {} });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
    };
    const listId = async (key: string) => (await anonymous.request('GET', `/content-manager/collection-types/api::code-list.code-list?filters[key][$eq]=${key}`, { headers: admin })).body.results[0].documentId as string;

    beforeAll(async () => {
      // The party form: a multiple choice and a yes/no for statistics, a sensitive yes/no also flagged
      // (never offered), and free text. The victim-profile form: a multiple choice for statistics.
      await publishForm('case-party', 'Datos del interviniente (prueba)', [
        { key: 'funcionesRed', type: 'multiple-choice', labelEs: 'Funciones en la red', labelEn: 'Roles in the network', statistics: true, codeList: { connect: [{ documentId: await listId('scheme-role') }] } },
        { key: 'captadoEnLinea', type: 'yes-no', labelEs: 'Captado en línea', labelEn: 'Recruited online', statistics: true },
        { key: 'cooperaFiscalia', type: 'yes-no', labelEs: 'Coopera con la fiscalía', labelEn: 'Cooperates with the prosecution', statistics: true, sensitive: true },
        { key: 'notaRed', type: 'long-text', labelEs: 'Nota', labelEn: 'Note' },
      ]);
      await publishForm('victim-profile', 'Datos adicionales de la víctima (prueba)', [
        { key: 'indicadoresVistos', type: 'multiple-choice', labelEs: 'Indicadores observados', labelEn: 'Indicators observed', statistics: true, codeList: { connect: [{ documentId: await listId('identification-indicator') }] } },
      ]);

      // Victims of the first P1 case (once each, though one is also a survivor there), by their profile's answer.
      const victims: Array<[string, string[] | null]> = [['f', ['documents-held-by-other', 'injuries']], ['f', ['documents-held-by-other']], ['f', ['documents-held-by-other']], ['m', ['injuries']], ['f', null]];
      for (const [sex, indicators] of victims) {
        const added = await fiscal.request('POST', `/api/cases/${partyCase}/parties`, { body: { data: { role: 'victim-adult', person: { sex, nationality: 'do', birthYear: 1990 } } } });
        expect(added.status, JSON.stringify(added.body)).toBe(201);
        const code = added.body.data.person.code as string;
        if (indicators === null) {
          expect((await fiscal.request('POST', `/api/cases/${partyCase}/parties`, { body: { data: { role: 'survivor', existingPerson: code } } })).status).toBe(201);
          continue;
        }
        const res = await fiscal.request('PUT', `/api/people/by-code/${code}/victim-profile`, { body: { data: { custom: { indicadoresVistos: indicators } } } });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }

      // Accused of the first P1 case: five men recruiters (one also a transporter; three recruited
      // online), a woman transporter, a man who answered nothing.
      const answers: Array<[string, Record<string, unknown>]> = [
        ['m', { funcionesRed: ['recruiter', 'transporter'], captadoEnLinea: true, cooperaFiscalia: true }],
        ['m', { funcionesRed: ['recruiter'], captadoEnLinea: true }],
        ['m', { funcionesRed: ['recruiter'], captadoEnLinea: true }],
        ['m', { funcionesRed: ['recruiter'], captadoEnLinea: false }],
        ['m', { funcionesRed: ['recruiter'] }],
        ['f', { funcionesRed: ['transporter'], captadoEnLinea: false }],
        ['m', {}],
      ];
      for (const [sex, custom] of answers) {
        const added = await fiscal.request('POST', `/api/cases/${partyCase}/parties`, { body: { data: { role: 'imputado', person: { sex, nationality: 'do', birthYear: 1980 } } } });
        expect(added.status, JSON.stringify(added.body)).toBe(201);
        if (!Object.keys(custom).length) continue;
        const res = await fiscal.request('PUT', `/api/cases/${partyCase}/parties/${added.body.data.party}`, { body: { data: { custom } } });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    });

    it('is offered in the catalogue; a sensitive or free-text field never is', async () => {
      const res = await statistician.request('GET', '/api/statistics/indicators', { lang: 'en' });
      const keys = (res.body.data as Array<{ key: string }>).map((i) => i.key);
      expect(keys).toEqual(expect.arrayContaining([FIELD, 'form-field:case-party:captadoEnLinea']));
      expect(keys.filter((k) => k.includes('cooperaFiscalia') || k.includes('notaRed'))).toEqual([]);
      const entry = (res.body.data as Array<Record<string, any>>).find((i) => i.key === FIELD)!;
      expect(entry).toMatchObject({ group: 'form-field', groupName: 'Form fields', name: 'Parties by «Roles in the network»', dimensions: { rows: { key: FIELD, codeList: 'scheme-role' }, columns: { key: 'sex' } } });
      for (const key of ['form-field:case-party:cooperaFiscalia', 'form-field:case-party:notaRed', 'form-field:spaceship:funcionesRed', 'form-field:case-party:noSuchField']) {
        const refused = await ask(key, `?year=${YEAR}`, 'en');
        expect(refused.status, key).toBe(400);
        expect(refused.body.error.details.errors[0].path).toEqual(['key']);
      }
    });

    it('counts victims once per case by their profile\'s answer, each option ticked once', async () => {
      const res = await ask('form-field:victim-profile:indicadoresVistos', `?year=${YEAR}`, 'en');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data.name).toBe('Victims by «Indicators observed»');
      const codes = res.body.data.rows.map((r: { code: string }) => r.code) as string[];
      expect(codes).toHaveLength(7);
      expect(codes.slice(0, 1).concat(codes.slice(-1))).toEqual(['documents-held-by-other', 'unknown']);
      const counts: Record<string, number[]> = { 'documents-held-by-other': [3, 0, 0], injuries: [1, 1, 0], unknown: [1, 0, 0] };
      checkSuppressed(res.body.data, codes, ['f', 'm', 'x'], codes.map((c) => counts[c] ?? [0, 0, 0]), 5);
    });

    it('counts parties by each option ticked (a list answer once per option), the unanswered as not known', async () => {
      const res = await ask(FIELD, `?year=${YEAR}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const roles = res.body.data.rows.map((r: { code: string }) => r.code) as string[];
      expect(roles).toEqual(['recruiter', 'transporter', 'broker', 'smuggler', 'exploiter', 'controller', 'financier', 'unknown']);
      expect(res.body.data.rows[0].label).toBe('Captador');
      // The victims are parties too, answering nothing here: four women (one in two roles, two parties) and a man.
      const counts: Record<string, number[]> = { recruiter: [0, 5, 0], transporter: [1, 1, 0], unknown: [5, 2, 0] };
      checkSuppressed(res.body.data, roles, ['f', 'm', 'x'], roles.map((r) => counts[r] ?? [0, 0, 0]), 5);
      expect(res.body.data.cells[0][1]).toEqual({ value: 5, suppressed: null, text: '5' });

      const yesNo = await ask('form-field:case-party:captadoEnLinea', `?year=${YEAR}`, 'en');
      expect(yesNo.status).toBe(200);
      expect(yesNo.body.data.rows.map((r: { label: string }) => r.label)).toEqual(['Yes', 'No', 'Not known']);
      checkSuppressed(yesNo.body.data, ['true', 'false', 'unknown'], ['f', 'm', 'x'], [[0, 3, 0], [1, 1, 0], [5, 3, 0]], 5);
    });
  });

  it('answers every operational indicator over all cases (the demo ones too), with no published figure below k', async () => {
    const catalogue = await statistician.request('GET', '/api/statistics/indicators');
    const keys = ['median-days-between-steps', 'deadline-compliance', 'complaints-investigated', ...(catalogue.body.data as Array<{ key: string }>).map((i) => i.key).filter((k) => k.startsWith('form-field:'))];
    for (const key of keys) {
      for (const profile of ['standard', 'publication']) {
        const res = await ask(key, `?profile=${profile}`);
        expect(res.status, key).toBe(200);
        const k = res.body.meta.k as number;
        const { cells, rowTotals, columnTotals, total, measure } = res.body.data as Answer;
        const figures = [...cells.flat(), ...rowTotals, ...columnTotals, total];
        for (const figure of figures) {
          if (figure.suppressed) expect(figure.value).toBeNull();
          else expect(figure.value === 0 || figure.value! >= k, `${key} ${figure.value}`).toBe(true);
        }
        if (measure) {
          const measures = [...measure.cells.flat(), ...measure.rowTotals, ...measure.columnTotals, measure.total];
          measures.forEach((m, i) => { if (m.value !== null) expect(figures[i]!.suppressed === null && figures[i]!.value! >= k, key).toBe(true); });
        }
      }
    }
  });

  it('refuses other roles and bad parameters as every indicator does', async () => {
    expect((await fiscal.request('GET', `/api/statistics/indicators/deadline-compliance?year=${YEAR}`)).status).toBe(403);
    const bad = await ask('complaints-investigated', '?year=08', 'en');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['year']);
  });
});
