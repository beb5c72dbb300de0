// The audit tables as the operator's commands read them: straight from the configured database
// (DATABASE_URL, or the SQLite file), with the verify key and the checkpoints folder as configured.
// Shared by `npm run audit:verify` (read-only) and `npm run audit:archive` (retention).
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey, type KeyObject } from 'node:crypto';
import pg from 'pg';
import { AUDIT_KEY_FILE, DATA_DIR, ENV_FILE } from './paths.ts';
import { parseEnv } from './env.ts';
import { requireCjs } from './strapi-app.ts';
import { CHECKPOINT_TABLE, ENTRY_COLUMNS, ENTRY_TABLE } from '../../plugins/audit/server/src/chain/entry.ts';
import { loadVerifyKey } from '../../plugins/audit/server/src/chain/checkpoint.ts';
import { ARCHIVE_TABLE, archivedStart, archiveRowOf, checkpointsInFolder, NEWEST_ARCHIVE_SQL, verifyArchiveChain, type ArchiveColumns, type ArchiveRow } from '../../plugins/audit/server/src/chain/archive.ts';
import type { SourcedCheckpoint, TrailReport } from '../../plugins/audit/server/src/chain/verify.ts';
import { batchQuery, verifyInBatches } from '../../plugins/audit/server/src/chain/verify-batches.ts';

type SqliteStatement = { all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown; raw(on: boolean): SqliteStatement };
type Sqlite = { prepare(sql: string): SqliteStatement; exec(sql: string): void; close(): void };
const Database = requireCjs('better-sqlite3') as new (file: string, options?: object) => Sqlite;

export const args = process.argv.slice(2);
export const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

// The operator's settings: the environment first, then .env (never created here).
const fileEnv = fs.existsSync(ENV_FILE) ? parseEnv(fs.readFileSync(ENV_FILE, 'utf8')) : {};
export const setting = (key: string) => process.env[key] || fileEnv[key] || '';

export type Query = <R>(sql: string, params?: unknown[]) => Promise<R[]>;
export type PositionalQuery = (sql: string, params?: unknown[]) => Promise<unknown[][]>;

export interface AuditStore {
  query: Query;
  /** A SELECT whose rows come as arrays in column order (no object per row: long trails read faster). */
  positional: PositionalQuery;
  /** Runs `work` in one transaction: it commits when `work` returns, rolls back when it throws. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

/** Runs `use` on the configured database, closed afterwards. Read-only unless `writable`. */
export async function withAuditStore<T>(use: (store: AuditStore) => Promise<T>, options: { writable?: boolean } = {}): Promise<T> {
  const url = setting('DATABASE_URL');
  if (url) {
    const client = new pg.Client({ connectionString: url, ssl: setting('DATABASE_SSL') === 'true' ? { rejectUnauthorized: true } : undefined });
    await client.connect();
    const query: Query = async (sql, params = []) => (await client.query(numbered(sql), params)).rows;
    const positional: PositionalQuery = async (sql, params = []) => (await client.query({ text: numbered(sql), values: params, rowMode: 'array' })).rows as unknown[][];
    try {
      if (!options.writable) await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
      return await use({
        query,
        positional,
        async transaction(work) {
          await client.query('BEGIN');
          try {
            const result = await work(query);
            await client.query('COMMIT');
            return result;
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          }
        },
      });
    } finally {
      await client.end();
    }
  }
  const file = path.resolve(setting('DATABASE_FILENAME') || path.join(setting('PETT_DATA_DIR') || DATA_DIR, 'pett.db'));
  const db = new Database(file, { readonly: !options.writable, fileMustExist: true, timeout: 10_000 });
  const positional: PositionalQuery = async (sql, params = []) => db.prepare(sql).raw(true).all(...params) as unknown[][];
  const query: Query = async (sql, params = []) => {
    const statement = db.prepare(sql);
    return (/^\s*(select|with)/i.test(sql) ? statement.all(...params) : (statement.run(...params), [])) as never[];
  };
  try {
    return await use({
      query,
      positional,
      async transaction(work) {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(query);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      },
    });
  } finally {
    db.close();
  }
}

export function verifyKey(): KeyObject {
  const publicKeyFile = option('--public-key');
  if (publicKeyFile) return createPublicKey(fs.readFileSync(publicKeyFile));
  return loadVerifyKey(path.resolve(setting('PETT_AUDIT_KEY_FILE') || AUDIT_KEY_FILE));
}

/** The checkpoints folder: `--checkpoints`, else as the server is configured. Archives live there too. */
export const checkpointDir = () => path.resolve(option('--checkpoints') || setting('PETT_AUDIT_CHECKPOINT_DIR') || path.join(setting('PETT_DATA_DIR') || DATA_DIR, 'audit-checkpoints'));

/** Every checkpoint: the table's and the folder's. */
export async function allCheckpoints(query: Query): Promise<SourcedCheckpoint[]> {
  const stored = await query<{ seq: number | string; hash: string; at: string; key_id: string; signature: string }>(`SELECT seq, hash, at, key_id, signature FROM ${CHECKPOINT_TABLE} ORDER BY seq`);
  return [...stored.map((c) => ({ seq: Number(c.seq), hash: c.hash, at: c.at, keyId: c.key_id, signature: c.signature, source: `${CHECKPOINT_TABLE} (database)` })), ...checkpointsInFolder(checkpointDir())];
}

export async function newestArchive(query: Query): Promise<ArchiveRow | null> {
  return archiveRowOf((await query<ArchiveColumns>(NEWEST_ARCHIVE_SQL))[0]);
}

/**
 * The whole verification, 10,000 entries at a time, starting after the newest archive it can
 * prove. With `allArchives`, every archive file back to the first entry is checked as well.
 */
export async function verifyStoredTrail(store: Pick<AuditStore, 'query' | 'positional'>, key: KeyObject, options: { allArchives?: boolean } = {}): Promise<TrailReport> {
  const { query } = store;
  const archived = await archivedStart(await newestArchive(query), checkpointDir(), key);
  const report = await verifyInBatches((after, limit) => {
    const { sql, params } = batchQuery(ENTRY_COLUMNS, ENTRY_TABLE, after, limit);
    return store.positional(sql, params);
  }, await allCheckpoints(query), key, { start: archived.start, startProblem: archived.problem });
  if (!options.allArchives) return report;
  const rows = (await query<ArchiveColumns>(`SELECT from_seq, upto, hash, file, digest FROM ${ARCHIVE_TABLE} ORDER BY upto`)).map((row) => archiveRowOf(row)!);
  // The newest archive's problem, if any, is already reported by the table's verification.
  const older = (await verifyArchiveChain(rows, checkpointDir(), key)).filter((p) => !report.problems.some((q) => q.kind === p.kind && q.seq === p.seq));
  return { ...report, ok: report.ok && older.length === 0, problems: [...older, ...report.problems] };
}
