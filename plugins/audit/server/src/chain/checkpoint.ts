// Checkpoints: the sequence and hash of the newest entry at a moment, signed with Ed25519 under a
// key kept outside the database (a 0600 PEM file), so a rewritten or cut trail cannot match them.
// No Strapi import.
import fs from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { sha256Hex } from './entry';

export const CHECKPOINT_FORMAT = 'pett-audit-checkpoint/1';

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

export class AuditKeyError extends Error {}

/** A short, stable name of a public key: the SHA-256 of its DER encoding, 16 hex digits. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }).toString('latin1')).slice(0, 16);
}

function signedBytes(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(canonicalJson({ format: CHECKPOINT_FORMAT, seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at, keyId: checkpoint.keyId }), 'utf8');
}

export function signCheckpoint(privateKey: KeyObject, head: { seq: number; hash: string }, at: Date): Checkpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: keyIdOf(createPublicKey(privateKey)) };
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), privateKey).toString('base64') };
}

/** True when the signature is the trusted key's, over exactly these fields. */
export function checkpointSignatureValid(publicKey: KeyObject, checkpoint: Checkpoint): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey) || typeof checkpoint.signature !== 'string') return false;
  try {
    return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** One line of a checkpoints file (JSON lines an operator ships off the machine). */
export function checkpointLine(checkpoint: Checkpoint): string {
  return `${canonicalJson({ seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at, keyId: checkpoint.keyId, signature: checkpoint.signature })}\n`;
}

export function parseCheckpointLines(text: string, source: string): Array<Checkpoint & { source: string }> {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(({ line }) => line)
    .map(({ line, index }) => {
      try {
        const value = JSON.parse(line) as Checkpoint;
        return { seq: Number(value.seq), hash: String(value.hash), at: String(value.at), keyId: String(value.keyId), signature: String(value.signature), source: `${source}:${index + 1}` };
      } catch {
        return { seq: NaN, hash: '', at: '', keyId: '', signature: '', source: `${source}:${index + 1}` };
      }
    });
}

/** The public key file that sits beside the private key. */
export const publicKeyFileOf = (privateKeyFile: string) => privateKeyFile.replace(/(\.pem)?$/, '.pub.pem');

/** Creates the signing key (0600) and its public key when there is none; returns whether it did. */
export function ensureSigningKeyFile(file: string): boolean {
  if (fs.existsSync(file)) return false;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  fs.renameSync(temporary, file);
  fs.writeFileSync(publicKeyFileOf(file), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return true;
}

export function loadSigningKey(file: string): KeyObject {
  if (!fs.existsSync(file)) {
    throw new AuditKeyError(`the audit checkpoint signing key ${file} is missing. Restore it from where the operator keeps it (it is never in the database); a new installation gets one from "npm run setup" or "npm start"`);
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) throw new AuditKeyError(`the audit checkpoint signing key ${file} must be readable by its owner only (chmod 600)`);
  try {
    const key = createPrivateKey(fs.readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new AuditKeyError(`the audit checkpoint signing key ${file} is not an Ed25519 private key in PEM`);
  }
}

/** The key checkpoints are verified with: the public key file, or the one derived from the private key. */
export function loadVerifyKey(file: string): KeyObject {
  const publicFile = publicKeyFileOf(file);
  if (fs.existsSync(publicFile)) return createPublicKey(fs.readFileSync(publicFile));
  return createPublicKey(loadSigningKey(file));
}

/** A checkpoint is due every `every` entries, and at least every `minutes` while entries arrive. */
export function checkpointDue(head: { seq: number } | null, last: { seq: number; at: string } | null, firstEntryAt: string | null, now: Date, policy: { every: number; minutes: number }): boolean {
  if (!head) return false;
  const lastSeq = last?.seq ?? 0;
  if (head.seq <= lastSeq) return false;
  if (head.seq - lastSeq >= policy.every) return true;
  const since = last?.at ?? firstEntryAt;
  return since !== null && now.getTime() - new Date(since).getTime() >= policy.minutes * 60_000;
}
