// The vault's key ring: numbered AES-256 keys (one of them current) and the blind-index key. It
// lives outside the database: a JSON file with mode 0600 that setup generates, or the
// PETT_VAULT_KEYRING environment variable holding the same JSON. No Strapi import.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const KEYRING_FORMAT = 'pett-vault-keyring/1';

export interface KeyRing {
  current: number;
  keys: ReadonlyMap<number, Buffer>;
  indexKey: Buffer;
}

interface KeyRingJson {
  format: string;
  current: number;
  keys: Record<string, string>;
  indexKey: string;
}

export class KeyRingError extends Error {}

function decodeKey(value: unknown, what: string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) throw new KeyRingError(`${what} must be 32 random bytes in base64`);
  return bytes;
}

/** Parses and checks a key ring; every problem is named, nothing is guessed. */
export function parseKeyRing(text: string, source: string): KeyRing {
  let json: KeyRingJson;
  try {
    json = JSON.parse(text) as KeyRingJson;
  } catch {
    throw new KeyRingError(`the vault key ring (${source}) is not valid JSON`);
  }
  if (json?.format !== KEYRING_FORMAT) throw new KeyRingError(`the vault key ring (${source}) must have "format": "${KEYRING_FORMAT}"`);
  const keys = new Map<number, Buffer>();
  for (const [version, value] of Object.entries(json.keys ?? {})) {
    const number = Number(version);
    if (!Number.isInteger(number) || number < 1) throw new KeyRingError(`the vault key ring (${source}) has a key version that is not a positive integer: ${version}`);
    keys.set(number, decodeKey(value, `key version ${version} in ${source}`));
  }
  if (!keys.has(json.current)) throw new KeyRingError(`the vault key ring (${source}) names current key version ${String(json.current)}, which it does not hold`);
  return { current: json.current, keys, indexKey: decodeKey(json.indexKey, `the blind-index key in ${source}`) };
}

export function serializeKeyRing(ring: KeyRing): string {
  const keys = Object.fromEntries([...ring.keys].sort(([a], [b]) => a - b).map(([v, k]) => [String(v), k.toString('base64')]));
  return `${JSON.stringify({ format: KEYRING_FORMAT, current: ring.current, keys, indexKey: ring.indexKey.toString('base64') }, null, 2)}\n`;
}

export function generateKeyRing(): KeyRing {
  return { current: 1, keys: new Map([[1, randomBytes(32)]]), indexKey: randomBytes(32) };
}

/** A ring with one more key, which becomes current. */
export function withNewKey(ring: KeyRing): KeyRing {
  const next = Math.max(...ring.keys.keys()) + 1;
  return { current: next, keys: new Map([...ring.keys, [next, randomBytes(32)]]), indexKey: ring.indexKey };
}

/** A ring without one retired version (never the current one). */
export function withoutKey(ring: KeyRing, version: number): KeyRing {
  if (version === ring.current) throw new KeyRingError(`key version ${version} is current and cannot be retired`);
  if (!ring.keys.has(version)) throw new KeyRingError(`the key ring holds no key version ${version}`);
  const keys = new Map(ring.keys);
  keys.delete(version);
  return { ...ring, keys };
}

/** Where the ring comes from: PETT_VAULT_KEYRING (the JSON itself) or the file it names. */
export interface KeyRingSource {
  env?: string;
  file: string;
}

export function keyRingSource(env: NodeJS.ProcessEnv, defaultFile: string): KeyRingSource {
  return { env: env.PETT_VAULT_KEYRING || undefined, file: path.resolve(env.PETT_VAULT_KEYRING_FILE || defaultFile) };
}

export function loadKeyRing(source: KeyRingSource): KeyRing {
  if (source.env) return parseKeyRing(source.env, 'PETT_VAULT_KEYRING');
  if (!fs.existsSync(source.file)) {
    throw new KeyRingError(`the vault key ring file ${source.file} is missing. Restore it from where the operator keeps it (it is never in the database or in backups); a new installation gets one from "npm run setup" or "npm start"`);
  }
  const mode = fs.statSync(source.file).mode & 0o077;
  if (mode !== 0) throw new KeyRingError(`the vault key ring file ${source.file} must be readable by its owner only (chmod 600)`);
  return parseKeyRing(fs.readFileSync(source.file, 'utf8'), source.file);
}

/** Writes the ring atomically (temporary file, fsync, rename), mode 0600. */
export function saveKeyRing(file: string, ring: KeyRing): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeSync(fd, serializeKeyRing(ring));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}

/** Creates the ring file when there is none; returns whether it did. */
export function ensureKeyRingFile(file: string): boolean {
  if (fs.existsSync(file)) return false;
  saveKeyRing(file, generateKeyRing());
  return true;
}
