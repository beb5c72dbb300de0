import { describe, expect, it } from 'vitest'
import { filtersFromRouteQuery, filtersToParams, filtersToRouteQuery, NO_FILTERS, yearOptions } from './dashboard-filters'
import { exportFileName, exportPath } from './dashboard-api'

describe('dashboard filters ⇄ route query ⇄ request parameters', () => {
  it('reads a shared address back into the same filters', () => {
    const filters = filtersFromRouteQuery({ year: '2010', province: 'azua', offence: 'trata-personas' }, 2026)
    expect(filters).toEqual({ ...NO_FILTERS, year: '2010', province: 'azua', offence: 'trata-personas' })
    expect(filtersToRouteQuery(filters)).toEqual({ year: '2010', province: 'azua', offence: 'trata-personas' })
    expect(filtersToParams(filters)).toEqual({ year: '2010', province: 'azua', offence: 'trata-personas' })
  })

  it('leaves no filter out of the address when nothing is chosen', () => {
    expect(filtersToRouteQuery(NO_FILTERS)).toEqual({})
    expect(filtersFromRouteQuery({}, 2026)).toEqual(NO_FILTERS)
  })

  it('drops malformed values of a hand-edited address instead of sending them', () => {
    expect(filtersFromRouteQuery({ year: '1989', province: 'Azua; drop', from: '2010-02-30', to: 'ayer' }, 2026)).toEqual(NO_FILTERS)
    expect(filtersFromRouteQuery({ year: '2031' }, 2026)).toEqual(NO_FILTERS)
    expect(filtersFromRouteQuery({ year: ['2011', '2012'] }, 2026).year).toBe('2011')
  })

  it('a year and dates never go together: the year wins; dates in the wrong order are swapped', () => {
    expect(filtersFromRouteQuery({ year: '2010', from: '2010-01-01' }, 2026)).toEqual({ ...NO_FILTERS, year: '2010' })
    expect(filtersToParams({ ...NO_FILTERS, year: '2010', from: '2010-01-01', to: '2010-03-31' })).toEqual({ year: '2010' })
    expect(filtersFromRouteQuery({ from: '2010-06-30', to: '2010-01-01' }, 2026)).toEqual({ ...NO_FILTERS, from: '2010-01-01', to: '2010-06-30' })
    expect(filtersToParams({ ...NO_FILTERS, from: '2010-01-01' })).toEqual({ from: '2010-01-01' })
  })

  it('offers the years from 2000 to this one, newest first', () => {
    const years = yearOptions(2026)
    expect(years[0]).toBe(2026)
    expect(years.at(-1)).toBe(2000)
    expect(years).toContain(2010)
  })
})

describe('the export address', () => {
  it('names the format, the dashboard indicators and the filters', () => {
    const path = exportPath('xlsx', ['cases-by-stage', 'cases-by-province'], { ...NO_FILTERS, year: '2010', province: 'azua' })
    const url = new URL(path, 'http://portal.test')
    expect(url.pathname).toBe('/api/statistics/export')
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'xlsx', indicators: 'cases-by-stage,cases-by-province', year: '2010', province: 'azua' })
  })

  it('sends an open period as from/to and leaves empty filters out', () => {
    const url = new URL(exportPath('csv', ['cases-by-stage'], { ...NO_FILTERS, from: '2010-01-01', to: '2010-06-30' }), 'http://portal.test')
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', indicators: 'cases-by-stage', from: '2010-01-01', to: '2010-06-30' })
  })

  it('names the file after what was asked for', () => {
    expect(exportFileName('pdf', { ...NO_FILTERS, year: '2010', province: 'azua' })).toBe('estadisticas-2010-azua.pdf')
    expect(exportFileName('csv', NO_FILTERS)).toBe('estadisticas-todo.csv')
  })
})
