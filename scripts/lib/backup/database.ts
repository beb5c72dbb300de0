// The database half of backup, restore and drill: a consistent snapshot (SQLite `VACUUM INTO`,
// PostgreSQL `pg_dump` inside an exported snapshot), the facts read inside that same snapshot
// (rows per table, newest write, audit head, archives), and restoring into an empty target.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';
import { DATA_DIR } from '../paths.ts';
import { requireCjs } from '../strapi-app.ts';

type Statement = { all(...p: unknown[]): unknown[]; get(...p: unknown[]): unknown; run(...p: unknown[]): unknown };
export type Sqlite = { prepare(sql: string): Statement; exec(sql: string): void; pragma(sql: string, o?: object): unknown; close(): void };
export const Database = requireCjs('better-sqlite3') as new (file: string, options?: object) => Sqlite;

export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export function databaseTarget(): DatabaseTarget {
  const url = process.env.DATABASE_URL;
  if (url) return { kind: 'postgres', url };
  return { kind: 'sqlite', file: path.resolve(process.env.DATABASE_FILENAME || path.join(process.env.PETT_DATA_DIR || DATA_DIR, 'pett.db')) };
}

export interface SnapshotFacts {
  counts: Record<string, number>;
  newestWriteAt: string | null;
  auditHeadSeq: number;
  /** Archive files the snapshot's `audit_archives` rows name. */
  archiveFiles: string[];
  serverVersion?: string;
}

type Ask = (sql: string) => Promise<Array<Record<string, unknown>>>;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Reads the facts through `ask`, which must see one consistent snapshot. */
async function factsOf(ask: Ask, tables: string[], columnsOf: (t: string) => Promise<string[]>): Promise<SnapshotFacts> {
  const counts: Record<string, number> = {};
  let newest: number | null = null;
  const later = (value: unknown) => {
    if (value === null || value === undefined) return;
    const t = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
    if (Number.isFinite(t) && t <= Date.now() + 60_000 && (newest === null || t > newest)) newest = t;
  };
  for (const table of tables.sort()) {
    counts[table] = Number((await ask(`SELECT count(*) AS n FROM ${quote(table)}`))[0].n);
    const columns = await columnsOf(table);
    // Every write of the domain is audited in its own transaction; other rows carry updated_at.
    for (const column of ['updated_at', 'created_at', ...(table === 'audit_entries' ? ['at'] : [])]) {
      if (columns.includes(column)) later((await ask(`SELECT max(${quote(column)}) AS m FROM ${quote(table)}`))[0].m);
    }
  }
  let auditHeadSeq = 0;
  let archiveFiles: string[] = [];
  if (tables.includes('audit_entries')) auditHeadSeq = Number((await ask('SELECT coalesce(max(seq), 0) AS m FROM audit_entries'))[0].m);
  if (tables.includes('audit_archives')) {
    const rows = await ask('SELECT file, upto FROM audit_archives');
    archiveFiles = rows.map((r) => String(r.file));
    auditHeadSeq = Math.max(auditHeadSeq, ...rows.map((r) => Number(r.upto)));
  }
  return { counts, newestWriteAt: newest === null ? null : new Date(newest).toISOString(), auditHeadSeq, archiveFiles };
}

export async function sqliteFacts(file: string): Promise<SnapshotFacts> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name);
    return await factsOf(async (sql) => db.prepare(sql).all() as Array<Record<string, unknown>>, tables, async (t) => (db.prepare(`PRAGMA table_info(${quote(t)})`).all() as Array<{ name: string }>).map((c) => c.name));
  } finally {
    db.close();
  }
}

/** A consistent copy of the live SQLite file, made by SQLite itself (never a file copy). */
export async function snapshotSqlite(source: string, outFile: string): Promise<SnapshotFacts> {
  if (!fs.existsSync(source)) throw new Error(`the database file ${source} does not exist`);
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 30_000 });
  try {
    db.prepare('VACUUM INTO ?').run(outFile);
  } finally {
    db.close();
  }
  fs.chmodSync(outFile, 0o600);
  return sqliteFacts(outFile);
}

export function integrityCheckSqlite(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const fk = db.prepare('PRAGMA foreign_key_check').all();
    if (fk.length) problems.push(`${fk.length} foreign key violation(s)`);
    return problems;
  } finally {
    db.close();
  }
}

/** Tables that a restore target may already hold: none. */
export async function targetIsEmpty(target: DatabaseTarget): Promise<string | null> {
  if (target.kind === 'sqlite') {
    if (!fs.existsSync(target.file) || fs.statSync(target.file).size === 0) return null;
    const db = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      const n = Number((db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n);
      return n ? `the database file ${target.file} already holds ${n} table(s)` : null;
    } finally {
      db.close();
    }
  }
  return withPg(target.url, async (client) => {
    const n = Number((await client.query("SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE c.relkind IN ('r','p','v','m','S') AND s.nspname NOT IN ('pg_catalog','information_schema') AND s.nspname NOT LIKE 'pg_toast%'")).rows[0].n);
    return n ? `the PostgreSQL database ${redact(target.url)} already holds ${n} table(s), view(s) or sequence(s)` : null;
  });
}

// ---------------------------------------------------------------- PostgreSQL

export const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

export async function withPg<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, ssl: process.env.DATABASE_SSL === 'true' ? { rejectUnauthorized: true } : undefined });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The connection as libpq tools take it: the password in PGPASSWORD, never on the command line. */
function libpqArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = '';
  if (process.env.DATABASE_SSL === 'true') env.PGSSLMODE = 'verify-full';
  return { dbname: parsed.toString(), env };
}

const majorOf = (text: string) => Number(/(\d+)(?:\.\d+)?/.exec(text)?.[1] ?? 0);

/**
 * The PostgreSQL client tool (`pg_dump`, `pg_restore`) able to work with a server of this major
 * version: PETT_PG_BIN_DIR if set, else the newest of PATH and /usr/lib/postgresql/<n>/bin (Debian
 * installs one folder per major version). pg_dump refuses a server newer than itself.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): string {
  const candidates: string[] = [];
  if (process.env.PETT_PG_BIN_DIR) candidates.push(path.join(process.env.PETT_PG_BIN_DIR, name));
  else {
    candidates.push(name);
    if (fs.existsSync('/usr/lib/postgresql')) for (const v of fs.readdirSync('/usr/lib/postgresql')) candidates.push(path.join('/usr/lib/postgresql', v, 'bin', name));
  }
  const found = candidates
    .map((bin) => ({ bin, out: spawnSync(bin, ['--version'], { encoding: 'utf8' }) }))
    .filter((c) => c.out.status === 0)
    .map((c) => ({ bin: c.bin, major: majorOf(c.out.stdout.replace(/^[^0-9]*/, '')) }))
    .sort((a, b) => b.major - a.major);
  if (!found.length) throw new Error(`${name} was not found: install the PostgreSQL client (Debian: apt-get install postgresql-client-${serverMajor}) or set PETT_PG_BIN_DIR`);
  if (found[0].major < serverMajor) throw new Error(`${name} ${found[0].major} cannot work with PostgreSQL ${serverMajor}: install postgresql-client-${serverMajor} (PGDG repository if Debian lacks it) or set PETT_PG_BIN_DIR to its bin folder`);
  return found[0].bin;
}

async function pgTables(client: pg.Client): Promise<string[]> {
  return (await client.query('SELECT tablename FROM pg_tables WHERE schemaname = current_schema()')).rows.map((r) => r.tablename as string);
}

export async function postgresFacts(client: pg.Client): Promise<SnapshotFacts> {
  const ask: Ask = async (sql) => (await client.query(sql)).rows;
  const facts = await factsOf(ask, await pgTables(client), async (t) => (await client.query('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [t])).rows.map((r) => r.column_name as string));
  facts.serverVersion = (await client.query('SHOW server_version')).rows[0].server_version as string;
  return facts;
}

/**
 * pg_dump (custom format) of exactly the snapshot the facts are read in: a REPEATABLE READ
 * transaction exports its snapshot and pg_dump joins it (`--snapshot`), so row counts, the audit
 * head and the dump agree even while the server keeps writing.
 */
export async function snapshotPostgres(url: string, outFile: string): Promise<SnapshotFacts> {
  return withPg(url, async (client) => {
    const serverMajor = Math.floor(Number((await client.query('SHOW server_version_num')).rows[0].server_version_num) / 10000);
    const pgDump = pgTool('pg_dump', serverMajor);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const snapshot = (await client.query('SELECT pg_export_snapshot() AS s')).rows[0].s as string;
      const facts = await postgresFacts(client);
      const { dbname, env } = libpqArgs(url);
      const dump = await runTool(pgDump, ['--format=custom', `--snapshot=${snapshot}`, '--no-sync', `--file=${outFile}`, `--dbname=${dbname}`], env);
      if (dump) throw new Error(`pg_dump failed: ${dump}`);
      fs.chmodSync(outFile, 0o600);
      return facts;
    } finally {
      await client.query('COMMIT');
    }
  });
}

/** Runs a tool without blocking the event loop (the snapshot's transaction must stay open); answers its error text or ''. */
function runTool(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('error', (e) => resolve(e.message));
    child.on('exit', (code) => resolve(code === 0 ? '' : err.trim().slice(-2000) || `exit code ${code}`));
  });
}

/** pg_restore into the (empty) target in one transaction: all of it or nothing. Owners and grants are left to the operator (see docs/operations/backup.md). */
export async function restorePostgres(url: string, dumpFile: string): Promise<void> {
  const serverMajor = await withPg(url, async (c) => Math.floor(Number((await c.query('SHOW server_version_num')).rows[0].server_version_num) / 10000));
  const bin = pgTool('pg_restore', serverMajor);
  const { dbname, env } = libpqArgs(url);
  const error = await runTool(bin, ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, dumpFile], env);
  if (error) throw new Error(`pg_restore failed (nothing was restored): ${error}`);
}

/**
 * PostgreSQL's own check of the restored copy: amcheck on every B-tree index when the extension
 * can be created (heapallindexed: every row is in its indexes), and a full read of every row of
 * every table (each row rendered as text, so every value is detoasted). Constraints were checked
 * by pg_restore as it created them after the data.
 */
export async function integrityCheckPostgres(url: string): Promise<{ problems: string[]; amcheck: boolean }> {
  return withPg(url, async (client) => {
    const problems: string[] = [];
    let amcheck = false;
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS amcheck');
      amcheck = true;
    } catch {
      // not installed or not allowed: the full read below still runs
    }
    if (amcheck) {
      const indexes = (await client.query("SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = current_schema() AND c.relpersistence <> 't'")).rows;
      for (const { name } of indexes) {
        try {
          await client.query('SELECT bt_index_check($1::regclass, true)', [name]);
        } catch (error) {
          problems.push(`index ${name}: ${(error as Error).message}`);
        }
      }
    }
    for (const table of await pgTables(client)) {
      try {
        await client.query(`SELECT count(length(t::text)) FROM ${quote(table)} t`);
      } catch (error) {
        problems.push(`table ${table}: ${(error as Error).message}`);
      }
    }
    return { problems, amcheck };
  });
}
