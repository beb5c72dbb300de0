// A form definition compiled to JSON Schema (draft 2020-12 keywords that ajv 8 checks by default):
// one property per field, unknown keys refused, required fields required only while visible
// (each condition becomes an if/then). Pure; the allowed codes of each choice field come in.
import { DEFAULT_MAX_LENGTH, fieldsOf, type FormDefinition, type FormField } from './types';

export const PERSON_CODE_PATTERN = '^[VTIJP]-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{5}$';
/** Files are named by their document id in the private store. */
export const FILE_ID_PATTERN = '^[a-z0-9]{20,40}$';

export type JsonSchema = Record<string, unknown>;

export interface CompileOptions {
  /** The codes a choice field accepts now (active codes, plus those the record already holds). */
  codesFor(field: FormField): readonly string[];
}

const oneOfCodes = (codes: readonly string[]): JsonSchema => (codes.length ? { enum: [...codes] } : { not: {} });

export function fieldSchema(field: FormField, options: CompileOptions): JsonSchema {
  switch (field.type) {
    case 'short-text':
    case 'long-text': {
      const schema: JsonSchema = { type: 'string', maxLength: field.maxLength ?? DEFAULT_MAX_LENGTH[field.type] };
      if (typeof field.minLength === 'number') schema.minLength = field.minLength;
      if (field.type === 'short-text' && field.pattern) schema.pattern = field.pattern;
      return schema;
    }
    case 'integer':
    case 'decimal': {
      const schema: JsonSchema = { type: field.type === 'integer' ? 'integer' : 'number' };
      if (typeof field.min === 'number') schema.minimum = field.min;
      if (typeof field.max === 'number') schema.maximum = field.max;
      return schema;
    }
    case 'date': {
      const schema: JsonSchema = { type: 'string', format: 'date' };
      if (typeof field.min === 'string') schema.dateMinimum = field.min;
      if (typeof field.max === 'string') schema.dateMaximum = field.max;
      return schema;
    }
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    case 'yes-no':
      return { type: 'boolean' };
    case 'single-choice':
      return { type: 'string', ...oneOfCodes(options.codesFor(field)) };
    case 'multiple-choice': {
      const schema: JsonSchema = { type: 'array', items: { type: 'string', ...oneOfCodes(options.codesFor(field)) }, uniqueItems: true };
      if (typeof field.min === 'number') schema.minItems = field.min;
      if (typeof field.max === 'number') schema.maxItems = field.max;
      return schema;
    }
    case 'person-ref':
      return { type: 'string', pattern: PERSON_CODE_PATTERN };
    case 'file':
      return { type: 'string', pattern: FILE_ID_PATTERN };
  }
}

/** The schema "field X holds one of these values" (for a list: holds at least one of them). */
function conditionHolds(source: FormField, values: ReadonlyArray<string | number | boolean>): JsonSchema {
  const test = source.type === 'multiple-choice' ? { type: 'array', contains: { enum: [...values] } } : { enum: [...values] };
  return { properties: { [source.key]: test }, required: [source.key] };
}

export function compileSchema(definition: FormDefinition, options: CompileOptions): JsonSchema {
  const fields = fieldsOf(definition);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const conditional: JsonSchema[] = [];
  for (const field of fields) {
    properties[field.key] = fieldSchema(field, options);
    if (!field.required) continue;
    // A required field is required while it shows: its condition, and its source's, all hold.
    const chain: JsonSchema[] = [];
    for (let f: FormField | undefined = field; f?.showWhen; f = byKey.get(f.showWhen.field)) {
      const source = byKey.get(f.showWhen.field);
      if (!source) break;
      chain.push(conditionHolds(source, f.showWhen.in));
    }
    if (chain.length === 0) required.push(field.key);
    else conditional.push({ if: chain.length === 1 ? chain[0] : { allOf: chain }, then: { required: [field.key] } });
  }
  const schema: JsonSchema = {
    $id: `pett:form:${definition.key}:v${definition.version}`,
    type: 'object',
    properties,
    additionalProperties: false,
  };
  if (required.length) schema.required = required;
  if (conditional.length) schema.allOf = conditional;
  return schema;
}
