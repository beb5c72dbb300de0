import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { BackupCipherError, HEADER_BYTES, open, parseBackupKey, seal, TAG_BYTES } from './cipher.ts';

const CHUNK = 64;
const key = randomBytes(32);

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of source) out.push(piece);
  return Buffer.concat(out);
}
async function* pieces(data: Buffer, size = 7): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}
const sealed = (plain: Buffer) => collect(seal(key, pieces(plain), CHUNK));
const opened = (file: Buffer, k = key) => collect(open(k, pieces(file, 13)));
const chunkAt = (i: number) => HEADER_BYTES + i * (CHUNK + TAG_BYTES);

describe('the backup cipher', () => {
  it('round-trips empty, short, exact-multiple and long plaintexts', async () => {
    for (const length of [0, 1, CHUNK - 1, CHUNK, CHUNK * 3, CHUNK * 3 + 5]) {
      const plain = randomBytes(length);
      const file = await sealed(plain);
      expect((await opened(file)).equals(plain)).toBe(true);
    }
  });

  it('never produces the same ciphertext twice for one plaintext (a fresh salt per file)', async () => {
    const plain = randomBytes(100);
    expect((await sealed(plain)).equals(await sealed(plain))).toBe(false);
  });

  it('refuses a wrong key before anything is decrypted', async () => {
    const file = await sealed(randomBytes(200));
    await expect(opened(file, randomBytes(32))).rejects.toThrow(/key does not open/);
  });

  it('detects one flipped bit anywhere: header, a middle chunk, the last tag', async () => {
    const file = await sealed(randomBytes(CHUNK * 3 + 10));
    for (const at of [9, HEADER_BYTES - 1, chunkAt(1) + 3, file.length - 1]) {
      const bad = Buffer.from(file);
      bad[at] ^= 1;
      await expect(opened(bad)).rejects.toThrow(BackupCipherError);
    }
  });

  it('detects truncation at a chunk boundary (the final chunk is missing)', async () => {
    const file = await sealed(randomBytes(CHUNK * 3 + 10));
    for (const end of [chunkAt(1), chunkAt(2), chunkAt(3), HEADER_BYTES, 20]) {
      await expect(opened(file.subarray(0, end))).rejects.toThrow(BackupCipherError);
    }
    // An exact multiple ends with an empty final chunk; dropping it is caught too.
    const exact = await sealed(randomBytes(CHUNK * 2));
    await expect(opened(exact.subarray(0, exact.length - TAG_BYTES))).rejects.toThrow(/cut short|authenticate/);
  });

  it('detects truncation inside a chunk and bytes appended after the end', async () => {
    const file = await sealed(randomBytes(CHUNK * 2 + 10));
    await expect(opened(file.subarray(0, file.length - 3))).rejects.toThrow(BackupCipherError);
    await expect(opened(Buffer.concat([file, Buffer.from([0])]))).rejects.toThrow(BackupCipherError);
    await expect(opened(Buffer.concat([file, file.subarray(chunkAt(0), chunkAt(1))]))).rejects.toThrow(BackupCipherError);
  });

  it('detects reordered chunks and a chunk taken from another backup', async () => {
    const file = await sealed(randomBytes(CHUNK * 3 + 10));
    const c0 = file.subarray(chunkAt(0), chunkAt(1));
    const c1 = file.subarray(chunkAt(1), chunkAt(2));
    const swapped = Buffer.concat([file.subarray(0, chunkAt(0)), c1, c0, file.subarray(chunkAt(2))]);
    await expect(opened(swapped)).rejects.toThrow(/chunk 0 .* does not authenticate/);
    const other = await sealed(randomBytes(CHUNK * 3 + 10));
    const spliced = Buffer.concat([file.subarray(0, chunkAt(1)), other.subarray(chunkAt(1), chunkAt(2)), file.subarray(chunkAt(2))]);
    await expect(opened(spliced)).rejects.toThrow(/chunk 1 /);
  });

  it('refuses a file that is not a backup', async () => {
    await expect(opened(Buffer.from('SQLite format 3\0'.padEnd(200, 'x')))).rejects.toThrow(/not a PETT backup/);
  });

  it('reads the operator key as base64 or hex, 32 bytes, and names a bad one', () => {
    const raw = randomBytes(32);
    expect(parseBackupKey(raw.toString('base64') + '\n', 'env').equals(raw)).toBe(true);
    expect(parseBackupKey(raw.toString('hex'), 'env').equals(raw)).toBe(true);
    expect(() => parseBackupKey('short', 'PETT_BACKUP_KEY')).toThrow(/PETT_BACKUP_KEY.*32 random bytes/);
  });
});
