// The case list's state lives in the route query (so back/forward work); this module converts
// route query ⇄ state ⇄ Strapi request parameters, and nothing else.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { QueryParams } from '../../api/query-string'

export const PAGE_SIZE = 25
export const FIRST_YEAR = 2015
export const SORT_FIELDS = ['caseNumber', 'title', 'intakeDate', 'stage'] as const
export type SortField = (typeof SORT_FIELDS)[number]
export type SortDirection = 'asc' | 'desc'
export const FILTER_FIELDS = ['stage', 'caseType', 'province', 'year'] as const
export type FilterField = (typeof FILTER_FIELDS)[number]

export interface CaseListState {
  page: number
  sort: { field: SortField; direction: SortDirection }
  q: string
  filters: Partial<Record<FilterField, string>>
}

export const DEFAULT_SORT: CaseListState['sort'] = { field: 'caseNumber', direction: 'desc' }
const CODE = /^[a-z0-9][a-z0-9-]{0,59}$/
const MAX_SEARCH = 100

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

function parseSort(text: string): CaseListState['sort'] {
  const [field, direction] = text.split(':')
  if ((SORT_FIELDS as readonly string[]).includes(field ?? '') && (direction === 'asc' || direction === 'desc')) {
    return { field: field as SortField, direction }
  }
  return { ...DEFAULT_SORT }
}

/** Reads the route query, ignoring anything malformed (a hand-edited URL falls back to defaults). */
export function stateFromRouteQuery(query: LocationQuery, thisYear: number): CaseListState {
  const page = Number.parseInt(single(query.page), 10)
  const filters: CaseListState['filters'] = {}
  for (const field of ['stage', 'caseType', 'province'] as const) {
    const value = single(query[field])
    if (CODE.test(value)) filters[field] = value
  }
  const year = Number.parseInt(single(query.year), 10)
  if (year >= FIRST_YEAR && year <= thisYear) filters.year = String(year)
  return {
    page: Number.isFinite(page) && page > 1 ? page : 1,
    sort: parseSort(single(query.sort)),
    q: single(query.q).trim().slice(0, MAX_SEARCH),
    filters,
  }
}

/** The route query for a state, leaving defaults out so the plain list stays at /casos. */
export function stateToRouteQuery(state: CaseListState): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (state.q) query.q = state.q
  for (const field of FILTER_FIELDS) {
    const value = state.filters[field]
    if (value) query[field] = value
  }
  const sort = `${state.sort.field}:${state.sort.direction}`
  if (sort !== `${DEFAULT_SORT.field}:${DEFAULT_SORT.direction}`) query.sort = sort
  if (state.page > 1) query.page = String(state.page)
  return query
}

/** The Strapi parameters of GET /api/cases for a state. */
export function stateToApiQuery(state: CaseListState): QueryParams {
  const filters: Record<string, QueryParams[string]> = {}
  for (const field of ['stage', 'caseType', 'province'] as const) {
    const value = state.filters[field]
    if (value) filters[field] = { $eq: value }
  }
  if (state.filters.year) filters.year = { $eq: Number(state.filters.year) }
  if (state.q) {
    filters.$or = [{ caseNumber: { $containsi: state.q } }, { title: { $containsi: state.q } }]
  }
  return {
    pagination: { page: state.page, pageSize: PAGE_SIZE },
    sort: [`${state.sort.field}:${state.sort.direction}`],
    filters,
  }
}

export function hasCriteria(state: CaseListState): boolean {
  return state.q !== '' || FILTER_FIELDS.some((field) => Boolean(state.filters[field]))
}

/** Years offered in the filter: this year back to 2015. */
export function yearOptions(thisYear: number): number[] {
  const years: number[] = []
  for (let year = thisYear; year >= FIRST_YEAR; year -= 1) years.push(year)
  return years
}
