// Reports over HTTP, on SQLite and PostgreSQL, over a small fixture in intake year 2009 (no other
// test or the demo uses it): a schedule saved in the admin panel is checked; run now makes a
// snapshot whose CSV, XLSX and PDF, read back, hold the suppressed figures the API answers; files
// sit in private storage only; downloads are for the schedule's roles and go on the audit trail;
// retention deletes expired files; immediate exports answer clear 4xx for bad input.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { executeSql, queryRows } from '../support/db-facts.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { pdfText } from '../support/pdf-text.ts';

const targets = inject('apiTargets');
const YEAR = 2009;
const SCHEDULES_ADMIN = '/content-manager/collection-types/plugin::statistics.report-schedule';
const INDICATORS = ['cases-by-province', 'cases-by-stage'];

interface Figure { value: number | null; suppressed: string | null; text: string }

describe.each(targets.map((t) => [t.name, t] as const))('statistics reports on %s', (_name, target) => {
  const anonymous = new ApiClient(target);
  let fiscal: ApiClient;
  let statistician: ApiClient;
  let chief: ApiClient;
  let admin: Record<string, string>;
  let scheduleId: string;
  let snapshot: { documentId: string; files: Array<{ format: string; size: number; sha256: string; url: string }>; dataHash: string; status: string };
  const expected = new Map<string, { rows: Array<{ label: string }>; cells: Figure[][]; rowTotals: Figure[]; total: Figure }>();

  const download = (client: ApiClient, url: string) => fetch(`${target.baseUrl}${url}`, { headers: { authorization: `Bearer ${client.token}`, 'accept-language': 'es-DO' } });
  const auditSince = (seq: number, actions: string[]) => queryRows<{ action: string; outcome: string; target_id: string | null; fields: string; actor_role: string }>(target, `SELECT action, outcome, target_id, fields, actor_role FROM audit_entries WHERE seq > ${seq} AND action IN (${actions.map((a) => `'${a}'`).join(',')}) ORDER BY seq`);
  const headSeq = async () => Number((await queryRows<{ n: number | null }>(target, 'SELECT MAX(seq) AS n FROM audit_entries'))[0]?.n ?? 0);

  beforeAll(async () => {
    [fiscal, statistician, chief] = await Promise.all(['fiscal.demo1', 'estadistica.demo', 'titular.demo'].map((u) => anonymous.as(u)));
    admin = await anonymous.adminHeaders();
    // 7 trata cases in Pedernales and 2 tráfico cases in Samaná, all in 2009.
    const open = async (caseType: string, day: string, province: string) => {
      const body = newCaseBody(`Caso de prueba de informes (DEMO) ${day}`);
      const res = await fiscal.request('POST', '/api/cases', { body: { data: { ...body.data, caseType, intakeDate: `${YEAR}-${day}`, province, exploitationForms: [] } } });
      expect(res.status).toBe(201);
    };
    for (let i = 1; i <= 7; i += 1) await open('trata', `0${i}-10`, 'pedernales');
    for (const day of ['08-01', '09-02']) await open('trafico', day, 'samana');
    for (const key of INDICATORS) {
      const res = await statistician.request('GET', `/api/statistics/indicators/${key}?year=${YEAR}`);
      expect(res.status).toBe(200);
      expected.set(key, res.body.data);
    }
  });

  it('refuses a schedule with an invalid cron expression or unknown indicator, with a clear message', async () => {
    const base = { name: `Informe de prueba ${target.name} ${YEAR}`, cron: '0 6 1 1 *', indicators: INDICATORS, parameters: { year: YEAR }, formats: ['csv', 'xlsx', 'pdf'], downloadRoles: ['statistician'], retentionDays: 30, enabled: false };
    const badCron = await anonymous.request('POST', SCHEDULES_ADMIN, { headers: admin, body: { ...base, cron: '0 25 * * *' } });
    expect(badCron.status).toBe(400);
    expect(badCron.body.error.message).toContain('La expresión cron «0 25 * * *» no es válida');
    const badIndicator = await anonymous.request('POST', SCHEDULES_ADMIN, { headers: admin, body: { ...base, indicators: ['no-such-indicator'] }, lang: 'en' });
    expect(badIndicator.status).toBe(400);
    expect(badIndicator.body.error.message).toContain('Unknown indicator: «no-such-indicator»');
    const badProvince = await anonymous.request('POST', SCHEDULES_ADMIN, { headers: admin, body: { ...base, parameters: { year: YEAR, province: 'atlantis' } } });
    expect(badProvince.status).toBe(400);
    const made = await anonymous.request('POST', SCHEDULES_ADMIN, { headers: admin, body: base });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    scheduleId = made.body.data.documentId;
  });

  it('lists the schedules, the seeded ones included; only the statistics unit may run one', async () => {
    const list = await statistician.request('GET', '/api/statistics/report-schedules');
    expect(list.status).toBe(200);
    expect(list.body.meta.canRun).toBe(true);
    const names = list.body.data.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Informe Mundial UNODC (anual)', 'Casos CITIM (trimestral)']));
    expect(list.body.data.find((s: { documentId: string }) => s.documentId === scheduleId)).toMatchObject({ cron: '0 6 1 1 *', parameters: { year: YEAR }, enabled: false });
    const byChief = await chief.request('POST', `/api/statistics/report-schedules/${scheduleId}/run`);
    expect(byChief.status).toBe(403);
    expect(byChief.body.error.message).toBe('Solo la unidad de estadística puede ejecutar una programación de informe.');
    expect((await fiscal.request('GET', '/api/statistics/report-schedules')).status).toBe(403);
    expect((await statistician.request('POST', '/api/statistics/report-schedules/nosuchschedule000000000/run')).status).toBe(404);
  });

  it('runs a schedule now: a snapshot with its parameters, data hash and files kept privately', async () => {
    const res = await statistician.request('POST', `/api/statistics/report-schedules/${scheduleId}/run`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    snapshot = res.body.data;
    expect(snapshot).toMatchObject({ status: 'ready', ranBy: 'user', period: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, label: `Año ${YEAR}` }, indicators: INDICATORS, downloadRoles: ['statistician'] });
    expect(snapshot.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.files.map((f) => f.format)).toEqual(['csv', 'xlsx', 'pdf']);
    const dir = path.join(target.dir, 'reports');
    const stored = fs.readdirSync(dir);
    expect(stored.length).toBeGreaterThanOrEqual(3);
    for (const name of stored) expect(fs.statSync(path.join(dir, name)).mode & 0o777).toBe(0o600);
    const listed = await statistician.request('GET', '/api/statistics/report-snapshots?page=1&pageSize=5');
    expect(listed.status).toBe(200);
    expect(listed.body.data[0].documentId).toBe(snapshot.documentId);
    expect(listed.body.meta.pagination).toMatchObject({ page: 1, pageSize: 5 });
  });

  it('the XLSX, read back, has a sheet per indicator with the suppressed figures and a notes sheet', async () => {
    const res = await download(statistician, `/api/statistics/report-snapshots/${snapshot.documentId}/files/xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pett-informe-.*\.xlsx"$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['1 cases-by-province', '2 cases-by-stage', 'Notas']);
    for (const [index, key] of INDICATORS.entries()) {
      const sheet = book.worksheets[index]!;
      const answer = expected.get(key)!;
      answer.rows.forEach((row, i) => {
        const line = sheet.getRow(5 + i).values as unknown[];
        expect(line[1]).toBe(row.label);
        const figures = [...answer.cells[i]!, answer.rowTotals[i]!];
        figures.forEach((f, j) => expect(line[2 + j]).toEqual(f.value !== null ? f.value : f.text));
      });
    }
    const pedernales = expected.get('cases-by-province')!.rows.findIndex((r) => r.label.includes('Pedernales'));
    expect(book.worksheets[0]!.getRow(5 + pedernales).values).toEqual(expect.arrayContaining(['Pedernales', 7]));
    const notes = book.getWorksheet('Notas')!;
    const text = JSON.stringify(notes.getSheetValues());
    expect(text).toContain(snapshot.dataHash);
    expect(text).toContain('Umbral k');
    expect(text).toContain(`Año ${YEAR}`);
  });

  it('the PDF, read back, is in Spanish and shows the suppressed figures as such', async () => {
    const res = await download(statistician, `/api/statistics/report-snapshots/${snapshot.documentId}/files/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain(`Informe de prueba ${target.name} ${YEAR}`);
    expect(text).toContain(`Periodo: Año ${YEAR}`);
    expect(text).toContain('Casos por provincia y tipo');
    expect(text).toContain('Pedernales');
    expect(text).toContain('<5');
    expect(text).toContain(snapshot.dataHash);
    expect(text).toMatch(/Página 1 \/ \d+/);
  });

  it('the CSV is UTF-8 with a byte-order mark and withheld figures as their text', async () => {
    const res = await download(statistician, `/api/statistics/report-snapshots/${snapshot.documentId}/files/csv`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Pedernales,7,0,0,0,7');
    // Samaná's 2 tráfico cases are withheld (and whatever secondary suppression withholds with them).
    const byProvince = expected.get('cases-by-province')!;
    const samana = byProvince.rows.findIndex((r) => r.label === 'Samaná');
    const line = ['Samaná', ...byProvince.cells[samana]!.map((f) => f.text), byProvince.rowTotals[samana]!.text].join(',');
    expect(line).toContain('<5');
    expect(text).toContain(line);
  });

  it('a role the schedule does not name cannot download; refusals and downloads are on the audit trail', async () => {
    const before = await headSeq();
    const byChief = await download(chief, `/api/statistics/report-snapshots/${snapshot.documentId}/files/pdf`);
    expect(byChief.status).toBe(403);
    expect((await byChief.json()).error.message).toContain('Su rol no puede descargar este informe');
    expect((await download(fiscal, `/api/statistics/report-snapshots/${snapshot.documentId}/files/pdf`)).status).toBe(403);
    const chiefList = await chief.request('GET', '/api/statistics/report-snapshots');
    expect(chiefList.body.data.map((s: { documentId: string }) => s.documentId)).not.toContain(snapshot.documentId);
    expect((await download(statistician, `/api/statistics/report-snapshots/${snapshot.documentId}/files/csv`)).status).toBe(200);
    const bad = await statistician.request('GET', `/api/statistics/report-snapshots/${snapshot.documentId}/files/docx`, { lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Invalid format: use csv, xlsx, pdf.');
    const entries = await auditSince(before, ['report.download']);
    expect(entries.map((e) => [e.outcome, e.actor_role, e.target_id])).toEqual([['refused', 'chief-prosecutor', snapshot.documentId], ['success', 'statistician', snapshot.documentId]]);
    expect(entries[1]!.fields).toContain('format:csv');
  });

  it('exports at once, suppressed, on the audit trail with its parameters; bad input is a clear 4xx', async () => {
    const before = await headSeq();
    const res = await download(chief, `/api/statistics/export?format=xlsx&indicators=cases-by-province&year=${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="pett-estadisticas-${YEAR}.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets[0]!.name).toBe('1 cases-by-province');
    const entries = await auditSince(before, ['statistics.export']);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.fields)).toEqual(expect.arrayContaining(['format:xlsx', 'indicators:cases-by-province', `year:${YEAR}`]));
    const ask = (query: string, lang = 'es-DO') => statistician.request('GET', `/api/statistics/export${query}`, { lang });
    const format = await ask('?format=docx&indicators=cases-by-stage', 'en');
    expect([format.status, format.body.error.details.errors[0].path]).toEqual([400, ['format']]);
    const unknown = await ask('?format=csv&indicators=cases-by-stage,no-such');
    expect([unknown.status, unknown.body.error.message]).toEqual([400, 'Indicador desconocido: «no-such». Consulte el catálogo (/api/statistics/indicators).']);
    const none = await ask('?format=csv');
    expect([none.status, none.body.error.details.errors[0].path]).toEqual([400, ['indicators']]);
    const year = await ask('?format=csv&indicators=cases-by-stage&year=20x9', 'en');
    expect([year.status, year.body.error.details.errors[0].path]).toEqual([400, ['year']]);
    const extra = await ask('?format=csv&indicators=cases-by-stage&colour=red');
    expect(extra.status).toBe(400);
    expect((await fiscal.request('GET', `/api/statistics/export?format=csv&indicators=cases-by-stage&year=${YEAR}`)).status).toBe(403);
  });

  it('no report file is reachable under a public URL', async () => {
    const dir = path.join(target.dir, 'reports');
    for (const name of fs.readdirSync(dir)) {
      for (const url of [`/uploads/${name}`, `/${name}`, `/reports/${name}`, `/data/reports/${name}`]) {
        const res = await fetch(`${target.baseUrl}${url}`);
        const body = Buffer.from(await res.arrayBuffer());
        expect(body.equals(fs.readFileSync(path.join(dir, name)))).toBe(false);
      }
    }
  });

  it('retention deletes an expired snapshot\'s files and marks it expired', async () => {
    const files = fs.readdirSync(path.join(target.dir, 'reports'));
    const past = target.databaseUrl ? `'2000-01-01T00:00:00Z'` : '946684800000';
    await executeSql(target, `UPDATE report_snapshots SET expires_at = ${past} WHERE document_id = '${snapshot.documentId}'`);
    const again = await statistician.request('POST', `/api/statistics/report-schedules/${scheduleId}/run`);
    expect(again.status).toBe(201);
    const listed = await statistician.request('GET', '/api/statistics/report-snapshots?pageSize=100');
    expect(listed.body.data.find((s: { documentId: string }) => s.documentId === snapshot.documentId)).toMatchObject({ status: 'expired', files: [] });
    const left = fs.readdirSync(path.join(target.dir, 'reports'));
    expect(left.filter((f) => files.includes(f))).toHaveLength(files.length - 3);
    const expired = await queryRows<{ outcome: string }>(target, `SELECT outcome FROM audit_entries WHERE action = 'report.expire' AND target_id = '${snapshot.documentId}'`);
    expect(expired).toHaveLength(1);
    const gone = await download(statistician, `/api/statistics/report-snapshots/${snapshot.documentId}/files/pdf`);
    expect(gone.status).toBe(410);
  });
});
