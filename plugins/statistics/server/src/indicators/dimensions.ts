// The vocabulary every part of the indicator catalogue shares: languages, dimensions, groups and
// the shape of an indicator. A module of its own so that the catalogue's parts (catalogue-*.ts)
// import it without importing catalogue.ts, which imports them (a cycle would leave values undefined).
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
