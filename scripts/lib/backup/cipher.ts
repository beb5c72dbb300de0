// The backup file's authenticated encryption: AES-256-GCM over fixed-size chunks (the STREAM
// construction, as age and Tink use it). Node's crypto only, no Strapi import.
//
// File: header (60 bytes) then chunks. Header = magic "PETTBAK1" | chunk size (uint32 BE) |
// salt (32 random bytes) | key check (16 bytes). From the operator's key and the salt, HKDF-SHA256
// derives this file's AES key, a 7-byte nonce prefix and the key check. Chunk i's nonce is
// prefix | i (uint32 BE) | final flag (1 on the last chunk, else 0), and its associated data is the
// whole header: a chunk moved to another place, another file or another header fails to open, a
// file cut after any chunk has no final chunk, and bytes after the final chunk are refused. Every
// chunk but the last holds exactly `chunkSize` plaintext bytes; the last holds fewer (possibly none).
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const MAGIC = Buffer.from('PETTBAK1', 'ascii');
export const HEADER_BYTES = MAGIC.length + 4 + 32 + 16;
export const TAG_BYTES = 16;
export const DEFAULT_CHUNK = 64 * 1024;
const MAX_CHUNKS = 2 ** 32 - 1;

export class BackupCipherError extends Error {}

interface FileKeys { key: Buffer; prefix: Buffer; check: Buffer }

function fileKeys(operatorKey: Buffer, salt: Buffer): FileKeys {
  if (operatorKey.length !== 32) throw new BackupCipherError('the backup key must be 32 bytes');
  const okm = Buffer.from(hkdfSync('sha256', operatorKey, salt, 'pett-backup/1', 32 + 7));
  const check = createHmac('sha256', okm.subarray(0, 32)).update('pett-backup/1 key check').digest().subarray(0, 16);
  return { key: okm.subarray(0, 32), prefix: okm.subarray(32, 39), check };
}

function nonce(prefix: Buffer, index: number, final: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(index, 7);
  n[11] = final ? 1 : 0;
  return n;
}

function sealChunk(keys: FileKeys, header: Buffer, index: number, final: boolean, plain: Buffer): Buffer {
  if (index > MAX_CHUNKS) throw new BackupCipherError('the backup is too large for one file');
  const cipher = createCipheriv('aes-256-gcm', keys.key, nonce(keys.prefix, index, final));
  cipher.setAAD(header);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Encrypts a stream of plaintext buffers into the backup format. */
export async function* seal(operatorKey: Buffer, source: AsyncIterable<Buffer | Uint8Array>, chunkSize = DEFAULT_CHUNK): AsyncGenerator<Buffer> {
  const salt = randomBytes(32);
  const keys = fileKeys(operatorKey, salt);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(chunkSize);
  const header = Buffer.concat([MAGIC, size, salt, keys.check]);
  yield header;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  for await (const piece of source) {
    pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    pendingBytes += piece.byteLength;
    // Keep at least one byte back: the final chunk must be shorter than a full one.
    while (pendingBytes > chunkSize) {
      const all = Buffer.concat(pending);
      yield sealChunk(keys, header, index, false, all.subarray(0, chunkSize));
      index += 1;
      pending = [all.subarray(chunkSize)];
      pendingBytes = all.length - chunkSize;
    }
  }
  const rest = Buffer.concat(pending);
  if (rest.length === chunkSize) {
    yield sealChunk(keys, header, index, false, rest);
    index += 1;
    yield sealChunk(keys, header, index, true, Buffer.alloc(0));
  } else {
    yield sealChunk(keys, header, index, true, rest);
  }
}

/**
 * Decrypts and authenticates a backup stream, chunk by chunk. Throws BackupCipherError naming the
 * problem: not a backup, a wrong key, a chunk that does not authenticate (altered, moved, from
 * another file), a file cut short, or bytes after the end. Callers must treat what was yielded
 * before an error as untrusted (stage it; make nothing live until the generator has finished).
 */
export async function* open(operatorKey: Buffer, source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Buffer> {
  let buffer = Buffer.alloc(0);
  let header: Buffer | null = null;
  let keys: FileKeys | null = null;
  let chunkSize = 0;
  let index = 0;
  const openChunk = (bytes: Buffer, final: boolean): Buffer => {
    const decipher = createDecipheriv('aes-256-gcm', keys!.key, nonce(keys!.prefix, index, final));
    decipher.setAAD(header!);
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      const plain = Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
      index += 1;
      return plain;
    } catch {
      throw new BackupCipherError(`chunk ${index} of the backup does not authenticate: the file was altered, reordered or cut`);
    }
  };
  for await (const piece of source) {
    buffer = Buffer.concat([buffer, Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)]);
    if (!header) {
      if (buffer.length < HEADER_BYTES) continue;
      header = buffer.subarray(0, HEADER_BYTES);
      if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupCipherError('this is not a PETT backup file (wrong magic bytes)');
      chunkSize = header.readUInt32BE(MAGIC.length);
      if (chunkSize < 1 || chunkSize > 16 * 1024 * 1024) throw new BackupCipherError('the backup header names an impossible chunk size');
      keys = fileKeys(operatorKey, header.subarray(MAGIC.length + 4, MAGIC.length + 36));
      if (!timingSafeEqual(keys.check, header.subarray(MAGIC.length + 36, HEADER_BYTES))) throw new BackupCipherError('the backup key does not open this backup (wrong key, or an altered header)');
      buffer = buffer.subarray(HEADER_BYTES);
    }
    // A full-size chunk is never the last, so only open one once more bytes follow it.
    while (buffer.length > chunkSize + TAG_BYTES) {
      yield openChunk(buffer.subarray(0, chunkSize + TAG_BYTES), false);
      buffer = buffer.subarray(chunkSize + TAG_BYTES);
    }
  }
  if (!header) throw new BackupCipherError('the backup file is too short to be a backup');
  if (buffer.length < TAG_BYTES) throw new BackupCipherError('the backup is cut short: its final chunk is missing');
  if (buffer.length === chunkSize + TAG_BYTES) {
    // A full chunk at the end: the final (shorter) chunk that must follow it was cut off.
    openChunk(buffer, false);
    throw new BackupCipherError('the backup is cut short: its final chunk is missing');
  }
  try {
    yield openChunk(buffer, true);
  } catch (error) {
    throw error instanceof BackupCipherError ? new BackupCipherError(`${error.message} (or its final chunk is missing)`) : error;
  }
}

/** The operator's key from its text form: 32 bytes in base64 (or 64 hex digits). */
export function parseBackupKey(text: string, source: string): Buffer {
  const value = text.trim();
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (bytes.length !== 32 || (!/^[0-9a-f]{64}$/i.test(value) && bytes.toString('base64') !== value)) {
    throw new BackupCipherError(`the backup key (${source}) must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
  }
  return bytes;
}
