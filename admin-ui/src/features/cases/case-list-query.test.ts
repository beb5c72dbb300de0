import { describe, expect, it } from 'vitest'
import { buildQuery } from '../../api/query-string'
import {
  hasCriteria,
  stateFromRouteQuery,
  stateToApiQuery,
  stateToRouteQuery,
  yearOptions,
  type CaseListState,
} from './case-list-query'

const THIS_YEAR = 2026
const decoded = (query: string) => query.split('&').map(decodeURIComponent)

describe('case list state in the route query', () => {
  it('an empty query is page 1, newest case number first, no filters', () => {
    expect(stateFromRouteQuery({}, THIS_YEAR)).toEqual({
      page: 1,
      sort: { field: 'caseNumber', direction: 'desc' },
      q: '',
      filters: {},
    })
  })

  it('reads page, sort, search and filters', () => {
    const state = stateFromRouteQuery(
      { page: '3', sort: 'intakeDate:asc', q: ' PETT-2025 ', stage: 'investigation', caseType: 'trata', province: 'santiago', year: '2025' },
      THIS_YEAR,
    )
    expect(state).toEqual({
      page: 3,
      sort: { field: 'intakeDate', direction: 'asc' },
      q: 'PETT-2025',
      filters: { stage: 'investigation', caseType: 'trata', province: 'santiago', year: '2025' },
    })
  })

  it('ignores a hand-edited query that makes no sense', () => {
    const state = stateFromRouteQuery(
      { page: '-2', sort: 'password:asc', stage: '<script>', year: '1990', province: ['santiago', 'azua'] },
      THIS_YEAR,
    )
    expect(state.page).toBe(1)
    expect(state.sort).toEqual({ field: 'caseNumber', direction: 'desc' })
    expect(state.filters).toEqual({ province: 'santiago' })
  })

  it('writes back only what differs from the defaults, and reads back the same state', () => {
    const state: CaseListState = {
      page: 2,
      sort: { field: 'title', direction: 'asc' },
      q: 'PETT',
      filters: { stage: 'trial' },
    }
    const query = stateToRouteQuery(state)
    expect(query).toEqual({ q: 'PETT', stage: 'trial', sort: 'title:asc', page: '2' })
    expect(stateFromRouteQuery(query as Record<string, string>, THIS_YEAR)).toEqual(state)
    expect(stateToRouteQuery(stateFromRouteQuery({}, THIS_YEAR))).toEqual({})
  })
})

describe('case list request to the server', () => {
  it('sends paging, sort, filters and the number-or-title search', () => {
    const state = stateFromRouteQuery(
      { page: '2', sort: 'stage:desc', q: 'Bávaro', stage: 'investigation', caseType: 'trata', province: 'santiago', year: '2025' },
      THIS_YEAR,
    )
    expect(decoded(buildQuery(stateToApiQuery(state)))).toEqual([
      'pagination[page]=2',
      'pagination[pageSize]=25',
      'sort[0]=stage:desc',
      'filters[stage][$eq]=investigation',
      'filters[caseType][$eq]=trata',
      'filters[province][$eq]=santiago',
      'filters[year][$eq]=2025',
      'filters[$or][0][caseNumber][$containsi]=Bávaro',
      'filters[$or][1][title][$containsi]=Bávaro',
    ])
  })

  it('sends no filter at all for the plain list', () => {
    expect(decoded(buildQuery(stateToApiQuery(stateFromRouteQuery({}, THIS_YEAR))))).toEqual([
      'pagination[page]=1',
      'pagination[pageSize]=25',
      'sort[0]=caseNumber:desc',
    ])
  })
})

describe('helpers', () => {
  it('knows when the list is narrowed by a search or a filter', () => {
    expect(hasCriteria(stateFromRouteQuery({}, THIS_YEAR))).toBe(false)
    expect(hasCriteria(stateFromRouteQuery({ year: '2024' }, THIS_YEAR))).toBe(true)
    expect(hasCriteria(stateFromRouteQuery({ q: 'x' }, THIS_YEAR))).toBe(true)
  })

  it('offers years from this year back to 2015', () => {
    const years = yearOptions(THIS_YEAR)
    expect(years[0]).toBe(2026)
    expect(years.at(-1)).toBe(2015)
    expect(years).toHaveLength(12)
  })
})
