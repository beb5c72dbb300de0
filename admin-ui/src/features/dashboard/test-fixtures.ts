// Suppressed indicator answers as the statistics API writes them, for the dashboard's tests.
import type { Figure, IndicatorAnswer } from './dashboard-api'

export const shown = (value: number): Figure => ({ value, suppressed: null, text: String(value) })
export const primary: Figure = { value: null, suppressed: 'primary', text: '<5' }
export const secondary: Figure = { value: null, suppressed: 'secondary', text: 'x' }

export function answer(key: string, rows: string[], columns: string[], cells: Figure[][], totals: { rows: Figure[]; columns: Figure[]; total: Figure }): IndicatorAnswer {
  return {
    data: {
      key,
      group: 'operational',
      name: key,
      counts: `Counted units of ${key}.`,
      source: 'test',
      rows: rows.map((code) => ({ code, label: code.toUpperCase() })),
      columns: columns.map((code) => ({ code, label: code.toUpperCase() })),
      cells,
      rowTotals: totals.rows,
      columnTotals: totals.columns,
      total: totals.total,
    },
    meta: { k: 5, profile: 'standard', scope: {}, dimensions: { rows: { name: 'Filas' }, columns: { name: 'Columnas' } } },
  }
}

/** cases-by-stage: two stages × two case types, one cell withheld (and what it would reveal). */
export const CASES_BY_STAGE = answer(
  'cases-by-stage',
  ['investigation', 'trial'],
  ['trafficking', 'smuggling'],
  [
    [shown(12), primary],
    [shown(7), secondary],
  ],
  { rows: [secondary, secondary], columns: [shown(19), shown(6)], total: shown(25) },
)

export const NOTHING = answer('cases-by-stage', ['investigation'], ['trafficking'], [[shown(0)]], { rows: [shown(0)], columns: [shown(0)], total: shown(0) })
