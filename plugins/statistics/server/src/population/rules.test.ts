// The population table's rules: what a valid row is, the shipped rows, and rates per 100,000.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateProblem, populationLookup, populationProblems, provinceOf, ratePer100000 } from './rules';

const codes = { provinces: new Set(['samana', 'pedernales']), sexes: new Set(['f', 'm', 'x']) };
const good = { year: 2022, province: null, sex: 'all', ageGroup: 'all', population: 10773983, source: 'ONE, X Censo 2022 (por confirmar)' };
const pathsOf = (row: Record<string, unknown>, lang: 'es' | 'en' = 'en') => populationProblems(row, codes, lang).map((p) => p.path.join('.'));

describe('population rows', () => {
  it('accepts the whole country, a province, a sex and an age group', () => {
    expect(pathsOf(good)).toEqual([]);
    expect(pathsOf({ ...good, province: 'samana', sex: 'f', ageGroup: '12-17' })).toEqual([]);
    expect(pathsOf({ ...good, province: '  ' })).toEqual([]);
  });

  it('names every bad field', () => {
    expect(pathsOf({ year: 1989.5, province: 'atlantis', sex: 'female', ageGroup: 'unknown', population: 0, source: ' ' })).toEqual(['year', 'province', 'sex', 'ageGroup', 'population', 'source']);
    expect(pathsOf({ ...good, population: 12.5 })).toEqual(['population']);
    expect(pathsOf({ ...good, year: '2022' })).toEqual(['year']);
  });

  it('says what to do, in Spanish unless asked for English', () => {
    expect(populationProblems({ ...good, sex: 'h' }, codes, 'es')[0]!.message).toBe('Sexo no válido: use «all» (ambos sexos) o un código de la lista de sexos (f, m, x).');
    expect(populationProblems({ ...good, ageGroup: '0-17' }, codes, 'en')[0]!.message).toBe('Invalid age group: use «all» (every age) or one of 0-11, 12-17, 18-29, 30-49, 50+.');
    expect(duplicateProblem({ ...good, province: null }, 'es').message).toMatch(/^Ya hay una población para 2022, todo el país, sexo «all», edad «all»/);
  });

  it('stores an empty province as the whole country', () => {
    expect(provinceOf('')).toBeNull();
    expect(provinceOf(null)).toBeNull();
    expect(provinceOf(' samana ')).toBe('samana');
  });

  it('ships only valid rows, one per year, province, sex and age group, each saying it is to be confirmed with ONE', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../../config/catalogues/population.json'), 'utf8')) as { rows: Array<Record<string, unknown>> };
    const keys = file.rows.map((r) => `${r.year}|${r.province ?? ''}|${r.sex}|${r.ageGroup}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of file.rows) {
      expect(pathsOf(row)).toEqual([]);
      expect(row.source).toMatch(/POR CONFIRMAR con la ONE/);
    }
    // The sexes add up to the whole in each shipped year.
    for (const year of new Set(file.rows.map((r) => r.year))) {
      const of = (sex: string) => Number(file.rows.find((r) => r.year === year && r.sex === sex && r.ageGroup === 'all')?.population);
      expect(of('f') + of('m')).toBe(of('all'));
    }
  });
});

describe('rates per 100,000', () => {
  it('divides by the matching row, and gives no rate without one', () => {
    const population = populationLookup([{ sex: 'all', ageGroup: 'all', population: 400000 }, { sex: 'f', ageGroup: '18-29', population: 50000 }]);
    expect(population('f', '18-29')).toBe(50000);
    expect(population('m', '18-29')).toBeNull();
    expect(ratePer100000(11, population('f', '18-29'))).toBe(22);
    expect(ratePer100000(14, population('all', 'all'))).toBe(3.5);
    expect(ratePer100000(2, population('m', 'all'))).toBeNull();
    expect(ratePer100000(0, 1000)).toBe(0);
  });
});
