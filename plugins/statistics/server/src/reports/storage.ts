// Private storage of report files: a folder outside any public path (PETT_REPORTS_DIR, else
// <data dir>/reports), folders 0700 and files 0600, each written whole before it is named.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface StoredFile { format: string; name: string; size: number; sha256: string }

/** Refuses a folder inside the public folder: a report must never be reachable by URL. */
export function checkPrivateDir(dir: string, publicDir: string): void {
  const rel = path.relative(path.resolve(publicDir), path.resolve(dir));
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) throw new Error(`statistics plugin: reportsDir (${dir}) must not be inside the public folder (${publicDir})`);
}

export function createReportStorage(dir: string) {
  const ensure = () => fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  /** A file's path in the folder, only for a name this module made (no separators, no dots first). */
  const pathOf = (name: string) => {
    if (!/^[a-z0-9][a-z0-9-]*\.(csv|xlsx|pdf)$/.test(name)) throw new Error('invalid report file name');
    return path.join(dir, name);
  };
  return {
    dir,
    /** A new file stem, unguessable and free of any meaning. */
    newStem: () => `r${randomBytes(12).toString('hex')}`,
    write(name: string, format: string, body: Buffer): StoredFile {
      ensure();
      const target = pathOf(name);
      const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temp, body, { mode: 0o600 });
      fs.renameSync(temp, target);
      return { format, name, size: body.length, sha256: createHash('sha256').update(body).digest('hex') };
    },
    exists: (name: string) => fs.existsSync(pathOf(name)),
    read: (name: string) => fs.createReadStream(pathOf(name)),
    remove(name: string): void {
      try { fs.unlinkSync(pathOf(name)); } catch (error) { if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; }
    },
  };
}

export type ReportStorage = ReturnType<typeof createReportStorage>;
