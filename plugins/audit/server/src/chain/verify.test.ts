import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chain, entryHash, fromRow, GENESIS_HASH, toRow, type AuditEvent, type ChainedEntry } from './entry';
import { checkpointLine, parseCheckpointLines, signCheckpoint, type Checkpoint } from './checkpoint';
import { verifyChain, verifyTrail, type SourcedCheckpoint } from './verify';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

function event(n: number): AuditEvent {
  return { actor: { kind: 'portal', userId: n % 3, role: 'prosecutor', agency: null }, action: n % 2 ? 'case.update' : 'case.read', target: { type: 'case', id: `doc${n}` }, outcome: 'success', fields: n % 2 ? ['title', 'priority'] : [], client: { address: '127.0.0.1', requestId: `req-${n}` } };
}

function trail(length: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (let n = 1; n <= length; n += 1) entries.push(chain(event(n), entries.at(-1) ?? null, new Date(Date.UTC(2026, 0, 1, 0, 0, n))));
  return entries;
}

const at = (entries: ChainedEntry[], seq: number) => entries.find((e) => e.seq === seq)!;
const sourced = (c: Checkpoint, source = 'table'): SourcedCheckpoint => ({ ...c, source });
const checkpointsOf = (entries: ChainedEntry[], ...seqs: number[]) => seqs.map((seq) => sourced(signCheckpoint(privateKey, at(entries, seq), new Date(Date.UTC(2026, 0, 1, 1, 0, seq)))));
const kinds = (entries: ChainedEntry[], checkpoints: SourcedCheckpoint[] = []) => verifyTrail(entries, checkpoints, publicKey).problems.map((p) => [p.kind, p.seq]);

describe('the hash chain', () => {
  it('links each entry to the one before, from a genesis hash of zeros', () => {
    const entries = trail(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    expect(entries[1].prevHash).toBe(entries[0].hash);
    expect(entries[2].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(entries[2])).toBe(entries[2].hash);
  });

  it('keeps field names sorted and unique, and survives a trip through the table', () => {
    const entry = chain({ ...event(1), fields: ['title', 'priority', 'title'] }, null, new Date(0));
    expect(entry.fields).toEqual(['priority', 'title']);
    expect(fromRow(toRow(entry))).toEqual(entry);
  });

  it('changes the hash when any covered field changes', () => {
    const [entry] = trail(1);
    for (const changed of [{ seq: 2 }, { at: '2026-01-01T00:00:02.000Z' }, { action: 'case.delete' }, { outcome: 'failure' }, { fields: ['summary'] }, { prevHash: 'f'.repeat(64) }, { actor: { ...entry.actor, role: 'chief-prosecutor' } }, { target: { type: 'case', id: 'other' } }, { client: { address: '10.0.0.1', requestId: 'req-1' } }]) {
      expect(entryHash({ ...entry, ...changed })).not.toBe(entry.hash);
    }
  });
});

describe('verifying a trail', () => {
  it('accepts an untouched trail with its checkpoints', () => {
    const entries = trail(20);
    const report = verifyTrail(entries, checkpointsOf(entries, 10, 20), publicKey);
    expect(report).toMatchObject({ ok: true, entries: 20, checkpoints: 2, problems: [] });
    expect(report.last?.seq).toBe(20);
  });

  it('names an edited entry', () => {
    const entries = trail(20);
    at(entries, 5).target = { type: 'case', id: 'someone-else' };
    expect(kinds(entries)).toEqual([['edited', 5]]);
  });

  it('names an entry rewritten with a recomputed hash by the entry after it', () => {
    const entries = trail(20);
    const tampered = { ...at(entries, 6), outcome: 'failure' };
    entries[5] = { ...tampered, hash: entryHash(tampered) };
    expect(kinds(entries)).toEqual([['edited', 6]]);
  });

  it('names a deleted entry, and a run of them', () => {
    expect(kinds(trail(20).filter((e) => e.seq !== 7))).toEqual([['deleted', 7]]);
    const problem = verifyChain(trail(20).filter((e) => e.seq < 7 || e.seq > 9)).problem!;
    expect(problem).toMatchObject({ kind: 'deleted', seq: 7 });
    expect(problem.message).toMatch(/entries 7 to 9 are missing/);
  });

  it('names a reordered trail: two entries that swapped sequence numbers', () => {
    const entries = trail(20);
    at(entries, 8).seq = -1;
    at(entries, 9).seq = 8;
    at(entries, -1).seq = 9;
    const [problem] = verifyTrail(entries, [], publicKey).problems;
    expect(problem).toMatchObject({ kind: 'reordered', seq: 8 });
    expect(problem.message).toMatch(/recorded as number 9/);
  });

  it('names a reordered trail whose moved entry was re-hashed but still names its old predecessor', () => {
    const entries = trail(20);
    // Entry 12 claims to follow entry 3: its own hash is recomputed, the link gives it away.
    const moved = { ...at(entries, 12), prevHash: at(entries, 3).hash };
    entries[11] = { ...moved, hash: entryHash(moved) };
    expect(kinds(entries)).toEqual([['reordered', 12]]);
  });

  it('names two entries with one sequence number', () => {
    const entries = trail(5);
    expect(kinds([...entries, { ...entries[4] }])).toEqual([['duplicated', 5]]);
  });

  it('names a truncated trail: the newest checkpoint is beyond its end', () => {
    const entries = trail(20);
    const checkpoints = checkpointsOf(entries, 10, 20);
    const [problem] = verifyTrail(entries.filter((e) => e.seq <= 15), checkpoints, publicKey).problems;
    expect(problem).toMatchObject({ kind: 'truncated', seq: 16 });
    expect(problem.message).toMatch(/names entry 20, but the trail ends at entry 15/);
  });

  it('names a forged checkpoint: another key, or a signed field changed', () => {
    const entries = trail(20);
    const [good] = checkpointsOf(entries, 10);
    const foreign = sourced(signCheckpoint(other.privateKey, at(entries, 20), new Date()), 'file:3');
    const altered = sourced({ ...good, seq: 30 }, 'file:4');
    const problems = verifyTrail(entries, [good, foreign, altered], publicKey).problems;
    expect(problems.map((p) => [p.kind, p.seq])).toEqual([['forged-checkpoint', 20], ['forged-checkpoint', 30]]);
    expect(problems[0].message).toMatch(/file:3/);
  });

  it('names a trail recomputed from an edit onwards, which only a checkpoint can catch', () => {
    const original = trail(20);
    const checkpoints = checkpointsOf(original, 10, 20);
    const rewritten: ChainedEntry[] = [];
    for (const entry of original) {
      const base = entry.seq === 4 ? { ...entry, action: 'case.delete' } : entry;
      rewritten.push(chain(base, rewritten.at(-1) ?? null, new Date(entry.at)));
    }
    expect(verifyChain(rewritten).problem).toBeNull();
    expect(kinds(rewritten, checkpoints)).toEqual([['rewritten', 10]]);
  });

  it('reads checkpoints back from the lines it writes, and names an unreadable line', () => {
    const entries = trail(10);
    const [checkpoint] = checkpointsOf(entries, 10);
    const parsed = parseCheckpointLines(`${checkpointLine(checkpoint)}not json\n`, 'day.jsonl');
    expect(parsed[0]).toEqual({ ...checkpoint, source: 'day.jsonl:1' });
    expect(kinds(entries, parsed)).toEqual([['forged-checkpoint', null]]);
  });

  it('verifies a trail read in parts, carrying the last entry across', () => {
    const entries = trail(30);
    const first = verifyChain(entries.slice(0, 12));
    const second = verifyChain(entries.slice(12), first.last);
    expect(second).toMatchObject({ problem: null, entries: 18, last: { seq: 30 } });
    expect(verifyChain(entries.slice(13), first.last).problem).toMatchObject({ kind: 'deleted', seq: 13 });
  });
});
