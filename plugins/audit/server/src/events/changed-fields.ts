// Which fields a write changed, by name only: the trail never holds a value. No Strapi import.
import { canonicalJson } from '../chain/canonical-json';

export interface AttributeLike { type: string }

// Strapi's own bookkeeping is not a change anyone made.
const BOOKKEEPING = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations']);
const NUMBER = new Set(['integer', 'float', 'decimal']);
const TEXT = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration', 'password', 'biginteger', 'date', 'time', 'blocks']);

function comparable(type: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (NUMBER.has(type)) return String(Number(value));
  if (type === 'boolean') return String(value === true || value === 1 || value === '1' || value === 'true');
  if (type === 'datetime' || type === 'timestamp') {
    const time = new Date(value as string).getTime();
    return Number.isNaN(time) ? String(value) : String(time);
  }
  if (type === 'json') {
    try {
      return canonicalJson(value);
    } catch {
      return JSON.stringify(value);
    }
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const isScalar = (type: string) => NUMBER.has(type) || TEXT.has(type) || type === 'boolean' || type === 'datetime' || type === 'timestamp' || type === 'json';

/**
 * The attributes a create or update writes. With `before` (the stored scalar values), an update
 * lists only scalars whose value differs; relations and components count as changed when written.
 */
export function changedFields(attributes: Record<string, AttributeLike>, data: Record<string, unknown> | undefined, before?: Record<string, unknown> | null): string[] {
  if (!data || typeof data !== 'object') return [];
  return Object.keys(data)
    .filter((name) => !BOOKKEEPING.has(name) && attributes[name])
    .filter((name) => {
      const type = attributes[name].type;
      if (!before || !isScalar(type) || type === 'password') return true;
      return comparable(type, before[name]) !== comparable(type, data[name]);
    })
    .sort();
}

/** The scalar attributes among those written, whose stored values the comparison needs. */
export function scalarNames(attributes: Record<string, AttributeLike>, data: Record<string, unknown> | undefined): string[] {
  return Object.keys(data ?? {}).filter((name) => !BOOKKEEPING.has(name) && attributes[name] && isScalar(attributes[name].type) && attributes[name].type !== 'password');
}
