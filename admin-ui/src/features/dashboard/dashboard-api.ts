// Requests of the dashboard: the indicator catalogue, one indicator's suppressed table, and the
// export of the dashboard's indicators (CSV, XLSX, PDF) as a file. Every figure arrives suppressed.
import { request, requestFile } from '../../api/http'
import { withQuery } from '../../api/query-string'
import { filtersToParams, type DashboardFilters } from './dashboard-filters'

/** One published or withheld figure: `text` is what to show ("12", "<5", "x"); `value` is null when withheld. */
export interface Figure {
  value: number | null
  suppressed: 'primary' | 'secondary' | null
  text: string
}

export interface Labelled {
  code: string
  label: string
}

export interface IndicatorTable {
  key: string
  group: string
  name: string
  counts: string
  source: string
  rows: Labelled[]
  columns: Labelled[]
  cells: Figure[][]
  rowTotals: Figure[]
  columnTotals: Figure[]
  total: Figure
}

export interface IndicatorAnswer {
  data: IndicatorTable
  meta: { k: number; profile: string; scope: Record<string, unknown>; dimensions: { rows: { name: string }; columns: { name: string } } }
}

export interface CatalogueEntry {
  key: string
  group: string
  name: string
  counts: string
  source: string
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

const STATISTICS = '/api/statistics'

export async function getCatalogue(signal?: AbortSignal): Promise<CatalogueEntry[]> {
  return (await request<{ data: CatalogueEntry[] }>(`${STATISTICS}/indicators`, { signal })).data
}

export function getIndicator(key: string, filters: DashboardFilters, signal?: AbortSignal): Promise<IndicatorAnswer> {
  return request<IndicatorAnswer>(`${STATISTICS}/indicators/${encodeURIComponent(key)}`, { query: filtersToParams(filters), signal })
}

/** The one address of an export: the format, the dashboard's indicators and its filters. */
export function exportPath(format: ExportFormat, keys: readonly string[], filters: DashboardFilters): string {
  return withQuery(`${STATISTICS}/export`, { format, indicators: keys.join(','), ...filtersToParams(filters) })
}

/**
 * The export as a Blob, through the authenticated client (the API needs the bearer token, so a bare
 * link cannot download it). The server records the export on the audit trail.
 */
export function downloadExport(format: ExportFormat, keys: readonly string[], filters: DashboardFilters): Promise<Blob> {
  return requestFile(exportPath(format, keys, filters))
}

/** The saved file's name: what was asked for, no personal data ("estadisticas-2010-azua.xlsx"). */
export function exportFileName(format: ExportFormat, filters: DashboardFilters): string {
  const period = filters.year || [filters.from, filters.to].filter(Boolean).join('_') || 'todo'
  return ['estadisticas', period, filters.province, filters.offence].filter(Boolean).join('-') + `.${format}`
}
