import { describe, expect, it } from 'vitest';
import { parseEntryFilters, parseExportFormat, parsePaging } from './query';

const paths = (checked: object) => ('problems' in checked ? (checked.problems as Array<{ path: string[] }>).map((p) => p.path[0]) : []);

describe('the reading endpoints refuse bad query values, naming the parameter', () => {
  it('takes page and pageSize as whole numbers within bounds, 1 and 25 by default', () => {
    expect(parsePaging({}, 'es')).toEqual({ value: { page: 1, pageSize: 25 } });
    expect(parsePaging({ page: '3', pageSize: '100' }, 'es')).toEqual({ value: { page: 3, pageSize: 100 } });
    for (const bad of [{ page: '0' }, { page: '-1' }, { page: 'dos' }, { page: '1.5' }, { pageSize: '101' }, { pageSize: ['5', '6'] }]) expect(paths(parsePaging(bad, 'es'))).toEqual(Object.keys(bad));
    expect(paths(parsePaging({ sort: 'seq' }, 'en'))).toEqual(['sort']);
  });

  it('answers in the caller language', () => {
    const es = parsePaging({ page: 'x' }, 'es') as { problems: Array<{ message: string }> };
    const en = parsePaging({ page: 'x' }, 'en') as { problems: Array<{ message: string }> };
    expect(es.problems[0].message).toMatch(/parámetro «page»/);
    expect(en.problems[0].message).toMatch(/parameter «page»/);
  });

  it('reads the auditor filters, and a period as whole office days (UTC−4)', () => {
    expect(parseEntryFilters({ actor: 'fiscal.demo1', action: 'case.update', targetType: 'case', targetId: 'abc123', from: '2026-03-01', to: '2026-03-01', pageSize: '10' }, 'es')).toEqual({
      value: { actor: 'fiscal.demo1', action: 'case.update', targetType: 'case', targetId: 'abc123', from: '2026-03-01T04:00:00.000Z', to: '2026-03-02T04:00:00.000Z', page: 1, pageSize: 10 },
    });
    expect(paths(parseEntryFilters({ from: '2026-02-30' }, 'es'))).toEqual(['from']);
    expect(paths(parseEntryFilters({ to: '01/03/2026' }, 'es'))).toEqual(['to']);
    expect(paths(parseEntryFilters({ from: '2026-03-02', to: '2026-03-01' }, 'es'))).toEqual(['to']);
    expect(paths(parseEntryFilters({ action: "case'; drop table" }, 'es'))).toEqual(['action']);
    expect(paths(parseEntryFilters({ actor: 'x'.repeat(101) }, 'es'))).toEqual(['actor']);
  });

  it('exports as csv or json only, and the format must be given', () => {
    expect(parseExportFormat({ format: 'csv' }, 'es')).toEqual({ value: 'csv' });
    expect(parseExportFormat({ format: 'json' }, 'es')).toEqual({ value: 'json' });
    expect(paths(parseExportFormat({ format: 'xlsx' }, 'es'))).toEqual(['format']);
    expect(paths(parseExportFormat({}, 'es'))).toEqual(['format']);
  });
});
