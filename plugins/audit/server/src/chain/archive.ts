// Retention: entries older than the retention period leave the database only into an archive file
// that ends at a signed checkpoint, and verification then starts at that checkpoint only when the
// file is there and proves it. An `audit_archives` row alone proves nothing (a database
// administrator could insert one). Archives are read line by line, a batch at a time, so memory
// stays flat however many entries one holds. No Strapi import.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createHash, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { checkpointSignatureValid, parseCheckpointLines, type Checkpoint } from './checkpoint';
import { payloadOf, type ChainedEntry } from './entry';
import { verifyChain, type Problem, type SourcedCheckpoint } from './verify';

export const ARCHIVE_TABLE = 'audit_archives';
export const ARCHIVE_FORMAT = 'pett-audit-archive/1';
const ARCHIVE_PREFIX = 'archive-';
const CHECK_BATCH = 10_000;

/** The link an archive starts after: the previous archive's end, or null for the first entry. */
export type ChainPoint = { seq: number; hash: string } | null;

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  checkpoint: Checkpoint;
  previous: ChainPoint;
}

/** An `audit_archives` row as both the server and the scripts read it. */
export interface ArchiveRow {
  fromSeq: number;
  upto: number;
  hash: string;
  file: string;
  digest: string;
}

/** The columns of the newest archive row, and that row as an ArchiveRow (null when there is none). */
export const NEWEST_ARCHIVE_SQL = `SELECT from_seq, upto, hash, file, digest FROM ${ARCHIVE_TABLE} ORDER BY upto DESC LIMIT 1`;
export type ArchiveColumns = { from_seq: number | string; upto: number | string; hash: string; file: string; digest: string };
export const archiveRowOf = (row: ArchiveColumns | undefined): ArchiveRow | null => (row ? { fromSeq: Number(row.from_seq), upto: Number(row.upto), hash: row.hash, file: row.file, digest: row.digest } : null);

export const archiveFileName = (fromSeq: number, upto: number) => `${ARCHIVE_PREFIX}${fromSeq}-${upto}.jsonl`;
export const isArchiveFile = (name: string) => name.startsWith(ARCHIVE_PREFIX);

/** The checkpoint files (JSON lines) of a folder, archives left out, oldest day first. */
export function checkpointsInFolder(dir: string): SourcedCheckpoint[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => name.endsWith('.jsonl') && !isArchiveFile(name)).sort().flatMap((name) => parseCheckpointLines(fs.readFileSync(path.join(dir, name), 'utf8'), name));
}

/** The first line of an archive file. */
export const archiveHeaderLine = (header: ArchiveHeader) => `${canonicalJson({ format: header.format, checkpoint: { ...header.checkpoint }, previous: header.previous ? { ...header.previous } : null })}\n`;
/** One entry of an archive file: the form its hash covers, plus the hash. */
export const archiveEntryLine = (entry: ChainedEntry) => `${canonicalJson({ ...payloadOf(entry), hash: entry.hash })}\n`;

/** A whole archive's text (tests and small archives; the command writes it a batch at a time). */
export const archiveText = (header: ArchiveHeader, entries: ChainedEntry[]) => archiveHeaderLine(header) + entries.map(archiveEntryLine).join('');

function entryOfLine(line: string): ChainedEntry {
  const v = JSON.parse(line) as ChainedEntry & { v: number };
  return { seq: v.seq, at: v.at, actor: v.actor, action: v.action, target: v.target, outcome: v.outcome, fields: v.fields, client: v.client, prevHash: v.prevHash, hash: v.hash };
}

export type ArchiveCheck = { ok: true; header: ArchiveHeader; entries: number; digest: string } | { ok: false; reason: string };

/**
 * Do these lines (an archive's) prove its range: its checkpoint signed by the audit key, its
 * entries a valid chain from `previous` that ends exactly at the checkpoint (and, when `expected`
 * is given, at that sequence number and hash)? Read a batch at a time; `digest` is the SHA-256 of
 * the lines as read.
 */
export async function checkArchiveLines(lines: AsyncIterable<string> | Iterable<string>, publicKey: KeyObject, expected?: { upto: number; hash: string }): Promise<ArchiveCheck> {
  const digest = createHash('sha256');
  let header: ArchiveHeader | null = null;
  let last: ChainPoint = null;
  let count = 0;
  let batch: ChainedEntry[] = [];
  let failure: string | null = null;
  const flush = () => {
    if (!batch.length || failure) return;
    if (count === 0 && batch[0].seq !== (header!.previous?.seq ?? 0) + 1) failure = `it starts at entry ${batch[0].seq}, not right after entry ${header!.previous?.seq ?? 0}`;
    const result = failure ? null : verifyChain(batch, last);
    if (result?.problem) failure = `its entries do not verify: ${result.problem.message}`;
    if (result && !failure) last = result.last;
    count += batch.length;
    batch = [];
  };
  for await (const raw of lines) {
    digest.update(`${raw}\n`);
    const line = raw.trim();
    if (!line || failure) continue;
    try {
      if (!header) {
        header = JSON.parse(line) as ArchiveHeader;
        if (header?.format !== ARCHIVE_FORMAT || !header.checkpoint) return { ok: false, reason: 'it is not an archive file (no archive header)' };
        const checkpoint = header.checkpoint;
        if (!checkpointSignatureValid(publicKey, checkpoint)) return { ok: false, reason: `its checkpoint (entry ${checkpoint.seq}) is not signed by the audit key` };
        if (expected && (checkpoint.seq !== expected.upto || checkpoint.hash !== expected.hash)) return { ok: false, reason: `it ends at entry ${checkpoint.seq}, not at entry ${expected.upto} as the database says` };
        header.previous ??= null;
        last = header.previous;
        continue;
      }
      batch.push(entryOfLine(line));
    } catch {
      return { ok: false, reason: 'it is not an archive file (unreadable JSON lines)' };
    }
    if (batch.length >= CHECK_BATCH) flush();
  }
  if (!header) return { ok: false, reason: 'it is not an archive file (empty)' };
  flush();
  if (failure) return { ok: false, reason: failure };
  const end = last as ChainPoint;
  if (end?.seq !== header.checkpoint.seq || end.hash !== header.checkpoint.hash) return { ok: false, reason: `its entries end at entry ${end?.seq ?? 0}, not at its checkpoint (entry ${header.checkpoint.seq})` };
  return { ok: true, header, entries: count, digest: digest.digest('hex') };
}

/** The same over a file, read as a stream. */
export async function checkArchiveFile(file: string, publicKey: KeyObject, expected?: { upto: number; hash: string }): Promise<ArchiveCheck> {
  const stream = fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  try {
    return await checkArchiveLines(lines, publicKey, expected);
  } finally {
    lines.close();
    stream.destroy();
  }
}

export interface ArchivedStart {
  /** Where the chain left in the table continues: the archive's checkpoint (claimed when unproven). */
  start: ChainPoint;
  /** Set when the archive does not prove what was removed. */
  problem: Problem | null;
}

/**
 * Where verification of the table starts, given the newest `audit_archives` row. Only a present
 * archive file that verifies, ends at the row's checkpoint and carries the audit key's signature
 * lets the trail start there; otherwise the removed range is reported as unproven, and the rest is
 * still checked from the row's claimed end.
 */
export async function archivedStart(row: ArchiveRow | null, dir: string, publicKey: KeyObject): Promise<ArchivedStart> {
  if (!row) return { start: null, problem: null };
  const start = { seq: row.upto, hash: row.hash };
  const unproven = (why: string): ArchivedStart => ({
    start,
    problem: { kind: 'unproven-archive', seq: row.fromSeq, message: `entries ${row.fromSeq} to ${row.upto} were removed from the database as archive ${row.file}, but ${why}: nothing proves they were archived rather than deleted` },
  });
  const name = path.basename(row.file);
  const file = path.join(dir, name);
  if (!isArchiveFile(name) || !fs.existsSync(file)) return unproven(`the file is not in ${dir}`);
  const check = await checkArchiveFile(file, publicKey, { upto: row.upto, hash: row.hash });
  return check.ok ? { start, problem: null } : unproven(`the file does not prove them: ${check.reason}`);
}

/**
 * Every archive, oldest first, back to the first entry: each file present and proving its row,
 * and each starting where the one before ended. Verification of the table needs only the newest
 * (`archivedStart`); this proves that nothing was lost from the older ones either.
 */
export async function verifyArchiveChain(rows: ArchiveRow[], dir: string, publicKey: KeyObject): Promise<Problem[]> {
  const problems: Problem[] = [];
  let previous: ChainPoint = null;
  for (const row of [...rows].sort((a, b) => a.upto - b.upto)) {
    const unproven = (why: string) => problems.push({ kind: 'unproven-archive', seq: row.fromSeq, message: `entries ${row.fromSeq} to ${row.upto} (archive ${row.file}) are not proven: ${why}` });
    const name = path.basename(row.file);
    const file = path.join(dir, name);
    const prior = previous as ChainPoint;
    previous = { seq: row.upto, hash: row.hash };
    if (row.fromSeq !== (prior?.seq ?? 0) + 1) {
      unproven(`it starts at entry ${row.fromSeq}, but the archive before it ends at entry ${prior?.seq ?? 0}`);
      continue;
    }
    if (!isArchiveFile(name) || !fs.existsSync(file)) {
      unproven(`the file is not in ${dir}`);
      continue;
    }
    const check = await checkArchiveFile(file, publicKey, { upto: row.upto, hash: row.hash });
    if (!check.ok) unproven(`the file does not prove them: ${check.reason}`);
    else if (check.header.previous?.seq !== prior?.seq || check.header.previous?.hash !== prior?.hash) unproven('the file does not start where the archive before it ended');
  }
  return problems;
}

/**
 * The checkpoint an archive run ends at: the newest one signed by the audit key, beyond the
 * previous archive, signed before the cut-off (so every entry it covers is older than that).
 */
export function archiveCheckpoint(checkpoints: SourcedCheckpoint[], publicKey: KeyObject, after: number, cutoff: Date): SourcedCheckpoint | null {
  return checkpoints
    .filter((c) => Number.isInteger(c.seq) && c.seq > after && new Date(c.at).getTime() < cutoff.getTime() && checkpointSignatureValid(publicKey, c))
    .reduce<SourcedCheckpoint | null>((best, c) => (!best || c.seq > best.seq ? c : best), null);
}

/** PETT_AUDIT_RETENTION_DAYS: empty keeps every entry; otherwise a whole number of days, 0 or more. */
export function parseRetentionDays(value: string | undefined): { days: number | null } | { problem: string } {
  const text = (value ?? '').trim();
  if (!text) return { days: null };
  if (!/^\d{1,6}$/.test(text)) return { problem: `PETT_AUDIT_RETENTION_DAYS debe ser un número entero de días (0 o más) o estar vacío / must be a whole number of days (0 or more) or empty; got "${text.slice(0, 20)}"` };
  return { days: Number(text) };
}
