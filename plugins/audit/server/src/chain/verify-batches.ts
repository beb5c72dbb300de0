// Verification of a trail too long to hold in memory: entries are read in batches (in sequence
// order, keyed on sequence number and row id so that two rows with one number are both seen), each
// batch chained to the last entry of the one before. Used by `npm run audit:verify` and by the
// auditors' verify button. No Strapi import, no database: the caller fetches the rows.
import type { KeyObject } from 'node:crypto';
import { fromPositionalRow, fromRow, type ChainedEntry, type EntryRow, type PositionalRow } from './entry';
import { verifyChain, verifyCheckpoints, type Problem, type SourcedCheckpoint, type TrailReport } from './verify';

export const VERIFY_BATCH_SIZE = 10_000;

export interface KeyedRow extends EntryRow {
  id: number | string;
}

/** Where the next batch starts: strictly after this (seq, id); null for the first batch. */
export interface BatchCursor {
  seq: number;
  id: number;
}

/**
 * Rows by column name, or positionally (`id`, then ENTRY_COLUMNS: what better-sqlite3's raw mode and
 * pg's rowMode 'array' give), which saves building an object per row on a long trail.
 */
export type FetchBatch = (after: BatchCursor | null, limit: number) => Promise<KeyedRow[] | PositionalRow[]>;

const entryOf = (row: KeyedRow | PositionalRow) => (Array.isArray(row) ? fromPositionalRow(row) : fromRow(row as KeyedRow));
const cursorOf = (row: KeyedRow | PositionalRow): BatchCursor => (Array.isArray(row) ? { seq: Number(row[1]), id: Number(row[0]) } : { seq: Number((row as KeyedRow).seq), id: Number((row as KeyedRow).id) });

/** The WHERE / ORDER BY / LIMIT of one batch, with `?` placeholders in the order of `params`. */
export function batchQuery(columns: readonly string[], table: string, after: BatchCursor | null, limit: number): { sql: string; params: number[] } {
  const select = `SELECT id, ${columns.join(', ')} FROM ${table}`;
  if (!after) return { sql: `${select} ORDER BY seq, id LIMIT ?`, params: [limit] };
  // `seq >= ?` lets both databases walk the seq index; the OR only breaks ties within one number.
  return { sql: `${select} WHERE seq >= ? AND (seq > ? OR id > ?) ORDER BY seq, id LIMIT ?`, params: [after.seq, after.seq, after.id, limit] };
}

export interface BatchOptions {
  batchSize?: number;
  /** A verified, archived checkpoint the remaining trail starts after (retention); null: genesis. */
  start?: { seq: number; hash: string } | null;
  /** What is wrong with that start (an archive that does not prove it), reported first. */
  startProblem?: Problem | null;
}

/** The whole verification, reading at most `batchSize` entries at a time. */
export async function verifyInBatches(fetchBatch: FetchBatch, checkpoints: SourcedCheckpoint[], publicKey: KeyObject, options: BatchOptions = {}): Promise<TrailReport> {
  const size = options.batchSize ?? VERIFY_BATCH_SIZE;
  const wanted = new Set(checkpoints.map((c) => c.seq).filter(Number.isInteger));
  const hashAt = new Map<number, string>();
  let last = options.start ?? null;
  let context: ChainedEntry[] = [];
  let problem: Problem | null = null;
  let entries = 0;
  let maxSeq = options.start?.seq ?? 0;
  let cursor: BatchCursor | null = null;
  for (;;) {
    const rows = await fetchBatch(cursor, size);
    if (!rows.length) break;
    // Rows at or below the archived start are not part of what is left to verify.
    const batch = (rows as Array<KeyedRow | PositionalRow>).map(entryOf).filter((entry) => !options.start || entry.seq > options.start.seq);
    for (const entry of batch) {
      if (wanted.has(entry.seq) && !hashAt.has(entry.seq)) hashAt.set(entry.seq, entry.hash);
      if (entry.seq > maxSeq) maxSeq = entry.seq;
    }
    entries += batch.length;
    // After the first problem the rest is read only for its end and the hashes checkpoints name.
    if (!problem) {
      const result = verifyChain(batch, last, context);
      problem = result.problem;
      last = result.last;
      context = batch;
    }
    cursor = cursorOf(rows[rows.length - 1]!);
    if (rows.length < size) break;
  }
  const before = problem?.seq ?? Infinity;
  // An archived checkpoint's entry is no longer in the table: its hash is the start itself.
  if (options.start) hashAt.set(options.start.seq, options.start.hash);
  const problems = [...(options.startProblem ? [options.startProblem] : []), ...(problem ? [problem] : []), ...verifyCheckpoints(checkpoints, publicKey, { seq: maxSeq }, (seq) => hashAt.get(seq), before)];
  return { ok: problems.length === 0, entries, checkpoints: checkpoints.length, last, problems };
}
