// The pure rules of the SDG 16.2.2, US TIP and smuggling indicators: which population each figure
// of a rate table is divided by, how forms of exploitation map to the TIP report's sex / labour
// trafficking, and the fixed categories of the TIP victims table. No Strapi, no SQL.
import type { CountTable } from '../suppression/suppress';
import type { MeasureTable } from '../services/tables';
import { ALL, ratePer100000, type PopulationOf } from '../population/rules';
import type { CodeItem } from './table';
import type { Sql } from '../services/sql-kit';

/** Where each figure of a count table finds its population (null: the figure has no rate). */
export interface Denominators {
  cell(row: string, column: string): number | null;
  row(row: string): number | null;
  column(column: string): number | null;
  total(): number | null;
}

/** Each figure of `counts` per 100,000 of its population; null where there is none. */
export function rateTable(counts: CountTable, per: Denominators): MeasureTable {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    cells: counts.cells.map((line, i) => line.map((n, j) => ratePer100000(n, per.cell(counts.rows[i]!, counts.columns[j]!)))),
    rowTotals: counts.cells.map((line, i) => ratePer100000(sum(line), per.row(counts.rows[i]!))),
    columnTotals: counts.columns.map((code, j) => ratePer100000(sum(counts.cells.map((line) => line[j]!)), per.column(code))),
    total: ratePer100000(sum(counts.cells.flat()), per.total()),
  };
}

/** Rows sex × columns age group: each figure over the population of its sex and age; totals over the `all` rows. */
export const bySexAndAge = (population: PopulationOf): Denominators => ({
  cell: (sex, age) => population(sex, age),
  row: (sex) => population(sex, ALL),
  column: (age) => population(ALL, age),
  total: () => population(ALL, ALL),
});

/**
 * Rows form of exploitation × columns sex: each figure over the population of its sex (all ages),
 * a form's total over the whole population. The column totals and the grand total count
 * victim–form pairs (a victim of two forms counts twice), not victims: they get no rate, since it
 * would overstate victims per 100,000 (the SDG total is the sex × age table's).
 */
export const byFormAndSex = (population: PopulationOf): Denominators => ({
  cell: (_form, sex) => population(sex, ALL),
  row: () => population(ALL, ALL),
  column: () => null,
  total: () => null,
});

/** The TIP report's kinds of trafficking investigation. */
export const TIP_TYPES = ['sex', 'labour', 'unspecified'] as const;
export type TipType = (typeof TIP_TYPES)[number];

/**
 * Forms of exploitation by TIP kind, from the `exploitation-form` list's `meta.tipCategory`
 * ('sex' | 'labour'); a form with any other value, or none, is unspecified.
 */
export function tipFormsOf(items: CodeItem[]): Record<'sex' | 'labour', string[]> {
  const of = (kind: string) => items.filter((i) => i.meta?.tipCategory === kind).map((i) => i.code).sort();
  return { sex: of('sex'), labour: of('labour') };
}

/**
 * A CASE expression giving the TIP kind of one form of exploitation `column`: 'sex', 'labour',
 * else 'unspecified' (also for no form: a NULL column).
 */
export function tipTypeCase(column: string, mapped: Record<'sex' | 'labour', string[]>): Sql {
  const whens = (['sex', 'labour'] as const).filter((t) => mapped[t].length);
  if (!whens.length) return { sql: `'unspecified'`, bindings: [] };
  return {
    sql: `CASE ${whens.map((t) => `WHEN ${column} IN (${mapped[t].map(() => '?').join(', ')}) THEN '${t}'`).join(' ')} ELSE 'unspecified' END`,
    bindings: whens.flatMap((t) => mapped[t]),
  };
}

/** Rows of the TIP victims table: a victim identified in the period, and whether referred and assisted. */
export const VICTIM_STEPS = ['identified', 'referred', 'assisted'] as const;
/** Columns of the TIP victims table ("foreign and male victims included"). */
export const VICTIM_GROUPS = ['female-national', 'female-foreign', 'male-national', 'male-foreign', 'other-unknown'] as const;
/** The nationality code of a national (Dominican) victim. */
export const NATIONAL = 'do';
/** Service-referral statuses that mean the victim is receiving (or received) the service. */
export const ASSISTED_REFERRAL_STATUSES = ['accepted', 'in-progress', 'completed'];

/**
 * A CASE expression giving a victim's column from the SQL expressions of their sex and nationality
 * codes (each 'unknown' when not recorded): female or male, national or foreign; anything else
 * (sex x, nothing recorded, nationality not known) is other/unknown.
 */
export function victimGroupCase(sex: string, nationality: string, unknown: string): Sql {
  return {
    sql: `CASE WHEN ${sex} NOT IN ('f', 'm') OR ${nationality} = ? THEN 'other-unknown'
      WHEN ${sex} = 'f' AND ${nationality} = ? THEN 'female-national' WHEN ${sex} = 'f' THEN 'female-foreign'
      WHEN ${nationality} = ? THEN 'male-national' ELSE 'male-foreign' END`,
    bindings: [unknown, NATIONAL, NATIONAL],
  };
}
