// Checks an indicator request's query string: the period (a year, or from/to on the intake date),
// the province, the offence and law version charged, and the suppression profile. Pure: the codes
// of the lists come in as sets.
import { SUPPRESSION_PROFILES, type SuppressionProfile } from '../suppression/suppress';
import type { Lang } from './catalogue';

export interface IndicatorScope {
  from: string | null;
  to: string | null;
  year: number | null;
  province: string | null;
  /** Only cases with a charge of this offence (code of the `offence` list). */
  offence?: string | null;
  /** Only cases with a charge under this law version (code of the `law-version` list); with `offence`, the same charge. */
  lawVersion?: string | null;
}

/** The codes the offence and law-version parameters are checked against. */
export interface ChargeCodes { offence?: ReadonlySet<string>; lawVersion?: ReadonlySet<string> }

export interface IndicatorRequest { scope: IndicatorScope; profile: SuppressionProfile }
export type Problem = { path: string[]; message: string };

const KNOWN = new Set(['year', 'from', 'to', 'province', 'offence', 'lawVersion', 'profile']);
const M = {
  unknown: (f: string) => ({ es: `Parámetro desconocido: ${f}. Use year, from, to, province, offence, lawVersion o profile.`, en: `Unknown parameter: ${f}. Use year, from, to, province, offence, lawVersion or profile.` }),
  year: { es: 'El año debe ser un número de cuatro cifras entre 1990 y 2100.', en: 'The year must be a four-digit number between 1990 and 2100.' },
  date: (f: string) => ({ es: `La fecha «${f}» debe ser una fecha válida aaaa-mm-dd.`, en: `The date «${f}» must be a valid yyyy-mm-dd date.` }),
  yearAndDates: { es: 'Indique el año o las fechas from/to, no ambos.', en: 'Give the year or the from/to dates, not both.' },
  order: { es: 'La fecha «from» no puede ser posterior a «to».', en: 'The date «from» cannot be after «to».' },
  province: { es: 'Provincia no válida: use un código de la lista de provincias.', en: 'Invalid province: use a code from the province list.' },
  offence: { es: 'Delito no válido: use un código de la lista de delitos (offence).', en: 'Invalid offence: use a code from the offence list.' },
  lawVersion: { es: 'Versión de la ley no válida: use un código de la lista de versiones de la ley (law-version).', en: 'Invalid law version: use a code from the law-version list.' },
  profile: { es: `El perfil debe ser uno de: ${Object.keys(SUPPRESSION_PROFILES).join(', ')}.`, en: `The profile must be one of: ${Object.keys(SUPPRESSION_PROFILES).join(', ')}.` },
  repeated: (f: string) => ({ es: `El parámetro ${f} aparece más de una vez.`, en: `The parameter ${f} appears more than once.` }),
};

function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function parseIndicatorQuery(query: Record<string, unknown>, provinces: ReadonlySet<string>, lang: Lang, codes: ChargeCodes = {}): { request: IndicatorRequest } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const fail = (field: string, m: Record<Lang, string>) => problems.push({ path: [field], message: m[lang] });
  const text = (field: string): string | null => {
    const value = query[field];
    if (value === undefined || value === '') return null;
    if (typeof value !== 'string') { fail(field, M.repeated(field)); return null; }
    return value;
  };
  for (const key of Object.keys(query)) if (!KNOWN.has(key)) fail(key, M.unknown(key));

  const yearText = text('year');
  let year: number | null = null;
  if (yearText !== null) {
    if (/^\d{4}$/.test(yearText) && Number(yearText) >= 1990 && Number(yearText) <= 2100) year = Number(yearText);
    else fail('year', M.year);
  }
  const dates: Record<'from' | 'to', string | null> = { from: null, to: null };
  for (const field of ['from', 'to'] as const) {
    const value = text(field);
    if (value === null) continue;
    if (isValidDate(value)) dates[field] = value;
    else fail(field, M.date(field));
  }
  if (yearText !== null && (query.from !== undefined || query.to !== undefined)) fail('year', M.yearAndDates);
  if (dates.from && dates.to && dates.from > dates.to) fail('from', M.order);

  const province = text('province');
  if (province !== null && !provinces.has(province)) fail('province', M.province);
  const offence = text('offence');
  if (offence !== null && !codes.offence?.has(offence)) fail('offence', M.offence);
  const lawVersion = text('lawVersion');
  if (lawVersion !== null && !codes.lawVersion?.has(lawVersion)) fail('lawVersion', M.lawVersion);
  const profile = text('profile') ?? 'standard';
  if (!Object.hasOwn(SUPPRESSION_PROFILES, profile)) fail('profile', M.profile);

  if (problems.length) return { problems };
  const scope: IndicatorScope = year !== null ? { year, from: `${year}-01-01`, to: `${year}-12-31`, province, offence, lawVersion } : { year: null, ...dates, province, offence, lawVersion };
  return { request: { scope, profile: profile as SuppressionProfile } };
}
