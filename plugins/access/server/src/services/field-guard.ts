// Applies the field-level read rules to a document-service query: `fields` are narrowed to what the
// role may read, and a filter or sort that names an unreadable field (at any depth) is refused, so
// it cannot be used as an oracle.
import { errors } from '@strapi/utils';

type Attribute = { type: string; target?: string };
type Model = { attributes: Record<string, Attribute> };
export type ModelLookup = (uid: string) => Model | undefined;
/** Readable scalar fields of a guarded type, or undefined when the type has no field rules. */
export type ReadableLookup = (uid: string) => readonly string[] | undefined;

const OPERATORS = /^\$/;

function refuse(field: string): never {
  throw new errors.ValidationError(`Invalid key ${field}`, { key: field, path: field });
}

export function assertReadableFilters(filters: unknown, uid: string, models: ModelLookup, readable: ReadableLookup, depth = 0): void {
  if (!filters || typeof filters !== 'object' || depth > 10) return;
  if (Array.isArray(filters)) return filters.forEach((f) => assertReadableFilters(f, uid, models, readable, depth + 1));
  const model = models(uid);
  const allowed = readable(uid);
  for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
    if (OPERATORS.test(key)) {
      assertReadableFilters(value, uid, models, readable, depth + 1);
      continue;
    }
    const attr = model?.attributes[key];
    if (attr?.type === 'relation' && attr.target) assertReadableFilters(value, attr.target, models, readable, depth + 1);
    else if (allowed && !allowed.includes(key)) refuse(key);
  }
}

export function assertReadableSort(sort: unknown, uid: string, models: ModelLookup, readable: ReadableLookup): void {
  const entries = Array.isArray(sort) ? sort : sort == null ? [] : [sort];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      for (const part of entry.split(',')) assertPath(part.split(':')[0].trim().split('.'), uid, models, readable);
    } else if (entry && typeof entry === 'object') {
      assertSortObject(entry as Record<string, unknown>, uid, models, readable);
    }
  }
}

function assertSortObject(sort: Record<string, unknown>, uid: string, models: ModelLookup, readable: ReadableLookup) {
  for (const [key, value] of Object.entries(sort)) {
    const attr = models(uid)?.attributes[key];
    if (attr?.type === 'relation' && attr.target && value && typeof value === 'object') assertSortObject(value as Record<string, unknown>, attr.target, models, readable);
    else assertPath([key], uid, models, readable);
  }
}

function assertPath(path: string[], uid: string, models: ModelLookup, readable: ReadableLookup) {
  let current = uid;
  for (const [index, key] of path.entries()) {
    const attr = models(current)?.attributes[key];
    if (attr?.type === 'relation' && attr.target && index < path.length - 1) {
      current = attr.target;
      continue;
    }
    const allowed = readable(current);
    if (allowed && !allowed.includes(key)) refuse(key);
    return;
  }
}

/** Narrows requested fields to the readable ones (all readable ones when none were asked for). */
const IMPLICIT = new Set(['id', 'documentId', 'locale']); // implicit or absent (no i18n): not selectable as fields

export function narrowFields(fields: unknown, allowed: readonly string[]): string[] {
  const selectable = allowed.filter((f) => !IMPLICIT.has(f));
  const requested = Array.isArray(fields) ? fields : typeof fields === 'string' ? fields.split(',') : null;
  const wanted = requested ? requested.map((f) => String(f).trim()).filter((f) => selectable.includes(f)) : selectable;
  return wanted.length ? wanted : ['createdAt'];
}
