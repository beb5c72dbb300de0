// SDG 16.2.2's rates per 100,000: the victims of each figure over the population of its year, sex
// and age group (and province, when the request names one), read in SQL from the population table
// the configurator keeps in /admin. No population row for a figure: no rate (null), never a guess.
import type { IndicatorScope } from '../../indicators/query';
import { byFormAndSex, bySexAndAge, rateTable, type Denominators } from '../../indicators/sdg';
import { populationLookup, type PopulationOf } from '../../population/rules';
import { POPULATION_ESTIMATE_UID } from '../../uids';
import type { SqlKit } from '../sql-kit';
import type { MeasureOf } from '../tables';

/** The population rows of the scope's year, and of its province or (none named) of the whole country. */
export async function populationOf(kit: SqlKit, scope: IndicatorScope): Promise<PopulationOf> {
  if (scope.year === null || !kit.hasType(POPULATION_ESTIMATE_UID)) return populationLookup([]);
  const where = scope.province ? { sql: 'province = ?', bindings: [scope.province] } : { sql: "(province IS NULL OR province = '')", bindings: [] };
  const rows = await kit.rowsOf<{ sex: string; age_group: string; population: unknown }>({
    sql: `SELECT sex, age_group, population FROM ${kit.table(POPULATION_ESTIMATE_UID)} WHERE year = ? AND ${where.sql}`,
    bindings: [scope.year, ...where.bindings],
  });
  return populationLookup(rows.map((r) => ({ sex: r.sex, ageGroup: r.age_group, population: Number(r.population) })));
}

const rates = (denominators: (population: PopulationOf) => Denominators): MeasureOf => async (kit, scope, counts) => rateTable(counts, denominators(await populationOf(kit, scope)));

export const SDG_MEASURES: Record<string, MeasureOf> = {
  'sdg-victims-rate-sex-age': rates(bySexAndAge),
  'sdg-victims-rate-form-sex': rates(byFormAndSex),
};
