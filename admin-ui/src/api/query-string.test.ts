import { describe, expect, it } from 'vitest'
import { buildQuery, withQuery } from './query-string'

const decoded = (query: string) => query.split('&').map((pair) => pair.split('=').map(decodeURIComponent).join('='))

describe('buildQuery', () => {
  it('writes nested filters with brackets, percent-encoded', () => {
    const query = buildQuery({ filters: { stage: { $eq: 'investigation' } } })
    expect(query).toBe('filters%5Bstage%5D%5B%24eq%5D=investigation')
    expect(decoded(query)).toEqual(['filters[stage][$eq]=investigation'])
  })

  it('writes arrays with dense indices, in order', () => {
    const query = buildQuery({ sort: ['caseNumber:desc', 'title:asc'] })
    expect(decoded(query)).toEqual(['sort[0]=caseNumber:desc', 'sort[1]=title:asc'])
  })

  it('builds the whole case-list request the server expects', () => {
    const query = buildQuery({
      pagination: { page: 2, pageSize: 25 },
      sort: ['intakeDate:asc'],
      filters: {
        year: { $eq: 2025 },
        $or: [{ caseNumber: { $containsi: 'PETT-2025' } }, { title: { $containsi: 'PETT-2025' } }],
      },
    })
    expect(decoded(query)).toEqual([
      'pagination[page]=2',
      'pagination[pageSize]=25',
      'sort[0]=intakeDate:asc',
      'filters[year][$eq]=2025',
      'filters[$or][0][caseNumber][$containsi]=PETT-2025',
      'filters[$or][1][title][$containsi]=PETT-2025',
    ])
  })

  it('encodes characters that would otherwise break the query', () => {
    const query = buildQuery({ q: 'a&b=c d/é#?' })
    expect(query).toBe('q=a%26b%3Dc%20d%2F%C3%A9%23%3F')
  })

  it('leaves out null, undefined and empty values and keeps indices dense', () => {
    const query = buildQuery({ a: null, b: undefined, c: '', d: ['', 'x', null, 'y'], e: { f: '' } })
    expect(decoded(query)).toEqual(['d[0]=x', 'd[1]=y'])
  })

  it('writes booleans and zero, which are values and not empty', () => {
    expect(decoded(buildQuery({ populate: { agencies: true }, n: 0 }))).toEqual(['populate[agencies]=true', 'n=0'])
  })
})

describe('withQuery', () => {
  it('adds the query string only when there is one', () => {
    expect(withQuery('/api/cases', { a: 1 })).toBe('/api/cases?a=1')
    expect(withQuery('/api/cases', { a: '' })).toBe('/api/cases')
    expect(withQuery('/api/cases', undefined)).toBe('/api/cases')
  })
})
