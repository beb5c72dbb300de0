// The indicator catalogue as data: what each indicator counts, along which two dimensions, and the
// request parameters every indicator takes. Pure: the SQL lives in services/indicators.ts. The shared
// vocabulary (dimensions, groups, the Indicator shape) is in dimensions.ts; each part of the
// catalogue is a module of its own (catalogue-*.ts), listed in INDICATORS.
import { DIMENSIONS, type Indicator } from './dimensions';
import { SDG_INDICATORS } from './catalogue-sdg';
import { OPERATIONAL_INDICATORS } from './catalogue-operational';
import { CHARGE_INDICATORS } from './catalogue-charges';

export * from './dimensions';

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
