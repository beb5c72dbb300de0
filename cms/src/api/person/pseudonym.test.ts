import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, isPersonCode, newPersonCode } from './pseudonym';

describe('person codes', () => {
  it('carry the role family prefix and five unambiguous characters', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newPersonCode('V');
      expect(code).toMatch(/^V-[2-9A-HJKMNP-TV-Z]{5}$/);
      expect(isPersonCode(code)).toBe(true);
    }
  });
  it('never use characters that read alike', () => {
    for (const ch of '01OILU') expect(CODE_ALPHABET).not.toContain(ch);
  });
  it('are random rather than sequential', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newPersonCode('T')));
    expect(codes.size).toBeGreaterThan(990);
  });
  it('reject malformed codes', () => {
    expect(isPersonCode('V-7KQ2')).toBe(false);
    expect(isPersonCode('X-7KQ2M')).toBe(false);
    expect(isPersonCode('V-7KQ0M')).toBe(false);
  });
});
