import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { csvField, neutralise, renderCsv } from './csv';
import { LABELS, dataHashOf, type ReportContent } from './content';
import { resolvePeriod } from './period';
import { checkSchedule, queryOf } from './schedule-input';
import { checkPrivateDir } from './storage';
import { renderPdf } from './pdf';
import { renderXlsx } from './xlsx';
import ExcelJS from 'exceljs';
import type { IndicatorAnswer } from '../services/tables';

const at = (iso: string) => new Date(iso);
const keys = new Set(['cases-by-stage', 'victims-by-sex-age']);
const valid = { name: 'Anual', cron: '0 6 15 1 *', indicators: ['cases-by-stage'], parameters: { period: 'previous-calendar-year' }, formats: ['csv', 'pdf'], downloadRoles: ['statistician'], retentionDays: 30, enabled: true };
const answer = {
  data: { key: 'k', group: 'operational', name: 'Casos', counts: '=cuenta', source: 's', rows: [{ code: 'a', label: 'Etapa A' }], columns: [{ code: 'x', label: 'Trata' }, { code: 'y', label: 'Tráfico' }],
    cells: [[{ value: 7, suppressed: null, text: '7' }, { value: null, suppressed: 'primary', text: '<5' }]], rowTotals: [{ value: null, suppressed: 'secondary', text: 'x' }],
    columnTotals: [{ value: 7, suppressed: null, text: '7' }, { value: null, suppressed: 'primary', text: '<5' }], total: { value: null, suppressed: 'secondary', text: 'x' } },
  meta: { k: 5, profile: 'standard', scope: { year: 2009, from: '2009-01-01', to: '2009-12-31', province: null }, dimensions: { rows: { key: 'r', name: 'Etapa', names: { es: 'Etapa', en: 'Stage' }, codeList: null }, columns: { key: 'c', name: 'Tipo', names: { es: 'Tipo', en: 'Type' }, codeList: null } } },
} as unknown as IndicatorAnswer;
const check = (data: Record<string, unknown>, partial = false) => checkSchedule(data, { lang: 'es', indicatorKeys: keys, validCron: (e) => cron.validate(e), partial });

describe('spreadsheet formulas in CSV', () => {
  it('a text cell starting with = + - @ tab or carriage return gets a leading apostrophe', () => {
    for (const text of ['=SUM(A1)', '+1', '-2', '@cmd', '\tx', '\rx']) expect(neutralise(text)).toBe(`'${text}`);
    expect(neutralise('<5')).toBe('<5');
    expect(neutralise('Santo Domingo')).toBe('Santo Domingo');
  });
  it('a field with a comma, a quote or a line break is quoted after neutralising', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField(12)).toBe('12');
  });
  it('writes UTF-8 with a byte-order mark, withheld figures as their text', () => {

    const report: ReportContent = { title: 'Prueba', parameters: [{ label: 'Periodo', value: 'Año 2009' }], k: 5, profile: 'standard', generatedAt: new Date(0), answers: [answer], dataHash: dataHashOf([answer]), labels: LABELS.es };
    const buffer = renderCsv(report);
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.toString('utf8').slice(1);
    expect(text).toContain("'=cuenta");
    expect(text).toContain('Etapa A,7,<5,x');
    expect(text).toContain('Total,7,<5,x');
    expect(text).toContain('Tráfico');
    expect(dataHashOf([answer])).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the period of a schedule run', () => {
  it('a fixed year stays that year', () => {
    expect(resolvePeriod({ year: 2009 }, at('2026-05-01T12:00:00Z'))).toMatchObject({ query: { year: '2009' }, from: '2009-01-01', to: '2009-12-31' });
  });
  it('the previous calendar year, in office time (UTC-4)', () => {
    expect(resolvePeriod({ relative: 'previous-calendar-year' }, at('2026-01-15T10:00:00Z')).query).toEqual({ year: '2025' });
    // 1 January 02:00 UTC is still 31 December in Santo Domingo.
    expect(resolvePeriod({ relative: 'previous-calendar-year' }, at('2026-01-01T02:00:00Z')).query).toEqual({ year: '2024' });
  });
  it('the previous quarter and month, across the year boundary', () => {
    expect(resolvePeriod({ relative: 'previous-quarter' }, at('2026-01-05T12:00:00Z'))).toMatchObject({ from: '2025-10-01', to: '2025-12-31', label: { es: 'Trimestre 4 de 2025' } });
    expect(resolvePeriod({ relative: 'previous-quarter' }, at('2026-05-05T12:00:00Z'))).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(resolvePeriod({ relative: 'previous-month' }, at('2026-03-10T12:00:00Z'))).toMatchObject({ from: '2026-02-01', to: '2026-02-28', label: { es: 'febrero de 2026' } });
    expect(resolvePeriod({ relative: 'previous-month' }, at('2024-01-10T12:00:00Z'))).toMatchObject({ from: '2023-12-01', to: '2023-12-31' });
    expect(resolvePeriod({ relative: 'current-year-to-date' }, at('2026-03-10T12:00:00Z'))).toMatchObject({ from: '2026-01-01', to: '2026-03-10' });
  });
  it('the query of a schedule carries its codes and profile', () => {
    const { query } = queryOf({ year: null, period: 'previous-month', province: 'samana', offence: null, lawVersion: null, profile: 'publication' }, at('2026-03-10T12:00:00Z'));
    expect(query).toEqual({ from: '2026-02-01', to: '2026-02-28', province: 'samana', profile: 'publication' });
  });
});

describe('a report schedule as saved', () => {
  it('accepts a complete, valid schedule', () => expect(check(valid)).toEqual([]));
  it('refuses an invalid cron expression with a clear message', () => {
    const problems = check({ ...valid, cron: '61 * * * *' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: ['cron'] });
    expect(problems[0]!.message).toContain('La expresión cron «61 * * * *» no es válida');
    expect(check({ ...valid, cron: 'cada día' })[0]!.path).toEqual(['cron']);
  });
  it('refuses unknown indicators, formats, roles, parameters and a bad period', () => {
    expect(check({ ...valid, indicators: ['no-such'] })[0]!.message).toContain('«no-such»');
    expect(check({ ...valid, indicators: [] })[0]!.path).toEqual(['indicators']);
    expect(check({ ...valid, formats: ['docx'] })[0]!.path).toEqual(['formats']);
    expect(check({ ...valid, downloadRoles: ['prosecutor'] })[0]!.path).toEqual(['downloadRoles']);
    expect(check({ ...valid, parameters: { period: 'previous-calendar-year', colour: 'red' } })[0]!.path).toEqual(['parameters', 'colour']);
    expect(check({ ...valid, parameters: { period: 'previous-calendar-year', year: 2009 } })[0]!.path[0]).toBe('parameters');
    expect(check({ ...valid, parameters: { period: 'next-week' } })[0]!.path).toEqual(['parameters', 'period']);
    expect(check({ ...valid, retentionDays: 0 })[0]!.path).toEqual(['retentionDays']);
  });
  it('an update is checked on the fields it carries', () => {
    expect(check({ enabled: false }, true)).toEqual([]);
    expect(check({ cron: 'x' }, true)[0]!.path).toEqual(['cron']);
  });
});

describe('private storage', () => {
  it('refuses a report folder inside the public folder', () => {
    expect(() => checkPrivateDir('/srv/pett/cms/public/uploads/reports', '/srv/pett/cms/public')).toThrow(/must not be inside the public folder/);
    expect(() => checkPrivateDir('/srv/pett/cms/public', '/srv/pett/cms/public')).toThrow();
    expect(() => checkPrivateDir('/srv/pett/data/reports', '/srv/pett/cms/public')).not.toThrow();
  });
});

describe('XLSX and PDF of a suppressed table', () => {
  const report = (): ReportContent => ({ title: 'Informe de prueba', parameters: [{ label: 'Periodo', value: 'Año 2009' }], k: 5, profile: 'standard', generatedAt: new Date(0), answers: [answer], dataHash: dataHashOf([answer]), labels: LABELS.es });
  it('the XLSX has a sheet per indicator (numbers published, withheld as text) and a notes sheet', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderXlsx(report())) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['1 k', 'Notas']);
    expect(book.worksheets[0]!.getRow(5).values).toEqual([undefined, 'Etapa A', 7, '<5', 'x']);
    expect(JSON.stringify(book.getWorksheet('Notas')!.getSheetValues())).toContain(dataHashOf([answer]));
  });
  it('the PDF prints the withheld figures as such', async () => {
    const pdf = await renderPdf(report());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    const text = [...raw.matchAll(/\[([^\]]*)\]\s*TJ/g)].flatMap((b) => [...b[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'))).join('');
    expect(text).toContain('Informe de prueba');
    expect(text).toContain('Periodo: Año 2009');
    expect(text).toContain('<5');
    expect(text).toContain('Página 2 / 2');
  });
});

describe('the seeded report schedules', () => {
  it('are valid schedules with known indicators once keys not yet in the catalogue are left out', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { INDICATORS } = await import('../indicators/catalogue');
    const known = new Set(INDICATORS.map((i) => i.key));
    const seeds = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../config/catalogues/report-schedules.json'), 'utf8')) as Array<Record<string, unknown> & { indicators: string[] }>;
    expect(seeds.map((s) => s.name)).toEqual(['Informe Mundial UNODC (anual)', 'Informe TIP EE. UU. (anual)', 'ODS 16.2.2 (anual, perfil de publicación)', 'Casos CITIM (trimestral)']);
    for (const seed of seeds) {
      const indicators = seed.indicators.filter((k) => known.has(k));
      expect(indicators.length).toBeGreaterThan(0);
      expect(checkSchedule({ ...seed, indicators }, { lang: 'en', indicatorKeys: known, validCron: (e) => cron.validate(e), partial: false })).toEqual([]);
    }
  });
});

describe('report scheduler settings', () => {
  it('reads the environment, with defaults, and refuses bad values', async () => {
    const { reportScheduleSettings } = await import('./scheduler');
    expect(reportScheduleSettings({})).toMatchObject({ enabled: true, timezone: 'America/Santo_Domingo', reloadMs: 60_000, sweepCron: '17 * * * *' });
    expect(reportScheduleSettings({ PETT_CRON: 'off', PETT_REPORTS_RELOAD_SECONDS: '1' })).toMatchObject({ enabled: false, reloadMs: 1000 });
    expect(() => reportScheduleSettings({ PETT_REPORTS_RELOAD_SECONDS: '0' })).toThrow(/PETT_REPORTS_RELOAD_SECONDS/);
    expect(() => reportScheduleSettings({ PETT_REPORTS_SWEEP_CRON: 'often' })).toThrow(/PETT_REPORTS_SWEEP_CRON/);
  });
});
