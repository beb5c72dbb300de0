// AES-256-GCM for one value: a fresh random 96-bit nonce each time, and associated data that binds
// `type|field|documentId|keyVersion`, so a sealed value copied to another row, field or key
// version does not open. No Strapi import.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from './keyring';

const PREFIX = 'pv1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Where a sealed value belongs; it must be given again, exactly, to open it. */
export interface SealContext {
  type: string;
  field: string;
  documentId: string;
}

export class VaultOpenError extends Error {}

const associatedData = (where: SealContext, version: number) => Buffer.from(`${where.type}|${where.field}|${where.documentId}|${version}`, 'utf8');

export function sealBytes(ring: KeyRing, plaintext: Buffer, where: SealContext, version = ring.current): Buffer {
  const key = ring.keys.get(version);
  if (!key) throw new VaultOpenError(`key version ${version} is not in the key ring`);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData(where, version));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function openBytes(ring: KeyRing, sealed: Buffer, where: SealContext, version: number): Buffer {
  const key = ring.keys.get(version);
  if (!key) throw new VaultOpenError(`key version ${version} is not in the key ring`);
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new VaultOpenError('sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(associatedData(where, version));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new VaultOpenError(`a sealed ${where.type}.${where.field} value failed authentication (wrong key, or moved from another record or field)`);
  }
}

/** Seals text as `pv1:<version>:<base64url(nonce | ciphertext | tag)>`. */
export function seal(ring: KeyRing, plaintext: string, where: SealContext, version = ring.current): string {
  return `${PREFIX}:${version}:${sealBytes(ring, Buffer.from(plaintext, 'utf8'), where, version).toString('base64url')}`;
}

/** The key version a sealed text names, or null when it is not a sealed value. */
export function versionOf(sealed: string): number | null {
  const match = /^pv1:(\d+):/.exec(sealed);
  return match ? Number(match[1]) : null;
}

export function open(ring: KeyRing, sealed: string, where: SealContext): string {
  const [prefix, version, body] = sealed.split(':');
  if (prefix !== PREFIX || !version || body === undefined) throw new VaultOpenError(`a ${where.type}.${where.field} value is not a sealed vault value`);
  return openBytes(ring, Buffer.from(body, 'base64url'), where, Number(version)).toString('utf8');
}
