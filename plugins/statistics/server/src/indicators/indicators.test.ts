// The pure parts of the indicators: reading a request's parameters, and shaping grouped counts into
// a table of codes in code-list order with labels.
import { describe, expect, it } from 'vitest';
import { DIMENSIONS, indicatorOf } from './catalogue';
import { parseIndicatorQuery } from './query';
import { assembleTable, domainOf, labelOf, type CodeItem } from './table';

const provinces = new Set(['santiago', 'samana']);
const charges = { offence: new Set(['trata-personas', 'trafico-migrantes']), lawVersion: new Set(['trata-ley-63-24']) };
const problemsOf = (query: Record<string, unknown>, lang: 'es' | 'en' = 'en') => {
  const result = parseIndicatorQuery(query, provinces, lang, charges);
  return 'problems' in result ? result.problems.map((p) => p.path.join('.')) : [];
};

describe('indicator parameters', () => {
  it('turns a year into the intake dates of that year, with the standard profile by default', () => {
    expect(parseIndicatorQuery({ year: '2024', province: 'samana' }, provinces, 'es')).toEqual({ request: { scope: { year: 2024, from: '2024-01-01', to: '2024-12-31', province: 'samana', offence: null, lawVersion: null }, profile: 'standard' } });
    expect(parseIndicatorQuery({ from: '2024-02-01', profile: 'publication' }, provinces, 'es')).toEqual({ request: { scope: { year: null, from: '2024-02-01', to: null, province: null, offence: null, lawVersion: null }, profile: 'publication' } });
  });

  it('names the field of every bad parameter', () => {
    expect(problemsOf({ year: '24' })).toEqual(['year']);
    expect(problemsOf({ year: '2024', to: '2024-05-01' })).toEqual(['year']);
    expect(problemsOf({ from: '2024-13-01', to: 'yesterday' })).toEqual(['from', 'to']);
    expect(problemsOf({ from: '2024-05-02', to: '2024-05-01' })).toEqual(['from']);
    expect(problemsOf({ province: 'atlantis', profile: 'raw', rows: '1' })).toEqual(['rows', 'province', 'profile']);
    expect(problemsOf({ year: ['2024', '2025'] })).toEqual(['year']);
    expect(problemsOf({ offence: 'robo', lawVersion: 'ley-1-99' })).toEqual(['offence', 'lawVersion']);
    expect(problemsOf({ offence: ['trata-personas', 'trafico-migrantes'] })).toEqual(['offence']);
  });

  it('narrows to cases with a charge of an offence, under a law version', () => {
    expect(parseIndicatorQuery({ year: '2024', offence: 'trata-personas', lawVersion: 'trata-ley-63-24' }, provinces, 'es', charges)).toEqual({ request: { scope: { year: 2024, from: '2024-01-01', to: '2024-12-31', province: null, offence: 'trata-personas', lawVersion: 'trata-ley-63-24' }, profile: 'standard' } });
    // Without the lists (an older caller), no offence is known, so none is accepted.
    const result = parseIndicatorQuery({ offence: 'trata-personas' }, provinces, 'es');
    expect('problems' in result && result.problems[0]!.message).toBe('Delito no válido: use un código de la lista de delitos (offence).');
  });

  it('speaks Spanish unless asked for English', () => {
    const result = parseIndicatorQuery({ profile: 'raw' }, provinces, 'es');
    expect('problems' in result && result.problems[0]!.message).toMatch(/^El perfil debe ser uno de: standard, publication/);
  });
});

describe('indicator tables', () => {
  const lists = new Map<string, CodeItem[]>([
    ['sex', [{ code: 'm', labelEs: 'Masculino', labelEn: 'Male', sortOrder: 2 }, { code: 'f', labelEs: 'Femenino', labelEn: 'Female', sortOrder: 1 }, { code: 'x', labelEs: 'No registrado', labelEn: 'Not recorded', sortOrder: 3, active: false }]],
    ['nationality', [{ code: 'do', labelEs: 'República Dominicana', labelEn: 'Dominican Republic', sortOrder: 1 }, { code: 'ht', labelEs: 'Haití', labelEn: 'Haiti', sortOrder: 2 }, { code: 've', labelEs: 'Venezuela', labelEn: 'Venezuela', sortOrder: 3 }]],
  ]);

  it('keeps every active code of a small list, only the counted codes of a long one, unknown codes after, "unknown" last', () => {
    expect(domainOf(DIMENSIONS.sex, new Set(['unknown', 'm']), lists)).toEqual(['f', 'm', 'unknown']);
    expect(domainOf(DIMENSIONS.sex, new Set(['x']), lists)).toEqual(['f', 'm', 'x']);
    expect(domainOf(DIMENSIONS.nationality, new Set(['ve', 'zz', 'unknown', 'do']), lists)).toEqual(['do', 've', 'zz', 'unknown']);
    expect(domainOf(DIMENSIONS.nationality, new Set(), lists)).toEqual(['unknown']);
  });

  it('places grouped counts in their cells, zeros elsewhere', () => {
    const table = assembleTable(indicatorOf('accused-by-sex-citizenship')!, [{ r: 'm', c: 'do', n: 5 }, { r: 'f', c: 've', n: 1 }], lists);
    expect(table).toEqual({ rows: ['f', 'm'], columns: ['do', 've'], cells: [[0, 1], [5, 0]] });
  });

  it('labels codes in the caller\'s language, fixed ones from the catalogue', () => {
    expect(labelOf(DIMENSIONS.sex, 'f', 'en', lists)).toBe('Female');
    expect(labelOf(DIMENSIONS.sex, 'unknown', 'es', lists)).toBe('Sin dato');
    expect(labelOf(DIMENSIONS.month, '02', 'es', lists)).toBe('febrero');
    expect(labelOf(DIMENSIONS.ageGroup, '50+', 'en', lists)).toBe('50 years or older');
    expect(labelOf(DIMENSIONS.nationality, 'zz', 'en', lists)).toBe('zz');
  });
});
