// What a form definition is: sections of typed fields, edited by the configurator as data. Pure
// types, shared by the definition check, the JSON Schema compiler and the answer validation.

export const FIELD_TYPES = [
  'short-text',
  'long-text',
  'integer',
  'decimal',
  'date',
  'date-time',
  'yes-no',
  'single-choice',
  'multiple-choice',
  'person-ref',
  'file',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** The records a form can describe: each keeps its answers in its `custom` field. */
export const FORM_TARGETS = ['case', 'victim-profile', 'case-party', 'referral', 'evidence', 'plan-action'] as const;
export type FormTarget = (typeof FORM_TARGETS)[number];

export type Lang = 'es' | 'en';

/** "Show when field X is one of ...": X comes earlier in the form. */
export interface ShowWhen {
  field: string;
  in: Array<string | number | boolean>;
}

export interface FormField {
  /** Stable identifier of the answer in `custom`; never reused for another meaning. */
  key: string;
  type: FieldType;
  labelEs: string;
  labelEn: string;
  helpEs?: string | null;
  helpEn?: string | null;
  required?: boolean;
  /** Numbers: the smallest and largest value. Dates: YYYY-MM-DD bounds. Multiple choice: how many. */
  min?: number | string | null;
  max?: number | string | null;
  /** Texts: length bounds in characters. */
  minLength?: number | null;
  maxLength?: number | null;
  /** Short texts: a regular expression the whole answer must match. */
  pattern?: string | null;
  /** Choice fields: the key of the code list their values come from. */
  codeList?: string | null;
  showWhen?: ShowWhen | null;
  /** Sensitive answers follow the field-level access rules. */
  sensitive?: boolean;
  /** The field may be used as a grouping dimension in statistics. */
  statistics?: boolean;
}

export interface FormSection {
  key: string;
  titleEs: string;
  titleEn: string;
  fields: FormField[];
}

export interface FormDefinition {
  key: string;
  target: FormTarget;
  version: number;
  sections: FormSection[];
}

export type Answer = string | number | boolean | string[] | null;
export type Answers = Record<string, unknown>;

/** A problem with one answer, or with one part of a definition, in the caller's language. */
export interface FieldProblem {
  path: Array<string | number>;
  message: string;
}

export const fieldsOf = (definition: FormDefinition): FormField[] => definition.sections.flatMap((s) => s.fields);
export const labelOf = (field: Pick<FormField, 'labelEs' | 'labelEn' | 'key'>, lang: Lang): string =>
  (lang === 'es' ? field.labelEs : field.labelEn) || field.key;

/** Default upper bounds, so no text answer is unbounded. */
export const DEFAULT_MAX_LENGTH: Record<'short-text' | 'long-text', number> = { 'short-text': 200, 'long-text': 5000 };
