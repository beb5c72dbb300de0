// The save check of a form definition: every problem a configurator must fix before the form can be
// published, each placed on its path with a message that says what to do. Pure.
import { FIELD_TYPES, FORM_TARGETS, type FieldProblem, type FieldType, type FormDefinition, type FormField, type Lang } from './types';

export const FIELD_KEY = /^[a-z][a-zA-Z0-9]{0,59}$/;
const SECTION_KEY = /^[a-z][a-z0-9-]{0,59}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CHOICE_TYPES: ReadonlySet<FieldType> = new Set(['single-choice', 'multiple-choice']);
const CONDITION_TYPES: ReadonlySet<FieldType> = new Set(['yes-no', 'single-choice', 'multiple-choice']);
const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['short-text', 'long-text']);
/** Free text, people and files would identify someone as a grouping dimension. */
const NOT_STATISTICAL: ReadonlySet<FieldType> = new Set(['short-text', 'long-text', 'person-ref', 'file']);
const MAX_TEXT = 100_000;

export interface CheckContext {
  /** Code lists that exist, with their codes (active or not): choices and conditions are checked against them. */
  codeLists: ReadonlyMap<string, ReadonlySet<string>>;
  lang: Lang;
}

type Words = { es: string; en: string };
const say = (lang: Lang, words: Words) => words[lang];

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isSet = (v: unknown) => v !== undefined && v !== null;

export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function boundsProblems(field: FormField, at: Array<string | number>, lang: Lang): FieldProblem[] {
  const out: FieldProblem[] = [];
  const { type, min, max } = field;
  const numeric = type === 'integer' || type === 'decimal';
  if (isSet(min) || isSet(max)) {
    if (numeric) {
      for (const [name, v] of [['min', min], ['max', max]] as const) {
        if (isSet(v) && (typeof v !== 'number' || !Number.isFinite(v) || (type === 'integer' && !Number.isInteger(v)))) {
          out.push({ path: [...at, name], message: say(lang, { es: `«${name}» debe ser un número${type === 'integer' ? ' entero' : ''}.`, en: `«${name}» must be a${type === 'integer' ? ' whole' : ''} number.` }) });
        }
      }
    } else if (type === 'date') {
      for (const [name, v] of [['min', min], ['max', max]] as const) {
        if (isSet(v) && !(typeof v === 'string' && isRealDate(v))) out.push({ path: [...at, name], message: say(lang, { es: `«${name}» debe ser una fecha AAAA-MM-DD.`, en: `«${name}» must be a date YYYY-MM-DD.` }) });
      }
    } else if (type === 'multiple-choice') {
      for (const [name, v] of [['min', min], ['max', max]] as const) {
        if (isSet(v) && !(isWhole(v) && v >= 0)) out.push({ path: [...at, name], message: say(lang, { es: `«${name}» es cuántas opciones se eligen: un número entero desde 0.`, en: `«${name}» is how many options are chosen: a whole number from 0.` }) });
      }
    } else {
      out.push({ path: [...at, isSet(min) ? 'min' : 'max'], message: say(lang, { es: 'Mínimo y máximo solo se aplican a números, fechas y selección múltiple.', en: 'Minimum and maximum apply only to numbers, dates and multiple choice.' }) });
    }
    if (out.length === 0 && isSet(min) && isSet(max) && (min as number | string) > (max as number | string)) {
      out.push({ path: [...at, 'max'], message: say(lang, { es: 'El máximo no puede ser menor que el mínimo.', en: 'The maximum cannot be below the minimum.' }) });
    }
  }
  if (isSet(field.minLength) || isSet(field.maxLength)) {
    if (!TEXT_TYPES.has(type)) {
      out.push({ path: [...at, isSet(field.minLength) ? 'minLength' : 'maxLength'], message: say(lang, { es: 'La longitud solo se aplica a campos de texto.', en: 'Length applies only to text fields.' }) });
    } else {
      for (const [name, v] of [['minLength', field.minLength], ['maxLength', field.maxLength]] as const) {
        if (isSet(v) && !(isWhole(v) && v >= 0 && v <= MAX_TEXT)) out.push({ path: [...at, name], message: say(lang, { es: `«${name}» debe ser un número entero entre 0 y ${MAX_TEXT}.`, en: `«${name}» must be a whole number from 0 to ${MAX_TEXT}.` }) });
      }
      if (isWhole(field.minLength) && isWhole(field.maxLength) && field.minLength > field.maxLength) {
        out.push({ path: [...at, 'maxLength'], message: say(lang, { es: 'La longitud máxima no puede ser menor que la mínima.', en: 'The maximum length cannot be below the minimum.' }) });
      }
    }
  }
  if (isSet(field.pattern)) {
    if (type !== 'short-text') {
      out.push({ path: [...at, 'pattern'], message: say(lang, { es: 'El patrón solo se aplica a textos cortos.', en: 'A pattern applies only to short texts.' }) });
    } else {
      let compiles = typeof field.pattern === 'string' && field.pattern.length <= 200;
      try {
        if (compiles) new RegExp(field.pattern as string, 'u');
      } catch {
        compiles = false;
      }
      if (!compiles) out.push({ path: [...at, 'pattern'], message: say(lang, { es: 'El patrón no es una expresión regular válida (máximo 200 caracteres).', en: 'The pattern is not a valid regular expression (200 characters at most).' }) });
    }
  }
  return out;
}

function conditionProblems(field: FormField, at: Array<string | number>, earlier: ReadonlyMap<string, FormField>, ctx: CheckContext): FieldProblem[] {
  const when = field.showWhen;
  if (!when) return [];
  const { lang } = ctx;
  const source = earlier.get(when.field);
  if (!source) {
    return [{ path: [...at, 'showWhen', 'field'], message: say(lang, { es: `La condición usa «${when.field}», que no es un campo anterior de este formulario.`, en: `The condition uses «${when.field}», which is not an earlier field of this form.` }) }];
  }
  if (!CONDITION_TYPES.has(source.type)) {
    return [{ path: [...at, 'showWhen', 'field'], message: say(lang, { es: 'Una condición solo puede depender de un campo sí/no o de selección.', en: 'A condition can only depend on a yes/no or choice field.' }) }];
  }
  if (!Array.isArray(when.in) || when.in.length === 0) {
    return [{ path: [...at, 'showWhen', 'in'], message: say(lang, { es: 'Indique al menos un valor que muestra el campo.', en: 'Give at least one value that shows the field.' }) }];
  }
  const codes = source.codeList ? ctx.codeLists.get(source.codeList) : undefined;
  const bad = when.in.find((v) => (source.type === 'yes-no' ? typeof v !== 'boolean' : typeof v !== 'string' || (codes !== undefined && !codes.has(v))));
  if (bad !== undefined) {
    return [{ path: [...at, 'showWhen', 'in'], message: say(lang, source.type === 'yes-no'
      ? { es: 'Los valores de una condición sobre un campo sí/no son true o false.', en: 'The values of a condition on a yes/no field are true or false.' }
      : { es: `«${String(bad)}» no es un código de la lista de «${source.key}».`, en: `«${String(bad)}» is not a code of the list of «${source.key}».` }) }];
  }
  return [];
}

function fieldProblems(field: FormField, at: Array<string | number>, earlier: ReadonlyMap<string, FormField>, ctx: CheckContext): FieldProblem[] {
  const { lang } = ctx;
  const out: FieldProblem[] = [];
  if (typeof field.key !== 'string' || !FIELD_KEY.test(field.key)) {
    out.push({ path: [...at, 'key'], message: say(lang, { es: 'La clave empieza por una letra minúscula y solo lleva letras y números (por ejemplo «tieneHijos»), hasta 60.', en: 'The key starts with a lower-case letter and holds only letters and digits (for example «hasChildren»), up to 60.' }) });
  }
  for (const name of ['labelEs', 'labelEn'] as const) {
    const v = field[name];
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > 200) out.push({ path: [...at, name], message: say(lang, { es: 'Escriba la etiqueta en español y en inglés (hasta 200 caracteres).', en: 'Write the label in Spanish and in English (up to 200 characters).' }) });
  }
  for (const name of ['helpEs', 'helpEn'] as const) {
    const v = field[name];
    if (isSet(v) && (typeof v !== 'string' || v.length > 1000)) out.push({ path: [...at, name], message: say(lang, { es: 'La ayuda tiene hasta 1000 caracteres.', en: 'Help text has up to 1000 characters.' }) });
  }
  if (!(FIELD_TYPES as readonly string[]).includes(field.type)) {
    out.push({ path: [...at, 'type'], message: say(lang, { es: `Elija un tipo: ${FIELD_TYPES.join(', ')}.`, en: `Choose a type: ${FIELD_TYPES.join(', ')}.` }) });
    return out;
  }
  if (field.type === 'file') {
    // The private file store for records other than identities arrives with evidence (issue 9).
    out.push({ path: [...at, 'type'], message: say(lang, { es: 'Los campos de archivo aún no están disponibles: llegan con el almacén de evidencias. Elija otro tipo.', en: 'File fields are not available yet: they arrive with the evidence store. Choose another type.' }) });
  }
  if (CHOICE_TYPES.has(field.type)) {
    if (!field.codeList || !ctx.codeLists.has(field.codeList)) {
      out.push({ path: [...at, 'codeList'], message: say(lang, field.codeList
        ? { es: `No existe la lista de códigos «${field.codeList}».`, en: `There is no code list «${field.codeList}».` }
        : { es: 'Un campo de selección necesita una lista de códigos.', en: 'A choice field needs a code list.' }) });
    }
  } else if (field.codeList) {
    out.push({ path: [...at, 'codeList'], message: say(lang, { es: 'Solo los campos de selección usan una lista de códigos.', en: 'Only choice fields use a code list.' }) });
  }
  out.push(...boundsProblems(field, at, lang));
  out.push(...conditionProblems(field, at, earlier, ctx));
  if (field.statistics && NOT_STATISTICAL.has(field.type)) {
    out.push({ path: [...at, 'statistics'], message: say(lang, { es: 'Un texto libre, una persona o un archivo no se usa en estadísticas: podría identificar a alguien.', en: 'Free text, a person or a file is not used in statistics: it could identify someone.' }) });
  }
  return out;
}

/** Every problem of a definition, or none. `codeLists` holds the lists that exist now. */
export function definitionProblems(definition: FormDefinition, ctx: CheckContext): FieldProblem[] {
  const { lang } = ctx;
  const out: FieldProblem[] = [];
  if (!(FORM_TARGETS as readonly string[]).includes(definition.target)) {
    out.push({ path: ['target'], message: say(lang, { es: `Elija a qué registro se aplica: ${FORM_TARGETS.join(', ')}.`, en: `Choose which record it applies to: ${FORM_TARGETS.join(', ')}.` }) });
  }
  if (!isWhole(definition.version) || definition.version < 1) out.push({ path: ['version'], message: say(lang, { es: 'La versión es un número entero desde 1.', en: 'The version is a whole number from 1.' }) });
  if (!Array.isArray(definition.sections) || definition.sections.length === 0) {
    out.push({ path: ['sections'], message: say(lang, { es: 'El formulario necesita al menos una sección con un campo.', en: 'The form needs at least one section with a field.' }) });
    return out;
  }
  const earlier = new Map<string, FormField>();
  const sectionKeys = new Set<string>();
  definition.sections.forEach((section, s) => {
    const at = ['sections', s];
    if (typeof section.key !== 'string' || !SECTION_KEY.test(section.key)) out.push({ path: [...at, 'key'], message: say(lang, { es: 'La clave de la sección lleva minúsculas, números y guiones.', en: 'The section key holds lower-case letters, digits and hyphens.' }) });
    else if (sectionKeys.has(section.key)) out.push({ path: [...at, 'key'], message: say(lang, { es: `Ya hay una sección «${section.key}».`, en: `There is already a section «${section.key}».` }) });
    sectionKeys.add(section.key);
    for (const name of ['titleEs', 'titleEn'] as const) {
      const v = section[name];
      if (typeof v !== 'string' || v.trim().length === 0 || v.length > 200) out.push({ path: [...at, name], message: say(lang, { es: 'Escriba el título de la sección en español y en inglés.', en: 'Write the section title in Spanish and in English.' }) });
    }
    if (!Array.isArray(section.fields) || section.fields.length === 0) {
      out.push({ path: [...at, 'fields'], message: say(lang, { es: 'Una sección necesita al menos un campo.', en: 'A section needs at least one field.' }) });
      return;
    }
    section.fields.forEach((field, f) => {
      const fieldAt = [...at, 'fields', f];
      out.push(...fieldProblems(field, fieldAt, earlier, ctx));
      if (typeof field.key === 'string' && earlier.has(field.key)) {
        out.push({ path: [...fieldAt, 'key'], message: say(lang, { es: `La clave «${field.key}» ya la usa otro campo.`, en: `The key «${field.key}» is already used by another field.` }) });
      }
      if (typeof field.key === 'string') earlier.set(field.key, field);
    });
  });
  return out;
}

/**
 * Problems a new version would cause to records saved under the previous one: a key may not change
 * its type or code list, since old answers keep their meaning under the same key.
 */
export function versionProblems(previous: FormDefinition, next: FormDefinition, lang: Lang): FieldProblem[] {
  const before = new Map(previous.sections.flatMap((s) => s.fields).map((f) => [f.key, f]));
  const out: FieldProblem[] = [];
  next.sections.forEach((section, s) => section.fields.forEach((field, f) => {
    const old = before.get(field.key);
    if (!old) return;
    if (old.type !== field.type || (old.codeList ?? null) !== (field.codeList ?? null)) {
      out.push({ path: ['sections', s, 'fields', f, 'key'], message: say(lang, {
        es: `«${field.key}» ya guarda respuestas de tipo ${old.type}${old.codeList ? ` (lista ${old.codeList})` : ''}: para otro tipo o lista, cree un campo con otra clave y retire este.`,
        en: `«${field.key}» already holds answers of type ${old.type}${old.codeList ? ` (list ${old.codeList})` : ''}: for another type or list, add a field with a new key and retire this one.`,
      }) });
    }
  }));
  return out;
}
