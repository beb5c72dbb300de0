// `npm run backup`: one encrypted file holding a consistent database snapshot, the private
// folders, and a manifest of SHA-256 hashes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable, pipeline as chain } from 'node:stream';
import { seal } from './cipher.ts';
import { ContainerWriter, type Manifest } from './container.ts';
import { databaseTarget, snapshotPostgres, snapshotSqlite, type SnapshotFacts } from './database.ts';
import { filesOf, privateFolders, secretDigests, secretFiles, type PrivateFolder } from './sources.ts';
import { isArchiveFile } from '../../../plugins/audit/server/src/chain/archive.ts';

export const AUDIT_FOLDER_KEY = 'audit.checkpointDir';

export interface BackupResult {
  file: string;
  createdAt: string;
  bytes: number;
  files: number;
  tables: number;
  rows: number;
  newestWriteAt: string | null;
  /** Seconds between the newest write the backup holds and the snapshot. */
  rpoSeconds: number | null;
  excluded: string[];
  /** Rows per table in the snapshot. */
  counts: Record<string, number>;
}

/** `pett-backup-20261129T161002Z.pettbak`: sorts by time, says UTC. */
export const backupName = (at: Date) => `pett-backup-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.pettbak`;

/**
 * A checkpoint file as of the snapshot: the lines signed for entries the snapshot holds. A line
 * the server signed after the snapshot would name an entry the restored trail does not have, and
 * the restored trail would then read as truncated.
 */
function checkpointsUpTo(text: string, head: number): Buffer {
  const kept = text.split('\n').filter((line) => {
    if (!line.trim()) return false;
    try {
      return Number((JSON.parse(line) as { seq: unknown }).seq) <= head;
    } catch {
      return false; // a line being written as the copy was taken
    }
  });
  return Buffer.from(kept.map((l) => `${l}\n`).join(''), 'utf8');
}

async function* records(writer: ContainerWriter, dbName: string, dbFile: string, folders: PrivateFolder[], facts: SnapshotFacts, manifest: Omit<Manifest, 'files' | 'folders'>, digests: Map<string, string>): AsyncGenerator<Buffer> {
  const refuseSecret = () => {
    const last = writer.files.at(-1)!;
    const secret = digests.get(last.sha256);
    if (secret) throw new Error(`${last.name} has the same content as ${secret}, a key that must never be in a backup: move it out of the private folders`);
  };
  yield* writer.file(dbName, dbFile);
  const summary: Manifest['folders'] = {};
  const secrets = secretFiles();
  for (const folder of folders) {
    let files = 0;
    let bytes = 0;
    for (const rel of filesOf(folder, folders, secrets)) {
      const name = `files/${folder.key}/${rel}`;
      const full = path.join(folder.dir, ...rel.split('/'));
      if (folder.key === AUDIT_FOLDER_KEY && rel.endsWith('.jsonl') && !rel.includes('/')) {
        if (isArchiveFile(rel)) {
          // Only the archives the snapshot's audit_archives rows name (a later archive run's file would prove nothing here).
          if (!facts.archiveFiles.includes(rel)) continue;
          yield* writer.file(name, full);
        } else {
          yield* writer.bytes(name, checkpointsUpTo(fs.readFileSync(full, 'utf8'), facts.auditHeadSeq));
        }
      } else {
        yield* writer.file(name, full);
      }
      refuseSecret();
      files += 1;
      bytes += writer.files.at(-1)!.size;
    }
    summary[folder.key] = { files, bytes };
  }
  yield* writer.manifest({ ...manifest, folders: summary, files: writer.files });
}

export async function createBackup(options: { outDir: string; key: Buffer; now?: () => Date }): Promise<BackupResult> {
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
  const folders = privateFolders();
  const secrets = secretFiles();
  for (const folder of folders) {
    if (path.resolve(options.outDir).startsWith(folder.dir + path.sep) || path.resolve(options.outDir) === folder.dir) {
      throw new Error(`the backup folder ${options.outDir} is inside the private folder ${folder.dir}: each backup would hold the ones before it`);
    }
  }
  const staging = fs.mkdtempSync(path.join(options.outDir, '.staging-'));
  fs.chmodSync(staging, 0o700);
  const createdAt = now();
  const target = path.join(options.outDir, backupName(createdAt));
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const db = databaseTarget();
    const dbName = db.kind === 'sqlite' ? 'database/pett.db' : 'database/pett.pgdump';
    const dbFile = path.join(staging, path.basename(dbName));
    const facts = db.kind === 'sqlite' ? await snapshotSqlite(db.file, dbFile) : await snapshotPostgres(db.url, dbFile);
    const snapshotAt = now();
    const excluded = [...secrets.files, ...(secrets.envKeyRing ? ['PETT_VAULT_KEYRING'] : [])];
    const manifest: Omit<Manifest, 'files' | 'folders'> = {
      format: 'pett-backup/1',
      createdAt: snapshotAt.toISOString(),
      database: { kind: db.kind, file: dbName, serverVersion: facts.serverVersion, counts: facts.counts, newestWriteAt: facts.newestWriteAt, auditHeadSeq: facts.auditHeadSeq },
      excluded: excluded.map((f) => path.basename(f)),
    };
    const writer = new ContainerWriter();
    const out = fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' });
    // gzip before encryption (a SQLite snapshot shrinks several times; a pg_dump is already compressed).
    const plain = chain(Readable.from(records(writer, dbName, dbFile, folders, facts, manifest, secretDigests(secrets))), zlib.createGzip({ level: 6 }), () => undefined);
    await pipeline(Readable.from(seal(options.key, plain)), out);
    const fd = fs.openSync(partial, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    // link, not rename: a backup of the same second is never replaced (link fails on an existing name).
    try {
      fs.linkSync(partial, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${target} already exists (a backup of the same second): nothing was replaced; run it again`);
      throw error;
    }
    fs.rmSync(partial);
    const dirFd = fs.openSync(options.outDir, 'r');
    fs.fsyncSync(dirFd);
    fs.closeSync(dirFd);
    const rows = Object.values(facts.counts).reduce((a, b) => a + b, 0);
    return {
      file: target,
      createdAt: manifest.createdAt,
      bytes: fs.statSync(target).size,
      files: writer.files.length - 1,
      tables: Object.keys(facts.counts).length,
      rows,
      newestWriteAt: facts.newestWriteAt,
      rpoSeconds: facts.newestWriteAt ? Math.max(0, (snapshotAt.getTime() - Date.parse(facts.newestWriteAt)) / 1000) : null,
      excluded: manifest.excluded,
      counts: facts.counts,
    };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
