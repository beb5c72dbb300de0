// The pure parts of the operational indicators: medians in SQL (run here on an in-memory SQLite; the
// API tests run the same SQL on PostgreSQL), the deadline-rule rows from a lookup, and which form
// fields become indicators and how.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mediansSql, medianTable, type MedianRow } from '../services/measures/operational';
import { OPERATIONAL_DIMENSIONS, OPERATIONAL_INDICATORS } from './catalogue-operational';
import { formFieldIndicator, formFieldKey, offerable, parseFormFieldKey } from './catalogue-form-fields';
import { indicatorOf, INDICATORS } from './catalogue';
import { assembleTable, domainOf, labelOf, lookupKey, type CodeItem } from './table';

type Sqlite = { prepare(sql: string): { all(...args: unknown[]): unknown[] }; exec(sql: string): void; close(): void };
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => Sqlite;

/** The medians SQL over rows (r, c, v), run on SQLite. */
function sqliteMedians(values: Array<[string, string, number]>): MedianRow[] {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (r TEXT, c TEXT, v REAL)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)') as unknown as { run(...a: unknown[]): void };
    for (const row of values) insert.run(...row);
    const query = mediansSql({ sql: 'SELECT r, c, v FROM t WHERE v >= ?', bindings: [-1] });
    return db.prepare(query.sql).all(...query.bindings) as MedianRow[];
  } finally {
    db.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe('medians in SQL', () => {
  it('takes the middle value of an odd group and the mean of the two middle values of an even one, for cells and every total', () => {
    const rows = sqliteMedians([['a', 'x', 3], ['a', 'x', 1], ['a', 'x', 2], ['a', 'y', 10], ['a', 'y', 20], ['b', 'x', 7]]);
    const at = (lvl: string, r: string, c: string) => rows.find((m) => m.lvl === lvl && m.r === r && m.c === c)?.median;
    expect(at('cell', 'a', 'x')).toBe(2);
    expect(at('cell', 'a', 'y')).toBe(15);
    expect(at('cell', 'b', 'x')).toBe(7);
    expect(at('row', 'a', '')).toBe(3); // 1 2 3 10 20
    expect(at('column', '', 'x')).toBe(2.5); // 1 2 3 7
    expect(at('total', '', '')).toBe(5); // 1 2 3 7 10 20
    expect(rows).toHaveLength(3 + 2 + 2 + 1);
  });

  it('agrees with the median computed in JavaScript on random groups', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('x', 'y'), fc.integer({ min: 0, max: 4000 }).map((n) => n / 4)), { minLength: 1, maxLength: 40 }), (values) => {
      const rows = sqliteMedians(values);
      for (const m of rows) {
        const group = values.filter(([r, c]) => (m.lvl === 'cell' || m.lvl === 'row' ? r === m.r : true) && (m.lvl === 'cell' || m.lvl === 'column' ? c === m.c : true));
        expect(m.median).toBeCloseTo(median(group.map(([, , v]) => v)), 9);
      }
      expect(rows.filter((m) => m.lvl === 'total')).toHaveLength(1);
    }), { numRuns: 60 });
  });

  it('places the medians on the count table, null where nothing was measured, to two decimals', () => {
    const table = medianTable({ rows: ['a', 'b'], columns: ['x', 'y'], cells: [[3, 0], [1, 0]] }, [
      { lvl: 'cell', r: 'a', c: 'x', median: 2.004 }, { lvl: 'cell', r: 'b', c: 'x', median: 7 }, { lvl: 'row', r: 'a', c: '', median: 2.004 },
      { lvl: 'row', r: 'b', c: '', median: 7 }, { lvl: 'column', r: '', c: 'x', median: 4.5 }, { lvl: 'total', r: '', c: '', median: 4.5 },
    ]);
    expect(table).toEqual({ cells: [[2, null], [7, null]], rowTotals: [2, 7], columnTotals: [4.5, null], total: 4.5 });
  });
});

describe('operational catalogue', () => {
  it('lists the operational indicators after the first ones, the median one measured in days', () => {
    expect(INDICATORS.map((i) => i.key)).toEqual(expect.arrayContaining(OPERATIONAL_INDICATORS.map((i) => i.key)));
    expect(indicatorOf('median-days-between-steps')).toMatchObject({ measure: 'median-days', group: 'operational', rows: { key: 'interval' }, columns: { key: 'case-type' } });
    expect(indicatorOf('deadline-compliance')?.rows).toMatchObject({ lookup: 'deadline-rule' });
  });

  it('takes the deadline rules\' rows and names from the lookup, not a code list', () => {
    const rules: CodeItem[] = [
      { code: 'coercion-request-48h', labelEs: 'Solicitud de medida de coerción', labelEn: 'Solicitud de medida de coerción', sortOrder: 0 },
      { code: 'old-rule', labelEs: 'Regla retirada', labelEn: 'Regla retirada', sortOrder: 1, active: false },
      { code: 'process-max-duration', labelEs: 'Duración máxima del proceso', labelEn: 'Duración máxima del proceso', sortOrder: 2 },
    ];
    const lists = new Map([[lookupKey('deadline-rule'), rules]]);
    const dim = OPERATIONAL_DIMENSIONS.deadlineRule;
    expect(domainOf(dim, new Set(['process-max-duration', 'deleted-rule']), lists)).toEqual(['coercion-request-48h', 'process-max-duration', 'deleted-rule']);
    expect(labelOf(dim, 'process-max-duration', 'en', lists)).toBe('Duración máxima del proceso');
    expect(labelOf(dim, 'deleted-rule', 'es', lists)).toBe('deleted-rule');
    const table = assembleTable(indicatorOf('deadline-compliance')!, [{ r: 'coercion-request-48h', c: 'breached', n: 2 }], lists);
    expect(table).toEqual({ rows: ['coercion-request-48h', 'process-max-duration'], columns: ['met', 'breached', 'open-overdue', 'open'], cells: [[0, 2, 0, 0], [0, 0, 0, 0]] });
  });
});

describe('form-field indicators', () => {
  const roles = { key: 'funcionesRed', type: 'multiple-choice', codeList: 'scheme-role', labelEs: 'Funciones en la red', labelEn: 'Roles in the network' };

  it('reads a key as target and field, and nothing else', () => {
    expect(parseFormFieldKey('form-field:case-party:funcionesRed')).toEqual({ target: 'case-party', field: 'funcionesRed' });
    expect(parseFormFieldKey(formFieldKey('victim-profile', 'senales2'))).toEqual({ target: 'victim-profile', field: 'senales2' });
    for (const bad of ['form-field:evidence:x', 'form-field:case', 'form-field:case:', 'form-field:case:a:b', "form-field:case:x'); DROP", 'victims-by-sex-age', 'form-field:case:1x']) {
      expect(parseFormFieldKey(bad), bad).toBeNull();
    }
  });

  it('offers only fields with coded answers, never a sensitive one', () => {
    expect(offerable(roles, new Set())).toBe(true);
    expect(offerable(roles, new Set(['funcionesRed']))).toBe(false);
    expect(offerable({ key: 'captado', type: 'yes-no', labelEs: 'Captado', labelEn: 'Recruited' }, new Set())).toBe(true);
    expect(offerable({ key: 'horas', type: 'integer', labelEs: 'Horas', labelEn: 'Hours' }, new Set())).toBe(false);
    expect(offerable({ key: 'sinLista', type: 'single-choice', labelEs: 'x', labelEn: 'x' }, new Set())).toBe(false);
    expect(offerable({ ...roles, key: 'bad key' }, new Set())).toBe(false);
  });

  it('counts cases by case type, victims and parties by sex; rows from the code list (every code when short) or yes/no', () => {
    const parties = formFieldIndicator('case-party', roles, 7);
    expect(parties).toMatchObject({ key: 'form-field:case-party:funcionesRed', group: 'form-field', name: { es: 'Intervinientes por «Funciones en la red»' }, rows: { codeList: 'scheme-role', allCodes: true }, columns: { key: 'sex' } });
    expect(formFieldIndicator('case', roles, 250)).toMatchObject({ name: { en: 'Cases by «Roles in the network»' }, rows: { allCodes: false }, columns: { key: 'case-type' } });
    const yesNo = formFieldIndicator('victim-profile', { key: 'captado', type: 'yes-no', labelEs: 'Captado', labelEn: 'Recruited' }, 0);
    expect(yesNo.columns.key).toBe('sex');
    expect(domainOf(yesNo.rows, new Set(['false', 'unknown']), new Map())).toEqual(['true', 'false', 'unknown']);
    expect(labelOf(yesNo.rows, 'true', 'es', new Map())).toBe('Sí');
  });
});
