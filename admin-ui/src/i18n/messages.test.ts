import { describe, expect, it } from 'vitest'
import es from './es'
import en from './en'

function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key))
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (typeof value !== 'object' || value === null) return []
  return Object.values(value).flatMap(leaves)
}

describe('portal messages', () => {
  it('Spanish and English have exactly the same keys', () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(es).sort())
  })

  it('no text is left empty in either language', () => {
    expect(leaves(es).filter((text) => text.trim() === '')).toEqual([])
    expect(leaves(en).filter((text) => text.trim() === '')).toEqual([])
  })

  it('no text uses a character vue-i18n would read as syntax by mistake', () => {
    const suspicious = [...leaves(es), ...leaves(en)].filter((text) => /[@$%]/.test(text))
    expect(suspicious).toEqual([])
  })

  it('a Spanish text and its English twin use the same parameters', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const esLeaves = Object.fromEntries(keyPaths(es).map((k, i) => [k, leaves(es)[i]]))
    const enLeaves = Object.fromEntries(keyPaths(en).map((k, i) => [k, leaves(en)[i]]))
    for (const key of Object.keys(esLeaves)) {
      expect(params(enLeaves[key] ?? ''), key).toEqual(params(esLeaves[key] ?? ''))
    }
  })
})
