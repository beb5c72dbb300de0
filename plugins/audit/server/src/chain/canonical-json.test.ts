import { describe, expect, it } from 'vitest';
import { canonicalJson, CanonicalJsonError } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts object keys at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text for the same value whatever the key order', () => {
    expect(canonicalJson({ seq: 1, at: 't', actor: { role: 'r', id: 2 } })).toBe(canonicalJson({ actor: { id: 2, role: 'r' }, at: 't', seq: 1 }));
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
  });

  it('escapes strings as JSON does and keeps non-ASCII text as it is', () => {
    expect(canonicalJson('línea "uno"\n\u0001')).toBe('"línea \\"uno\\"\\n\\u0001"');
  });

  it('writes numbers in their shortest form, minus zero as zero', () => {
    expect(canonicalJson([1, -0, 0.1, 1e21, 1.5e-7, 9007199254740991])).toBe('[1,0,0.1,1e+21,1.5e-7,9007199254740991]');
  });

  it('writes dates as ISO 8601 UTC with milliseconds', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) })).toBe('{"at":"2026-01-02T03:04:05.006Z"}');
  });

  it('refuses what it cannot write the same way everywhere', () => {
    for (const value of [NaN, Infinity, undefined, 10n, () => 1, Symbol('s'), { a: undefined }, new Map(), new Date('x')]) {
      expect(() => canonicalJson(value), String(value)).toThrow(CanonicalJsonError);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/refers to itself/);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });
});
