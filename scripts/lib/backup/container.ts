// The plaintext inside a backup file (gzip-compressed, then encrypted): named files one after another, then the manifest. Each
// record is type (1 byte: F file, M manifest) | name length (uint32 BE) | name (UTF-8) |
// size (uint64 BE) | bytes. Names are relative POSIX paths (`database/pett.db`,
// `files/evidence.privateDir/evidence/ab12.pdf`); no absolute path, `..`, or empty segment.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

export interface ManifestFile { name: string; size: number; sha256: string }

export interface Manifest {
  format: 'pett-backup/1';
  createdAt: string;
  database: {
    kind: 'sqlite' | 'postgres';
    file: string;
    serverVersion?: string;
    /** Rows per table at the snapshot, read inside the snapshot itself. */
    counts: Record<string, number>;
    /** The newest write the snapshot holds (audit trail or any updated_at), ISO 8601. */
    newestWriteAt: string | null;
    auditHeadSeq: number;
  };
  /** Private folders by their config key (`evidence.privateDir`): where their files sit in the backup. */
  folders: Record<string, { files: number; bytes: number }>;
  files: ManifestFile[];
  /** Never in a backup: named here so a restore can say what the operator must bring. */
  excluded: string[];
}

export class ContainerError extends Error {}

export function checkName(name: string): string {
  if (!name || name.startsWith('/') || name.includes('\\') || name.includes('\0') || name.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new ContainerError(`the backup holds an unsafe file name: ${JSON.stringify(name.slice(0, 80))}`);
  }
  return name;
}

function recordHead(type: 'F' | 'M', name: string, size: number): Buffer {
  const nameBytes = Buffer.from(checkName(name), 'utf8');
  const head = Buffer.alloc(1 + 4 + nameBytes.length + 8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(nameBytes.length, 1);
  nameBytes.copy(head, 5);
  head.writeBigUInt64BE(BigInt(size), 5 + nameBytes.length);
  return head;
}

/** Writes records and keeps the hash of each file for the manifest. */
export class ContainerWriter {
  readonly files: ManifestFile[] = [];

  /** A file from disk, streamed; it must not change size while it is read. */
  async *file(name: string, file: string): AsyncGenerator<Buffer> {
    let size: number;
    try {
      ({ size } = await fs.promises.stat(file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new ContainerError(`${name} disappeared while it was backed up (a file replaced during the backup); run the backup again`);
    }
    yield recordHead('F', name, size);
    const hash = createHash('sha256');
    let read = 0;
    for await (const piece of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      const bytes = piece as Buffer;
      read += bytes.length;
      if (read > size) break;
      hash.update(bytes);
      yield bytes;
    }
    if (read !== size) throw new ContainerError(`${name} changed size while it was backed up (${size} → ${read} bytes); run the backup again`);
    this.files.push({ name, size, sha256: hash.digest('hex') });
  }

  /** A file given as bytes (e.g. a checkpoint file cut at the snapshot). */
  *bytes(name: string, bytes: Buffer): Generator<Buffer> {
    yield recordHead('F', name, bytes.length);
    yield bytes;
    this.files.push({ name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  }

  *manifest(manifest: Manifest): Generator<Buffer> {
    const bytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    yield recordHead('M', 'manifest.json', bytes.length);
    yield bytes;
  }
}

/** Pulls exact byte counts out of a stream of buffers. */
class Reader {
  private buffer: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}
  private async fill(n: number): Promise<boolean> {
    while (this.buffer.length < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : next.value;
    }
    return this.buffer.length >= n;
  }
  async exact(n: number): Promise<Buffer> {
    if (!(await this.fill(n))) throw new ContainerError('the backup ends in the middle of a record');
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }
  /** Up to `max` bytes (at least one), for streaming a file body. */
  async some(max: number): Promise<Buffer> {
    if (!(await this.fill(1))) throw new ContainerError('the backup ends in the middle of a file');
    const out = this.buffer.subarray(0, Math.min(max, this.buffer.length));
    this.buffer = this.buffer.subarray(out.length);
    return out;
  }
  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }
}

export interface Unpacked { manifest: Manifest; staged: Map<string, ManifestFile> }

/**
 * Writes every file of the (already decrypted) stream under `stagingDir` (0700 folders, 0600 files),
 * hashing as it goes, and answers the manifest with what was really staged. Nothing here is
 * trusted until `checkAgainstManifest` has passed and the decryption has finished.
 */
export async function unpack(source: AsyncIterable<Buffer>, stagingDir: string): Promise<Unpacked> {
  const reader = new Reader(source[Symbol.asyncIterator]());
  const staged = new Map<string, ManifestFile>();
  let manifest: Manifest | null = null;
  while (!(await reader.atEnd())) {
    if (manifest) throw new ContainerError('the backup has records after its manifest');
    const type = (await reader.exact(1)).toString('ascii');
    const nameLength = (await reader.exact(4)).readUInt32BE(0);
    if (nameLength > 4096) throw new ContainerError('the backup holds a record with an impossible name length');
    const name = checkName((await reader.exact(nameLength)).toString('utf8'));
    const size = Number((await reader.exact(8)).readBigUInt64BE(0));
    if (type === 'M') {
      if (size > 256 * 1024 * 1024) throw new ContainerError('the backup manifest is impossibly large');
      manifest = JSON.parse((await reader.exact(size)).toString('utf8')) as Manifest;
      if (manifest.format !== 'pett-backup/1') throw new ContainerError(`unknown backup format ${String(manifest.format)}`);
      continue;
    }
    if (type !== 'F') throw new ContainerError(`the backup holds an unknown record type ${JSON.stringify(type)}`);
    if (staged.has(name)) throw new ContainerError(`the backup holds ${name} twice`);
    const target = path.join(stagingDir, ...name.split('/'));
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const out = await fs.promises.open(target, 'wx', 0o600);
    const hash = createHash('sha256');
    try {
      let left = size;
      while (left > 0) {
        const piece = await reader.some(Math.min(left, 1024 * 1024));
        hash.update(piece);
        await out.write(piece);
        left -= piece.length;
      }
      await out.sync();
    } finally {
      await out.close();
    }
    staged.set(name, { name, size, sha256: hash.digest('hex') });
  }
  if (!manifest) throw new ContainerError('the backup has no manifest');
  return { manifest, staged };
}

/** Every file the manifest lists is staged with its size and SHA-256, and nothing else is. */
export function checkAgainstManifest({ manifest, staged }: Unpacked): void {
  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  for (const [name, file] of staged) {
    const expected = listed.get(name);
    if (!expected) throw new ContainerError(`${name} is in the backup but not in its manifest`);
    if (expected.size !== file.size || expected.sha256 !== file.sha256) throw new ContainerError(`${name} does not match its manifest hash`);
  }
  for (const name of listed.keys()) if (!staged.has(name)) throw new ContainerError(`${name} is in the manifest but missing from the backup`);
  if (!staged.has(manifest.database.file)) throw new ContainerError('the backup holds no database snapshot');
}
