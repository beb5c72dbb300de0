// The population table the rates per 100,000 divide by: what a valid row is (checked on every save
// in /admin, with a message naming the field), and the rate of a count over the matching row. Pure:
// the province and sex codes come in as sets, the population rows as data.
import { AGE_GROUPS, UNKNOWN, type Lang } from '../indicators/catalogue';

/** `all` in sex or ageGroup: the row covers every sex (every age). An empty province: the whole country. */
export const ALL = 'all';
/** Age groups a population can be given for: the catalogue's, less "unknown" (nobody is counted of unknown age). */
export const POPULATION_AGE_GROUPS: readonly string[] = AGE_GROUPS.filter((g) => g !== UNKNOWN);

export interface PopulationRow { year: number; province: string | null; sex: string; ageGroup: string; population: number; source?: string | null }
export type Problem = { path: string[]; message: string };

const M = {
  year: { es: 'El año debe ser un número entero entre 1990 y 2100.', en: 'The year must be a whole number between 1990 and 2100.' },
  province: { es: 'Provincia no válida: deje el campo vacío para todo el país o use un código de la lista de provincias.', en: 'Invalid province: leave it empty for the whole country or use a code from the province list.' },
  sex: (codes: string[]) => ({ es: `Sexo no válido: use «all» (ambos sexos) o un código de la lista de sexos (${codes.join(', ')}).`, en: `Invalid sex: use «all» (both sexes) or a code from the sex list (${codes.join(', ')}).` }),
  ageGroup: { es: `Grupo de edad no válido: use «all» (todas las edades) o uno de ${POPULATION_AGE_GROUPS.join(', ')}.`, en: `Invalid age group: use «all» (every age) or one of ${POPULATION_AGE_GROUPS.join(', ')}.` },
  population: { es: 'La población debe ser un número entero mayor que cero.', en: 'The population must be a whole number greater than zero.' },
  source: { es: 'Indique la fuente de la cifra (por ejemplo «ONE, X Censo 2022»), o que está por confirmar con la ONE.', en: 'Give the source of the figure (for example «ONE, X Censo 2022»), or say it is to be confirmed with ONE.' },
  duplicate: (row: PopulationRow) => ({
    es: `Ya hay una población para ${row.year}, ${row.province ?? 'todo el país'}, sexo «${row.sex}», edad «${row.ageGroup}»: corrija esa fila en lugar de crear otra.`,
    en: `There is already a population for ${row.year}, ${row.province ?? 'the whole country'}, sex «${row.sex}», age «${row.ageGroup}»: correct that row instead of adding another.`,
  }),
};

/** An empty or blank province means the whole country, stored as null. */
export const provinceOf = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** What is wrong with a population row, field by field, in the caller's language (empty: nothing). */
export function populationProblems(row: Record<string, unknown>, codes: { provinces: ReadonlySet<string>; sexes: ReadonlySet<string> }, lang: Lang): Problem[] {
  const problems: Problem[] = [];
  const fail = (field: string, m: Record<Lang, string>) => problems.push({ path: [field], message: m[lang] });
  const { year, sex, ageGroup, population, source } = row;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1990 || year > 2100) fail('year', M.year);
  const province = provinceOf(row.province);
  if (province !== null && !codes.provinces.has(province)) fail('province', M.province);
  if (typeof sex !== 'string' || (sex !== ALL && !codes.sexes.has(sex))) fail('sex', M.sex([...codes.sexes]));
  if (typeof ageGroup !== 'string' || (ageGroup !== ALL && !POPULATION_AGE_GROUPS.includes(ageGroup))) fail('ageGroup', M.ageGroup);
  if (typeof population !== 'number' || !Number.isInteger(population) || population < 1) fail('population', M.population);
  if (typeof source !== 'string' || source.trim() === '') fail('source', M.source);
  return problems;
}

export const duplicateProblem = (row: PopulationRow, lang: Lang): Problem => ({ path: ['year'], message: M.duplicate(row)[lang] });

/** The population a figure is divided by: its sex and age group, or `all` for a dimension the figure spans. */
export type PopulationOf = (sex: string, ageGroup: string) => number | null;

/** Looks rows up by (sex, age group); a combination with no row has no population (null), never a guess. */
export function populationLookup(rows: Array<Pick<PopulationRow, 'sex' | 'ageGroup' | 'population'>>): PopulationOf {
  const byKey = new Map(rows.map((r) => [`${r.sex}|${r.ageGroup}`, Number(r.population)]));
  return (sex, ageGroup) => {
    const value = byKey.get(`${sex}|${ageGroup}`);
    return value !== undefined && Number.isFinite(value) && value > 0 ? value : null;
  };
}

/** Count per 100,000 population; null without a population. */
export function ratePer100000(count: number, population: number | null): number | null {
  if (population === null || !(population > 0) || !Number.isFinite(count)) return null;
  // Multiply first: the quotient of two exact integers is rounded once.
  return (count * 100_000) / population;
}
