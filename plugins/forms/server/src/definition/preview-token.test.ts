import { describe, expect, it } from 'vitest';
import { previewUrl, signPreview, verifyPreview } from './preview-token';

const SECRET = 'test-secret-not-real';
const ID = 'abcdefghij0123456789klmn';

describe('form preview links', () => {
  it('open the signed draft until they expire', () => {
    const token = signPreview(ID, SECRET, 1_000_000_000_000, 60_000);
    expect(verifyPreview(token, SECRET, 1_000_000_059_999)).toBe(ID);
    expect(verifyPreview(token, SECRET, 1_000_000_060_000)).toBeNull();
  });

  it('refuse another secret, another draft, a changed expiry and garbage', () => {
    const token = signPreview(ID, SECRET, 1_000_000_000_000);
    expect(verifyPreview(token, 'other-secret', 1_000_000_000_001)).toBeNull();
    const [, expiry, signature] = token.split('.');
    expect(verifyPreview(`zzzzzzzzzzzzzzzzzzzzzzzz.${expiry}.${signature}`, SECRET, 1_000_000_000_001)).toBeNull();
    expect(verifyPreview(`${ID}.9${expiry!.slice(1)}.${signature}`, SECRET, 1_000_000_000_001)).toBeNull();
    for (const bad of [undefined, 42, '', 'a.b.c', `${token}x`, 'x'.repeat(500)]) expect(verifyPreview(bad, SECRET)).toBeNull();
  });

  it('are portal paths with the token as their only parameter', () => {
    expect(previewUrl(ID, SECRET, 1_700_000_000_000)).toMatch(/^\/vista-previa\/formulario\?token=abcdefghij0123456789klmn\.\d{13}\.[A-Za-z0-9_-]{43}$/);
  });
});
