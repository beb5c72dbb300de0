import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyRingError, generateKeyRing, loadKeyRing, parseKeyRing, saveKeyRing, serializeKeyRing, withNewKey, withoutKey } from './keyring';
import { open, seal, versionOf, VaultOpenError } from './sealer';
import { blindIndex, indexesFor, normaliseDocumentNumber, normaliseName } from './blind-index';

const at = { type: 'person', field: 'givenNames', documentId: 'abc123' };

describe('sealing a value', () => {
  const ring = generateKeyRing();

  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = seal(ring, 'Marisol (ficticia)', at);
    const b = seal(ring, 'Marisol (ficticia)', at);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Marisol');
    expect(open(ring, a, at)).toBe('Marisol (ficticia)');
    expect(versionOf(a)).toBe(1);
  });

  it('refuses a value moved to another record, field or type', () => {
    const sealed = seal(ring, 'Marisol', at);
    expect(() => open(ring, sealed, { ...at, documentId: 'other' })).toThrow(VaultOpenError);
    expect(() => open(ring, sealed, { ...at, field: 'familyNames' })).toThrow(VaultOpenError);
    expect(() => open(ring, sealed, { ...at, type: 'reveal' })).toThrow(VaultOpenError);
  });

  it('refuses a value whose key version was changed, or a tampered body, or the wrong key', () => {
    const rotated = withNewKey(ring);
    const sealed = seal(rotated, 'Marisol', at, 1);
    expect(() => open(rotated, sealed.replace(/^pv1:1:/, 'pv1:2:'), at)).toThrow(VaultOpenError);
    const body = sealed.split(':')[2];
    const flipped = `pv1:1:${body.slice(0, 20)}${body[20] === 'A' ? 'B' : 'A'}${body.slice(21)}`;
    expect(() => open(rotated, flipped, at)).toThrow(VaultOpenError);
    expect(() => open(generateKeyRing(), sealed, at)).toThrow(VaultOpenError);
    expect(() => open(rotated, 'plain text', at)).toThrow(VaultOpenError);
  });
});

describe('the key ring', () => {
  it('round-trips through its file, written with mode 0600', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-'));
    const file = path.join(dir, 'keys', 'ring.json');
    const ring = withNewKey(generateKeyRing());
    saveKeyRing(file, ring);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const loaded = loadKeyRing({ file });
    expect(loaded.current).toBe(2);
    expect(serializeKeyRing(loaded)).toBe(serializeKeyRing(ring));
    fs.chmodSync(file, 0o644);
    expect(() => loadKeyRing({ file })).toThrow(/chmod 600/);
    fs.rmSync(dir, { recursive: true });
  });

  it('names what is wrong: a missing file, bad JSON, a short key, a missing current key', () => {
    expect(() => loadKeyRing({ file: '/nonexistent/ring.json' })).toThrow(/is missing/);
    expect(() => parseKeyRing('{', 'x')).toThrow(/not valid JSON/);
    expect(() => parseKeyRing(JSON.stringify({ format: 'pett-vault-keyring/1', current: 1, keys: { 1: 'c2hvcnQ=' }, indexKey: Buffer.alloc(32).toString('base64') }), 'x')).toThrow(/32 random bytes/);
    expect(() => parseKeyRing(JSON.stringify({ format: 'pett-vault-keyring/1', current: 2, keys: { 1: Buffer.alloc(32).toString('base64') }, indexKey: Buffer.alloc(32).toString('base64') }), 'x')).toThrow(/current key version 2/);
    expect(() => loadKeyRing({ env: 'not json', file: '' })).toThrow(KeyRingError);
  });

  it('retires an old version but never the current one', () => {
    const ring = withNewKey(generateKeyRing());
    expect([...withoutKey(ring, 1).keys.keys()]).toEqual([2]);
    expect(() => withoutKey(ring, 2)).toThrow(/current/);
  });
});

describe('blind indexes', () => {
  const key = generateKeyRing().indexKey;

  it('fold accents, case, punctuation and spacing of names, and separators of document numbers', () => {
    expect(normaliseName('  José  PÉREZ-de la Cruz ')).toBe('jose perez de la cruz');
    expect(normaliseName('Peña')).toBe(normaliseName('PENA'));
    expect(normaliseDocumentNumber('001-1234567-8')).toBe('00112345678');
    expect(normaliseDocumentNumber(' rd 12.34 ')).toBe('RD1234');
  });

  it('match the same normalised value and nothing near it', () => {
    const a = blindIndex(key, 'name', normaliseName('José Pérez'));
    expect(blindIndex(key, 'name', normaliseName('jose   perez'))).toBe(a);
    expect(blindIndex(key, 'name', normaliseName('José Peres'))).not.toBe(a);
    expect(blindIndex(key, 'document', 'JOSEPEREZ')).not.toBe(blindIndex(key, 'name', 'JOSEPEREZ'));
    expect(blindIndex(generateKeyRing().indexKey, 'name', normaliseName('José Pérez'))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('give every name, alias and document of an identity, with the birth year where known', () => {
    const indexes = indexesFor(key, { names: ['Ana Ruiz', 'La Flaca'], documentNumbers: ['A-1'], birthYear: 1990 });
    expect(indexes.map((i) => i.purpose).sort()).toEqual(['document', 'name', 'name', 'name-year', 'name-year']);
    expect(indexesFor(key, { names: ['Ana Ruiz'], documentNumbers: [], birthYear: null }).map((i) => i.purpose)).toEqual(['name']);
  });
});
