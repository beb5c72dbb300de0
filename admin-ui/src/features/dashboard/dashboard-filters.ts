// The dashboard's filters live in the route query (a view can be shared: they hold codes and dates,
// never anything about a person). This module converts route query ⇄ filters ⇄ API parameters.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'

export interface DashboardFilters {
  /** A calendar year of the intake date ('' = no year). Excludes from/to. */
  year: string
  /** Intake date from / to, aaaa-mm-dd, inclusive ('' = open). */
  from: string
  to: string
  /** A code of the `province` list ('' = every province). */
  province: string
  /** A code of the `offence` list ('' = every offence). */
  offence: string
}

export const NO_FILTERS: DashboardFilters = { year: '', from: '', to: '', province: '', offence: '' }
export const FILTER_KEYS = ['year', 'from', 'to', 'province', 'offence'] as const

/** The years the API accepts (parseIndicatorQuery: 1990–2100). */
export const FIRST_YEAR = 1990
const CODE = /^[a-z0-9][a-z0-9-]{0,59}$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

function isRealIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/** Reads the route query, dropping anything malformed (a hand-edited address falls back to no filter). */
export function filtersFromRouteQuery(query: LocationQuery, thisYear: number): DashboardFilters {
  const filters: DashboardFilters = { ...NO_FILTERS }
  const year = single(query.year)
  if (/^\d{4}$/.test(year) && Number(year) >= FIRST_YEAR && Number(year) <= thisYear) filters.year = year
  if (!filters.year) {
    // A year and dates together are refused by the API: the year wins, the dates are dropped.
    for (const field of ['from', 'to'] as const) {
      const value = single(query[field])
      if (isRealIsoDate(value)) filters[field] = value
    }
    if (filters.from && filters.to && filters.from > filters.to) [filters.from, filters.to] = [filters.to, filters.from]
  }
  for (const field of ['province', 'offence'] as const) {
    const value = single(query[field])
    if (CODE.test(value)) filters[field] = value
  }
  return filters
}

/** The filters as request parameters (the route query and the API take the same names); empty ones left out. */
export function filtersToParams(filters: DashboardFilters): Record<string, string> {
  const params: Record<string, string> = {}
  for (const key of FILTER_KEYS) {
    if (filters[key]) params[key] = filters[key]
  }
  if (params.year) {
    delete params.from
    delete params.to
  }
  return params
}

export function filtersToRouteQuery(filters: DashboardFilters): LocationQueryRaw {
  return filtersToParams(filters)
}

export function sameFilters(a: DashboardFilters, b: DashboardFilters): boolean {
  return FILTER_KEYS.every((key) => a[key] === b[key])
}

/** Years offered in the filter, newest first. */
export function yearOptions(thisYear: number, firstYear = 2000): number[] {
  const years: number[] = []
  for (let year = thisYear; year >= Math.max(firstYear, FIRST_YEAR); year -= 1) years.push(year)
  return years
}
