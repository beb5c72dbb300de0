// Between the form as the admin panel stores it (sections and fields as components, one column per
// bound, the condition's values as a comma-separated text) and the definition the rules work on.
// Pure: the code list relation arrives populated with its key.
import type { FieldProblem, FieldType, FormDefinition, FormField, FormSection, FormTarget } from './types';

export interface StoredField {
  key?: string;
  type?: string;
  labelEs?: string;
  labelEn?: string;
  helpEs?: string | null;
  helpEn?: string | null;
  required?: boolean | null;
  codeList?: { key?: string } | null;
  minNumber?: number | string | null;
  maxNumber?: number | string | null;
  minDate?: string | null;
  maxDate?: string | null;
  minLength?: number | null;
  maxLength?: number | null;
  pattern?: string | null;
  showWhenField?: string | null;
  showWhenValues?: string | null;
  sensitive?: boolean | null;
  statistics?: boolean | null;
}
export interface StoredSection { key?: string; titleEs?: string; titleEn?: string; fields?: StoredField[] | null }
export interface StoredForm { key?: string; target?: string; sections?: StoredSection[] | null }

const YES = new Set(['sí', 'si', 'yes', 'true', 'verdadero']);
const NO = new Set(['no', 'false', 'falso']);
const blank = (v: unknown) => v === undefined || v === null || v === '';
const num = (v: unknown) => (blank(v) ? null : Number(v));

/** The values of a condition: codes, or booleans when the source is a yes/no field. */
export function conditionValues(text: string, sourceType: FieldType | undefined): Array<string | boolean> {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (sourceType !== 'yes-no') return parts;
  return parts.map((p) => (YES.has(p.toLowerCase()) ? true : NO.has(p.toLowerCase()) ? false : p));
}

export function definitionFromStored(stored: StoredForm, version: number): FormDefinition {
  const types = new Map<string, FieldType>();
  const sections = (stored.sections ?? []).map((section): FormSection => ({
    key: String(section.key ?? ''),
    titleEs: String(section.titleEs ?? ''),
    titleEn: String(section.titleEn ?? ''),
    fields: (section.fields ?? []).map((f): FormField => {
      const type = f.type as FieldType;
      const field: FormField = { key: String(f.key ?? ''), type, labelEs: String(f.labelEs ?? ''), labelEn: String(f.labelEn ?? '') };
      if (!blank(f.helpEs)) field.helpEs = f.helpEs;
      if (!blank(f.helpEn)) field.helpEn = f.helpEn;
      if (f.required) field.required = true;
      if (f.codeList?.key) field.codeList = f.codeList.key;
      const [min, max] = type === 'date' ? [f.minDate, f.maxDate] : [num(f.minNumber), num(f.maxNumber)];
      if (!blank(min)) field.min = min as number | string;
      if (!blank(max)) field.max = max as number | string;
      if (!blank(f.minLength)) field.minLength = f.minLength;
      if (!blank(f.maxLength)) field.maxLength = f.maxLength;
      if (!blank(f.pattern)) field.pattern = f.pattern;
      if (!blank(f.showWhenField)) {
        field.showWhen = { field: String(f.showWhenField).trim(), in: conditionValues(String(f.showWhenValues ?? ''), types.get(String(f.showWhenField).trim())) };
      }
      if (f.sensitive) field.sensitive = true;
      if (f.statistics) field.statistics = true;
      types.set(field.key, type);
      return field;
    }),
  }));
  return { key: String(stored.key ?? ''), target: stored.target as FormTarget, version, sections };
}

/** A problem's path as the admin panel names the stored attribute (for example `min` of a date is `minDate`). */
export function storedPath(definition: FormDefinition, problem: FieldProblem): FieldProblem {
  const [s, sectionIndex, f, fieldIndex, name, sub] = problem.path;
  if (s !== 'sections' || f !== 'fields' || typeof fieldIndex !== 'number') return problem;
  const field = definition.sections[sectionIndex as number]?.fields[fieldIndex];
  let attribute: string | undefined = name as string | undefined;
  if (name === 'min' || name === 'max') attribute = field?.type === 'date' ? `${name}Date` : `${name}Number`;
  if (name === 'showWhen') attribute = sub === 'in' ? 'showWhenValues' : 'showWhenField';
  return { ...problem, path: ['sections', sectionIndex, 'fields', fieldIndex, ...(attribute ? [attribute] : [])] };
}
