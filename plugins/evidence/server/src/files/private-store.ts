// The private folder evidence files live in: outside every public path, folder 0700, files 0600,
// each under a generated name. A received upload (already on disk in the private `incoming`
// folder, hashed while it streamed in) is checked by content and then moved in, never copied
// through a public place. No Strapi import.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { inspectContent, type ContentProblem, type FileKind, type Reader } from './content-check';

export interface StoreConfig { privateDir: string; maxBytes: number }

export const evidenceDir = (config: StoreConfig) => path.join(config.privateDir, 'evidence');
export const incomingDir = (config: StoreConfig) => path.join(config.privateDir, 'incoming');

export function ensureFolders(config: StoreConfig, publicDir: string): void {
  const inside = (dir: string, parent: string) => {
    const rel = path.relative(path.resolve(parent), path.resolve(dir));
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  if (inside(config.privateDir, publicDir) || inside(publicDir, config.privateDir)) {
    throw new Error(`evidence plugin: the private folder (${config.privateDir}) must not be inside, or contain, the public folder (${publicDir})`);
  }
  for (const dir of [config.privateDir, evidenceDir(config), incomingDir(config)]) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
  }
}

/** Leftovers of uploads interrupted more than an hour ago (a refused oversized upload, a crash). */
export function sweepIncoming(config: StoreConfig, now = Date.now()): number {
  let removed = 0;
  for (const name of fs.readdirSync(incomingDir(config))) {
    const file = path.join(incomingDir(config), name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile() && now - stat.mtimeMs > 3_600_000) {
      fs.rmSync(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

export function fileReader(fd: number, size: number): Reader {
  return {
    size,
    read(offset, length) {
      const wanted = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(wanted);
      const read = wanted ? fs.readSync(fd, buffer, 0, wanted, offset) : 0;
      return buffer.subarray(0, read);
    },
  };
}

export function inspectFile(file: string): { kind: FileKind; size: number } | { problem: ContentProblem } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const result = inspectContent(fileReader(fd, size));
    return 'kind' in result ? { kind: result.kind, size } : result;
  } finally {
    fs.closeSync(fd);
  }
}

/** SHA-256 of a stored file, read as a stream (the integrity check, and uploads that came unhashed). */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file).on('data', (chunk) => hash.update(chunk)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}

/** Moves a checked upload into the evidence folder under a new random name; returns that name. */
export function adopt(config: StoreConfig, received: string, kind: FileKind): string {
  const storageName = `${randomBytes(16).toString('hex')}.${kind}`;
  const target = path.join(evidenceDir(config), storageName);
  try {
    fs.renameSync(received, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.copyFileSync(received, target, fs.constants.COPYFILE_EXCL);
    fs.rmSync(received, { force: true });
  }
  fs.chmodSync(target, 0o600);
  return storageName;
}

/** The stored file's path, refusing any name that is not one this store generated. */
export function storedPath(config: StoreConfig, storageName: string): string {
  if (!/^[0-9a-f]{32}\.(pdf|jpeg|png|mp4|text)$/.test(storageName)) throw new Error('not a stored evidence file name');
  return path.join(evidenceDir(config), storageName);
}
