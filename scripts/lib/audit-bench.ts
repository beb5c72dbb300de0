// The audit trail's benchmarks for `npm run bench` (not tests): what auditing adds to a case
// update, and how long verifying 1,000,000 entries takes when read in batches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { requireCjs } from './strapi-app.ts';
import { chain, ENTRY_COLUMNS, ENTRY_TABLE, toRow, type AuditEvent, type ChainedEntry } from '../../plugins/audit/server/src/chain/entry.ts';
import { signCheckpoint } from '../../plugins/audit/server/src/chain/checkpoint.ts';
import { batchQuery, verifyInBatches } from '../../plugins/audit/server/src/chain/verify-batches.ts';

type Statement = { all(...args: unknown[]): unknown[]; get(...args: unknown[]): unknown; run(...args: unknown[]): unknown; raw(on: boolean): Statement };
type Sqlite = { prepare(sql: string): Statement; pragma(sql: string): unknown; exec(sql: string): void; transaction<T>(fn: () => T): () => T; close(): void };
const Database = requireCjs('better-sqlite3') as new (file: string, options?: object) => Sqlite;

const SCHEMA = `CREATE TABLE ${ENTRY_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER, at TEXT, actor_kind TEXT, actor_user_id INTEGER, actor_role TEXT, actor_agency TEXT, action TEXT, target_type TEXT, target_id TEXT, outcome TEXT, fields TEXT, client_address TEXT, request_id TEXT, prev_hash TEXT, hash TEXT);
CREATE UNIQUE INDEX ${ENTRY_TABLE}_seq_uq ON ${ENTRY_TABLE} (seq);
CREATE INDEX ${ENTRY_TABLE}_target_idx ON ${ENTRY_TABLE} (target_type, target_id);
CREATE INDEX ${ENTRY_TABLE}_actor_idx ON ${ENTRY_TABLE} (actor_user_id, at);`;

function tempDatabase(name: string): { db: Sqlite; file: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pett-${name}-`));
  const file = path.join(dir, 'audit.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  return { db, file, dispose: () => (db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

function event(n: number): AuditEvent {
  return { actor: { kind: 'portal', userId: 1 + (n % 40), role: 'prosecutor', agency: null }, action: n % 3 ? 'case.read' : 'case.update', target: { type: 'case', id: `bench${(n % 5000).toString(36).padStart(8, '0')}` }, outcome: 'success', fields: n % 3 ? [] : ['priority', 'summary'], client: { address: '10.20.30.40', requestId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}` } };
}

const INSERT = `INSERT INTO ${ENTRY_TABLE} (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(', ')})`;

/** Fills a table with `count` chained entries; answers the last. */
function fill(db: Sqlite, count: number): ChainedEntry {
  const insert = db.prepare(INSERT);
  let last: ChainedEntry | null = null;
  const start = Date.UTC(2026, 0, 1);
  const batch = db.transaction(() => {
    for (let n = 1; n <= count; n += 1) {
      last = chain(event(n), last, new Date(start + n * 1000));
      insert.run(...ENTRY_COLUMNS.map((c) => toRow(last!)[c]));
    }
  });
  batch();
  return last!;
}

export interface VerifyBench { entries: number; generateSeconds: number; verifySeconds: number; batches: number; ok: boolean; peakRssMb: number }

/** Verifies 1,000,000 entries (made here with the pure chain module) read 10,000 at a time. */
export async function verifyMillionBench(count = 1_000_000): Promise<VerifyBench> {
  const { db, file, dispose } = tempDatabase('verify-bench');
  if (process.env.PETT_BENCH_KEEP) console.log(file);
  try {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    let started = process.hrtime.bigint();
    const last = fill(db, count);
    const generateSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const checkpoint = { ...signCheckpoint(privateKey, last, new Date()), source: 'bench' };
    let batches = 0;
    let peakRss = process.memoryUsage().rss;
    started = process.hrtime.bigint();
    const report = await verifyInBatches(async (after, limit) => {
      batches += 1;
      const { sql, params } = batchQuery(ENTRY_COLUMNS, ENTRY_TABLE, after, limit);
      // Positional rows (better-sqlite3's raw mode), as `npm run audit:verify` reads them.
      const rows = db.prepare(sql).raw(true).all(...params) as unknown[][];
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      return rows;
    }, [checkpoint], publicKey);
    const verifySeconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { entries: report.entries, generateSeconds, verifySeconds, batches, ok: report.ok, peakRssMb: Math.round(peakRss / 1048576) };
  } finally {
    if (process.env.PETT_BENCH_KEEP) db.close();
    else dispose();
  }
}

export interface AppendBench { medianMs: number; p95Ms: number; trailSize: number }

/**
 * What the audit middleware adds to one update, in-process on SQLite with the server's pragmas
 * (WAL, synchronous=FULL): read the changed fields' old values, read the head, hash the entry,
 * insert it. All of it joins the update's own transaction, so it adds no commit (no fsync) of
 * its own: timed here as a transaction holding the update alone vs. the update plus the append.
 */
export function appendCostBench(rounds: number, trailSize = 100_000): AppendBench & { updateOnlyMs: number; updateWithTrailMs: number } {
  const { db, dispose } = tempDatabase('append-bench');
  try {
    let head: ChainedEntry = fill(db, trailSize);
    db.exec('CREATE TABLE cases (id INTEGER PRIMARY KEY, document_id TEXT UNIQUE, summary TEXT, priority TEXT, updated_at TEXT)');
    db.prepare("INSERT INTO cases (id, document_id, summary, priority, updated_at) VALUES (1, 'benchcase', 'x', 'high', '')").run();
    const update = db.prepare('UPDATE cases SET summary = ?, updated_at = ? WHERE id = 1');
    const before = db.prepare("SELECT summary, priority FROM cases WHERE document_id = 'benchcase'");
    const headOf = db.prepare(`SELECT seq, hash FROM ${ENTRY_TABLE} ORDER BY seq DESC LIMIT 1`);
    const insert = db.prepare(INSERT);
    let n = 0;
    const updateOnly = db.transaction(() => update.run(`Resumen ${(n += 1)}`, new Date().toISOString()));
    const updateWithTrail = db.transaction(() => {
      before.get();
      update.run(`Resumen ${(n += 1)}`, new Date().toISOString());
      const previous = headOf.get() as { seq: number; hash: string };
      head = chain(event(n), previous, new Date());
      insert.run(...ENTRY_COLUMNS.map((c) => toRow(head)[c]));
    });
    const timeOf = (fn: () => unknown) => {
      for (let i = 0; i < 20; i += 1) fn();
      const out: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        const start = process.hrtime.bigint();
        fn();
        out.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return out.sort((a, b) => a - b);
    };
    // Interleaved in blocks, so a slow disk moment does not land on one side only.
    const plain: number[] = [];
    const audited: number[] = [];
    for (let block = 0; block < 5; block += 1) {
      plain.push(...timeOf(updateOnly).slice(0, rounds));
      audited.push(...timeOf(updateWithTrail).slice(0, rounds));
    }
    const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const p95 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length * 0.95)];
    const diffs = audited.map((t, i) => t - (plain[i] ?? 0));
    return { medianMs: med(audited) - med(plain), p95Ms: p95(diffs), trailSize, updateOnlyMs: med(plain), updateWithTrailMs: med(audited) };
  } finally {
    dispose();
  }
}

/** PUT /api/cases/:id latencies over HTTP (the trail's append included), on a case the user may edit. */
export async function caseUpdateLatencies(base: string, headers: Record<string, string>, candidates: string[], time: (fn: () => Promise<unknown>) => Promise<number[]>): Promise<{ times: number[]; documentId: string } | null> {
  const put = (documentId: string, n: number) => fetch(`${base}/api/cases/${documentId}`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ data: { summary: `Resumen ficticio de la prueba de rendimiento ${n}.` } }) });
  for (const documentId of candidates) {
    if ((await put(documentId, 0)).status !== 200) continue;
    let n = 0;
    const times = await time(async () => {
      const res = await put(documentId, (n += 1));
      if (res.status !== 200) throw new Error(`case update answered ${res.status}`);
      await res.arrayBuffer();
    });
    return { times, documentId };
  }
  return null;
}
