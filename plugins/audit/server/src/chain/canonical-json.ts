// Canonical JSON: one byte string per value, so a hash over it can be recomputed anywhere.
// Object keys sorted by UTF-16 code units (as in RFC 8785), no whitespace, strings escaped as
// JSON.stringify does, numbers only as finite values in ECMAScript's shortest form (-0 is 0),
// dates as ISO 8601 UTC with milliseconds. Anything else (undefined, functions, symbols, bigint,
// NaN, Infinity, cycles) is refused rather than guessed. No Strapi import.

export class CanonicalJsonError extends Error {}

function encode(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path} is not a finite number`);
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path} has a ${typeof value} value, which canonical JSON does not carry`);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CanonicalJsonError(`${path} is an invalid date`);
    return JSON.stringify(value.toISOString());
  }
  const object = value as object;
  if (seen.has(object)) throw new CanonicalJsonError(`${path} refers to itself`);
  seen.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((item, i) => encode(item, `${path}[${i}]`, seen)).join(',')}]`;
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) throw new CanonicalJsonError(`${path} is not a plain object`);
    const keys = Object.keys(object).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${encode((object as Record<string, unknown>)[key], `${path}.${key}`, seen)}`).join(',')}}`;
  } finally {
    seen.delete(object);
  }
}

export function canonicalJson(value: unknown): string {
  return encode(value, '$', new Set());
}
