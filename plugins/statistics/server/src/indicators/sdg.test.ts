// The pure rules of the SDG and TIP indicators: which population each figure of a rate table is
// divided by, and the TIP kinds and victim groups, their SQL run on an in-memory SQLite.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { INDICATORS } from './catalogue';
import { byFormAndSex, bySexAndAge, rateTable, tipFormsOf, tipTypeCase, victimGroupCase } from './sdg';
import { populationLookup } from '../population/rules';
import type { CodeItem } from './table';

const population = populationLookup([
  { sex: 'all', ageGroup: 'all', population: 1_000_000 },
  { sex: 'f', ageGroup: 'all', population: 500_000 },
  { sex: 'f', ageGroup: '18-29', population: 100_000 },
  { sex: 'all', ageGroup: '18-29', population: 200_000 },
]);

describe('SDG 16.2.2 rate tables', () => {
  it('sex × age: each cell over its sex and age, totals over the "all" rows, nothing without a row', () => {
    const counts = { rows: ['f', 'm', 'unknown'], columns: ['18-29', '50+'], cells: [[11, 0], [0, 2], [0, 1]] };
    expect(rateTable(counts, bySexAndAge(population))).toEqual({
      cells: [[11, null], [null, null], [null, null]],
      rowTotals: [2.2, null, null],
      columnTotals: [5.5, null],
      total: 1.4,
    });
  });

  it('form × sex: each cell over its sex, a form over everyone; totals across forms count pairs, so get no rate', () => {
    const counts = { rows: ['explotacion-sexual', 'trabajo-forzoso'], columns: ['f', 'm'], cells: [[6, 1], [5, 1]] };
    expect(rateTable(counts, byFormAndSex(population))).toEqual({ cells: [[1.2, null], [1, null]], rowTotals: [0.7, 0.6], columnTotals: [null, null], total: null });
  });

  it('the two rate indicators ask for a year and give rates, with the dimensions of the count tables they share', () => {
    const sexAge = INDICATORS.find((i) => i.key === 'sdg-victims-rate-sex-age')!;
    expect(sexAge).toMatchObject({ measure: 'rate-per-100000', requiresYear: true, rows: { key: 'sex' }, columns: { key: 'age-group' } });
    expect(INDICATORS.find((i) => i.key === 'sdg-victims-rate-form-sex')).toMatchObject({ measure: 'rate-per-100000', requiresYear: true, rows: { key: 'exploitation-form' }, columns: { key: 'sex' } });
    expect(INDICATORS.find((i) => i.key === 'smuggled-migrants-by-nationality-route')).toMatchObject({ group: 'operational', rows: { key: 'nationality' }, columns: { codeList: 'smuggling-route' } });
  });
});

describe('TIP categories', () => {
  const db = new Database(':memory:');
  const item = (code: string, tipCategory?: string): CodeItem => ({ code, labelEs: code, labelEn: code, meta: tipCategory ? { tipCategory } : {} });
  const forms = tipFormsOf([item('explotacion-sexual', 'sex'), item('pornografia', 'sex'), item('trabajo-forzoso', 'labour'), item('matrimonio-forzado', 'unspecified'), item('otra')]);

  it('maps forms of exploitation to sex or labour trafficking from the list\'s meta.tipCategory', () => {
    expect(forms).toEqual({ sex: ['explotacion-sexual', 'pornografia'], labour: ['trabajo-forzoso'] });
  });

  it('gives a form its kind in SQL: sex, labour, else unspecified (also no form, or a code no list knows)', () => {
    // Placeholders bind in the order they appear: the expression's, then the value's.
    const kind = (value: string | null) => {
      const expr = tipTypeCase('t.f', forms);
      return (db.prepare(`SELECT ${expr.sql} AS v FROM (SELECT ? AS f) t`).get(...expr.bindings, value) as { v: string }).v;
    };
    expect(['explotacion-sexual', 'pornografia', 'trabajo-forzoso', 'matrimonio-forzado', 'otra', 'zz', null].map(kind)).toEqual(['sex', 'sex', 'labour', 'unspecified', 'unspecified', 'unspecified', 'unspecified']);
    expect(tipTypeCase('t.f', { sex: [], labour: [] })).toEqual({ sql: `'unspecified'`, bindings: [] });
  });

  it('puts each victim in one column: female or male, national (DO) or foreign; anything else other/unknown', () => {
    const group = (sex: string, nationality: string) => {
      const expr = victimGroupCase('t.s', 't.n', 'unknown');
      return (db.prepare(`SELECT ${expr.sql} AS v FROM (SELECT ? AS s, ? AS n) t`).get(...expr.bindings, sex, nationality) as { v: string }).v;
    };
    expect([['f', 'do'], ['f', 'ht'], ['m', 'do'], ['m', 've'], ['x', 'do'], ['unknown', 'ht'], ['f', 'unknown'], ['m', 'unknown']].map(([s, n]) => group(s!, n!)))
      .toEqual(['female-national', 'female-foreign', 'male-national', 'male-foreign', 'other-unknown', 'other-unknown', 'other-unknown', 'other-unknown']);
  });
});
