// Checking a record's form answers against the definition it is saved under: hidden answers are
// dropped, answers of retired fields are kept as they were, the rest goes through the compiled JSON
// Schema (ajv), and every refusal becomes a message on its field. Pure apart from ajv's compile cache.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isRealDate } from './check';
import { compileSchema } from './schema';
import { visibleKeys } from './visibility';
import { fieldsOf, labelOf, type Answers, type FieldProblem, type FormDefinition, type FormField, type Lang } from './types';

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
export const isDateTime = (value: string) => {
  const m = DATE_TIME.exec(value);
  return !!m && isRealDate(m[1]) && !Number.isNaN(Date.parse(value));
};

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: false });
  ajv.addFormat('date', { type: 'string', validate: isRealDate });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addKeyword({ keyword: 'dateMinimum', type: 'string', schemaType: 'string', errors: false, validate: (bound: string, value: string) => value >= bound });
  ajv.addKeyword({ keyword: 'dateMaximum', type: 'string', schemaType: 'string', errors: false, validate: (bound: string, value: string) => value <= bound });
  return ajv;
}

// Compiled validators by definition and allowed codes; a published definition does not change, so
// the cache stays small (one entry per form version and code-list state).
const ajv = newAjv();
const compiled = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 200;

function validatorFor(definition: FormDefinition, codesFor: (field: FormField) => readonly string[]): ValidateFunction {
  const schema = compileSchema(definition, { codesFor });
  const cacheKey = JSON.stringify(schema);
  let validate = compiled.get(cacheKey);
  if (!validate) {
    const { $id: _id, ...anonymous } = schema; // ajv keeps schemas by $id: two code states would clash
    validate = ajv.compile(anonymous);
    if (compiled.size >= CACHE_LIMIT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(cacheKey, validate);
  }
  return validate;
}

export interface AnswerContext {
  lang: Lang;
  /** Active codes of each code list, by list key. */
  activeCodes: ReadonlyMap<string, ReadonlySet<string>>;
  /** The answers the record holds now (an update), or nothing (a new record). */
  previous?: Answers | null;
}

export type AnswerResult =
  | { ok: true; value: Answers; dropped: string[] }
  | { ok: false; errors: FieldProblem[] };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isAnswered = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '';

const WORDS = {
  notObject: { es: 'Las respuestas del formulario deben ser un objeto JSON.', en: 'The form answers must be a JSON object.' },
  unknown: { es: (k: string) => `«${k}» no es un campo de este formulario.`, en: (k: string) => `«${k}» is not a field of this form.` },
  retired: { es: (k: string) => `El campo «${k}» se retiró del formulario: su respuesta se conserva y ya no se puede cambiar.`, en: (k: string) => `The field «${k}» was retired from the form: its answer is kept and can no longer be changed.` },
  required: { es: (l: string) => `«${l}» es obligatorio.`, en: (l: string) => `«${l}» is required.` },
  min: { es: (l: string, n: unknown) => `«${l}» debe ser al menos ${n}.`, en: (l: string, n: unknown) => `«${l}» must be at least ${n}.` },
  max: { es: (l: string, n: unknown) => `«${l}» debe ser como máximo ${n}.`, en: (l: string, n: unknown) => `«${l}» must be at most ${n}.` },
  minLength: { es: (l: string, n: unknown) => `«${l}» necesita al menos ${n} caracteres.`, en: (l: string, n: unknown) => `«${l}» needs at least ${n} characters.` },
  maxLength: { es: (l: string, n: unknown) => `«${l}» admite hasta ${n} caracteres.`, en: (l: string, n: unknown) => `«${l}» takes up to ${n} characters.` },
  pattern: { es: (l: string) => `«${l}» no tiene el formato esperado.`, en: (l: string) => `«${l}» does not have the expected format.` },
  person: { es: (l: string) => `«${l}» debe ser el código de una persona (por ejemplo V-7KQ2M).`, en: (l: string) => `«${l}» must be a person's code (for example V-7KQ2M).` },
  file: { es: (l: string) => `«${l}» debe ser el identificador de un archivo subido.`, en: (l: string) => `«${l}» must be the id of an uploaded file.` },
  date: { es: (l: string) => `«${l}» debe ser una fecha válida AAAA-MM-DD.`, en: (l: string) => `«${l}» must be a valid date YYYY-MM-DD.` },
  dateTime: { es: (l: string) => `«${l}» debe ser una fecha y hora ISO 8601 con zona (por ejemplo 2026-03-01T14:30:00-04:00).`, en: (l: string) => `«${l}» must be an ISO 8601 date and time with a zone (for example 2026-03-01T14:30:00-04:00).` },
  dateMin: { es: (l: string, d: unknown) => `«${l}» no puede ser anterior a ${d}.`, en: (l: string, d: unknown) => `«${l}» cannot be before ${d}.` },
  dateMax: { es: (l: string, d: unknown) => `«${l}» no puede ser posterior a ${d}.`, en: (l: string, d: unknown) => `«${l}» cannot be after ${d}.` },
  code: { es: (l: string, v: unknown) => `«${l}»: «${String(v)}» no es un valor en uso de su lista.`, en: (l: string, v: unknown) => `«${l}»: «${String(v)}» is not a value in use in its list.` },
  unique: { es: (l: string) => `«${l}» repite un valor.`, en: (l: string) => `«${l}» repeats a value.` },
  minItems: { es: (l: string, n: unknown) => `«${l}»: elija al menos ${n}.`, en: (l: string, n: unknown) => `«${l}»: choose at least ${n}.` },
  maxItems: { es: (l: string, n: unknown) => `«${l}»: elija como máximo ${n}.`, en: (l: string, n: unknown) => `«${l}»: choose at most ${n}.` },
  type: {
    es: { number: 'un número', integer: 'un número entero', boolean: 'sí o no (true o false)', array: 'una lista de códigos', string: 'un texto' },
    en: { number: 'a number', integer: 'a whole number', boolean: 'yes or no (true or false)', array: 'a list of codes', string: 'a text' },
  },
};

function messageFor(error: ErrorObject, field: FormField, value: unknown, lang: Lang): string {
  const label = labelOf(field, lang);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return WORDS.required[lang](label);
    case 'type': {
      const expected = WORDS.type[lang][p.type as keyof (typeof WORDS.type)['es']] ?? String(p.type);
      return lang === 'es' ? `«${label}» debe ser ${expected}.` : `«${label}» must be ${expected}.`;
    }
    case 'minimum': return WORDS.min[lang](label, p.limit);
    case 'maximum': return WORDS.max[lang](label, p.limit);
    case 'minLength': return WORDS.minLength[lang](label, p.limit);
    case 'maxLength': return WORDS.maxLength[lang](label, p.limit);
    case 'pattern':
      if (field.type === 'person-ref') return WORDS.person[lang](label);
      if (field.type === 'file') return WORDS.file[lang](label);
      return WORDS.pattern[lang](label) + (lang === 'es' && field.helpEs ? ` ${field.helpEs}` : lang === 'en' && field.helpEn ? ` ${field.helpEn}` : '');
    case 'format': return field.type === 'date' ? WORDS.date[lang](label) : WORDS.dateTime[lang](label);
    case 'dateMinimum': return WORDS.dateMin[lang](label, field.min);
    case 'dateMaximum': return WORDS.dateMax[lang](label, field.max);
    case 'enum':
    case 'not': return WORDS.code[lang](label, value);
    case 'uniqueItems': return WORDS.unique[lang](label);
    case 'minItems': return WORDS.minItems[lang](label, p.limit);
    case 'maxItems': return WORDS.maxItems[lang](label, p.limit);
    default: return WORDS.pattern[lang](label);
  }
}

/** Where an ajv error belongs: the field key, and the item index inside a list. */
function placeOf(error: ErrorObject): { key: string; index?: number } | null {
  if (error.keyword === 'required') return { key: String((error.params as { missingProperty: string }).missingProperty) };
  const [key, index] = error.instancePath.split('/').slice(1);
  if (!key) return null;
  return index === undefined ? { key } : { key, index: Number(index) };
}

/**
 * Checks `input` against `definition`. On success, `value` is what to store: the answers of the
 * fields that show, with empty answers left out, plus the untouched answers of retired fields.
 */
export function validateAnswers(definition: FormDefinition, input: unknown, ctx: AnswerContext): AnswerResult {
  const { lang } = ctx;
  if (input !== undefined && input !== null && !isPlainObject(input)) return { ok: false, errors: [{ path: [], message: WORDS.notObject[lang] }] };
  const given = (input ?? {}) as Record<string, unknown>;
  const previous = ctx.previous ?? {};
  const byKey = new Map(fieldsOf(definition).map((f) => [f.key, f]));
  const errors: FieldProblem[] = [];

  const answers: Answers = {};
  const kept: Answers = {};
  for (const key of Object.keys(previous)) {
    if (!byKey.has(key) && isAnswered(previous[key])) kept[key] = previous[key];
  }
  for (const [key, value] of Object.entries(given)) {
    if (byKey.has(key)) {
      if (isAnswered(value)) answers[key] = typeof value === 'string' && byKey.get(key)!.type !== 'long-text' ? value.trim() : value;
      continue;
    }
    if (key in kept) {
      if (!sameValue(kept[key], value) && isAnswered(value)) errors.push({ path: [key], message: WORDS.retired[lang](key) });
      continue;
    }
    errors.push({ path: [key], message: WORDS.unknown[lang](key) });
  }

  const shown = visibleKeys(fieldsOf(definition), answers);
  const dropped = Object.keys(answers).filter((key) => !shown.has(key));
  for (const key of dropped) delete answers[key];

  // A code the record already holds stays acceptable after its item is deactivated.
  const codesFor = (field: FormField) => {
    const active = [...(field.codeList ? ctx.activeCodes.get(field.codeList) ?? [] : [])];
    const had = previous[field.key];
    const held = (Array.isArray(had) ? had : [had]).filter((v): v is string => typeof v === 'string');
    return [...new Set([...active, ...held])].sort();
  };
  const validate = validatorFor(definition, codesFor);
  if (!validate(answers)) {
    const placed = new Set<string>();
    for (const error of validate.errors ?? []) {
      if (error.keyword === 'if' || error.keyword === 'additionalProperties') continue;
      const place = placeOf(error);
      const field = place ? byKey.get(place.key) : undefined;
      if (!place || !field) continue;
      const path = place.index === undefined ? [place.key] : [place.key, place.index];
      const id = path.join('/');
      if (placed.has(id)) continue;
      placed.add(id);
      const value = place.index === undefined ? answers[place.key] : (answers[place.key] as unknown[])[place.index];
      errors.push({ path, message: messageFor(error, field, value, lang) });
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { ...kept, ...answers }, dropped };
}
