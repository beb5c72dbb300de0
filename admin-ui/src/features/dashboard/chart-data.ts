// An indicator's suppressed table as the series a bar chart draws. Pure: a withheld figure becomes a
// gap (null) in the chart AND keeps its text ("<5", "x") for the label drawn in its place, so a
// withheld figure is never drawn, nor read, as zero.
import type { Figure, IndicatorTable } from './dashboard-api'

export interface BarSeries {
  label: string
  /** The published counts; null where withheld. */
  values: Array<number | null>
  figures: Figure[]
}

export interface BarModel {
  categories: string[]
  series: BarSeries[]
  /** One figure per category, written at the end of its bar: its total. */
  totals: Figure[]
  /** Per category: some part of its bar is withheld (its label says so). */
  withheldParts: boolean[]
}

const valueOf = (figure: Figure): number | null => (figure.suppressed === null ? figure.value : null)

function model(categories: string[], series: Array<{ label: string; figures: Figure[] }>, totals: Figure[]): BarModel {
  return {
    categories,
    series: series.map((s) => ({ label: s.label, figures: s.figures, values: s.figures.map(valueOf) })),
    totals,
    withheldParts: categories.map((_, i) => series.some((s) => s.figures[i]?.suppressed != null)),
  }
}

/** One bar per row, stacked by column (cases by stage, by month: stacked by case type). */
export function barsByRow(table: IndicatorTable): BarModel {
  return model(
    table.rows.map((r) => r.label),
    table.columns.map((column, j) => ({ label: column.label, figures: table.cells.map((line) => line[j]!) })),
    table.rowTotals,
  )
}

/** One bar per column, stacked by row (victims by age group, stacked by sex). */
export function barsByColumn(table: IndicatorTable): BarModel {
  return model(
    table.columns.map((c) => c.label),
    table.rows.map((row, i) => ({ label: row.label, figures: table.cells[i]! })),
    table.columnTotals,
  )
}

/** One bar per column, its column total (victims by form of exploitation, all citizenships together). */
export function columnTotalBars(table: IndicatorTable, label: string): BarModel {
  return model(
    table.columns.map((c) => c.label),
    [{ label, figures: table.columnTotals }],
    table.columnTotals,
  )
}

/** Each row's total by its code (cases per province, for the map). */
export function rowTotalsByCode(table: IndicatorTable): Map<string, Figure> {
  return new Map(table.rows.map((row, i) => [row.code, table.rowTotals[i]!]))
}

/** Nothing was counted: the grand total is a published zero (a withheld total is not "nothing"). */
export function isEmptyTable(table: IndicatorTable): boolean {
  return table.total.suppressed === null && table.total.value === 0
}

/** The table holds some withheld figure (its legend is then shown). */
export function hasWithheld(table: IndicatorTable): boolean {
  const all = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total]
  return all.some((figure) => figure.suppressed !== null)
}

/** A long category label in lines of about `width` characters, so the axis shows it whole. */
export function wrapLabel(text: string, width = 26): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}
