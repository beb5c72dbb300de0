// Medians in SQL, the same on SQLite (which has no percentile function) and PostgreSQL: each group's
// values numbered by ROW_NUMBER and counted by COUNT OVER the group, the median the mean of the one or
// two middle values. Cells, row totals, column totals and the grand total are four groupings of the
// same values, so every figure's median is of exactly the units its count counted.
import type { CountTable } from '../../suppression/suppress';
import type { MeasureOf, MeasureTable } from '../tables';
import type { Sql } from '../sql-kit';
import { intervalsOf } from '../units/operational';

export type MedianLevel = 'cell' | 'row' | 'column' | 'total';
export interface MedianRow { lvl: MedianLevel; r: string; c: string; median: number }

/**
 * The medians of `values` (a SELECT with columns r, c and a numeric v) per cell (r, c), per row (r),
 * per column (c) and overall: rows of (lvl, r, c, median), '' standing for "all" in r or c.
 */
export function mediansSql(values: Sql): Sql {
  // The values once (a common table expression), read by the four groupings.
  const grouping = (lvl: MedianLevel, r: string, c: string) => `SELECT '${lvl}' AS lvl, ${r} AS r, ${c} AS c, u.v AS v FROM u`;
  return {
    sql: `WITH u AS (${values.sql})
      SELECT g.lvl AS lvl, g.r AS r, g.c AS c, AVG(g.v) AS median FROM (
        SELECT x.lvl AS lvl, x.r AS r, x.c AS c, x.v AS v,
          ROW_NUMBER() OVER (PARTITION BY x.lvl, x.r, x.c ORDER BY x.v) AS rn,
          COUNT(*) OVER (PARTITION BY x.lvl, x.r, x.c) AS n
        FROM (
          ${grouping('cell', 'u.r', 'u.c')}
          UNION ALL ${grouping('row', 'u.r', "''")}
          UNION ALL ${grouping('column', "''", 'u.c')}
          UNION ALL ${grouping('total', "''", "''")}
        ) x
      ) g
      WHERE g.rn IN ((g.n + 1) / 2, (g.n + 2) / 2)
      GROUP BY g.lvl, g.r, g.c`,
    bindings: values.bindings,
  };
}

/** Places medians on a count table's rows and columns (null where nothing was measured); two decimals. */
export function medianTable(counts: CountTable, medians: MedianRow[]): MeasureTable {
  const byKey = new Map(medians.map((m) => [`${m.lvl}|${m.r}|${m.c}`, Math.round(Number(m.median) * 100) / 100]));
  const at = (lvl: MedianLevel, r: string, c: string) => byKey.get(`${lvl}|${r}|${c}`) ?? null;
  return {
    cells: counts.rows.map((r) => counts.columns.map((c) => at('cell', r, c))),
    rowTotals: counts.rows.map((r) => at('row', r, '')),
    columnTotals: counts.columns.map((c) => at('column', '', c)),
    total: at('total', '', ''),
  };
}

/** Median days of each interval (see intervalsOf), for the count table of median-days-between-steps. */
const medianDaysBetweenSteps: MeasureOf = async (kit, scope, counts) => {
  const intervals = intervalsOf(kit, scope);
  const rows = await kit.rowsOf<MedianRow>(mediansSql({ sql: `SELECT i.r AS r, i.c AS c, i.days AS v FROM (${intervals.sql}) i`, bindings: intervals.bindings }));
  return medianTable(counts, rows.map((row) => ({ lvl: row.lvl, r: String(row.r), c: String(row.c), median: Number(row.median) })));
};

export const OPERATIONAL_MEASURES: Record<string, MeasureOf> = { 'median-days-between-steps': medianDaysBetweenSteps };
