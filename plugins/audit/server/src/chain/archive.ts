// Retention: entries older than the retention period leave the database only into an archive file
// that ends at a signed checkpoint, and verification then starts at that checkpoint only when the
// file is there and proves it. An `audit_archives` row alone proves nothing (a database
// administrator could insert one). No Strapi import.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { checkpointSignatureValid, parseCheckpointLines, type Checkpoint } from './checkpoint';
import { payloadOf, type ChainedEntry } from './entry';
import { verifyChain, type Problem, type SourcedCheckpoint } from './verify';

export const ARCHIVE_TABLE = 'audit_archives';
export const ARCHIVE_FORMAT = 'pett-audit-archive/1';
const ARCHIVE_PREFIX = 'archive-';

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

export const sha256OfText = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The archive's text: the header line, then one canonical-JSON entry per line, hash included. */
export function archiveText(header: ArchiveHeader, entries: ChainedEntry[]): string {
  const lines = [canonicalJson({ format: header.format, checkpoint: { ...header.checkpoint }, previous: header.previous ? { ...header.previous } : null })];
  for (const entry of entries) lines.push(canonicalJson({ ...payloadOf(entry), hash: entry.hash }));
  return `${lines.join('\n')}\n`;
}

function entryOfLine(line: string): ChainedEntry {
  const v = JSON.parse(line) as ChainedEntry & { v: number };
  return { seq: v.seq, at: v.at, actor: v.actor, action: v.action, target: v.target, outcome: v.outcome, fields: v.fields, client: v.client, prevHash: v.prevHash, hash: v.hash };
}

export type ArchiveCheck = { ok: true; header: ArchiveHeader; entries: number } | { ok: false; reason: string };

/**
 * Does this archive's text prove its range: its checkpoint signed by the audit key, its entries a
 * valid chain from `previous` that ends exactly at the checkpoint (and, when `expected` is given,
 * at that sequence number and hash)?
 */
export function checkArchive(text: string, publicKey: KeyObject, expected?: { upto: number; hash: string }): ArchiveCheck {
  const lines = text.split('\n').filter((line) => line.trim());
  let header: ArchiveHeader;
  let entries: ChainedEntry[];
  try {
    header = JSON.parse(lines[0] ?? '') as ArchiveHeader;
    entries = lines.slice(1).map(entryOfLine);
  } catch {
    return { ok: false, reason: 'it is not an archive file (unreadable JSON lines)' };
  }
  if (header?.format !== ARCHIVE_FORMAT || !header.checkpoint) return { ok: false, reason: 'it is not an archive file (no archive header)' };
  const checkpoint = header.checkpoint;
  if (!checkpointSignatureValid(publicKey, checkpoint)) return { ok: false, reason: `its checkpoint (entry ${checkpoint.seq}) is not signed by the audit key` };
  if (expected && (checkpoint.seq !== expected.upto || checkpoint.hash !== expected.hash)) return { ok: false, reason: `it ends at entry ${checkpoint.seq}, not at entry ${expected.upto} as the database says` };
  const previous = header.previous ?? null;
  if (entries[0] && entries[0].seq !== (previous?.seq ?? 0) + 1) return { ok: false, reason: `it starts at entry ${entries[0].seq}, not right after entry ${previous?.seq ?? 0}` };
  const result = verifyChain(entries, previous);
  if (result.problem) return { ok: false, reason: `its entries do not verify: ${result.problem.message}` };
  if (result.last?.seq !== checkpoint.seq || result.last.hash !== checkpoint.hash) return { ok: false, reason: `its entries end at entry ${result.last?.seq ?? 0}, not at its checkpoint (entry ${checkpoint.seq})` };
  return { ok: true, header, entries: entries.length };
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
export function archivedStart(row: ArchiveRow | null, dir: string, publicKey: KeyObject): ArchivedStart {
  if (!row) return { start: null, problem: null };
  const start = { seq: row.upto, hash: row.hash };
  const unproven = (why: string): ArchivedStart => ({
    start,
    problem: { kind: 'unproven-archive', seq: row.fromSeq, message: `entries ${row.fromSeq} to ${row.upto} were removed from the database as archive ${row.file}, but ${why}: nothing proves they were archived rather than deleted` },
  });
  const file = path.join(dir, path.basename(row.file));
  if (!isArchiveFile(path.basename(row.file)) || !fs.existsSync(file)) return unproven(`the file is not in ${dir}`);
  const check = checkArchive(fs.readFileSync(file, 'utf8'), publicKey, { upto: row.upto, hash: row.hash });
  return check.ok ? { start, problem: null } : unproven(`the file does not prove them: ${check.reason}`);
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
