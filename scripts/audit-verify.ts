// npm run audit:verify                    checks the audit trail's hash chain and its signed checkpoints
// npm run audit:verify -- --json          the same, as one JSON report on stdout
// npm run audit:verify -- --public-key F  verify checkpoints with this public key (PEM), e.g. on
//                                         another machine that holds only the public key
// npm run audit:verify -- --checkpoints D read checkpoint files (JSON lines) from folder D
// Reads the database directly (DATABASE_URL, or the SQLite file), 10,000 entries at a time, and
// changes nothing. Exit code 0
// when the trail verifies, 1 when it does not, 2 when it could not be read.
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey, type KeyObject } from 'node:crypto';
import pg from 'pg';
import { AUDIT_KEY_FILE, DATA_DIR, ENV_FILE } from './lib/paths.ts';
import { parseEnv } from './lib/env.ts';
import { requireCjs } from './lib/strapi-app.ts';
import { CHECKPOINT_TABLE, ENTRY_COLUMNS, ENTRY_TABLE } from '../plugins/audit/server/src/chain/entry.ts';
import { loadVerifyKey, parseCheckpointLines } from '../plugins/audit/server/src/chain/checkpoint.ts';
import type { SourcedCheckpoint, TrailReport } from '../plugins/audit/server/src/chain/verify.ts';
import { batchQuery, verifyInBatches, type FetchBatch, type KeyedRow } from '../plugins/audit/server/src/chain/verify-batches.ts';

type Sqlite = { prepare(sql: string): { all(...params: unknown[]): unknown[] }; close(): void };
const Database = requireCjs('better-sqlite3') as new (file: string, options?: object) => Sqlite;

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const asJson = args.includes('--json');

// The operator's settings: the environment first, then .env (never created here).
const fileEnv = fs.existsSync(ENV_FILE) ? parseEnv(fs.readFileSync(ENV_FILE, 'utf8')) : {};
const setting = (key: string) => process.env[key] || fileEnv[key] || '';

/** `?` placeholders as PostgreSQL's `$1, $2, ...`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${(n += 1)}`);
}

/** Runs `use` with a query function on the configured database, closed afterwards. */
async function withDatabase<T>(use: (query: <R>(sql: string, params?: unknown[]) => Promise<R[]>) => Promise<T>): Promise<T> {
  const url = setting('DATABASE_URL');
  if (url) {
    const client = new pg.Client({ connectionString: url, ssl: setting('DATABASE_SSL') === 'true' ? { rejectUnauthorized: true } : undefined });
    await client.connect();
    try {
      return await use(async (sql, params = []) => (await client.query(numbered(sql), params)).rows);
    } finally {
      await client.end();
    }
  }
  const file = path.resolve(setting('DATABASE_FILENAME') || path.join(setting('PETT_DATA_DIR') || DATA_DIR, 'pett.db'));
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return await use(async (sql, params = []) => db.prepare(sql).all(...params) as never[]);
  } finally {
    db.close();
  }
}

function verifyKey(): KeyObject {
  const publicKeyFile = option('--public-key');
  if (publicKeyFile) return createPublicKey(fs.readFileSync(publicKeyFile));
  return loadVerifyKey(path.resolve(setting('PETT_AUDIT_KEY_FILE') || AUDIT_KEY_FILE));
}

function fileCheckpoints(): SourcedCheckpoint[] {
  const dir = path.resolve(option('--checkpoints') || setting('PETT_AUDIT_CHECKPOINT_DIR') || path.join(setting('PETT_DATA_DIR') || DATA_DIR, 'audit-checkpoints'));
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort().flatMap((name) => parseCheckpointLines(fs.readFileSync(path.join(dir, name), 'utf8'), name));
}

async function verify(): Promise<TrailReport> {
  const key = verifyKey();
  return withDatabase(async (query) => {
    const stored = await query<{ seq: number | string; hash: string; at: string; key_id: string; signature: string }>(`SELECT seq, hash, at, key_id, signature FROM ${CHECKPOINT_TABLE} ORDER BY seq`);
    const checkpoints: SourcedCheckpoint[] = [...stored.map((c) => ({ seq: Number(c.seq), hash: c.hash, at: c.at, keyId: c.key_id, signature: c.signature, source: `${CHECKPOINT_TABLE} (database)` })), ...fileCheckpoints()];
    const fetchBatch: FetchBatch = (after, limit) => {
      const { sql, params } = batchQuery(ENTRY_COLUMNS, ENTRY_TABLE, after, limit);
      return query<KeyedRow>(sql, params);
    };
    return verifyInBatches(fetchBatch, checkpoints, key);
  });
}

const WHAT: Record<string, string> = {
  edited: 'entrada modificada / edited entry',
  deleted: 'entrada borrada / deleted entry',
  reordered: 'orden alterado / reordered trail',
  duplicated: 'número repetido / duplicated number',
  truncated: 'registro truncado / truncated trail',
  'forged-checkpoint': 'punto de control falsificado / forged checkpoint',
  rewritten: 'registro reescrito / rewritten trail',
};

verify()
  .then((report) => {
    if (asJson) console.log(JSON.stringify(report));
    else if (report.ok) console.log(`[audit] OK: ${report.entries} entradas / entries, ${report.checkpoints} puntos de control / checkpoints; última / last: ${report.last?.seq ?? 0}.`);
    else for (const problem of report.problems) console.log(`[audit] ${WHAT[problem.kind]}: ${problem.message}`);
    process.exit(report.ok ? 0 : 1);
  })
  .catch((error: Error) => {
    console.error(`[audit] no se pudo verificar / could not verify: ${error.message}`);
    process.exit(2);
  });
