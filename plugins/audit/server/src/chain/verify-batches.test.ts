import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chain, ENTRY_COLUMNS, fromPositionalRow, fromRow, toRow, type AuditEvent, type ChainedEntry } from './entry';
import { signCheckpoint } from './checkpoint';
import { verifyTrail, type SourcedCheckpoint } from './verify';
import { batchQuery, verifyInBatches, type BatchCursor, type KeyedRow } from './verify-batches';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');

function event(n: number): AuditEvent {
  return { actor: { kind: 'portal', userId: n % 4, role: 'prosecutor', agency: null }, action: 'case.update', target: { type: 'case', id: `doc${n % 5}` }, outcome: 'success', fields: ['title'], client: { address: '127.0.0.1', requestId: `req-${n}` } };
}

function trail(length: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (let n = 1; n <= length; n += 1) entries.push(chain(event(n), entries.at(-1) ?? null, new Date(Date.UTC(2026, 0, 1, 0, 0, n))));
  return entries;
}

/** A table in memory, read the way the SQL of batchQuery reads it. */
function table(entries: ChainedEntry[]): KeyedRow[] {
  return entries.map((e, i) => ({ ...toRow(e), id: i + 1 }));
}
function fetcher(rows: KeyedRow[]) {
  const sorted = [...rows].sort((a, b) => Number(a.seq) - Number(b.seq) || Number(a.id) - Number(b.id));
  let calls = 0;
  const fetch = async (after: BatchCursor | null, limit: number) => {
    calls += 1;
    return sorted.filter((r) => !after || Number(r.seq) > after.seq || (Number(r.seq) === after.seq && Number(r.id) > after.id)).slice(0, limit);
  };
  return { fetch, calls: () => calls };
}
const checkpointAt = (entries: ChainedEntry[], seq: number): SourcedCheckpoint => ({ ...signCheckpoint(privateKey, entries[seq - 1], new Date(Date.UTC(2026, 0, 2))), source: 'test' });
const kinds = async (rows: KeyedRow[], checkpoints: SourcedCheckpoint[] = [], start: { seq: number; hash: string } | null = null) => (await verifyInBatches(fetcher(rows).fetch, checkpoints, publicKey, { batchSize: 7, start })).problems.map((p) => [p.kind, p.seq]);

describe('verifying in batches', () => {
  it('reads a long trail a batch at a time and agrees with reading it whole', async () => {
    const entries = trail(50);
    const { fetch, calls } = fetcher(table(entries));
    const report = await verifyInBatches(fetch, [checkpointAt(entries, 21), checkpointAt(entries, 49)], publicKey, { batchSize: 7 });
    expect(report).toEqual(verifyTrail(entries, [checkpointAt(entries, 21), checkpointAt(entries, 49)], publicKey));
    expect(report.ok).toBe(true);
    expect(calls()).toBe(8);
  });

  it('reads positional rows (raw mode, rowMode array) exactly as named ones, tampering included', async () => {
    const entries = trail(40);
    const rows = table(entries);
    const positional = (keyed: KeyedRow[]) => keyed.map((r) => [r.id, ...ENTRY_COLUMNS.map((c) => r[c])]);
    for (const row of rows) expect(fromPositionalRow([row.id, ...ENTRY_COLUMNS.map((c) => row[c])])).toEqual(fromRow(row));
    const checkpoints = [checkpointAt(entries, 33)];
    const asArrays = (keyed: KeyedRow[]) => {
      const { fetch } = fetcher(keyed);
      return async (after: BatchCursor | null, limit: number) => positional(await fetch(after, limit));
    };
    expect(await verifyInBatches(asArrays(rows), checkpoints, publicKey, { batchSize: 7 })).toEqual(await verifyInBatches(fetcher(rows).fetch, checkpoints, publicKey, { batchSize: 7 }));
    const edited = rows.map((r) => (Number(r.seq) === 12 ? { ...r, target_id: 'otro' } : r));
    expect((await verifyInBatches(asArrays(edited), checkpoints, publicKey, { batchSize: 7 })).problems.map((p) => [p.kind, p.seq])).toEqual([['edited', 12]]);
  });

  it('names tampering that straddles two batches', async () => {
    const entries = trail(30);
    expect(await kinds(table(entries).filter((r) => Number(r.seq) !== 8))).toEqual([['deleted', 8]]);
    const swapped = table(entries).map((r) => (Number(r.seq) === 7 ? { ...r, seq: 8 } : Number(r.seq) === 8 ? { ...r, seq: 7 } : r));
    expect(await kinds(swapped)).toEqual([['reordered', 7]]);
    const twice = [...table(entries), { ...table(entries)[6], id: 99 }];
    expect(await kinds(twice)).toEqual([['duplicated', 7]]);
    const edited = table(entries).map((r) => (Number(r.seq) === 15 ? { ...r, outcome: 'failure' } : r));
    expect(await kinds(edited)).toEqual([['edited', 15]]);
  });

  it('still finds a truncation after a checkpoint when it reads in batches', async () => {
    const entries = trail(30);
    expect(await kinds(table(entries.slice(0, 25)), [checkpointAt(entries, 28)])).toEqual([['truncated', 26]]);
  });

  it('accepts a trail that starts after an archived checkpoint, and only after that one', async () => {
    const entries = trail(30);
    const rest = table(entries).filter((r) => Number(r.seq) > 20);
    const start = { seq: 20, hash: entries[19].hash };
    expect(await kinds(rest, [checkpointAt(entries, 20), checkpointAt(entries, 30)], start)).toEqual([]);
    expect(await kinds(rest)).toEqual([['deleted', 1]]);
    expect(await kinds(table(entries).filter((r) => Number(r.seq) > 22), [], start)).toEqual([['deleted', 21]]);
  });

  it('keys each batch on sequence number and row id', () => {
    expect(batchQuery(['seq', 'hash'], 'audit_entries', null, 10)).toEqual({ sql: 'SELECT id, seq, hash FROM audit_entries ORDER BY seq, id LIMIT ?', params: [10] });
    expect(batchQuery(['seq'], 't', { seq: 5, id: 9 }, 10).params).toEqual([5, 5, 9, 10]);
  });
});

describe('the fast canonical form of an entry', () => {
  it('is byte for byte the general canonical JSON of its payload', async () => {
    const { canonicalJson } = await import('./canonical-json');
    const { entryCanonicalJson, payloadOf } = await import('./entry');
    const odd: ChainedEntry[] = [
      ...trail(20),
      { ...trail(1)[0], actor: { kind: 'system', userId: null, role: null, agency: 'ÑAÑ "x"\\\n' }, target: { type: null, id: null }, client: { address: null, requestId: null }, fields: ['título', 'ü\u2028'], action: 'a"b' },
    ];
    for (const entry of odd) expect(entryCanonicalJson(entry)).toBe(canonicalJson(payloadOf(entry)));
  });
});
