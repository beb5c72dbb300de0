// Verification of a trail: the chain of entries and the signed checkpoints. It names the first bad
// entry and tells the kinds of tampering apart. No Strapi import, no database: callers pass rows.
import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, type Checkpoint } from './checkpoint';
import { entryHash, GENESIS_HASH, type ChainedEntry } from './entry';

export type ProblemKind =
  | 'edited' // an entry's content no longer matches its hash, or was rewritten with a new hash
  | 'deleted' // a gap in the sequence numbers
  | 'reordered' // a genuine entry sits at another place in the sequence
  | 'duplicated' // two entries with one sequence number
  | 'truncated' // a checkpoint names an entry beyond the end of the trail
  | 'forged-checkpoint' // a checkpoint whose signature is not the trusted key's
  | 'rewritten' // the chain verifies, but not against a checkpoint: recomputed from some point
  | 'unproven-archive'; // entries left the database, but no archive file with a signed checkpoint proves them

export interface Problem {
  kind: ProblemKind;
  /** The first entry the problem concerns (the first missing one for a deletion). */
  seq: number | null;
  message: string;
}

export interface ChainResult {
  problem: Problem | null;
  entries: number;
  last: { seq: number; hash: string } | null;
}

const MOVE_WINDOW = 1000;

/** Does this row hash correctly under another, nearby sequence number (it was moved there)? */
function movedFrom(entry: ChainedEntry): number | null {
  for (let offset = 1; offset <= MOVE_WINDOW; offset += 1) {
    for (const seq of [entry.seq - offset, entry.seq + offset]) {
      if (seq > 0 && entryHash({ ...entry, seq }) === entry.hash) return seq;
    }
  }
  return null;
}

/**
 * Walks the entries in sequence order and stops at the first problem. `previous` is the last
 * entry of an earlier batch (or an archived checkpoint), when the trail is read in parts;
 * `context` holds the entries of the batch before, to name a predecessor that lies there.
 */
export function verifyChain(entries: ChainedEntry[], previous: { seq: number; hash: string } | null = null, context: readonly ChainedEntry[] = []): ChainResult {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  let hashes: Map<string, number> | null = null;
  const seqOfHash = (hash: string) => {
    hashes ??= new Map([...context, ...sorted].map((e) => [e.hash, e.seq]));
    return hashes.get(hash);
  };
  let last = previous;
  for (let index = 0; index < sorted.length; index += 1) {
    const entry = sorted[index];
    const expected = (last?.seq ?? 0) + 1;
    const fail = (problem: Problem): ChainResult => ({ problem, entries: index, last });
    if (last && entry.seq === last.seq) return fail({ kind: 'duplicated', seq: entry.seq, message: `two entries carry sequence number ${entry.seq}` });
    if (entryHash(entry) !== entry.hash) {
      const original = movedFrom(entry);
      if (original !== null) return fail({ kind: 'reordered', seq: entry.seq, message: `entry ${entry.seq} is the entry recorded as number ${original}: the trail was reordered` });
      return fail({ kind: 'edited', seq: entry.seq, message: `entry ${entry.seq} was edited: its content does not match its hash` });
    }
    if (entry.seq > expected) {
      const missing = entry.seq - expected === 1 ? `entry ${expected} is missing` : `entries ${expected} to ${entry.seq - 1} are missing`;
      return fail({ kind: 'deleted', seq: expected, message: `${missing}: deleted from the trail` });
    }
    const wanted = last?.hash ?? GENESIS_HASH;
    if (entry.prevHash !== wanted) {
      const named = seqOfHash(entry.prevHash);
      if (named !== undefined) return fail({ kind: 'reordered', seq: entry.seq, message: `entry ${entry.seq} follows entry ${named}, not entry ${expected - 1}: the trail was reordered` });
      return fail({ kind: 'edited', seq: Math.max(1, expected - 1), message: `entry ${expected - 1} was rewritten with a new hash: entry ${entry.seq} still names the original` });
    }
    last = { seq: entry.seq, hash: entry.hash };
  }
  return { problem: null, entries: sorted.length, last };
}

export interface SourcedCheckpoint extends Checkpoint {
  source: string;
}

/**
 * Checks every checkpoint's signature, that none names an entry beyond the end of the trail, and
 * that the trail still holds the hash each one recorded. `hashAt` answers the stored hash of an
 * entry (undefined when there is none); `before` limits the last check to entries ahead of a
 * known chain problem (beyond it, mismatches are its consequences).
 */
export function verifyCheckpoints(checkpoints: SourcedCheckpoint[], publicKey: KeyObject, last: { seq: number } | null, hashAt: (seq: number) => string | undefined, before = Infinity): Problem[] {
  const problems: Problem[] = [];
  const trusted: SourcedCheckpoint[] = [];
  for (const checkpoint of checkpoints) {
    if (Number.isInteger(checkpoint.seq) && checkpointSignatureValid(publicKey, checkpoint)) trusted.push(checkpoint);
    else problems.push({ kind: 'forged-checkpoint', seq: Number.isInteger(checkpoint.seq) ? checkpoint.seq : null, message: `the checkpoint in ${checkpoint.source} (entry ${checkpoint.seq}) is not signed by the audit key: forged or altered` });
  }
  const lastSeq = last?.seq ?? 0;
  const newest = trusted.reduce<SourcedCheckpoint | null>((a, b) => (!a || b.seq > a.seq ? b : a), null);
  if (newest && newest.seq > lastSeq) {
    problems.push({ kind: 'truncated', seq: lastSeq + 1, message: `the checkpoint of ${newest.at} (${newest.source}) names entry ${newest.seq}, but the trail ends at entry ${lastSeq}: it was truncated` });
  }
  const checked = new Set<number>();
  for (const checkpoint of [...trusted].sort((a, b) => a.seq - b.seq)) {
    if (checkpoint.seq > lastSeq || checkpoint.seq >= before || checked.has(checkpoint.seq)) continue;
    checked.add(checkpoint.seq);
    const stored = hashAt(checkpoint.seq);
    if (stored !== undefined && stored !== checkpoint.hash) {
      problems.push({ kind: 'rewritten', seq: checkpoint.seq, message: `entry ${checkpoint.seq} is not the one the checkpoint of ${checkpoint.at} signed: the trail was rewritten up to there` });
      break;
    }
  }
  return problems;
}

export interface TrailReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  last: { seq: number; hash: string } | null;
  problems: Problem[];
}

/** The whole verification over entries already read. */
export function verifyTrail(entries: ChainedEntry[], checkpoints: SourcedCheckpoint[], publicKey: KeyObject): TrailReport {
  const chainResult = verifyChain(entries);
  const bySeq = new Map(entries.map((e) => [e.seq, e.hash]));
  const lastSeq = entries.reduce((max, e) => Math.max(max, e.seq), 0);
  const before = chainResult.problem?.seq ?? Infinity;
  const problems = [...(chainResult.problem ? [chainResult.problem] : []), ...verifyCheckpoints(checkpoints, publicKey, { seq: lastSeq }, (seq) => bySeq.get(seq), before)];
  return { ok: problems.length === 0, entries: entries.length, checkpoints: checkpoints.length, last: chainResult.last, problems };
}
