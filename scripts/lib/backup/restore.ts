// `npm run restore -- <file>`: into an empty target only. Everything is decrypted into a private
// staging folder and checked (every chunk authenticates, the final chunk is there, every file
// matches the manifest's SHA-256, the SQLite copy passes integrity_check) before the database or
// any folder is touched.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable, pipeline as chain } from 'node:stream';
import { open as openBackup } from './cipher.ts';
import { checkAgainstManifest, unpack, type Manifest } from './container.ts';
import { databaseTarget, integrityCheckSqlite, restorePostgres, targetIsEmpty } from './database.ts';
import { hasFiles, inside, privateFolders } from './sources.ts';
import { DATA_DIR } from '../paths.ts';

export class RestoreRefused extends Error {}

export interface RestoreResult { backupCreatedAt: string; database: 'sqlite' | 'postgres'; tables: number; files: number; seconds: number; manifest: Manifest }

/** Moves a file, copying when the staging folder is on another file system. */
function move(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(to, 0o600);
    fs.rmSync(from);
  }
}

export async function restoreBackup(file: string, key: Buffer): Promise<RestoreResult> {
  const started = Date.now();
  if (!fs.existsSync(file)) throw new RestoreRefused(`the backup file ${file} does not exist`);
  const db = databaseTarget();
  const folders = privateFolders();
  // The drill restores into a scratch place and says where: nothing may land outside it.
  const expectUnder = process.env.PETT_RESTORE_EXPECT_UNDER;
  if (expectUnder) {
    const places = [...folders.map((f) => f.dir), ...(db.kind === 'sqlite' ? [db.file] : [])];
    const outside = places.find((p) => !inside(path.resolve(expectUnder), p));
    if (outside) throw new RestoreRefused(`${outside} is outside the scratch folder ${expectUnder}: nothing was restored`);
  }
  const notEmpty = await targetIsEmpty(db);
  if (notEmpty) throw new RestoreRefused(`restore goes into an empty target only: ${notEmpty}. Nothing was restored.`);
  for (const folder of folders) {
    if (hasFiles(folder.dir)) throw new RestoreRefused(`restore goes into an empty target only: the folder ${folder.dir} (${folder.key}) already holds files. Nothing was restored.`);
  }

  const stagingParent = db.kind === 'sqlite' ? path.dirname(db.file) : path.resolve(process.env.PETT_DATA_DIR || DATA_DIR);
  fs.mkdirSync(stagingParent, { recursive: true, mode: 0o700 });
  const staging = fs.mkdtempSync(path.join(stagingParent, '.restore-'));
  fs.chmodSync(staging, 0o700);
  try {
    // Decrypt (each chunk authenticated before it is passed on), gunzip, stage.
    const plain = chain(Readable.from(openBackup(key, fs.createReadStream(file, { highWaterMark: 1024 * 1024 }))), zlib.createGunzip(), () => undefined);
    const unpacked = await unpack(plain, staging);
    checkAgainstManifest(unpacked);
    const { manifest } = unpacked;
    if (manifest.database.kind !== db.kind) throw new RestoreRefused(`this backup holds a ${manifest.database.kind} database and the target is ${db.kind}: restore it into a ${manifest.database.kind} target`);
    const byKey = new Map(folders.map((f) => [f.key, f]));
    for (const key of Object.keys(manifest.folders)) {
      if (manifest.folders[key].files && !byKey.has(key)) throw new RestoreRefused(`the backup holds files of ${key}, a folder this installation's configuration does not have`);
    }
    const staged = (name: string) => path.join(staging, ...name.split('/'));
    if (db.kind === 'sqlite') {
      const problems = integrityCheckSqlite(staged(manifest.database.file));
      if (problems.length) throw new RestoreRefused(`the database in the backup fails its integrity check: ${problems.slice(0, 3).join('; ')}`);
    }

    // Everything checked: now it becomes live. The database first (one rename, or one pg_restore transaction).
    if (db.kind === 'sqlite') {
      for (const extra of ['-wal', '-shm', '-journal']) fs.rmSync(db.file + extra, { force: true });
      fs.rmSync(db.file, { force: true }); // empty (checked above)
      move(staged(manifest.database.file), db.file);
      fs.chmodSync(db.file, 0o600);
    } else {
      await restorePostgres(db.url, staged(manifest.database.file));
    }
    let files = 0;
    for (const entry of manifest.files) {
      if (!entry.name.startsWith('files/')) continue;
      const [, key, ...rest] = entry.name.split('/');
      move(staged(entry.name), path.join(byKey.get(key)!.dir, ...rest));
      files += 1;
    }
    return { backupCreatedAt: manifest.createdAt, database: db.kind, tables: Object.keys(manifest.database.counts).length, files, seconds: (Date.now() - started) / 1000, manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
