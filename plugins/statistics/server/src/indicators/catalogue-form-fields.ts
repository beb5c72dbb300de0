// Indicators made from form fields flagged for statistics (plugins/forms): one per field, keyed
// `form-field:<target>:<field>`, counting cases, victims or parties by the field's answer. Pure: the
// fields come in as data, the SQL is in services/form-fields.ts.
import { DIMENSIONS, UNKNOWN_LABEL, type Dimension, type Indicator } from './dimensions';

export const FORM_FIELD_PREFIX = 'form-field';
/** The records whose forms give dimensions, and what one counted unit is. */
export const FORM_FIELD_TARGETS = ['case', 'victim-profile', 'case-party'] as const;
export type FormFieldTarget = (typeof FORM_FIELD_TARGETS)[number];
/** Field types whose answers are codes, so they can be rows: a choice from a code list, or yes/no. */
export const CODED_TYPES = ['single-choice', 'multiple-choice', 'yes-no'] as const;
/** A code list up to this long gives every active code as a row; a longer one only the codes answered. */
export const ALL_CODES_UP_TO = 40;
/** A form field key as the forms plugin allows it: a letter, then letters and digits (safe inside SQL). */
export const FIELD_KEY = /^[A-Za-z][A-Za-z0-9]*$/;

/** A field as the forms plugin's statisticsDimensions gives it. */
export interface StatisticsField { key: string; type: string; codeList?: string | null; labelEs: string; labelEn: string }

export function parseFormFieldKey(key: string): { target: FormFieldTarget; field: string } | null {
  const [prefix, target, field, ...rest] = key.split(':');
  if (prefix !== FORM_FIELD_PREFIX || rest.length || !field || !FIELD_KEY.test(field)) return null;
  return (FORM_FIELD_TARGETS as readonly string[]).includes(target ?? '') ? { target: target as FormFieldTarget, field } : null;
}

export const formFieldKey = (target: FormFieldTarget, field: string) => `${FORM_FIELD_PREFIX}:${target}:${field}`;

/** A field may be a dimension: flagged for statistics, never sensitive, with coded answers and a safe key. */
export function offerable(field: StatisticsField, sensitive: ReadonlySet<string>): boolean {
  if (sensitive.has(field.key) || !FIELD_KEY.test(field.key)) return false;
  if (field.type === 'yes-no') return true;
  return (field.type === 'single-choice' || field.type === 'multiple-choice') && !!field.codeList;
}

const YES_NO: Dimension['fixed'] = [
  { code: 'true', label: { es: 'Sí', en: 'Yes' } },
  { code: 'false', label: { es: 'No', en: 'No' } },
];

const UNITS_OF: Record<FormFieldTarget, { es: string; en: string; countsEs: string; countsEn: string; columns: Dimension }> = {
  case: {
    es: 'Casos', en: 'Cases', columns: DIMENSIONS.caseType,
    countsEs: 'Casos con fecha de entrada en el periodo, por su respuesta (una vez por cada opción marcada)', countsEn: 'Cases with an intake date in the period, by their answer (once per option ticked)',
  },
  'victim-profile': {
    es: 'Víctimas', en: 'Victims', columns: DIMENSIONS.sex,
    countsEs: 'Víctimas (una vez por caso) en casos con fecha de entrada en el periodo, por la respuesta de su perfil (una vez por cada opción marcada)', countsEn: 'Victims (once per case) in cases with an intake date in the period, by their profile\'s answer (once per option ticked)',
  },
  'case-party': {
    es: 'Intervinientes', en: 'Parties', columns: DIMENSIONS.sex,
    countsEs: 'Intervinientes (cada persona con su rol en un caso) en casos con fecha de entrada en el periodo, por su respuesta (una vez por cada opción marcada)', countsEn: 'Parties (each person with their role in a case) in cases with an intake date in the period, by their answer (once per option ticked)',
  },
};

/**
 * The indicator of one offerable field: rows are the field's codes (its code list, or yes/no) and
 * "unknown" for records without an answer; columns are the case type (cases) or sex (victims, parties).
 * `listLength` is how many items the field's code list has.
 */
export function formFieldIndicator(target: FormFieldTarget, field: StatisticsField, listLength: number): Indicator {
  const unit = UNITS_OF[target];
  const rows: Dimension = field.type === 'yes-no'
    ? { key: formFieldKey(target, field.key), name: { es: field.labelEs, en: field.labelEn }, fixed: YES_NO, allCodes: true }
    : { key: formFieldKey(target, field.key), name: { es: field.labelEs, en: field.labelEn }, codeList: field.codeList!, allCodes: listLength <= ALL_CODES_UP_TO };
  return {
    key: formFieldKey(target, field.key), group: 'form-field',
    name: { es: `${unit.es} por «${field.labelEs}»`, en: `${unit.en} by «${field.labelEn}»` },
    counts: { es: `${unit.countsEs}; sin respuesta: «${UNKNOWN_LABEL.es}».`, en: `${unit.countsEn}; no answer: «${UNKNOWN_LABEL.en}».` },
    source: 'Form fields flagged for statistics', rows, columns: unit.columns,
  };
}
