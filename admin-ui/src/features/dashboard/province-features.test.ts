import { describe, expect, it } from 'vitest'
import { PROVINCE_FEATURE_IDS, provinceFeatures } from './province-features'
// The code lists the database is seeded from: the map must cover every province they hold.
import codeLists from '../../../../config/catalogues/code-lists.json'

const provinceCodes = (): string[] =>
  (codeLists as Array<{ key: string; items: Array<{ code: string }> }>).find((list) => list.key === 'province')!.items.map((item) => item.code)

describe('the provinces of the map', () => {
  it('every one of our 32 provinces maps to exactly one feature of the boundary file', () => {
    const codes = provinceCodes()
    expect(codes).toHaveLength(32)
    const features = provinceFeatures()
    for (const code of codes) {
      const matching = features.filter((feature) => feature.properties.province === code)
      expect(matching, code).toHaveLength(1)
    }
  })

  it('every feature of the boundary file belongs to one of our provinces, and no two codes share a feature', () => {
    const codes = new Set(provinceCodes())
    const features = provinceFeatures()
    expect(features).toHaveLength(32)
    expect(features.every((feature) => feature.properties.province !== null && codes.has(feature.properties.province))).toBe(true)
    expect(new Set(Object.values(PROVINCE_FEATURE_IDS)).size).toBe(Object.keys(PROVINCE_FEATURE_IDS).length)
    expect(Object.keys(PROVINCE_FEATURE_IDS).sort()).toEqual([...codes].sort())
  })

  it('the features are real polygons inside the Dominican Republic', () => {
    const pedernales = provinceFeatures().find((feature) => feature.properties.province === 'pedernales')!
    expect(pedernales.geometry.type).toBe('MultiPolygon')
    const longitudes: number[] = []
    const latitudes: number[] = []
    for (const feature of provinceFeatures()) {
      const walk = (value: unknown): void => {
        if (Array.isArray(value) && typeof value[0] === 'number') {
          longitudes.push(value[0] as number)
          latitudes.push(value[1] as number)
        } else if (Array.isArray(value)) value.forEach(walk)
      }
      walk((feature.geometry as { coordinates: unknown }).coordinates)
    }
    expect(Math.min(...longitudes)).toBeGreaterThan(-72.1)
    expect(Math.max(...longitudes)).toBeLessThan(-68.2)
    expect(Math.min(...latitudes)).toBeGreaterThan(17.4)
    expect(Math.max(...latitudes)).toBeLessThan(20)
  })
})
