// The map's provinces: the shipped boundary file (do-provinces.topo.json, see do-provinces.NOTICE.md)
// turned into GeoJSON features, each tied to a code of our `province` code list.
import { topojson } from 'chartjs-chart-geo'
import type { Feature, Geometry } from 'geojson'
import type { Topology, GeometryCollection } from 'topojson-specification'
import topology from './do-provinces.topo.json'

/**
 * Our province code → the boundary file's feature id (HASC codes). The file carries older names:
 * "La Estrelleta" is Elías Piña, "Monte Cristi" Montecristi, "El Seybo" El Seibo, and "Hermanas"
 * (Hermanas Mirabal, formerly Salcedo) has the truncated id "DO.".
 */
export const PROVINCE_FEATURE_IDS: Readonly<Record<string, string>> = {
  azua: 'DO.AZ',
  bahoruco: 'DO.BR',
  barahona: 'DO.BH',
  dajabon: 'DO.DA',
  'distrito-nacional': 'DO.NC',
  duarte: 'DO.DU',
  'el-seibo': 'DO.SE',
  'elias-pina': 'DO.EP',
  espaillat: 'DO.ES',
  'hato-mayor': 'DO.HM',
  'hermanas-mirabal': 'DO.',
  independencia: 'DO.IN',
  'la-altagracia': 'DO.AL',
  'la-romana': 'DO.RO',
  'la-vega': 'DO.VE',
  'maria-trinidad-sanchez': 'DO.MT',
  'monsenor-nouel': 'DO.MN',
  'monte-plata': 'DO.MP',
  montecristi: 'DO.MC',
  pedernales: 'DO.PN',
  peravia: 'DO.PV',
  'puerto-plata': 'DO.PP',
  samana: 'DO.SM',
  'san-cristobal': 'DO.CR',
  'san-jose-de-ocoa': 'DO.JO',
  'san-juan': 'DO.JU',
  'san-pedro-de-macoris': 'DO.PM',
  'sanchez-ramirez': 'DO.SZ',
  santiago: 'DO.ST',
  'santiago-rodriguez': 'DO.SR',
  'santo-domingo': 'DO.SD',
  valverde: 'DO.VA',
}

export interface ProvinceProperties {
  /** The feature's name in the boundary file. */
  name: string
  /** Our `province` code, or null for a feature no code maps to. */
  province: string | null
}

export type ProvinceFeature = Feature<Geometry, ProvinceProperties>

const CODE_OF_FEATURE = new Map(Object.entries(PROVINCE_FEATURE_IDS).map(([code, id]) => [id, code]))

let cached: ProvinceFeature[] | null = null

/** Every province of the boundary file as a GeoJSON feature carrying our province code. */
export function provinceFeatures(): ProvinceFeature[] {
  if (cached) return cached
  const topo = topology as unknown as Topology<{ dom: GeometryCollection<{ name: string }> }>
  const collection = topojson.feature(topo, topo.objects.dom)
  cached = collection.features.map((feature) => ({
    ...feature,
    properties: { name: feature.properties?.name ?? '', province: CODE_OF_FEATURE.get(String(feature.id)) ?? null },
  }))
  return cached
}
