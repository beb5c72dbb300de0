// The indicator catalogue as data: what each indicator counts, along which two dimensions, and the
// request parameters every indicator takes. Pure: the SQL lives in services/indicators.ts.
import { SDG_INDICATORS } from './catalogue-sdg';
import { OPERATIONAL_INDICATORS } from './catalogue-operational';

import { CHARGE_INDICATORS } from './catalogue-charges';

export type Lang = 'es' | 'en';
export type Text = Record<Lang, string>;

/** A dimension a table is cut by: its codes come from a code list, a fixed list, or both. */
export interface Dimension {
  key: string;
  name: Text;
  /** The code list whose items label (and, when `allCodes`, fill) the dimension. */
  codeList?: string;
  /** Fixed codes with their own labels (age groups, months). */
  fixed?: Array<{ code: string; label: Text }>;
  /**
   * Codes and labels from a lookup the statistics service runs instead of a code list (rows that are
   * records, such as the deadline rules: `deadline-rule`); see LOOKUPS in services/indicators.ts.
   */
  lookup?: string;
  /** Every code of the list is a row or column even when nothing falls in it (small lists). */
  allCodes: boolean;
}

export const UNKNOWN = 'unknown';
export const UNKNOWN_LABEL: Text = { es: 'Sin dato', en: 'Not known' };

export const AGE_GROUPS = ['0-11', '12-17', '18-29', '30-49', '50+', UNKNOWN] as const;
const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const DIMENSIONS = {
  sex: { key: 'sex', name: { es: 'Sexo', en: 'Sex' }, codeList: 'sex', allCodes: true },
  ageGroup: {
    key: 'age-group', name: { es: 'Grupo de edad', en: 'Age group' }, allCodes: true,
    fixed: AGE_GROUPS.map((code) => ({ code, label: code === UNKNOWN ? UNKNOWN_LABEL : code === '50+' ? { es: '50 años o más', en: '50 years or older' } : { es: `${code} años`, en: `${code} years` } })),
  },
  nationality: { key: 'nationality', name: { es: 'Nacionalidad', en: 'Citizenship' }, codeList: 'nationality', allCodes: false },
  exploitationForm: { key: 'exploitation-form', name: { es: 'Forma de explotación', en: 'Form of exploitation' }, codeList: 'exploitation-form', allCodes: true },
  caseStage: { key: 'case-stage', name: { es: 'Etapa del caso', en: 'Case stage' }, codeList: 'case-stage', allCodes: true },
  caseType: { key: 'case-type', name: { es: 'Tipo de caso', en: 'Case type' }, codeList: 'case-type', allCodes: true },
  province: { key: 'province', name: { es: 'Provincia de los hechos', en: 'Province of the facts' }, codeList: 'province', allCodes: true },
  month: {
    key: 'month', name: { es: 'Mes de entrada', en: 'Month of intake' }, allCodes: true,
    fixed: MONTHS_ES.map((es, i) => ({ code: String(i + 1).padStart(2, '0'), label: { es, en: MONTHS_EN[i]! } })),
  },
} satisfies Record<string, Dimension>;

export type IndicatorKey = string;

/** Which report an indicator belongs to (the dashboard and the reports group them so). */
export type IndicatorGroup = 'global-report' | 'sdg-16-2-2' | 'us-tip' | 'operational' | 'form-field';

export const GROUPS: Record<IndicatorGroup, Text> = {
  'global-report': { es: 'Informe Mundial (UNODC)', en: 'Global Report (UNODC)' },
  'sdg-16-2-2': { es: 'ODS 16.2.2', en: 'SDG 16.2.2' },
  'us-tip': { es: 'Informe TIP (EE. UU.)', en: 'US TIP report' },
  operational: { es: 'Operativos', en: 'Operational' },
  'form-field': { es: 'Campos de formulario', en: 'Form fields' },
};

/**
 * What the figures are: `count` (the default) is a table of counts only. `rate-per-100000` and
 * `median-days` are a table of counts (the denominators of rates are people counted elsewhere; the
 * n of each median) PLUS a measure per figure, published only where its count is published.
 */
export type MeasureKind = 'count' | 'rate-per-100000' | 'median-days';

export interface Indicator {
  key: IndicatorKey;
  group: IndicatorGroup;
  name: Text;
  /** What one counted unit is, in words (docs/statistics.md says it at length). */
  counts: Text;
  source: string;
  rows: Dimension;
  columns: Dimension;
  measure?: MeasureKind;
  /** The indicator needs one calendar year (`year`), not an open period (rates: population is by year). */
  requiresYear?: boolean;
}

const CORE_INDICATORS: Indicator[] = [
  {
    key: 'victims-by-sex-age', group: 'global-report', name: { es: 'Víctimas por sexo y grupo de edad', en: 'Victims by sex and age group' },
    counts: { es: 'Víctimas (una vez por caso) en casos con fecha de entrada en el periodo.', en: 'Victims (once per case) in cases with an intake date in the period.' },
    source: 'UNODC Global Report; SDG 16.2.2', rows: DIMENSIONS.sex, columns: DIMENSIONS.ageGroup,
  },
  {
    key: 'victims-by-citizenship-exploitation', group: 'global-report', name: { es: 'Víctimas por nacionalidad y forma de explotación', en: 'Victims by citizenship and form of exploitation' },
    counts: { es: 'Víctimas (una vez por caso y forma de explotación) en casos con fecha de entrada en el periodo.', en: 'Victims (once per case and form of exploitation) in cases with an intake date in the period.' },
    source: 'UNODC Global Report', rows: DIMENSIONS.nationality, columns: DIMENSIONS.exploitationForm,
  },
  {
    key: 'cases-by-stage', group: 'operational', name: { es: 'Casos por etapa y tipo', en: 'Cases by stage and type' },
    counts: { es: 'Casos con fecha de entrada en el periodo, por su etapa actual.', en: 'Cases with an intake date in the period, by their current stage.' },
    source: 'Operational', rows: DIMENSIONS.caseStage, columns: DIMENSIONS.caseType,
  },
  {
    key: 'cases-opened-by-month', group: 'operational', name: { es: 'Casos abiertos por mes y tipo', en: 'Cases opened by month and type' },
    counts: { es: 'Casos por mes de su fecha de entrada.', en: 'Cases by the month of their intake date.' },
    source: 'US TIP report; operational', rows: DIMENSIONS.month, columns: DIMENSIONS.caseType,
  },
  {
    key: 'accused-by-sex-citizenship', group: 'global-report', name: { es: 'Personas imputadas o acusadas por sexo y nacionalidad', en: 'Persons accused or indicted by sex and citizenship' },
    counts: { es: 'Personas físicas imputadas o acusadas (una vez por caso) en casos con fecha de entrada en el periodo.', en: 'Natural persons accused or indicted (once per case) in cases with an intake date in the period.' },
    source: 'UNODC Global Report (persons prosecuted)', rows: DIMENSIONS.sex, columns: DIMENSIONS.nationality,
  },
  {
    key: 'cases-by-province', group: 'operational', name: { es: 'Casos por provincia y tipo', en: 'Cases by province and type' },
    counts: { es: 'Casos con fecha de entrada en el periodo, por provincia de los hechos.', en: 'Cases with an intake date in the period, by province of the facts.' },
    source: 'Operational (map)', rows: DIMENSIONS.province, columns: DIMENSIONS.caseType,
  },
];

/** Every indicator, in the order the catalogue lists them (one module per group adds its own). */
export const INDICATORS: Indicator[] = [
  ...CORE_INDICATORS,
  ...SDG_INDICATORS,
  ...OPERATIONAL_INDICATORS,
  ...CHARGE_INDICATORS,
];

export const indicatorOf = (key: string): Indicator | undefined => INDICATORS.find((i) => i.key === key);

/** The parameters every indicator takes, as the catalogue shows them. */
export const PARAMETERS = [
  { key: 'year', type: 'integer', description: { es: 'Año de la fecha de entrada del caso (en lugar de from/to).', en: 'Year of the case intake date (instead of from/to).' } },
  { key: 'from', type: 'date', description: { es: 'Fecha de entrada desde (aaaa-mm-dd, incluida).', en: 'Intake date from (yyyy-mm-dd, inclusive).' } },
  { key: 'to', type: 'date', description: { es: 'Fecha de entrada hasta (aaaa-mm-dd, incluida).', en: 'Intake date to (yyyy-mm-dd, inclusive).' } },
  { key: 'province', type: 'code', codeList: 'province', description: { es: 'Provincia de los hechos.', en: 'Province of the facts.' } },
  { key: 'offence', type: 'code', codeList: 'offence', description: { es: 'Solo casos con un cargo por este delito.', en: 'Only cases with a charge of this offence.' } },
  { key: 'lawVersion', type: 'code', codeList: 'law-version', description: { es: 'Solo casos con un cargo según esta versión de la ley (con offence: el mismo cargo).', en: 'Only cases with a charge under this law version (with offence: the same charge).' } },
  { key: 'profile', type: 'enum', values: ['standard', 'publication'], description: { es: 'Perfil de supresión: standard (k = 5) o publication (k = 11).', en: 'Suppression profile: standard (k = 5) or publication (k = 11).' } },
] as const;
