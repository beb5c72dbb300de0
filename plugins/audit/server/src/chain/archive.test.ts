import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chain, type AuditEvent, type ChainedEntry } from './entry';
import { signCheckpoint } from './checkpoint';
import { ARCHIVE_FORMAT, archiveCheckpoint, archivedStart, archiveFileName, archiveText, checkArchiveLines, checkpointsInFolder, parseRetentionDays, verifyArchiveChain } from './archive';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519').privateKey;

const event = (n: number): AuditEvent => ({ actor: { kind: 'portal', userId: n, role: 'prosecutor', agency: null }, action: 'case.update', target: { type: 'case', id: `doc${n}` }, outcome: 'success', fields: ['title'], client: { address: null, requestId: `r${n}` } });
function trail(length: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  for (let n = 1; n <= length; n += 1) entries.push(chain(event(n), entries.at(-1) ?? null, new Date(Date.UTC(2026, 0, 1, 0, 0, n))));
  return entries;
}
const entries = trail(30);
const signedAt = (seq: number, key = privateKey, day = 2) => signCheckpoint(key, entries[seq - 1], new Date(Date.UTC(2026, 0, day)));
const point = (seq: number) => ({ seq, hash: entries[seq - 1].hash });
const checkArchive = (text: string, ...rest: [typeof publicKey, { upto: number; hash: string }?]) => checkArchiveLines(text.split('\n'), ...rest);

describe('audit archives', () => {
  it('proves a range that ends at a signed checkpoint, after the previous archive', async () => {
    const text = archiveText({ format: ARCHIVE_FORMAT, checkpoint: signedAt(20), previous: point(10) }, entries.slice(10, 20));
    const check = await checkArchive(text, publicKey, { upto: 20, hash: entries[19].hash });
    expect(check).toMatchObject({ ok: true, entries: 10 });
  });

  it('refuses an archive whose checkpoint another key signed, that stops short, or that was edited', async () => {
    const forged = archiveText({ format: ARCHIVE_FORMAT, checkpoint: signedAt(20, other), previous: null }, entries.slice(0, 20));
    expect(await checkArchive(forged, publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('not signed') });
    const short = archiveText({ format: ARCHIVE_FORMAT, checkpoint: signedAt(20), previous: null }, entries.slice(0, 19));
    expect(await checkArchive(short, publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('end at entry 19') });
    const edited = archiveText({ format: ARCHIVE_FORMAT, checkpoint: signedAt(20), previous: null }, entries.slice(0, 20)).replace('"doc7"', '"doc8"');
    expect(await checkArchive(edited, publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('entry 7 was edited') });
    const elsewhere = archiveText({ format: ARCHIVE_FORMAT, checkpoint: signedAt(20), previous: null }, entries.slice(0, 20));
    expect(await checkArchive(elsewhere, publicKey, { upto: 25, hash: entries[24].hash })).toMatchObject({ ok: false });
    expect(await checkArchive('not json\n', publicKey)).toMatchObject({ ok: false });
  });

  it('checks an archive longer than one batch, and names an edit in a later batch', async () => {
    const long = trail(25_000);
    const text = archiveText({ format: ARCHIVE_FORMAT, checkpoint: signCheckpoint(privateKey, long[24_999], new Date()), previous: null }, long);
    expect(await checkArchive(text, publicKey)).toMatchObject({ ok: true, entries: 25_000 });
    const edited = text.replace(`"requestId":"r23456"`, `"requestId":"r99999"`);
    expect(await checkArchive(edited, publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('entry 23456 was edited') });
  });

  it('starts verification at an archive only when its file is there and proves it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pett-archive-'));
    const row = { fromSeq: 1, upto: 20, hash: entries[19].hash, file: archiveFileName(1, 20), digest: '' };
    expect(await archivedStart(row, dir, publicKey)).toMatchObject({ start: point(20), problem: { kind: 'unproven-archive', seq: 1 } });
    fs.writeFileSync(path.join(dir, row.file), archiveText({ format: ARCHIVE_FORMAT, checkpoint: signedAt(20), previous: null }, entries.slice(0, 20)));
    expect(await archivedStart(row, dir, publicKey)).toEqual({ start: point(20), problem: null });
    // A row that claims more than the file holds (a forged row) is not proven by it.
    expect((await archivedStart({ ...row, upto: 25, hash: entries[24].hash }, dir, publicKey)).problem?.kind).toBe('unproven-archive');
    expect(await archivedStart(null, dir, publicKey)).toEqual({ start: null, problem: null });
    // Archives in the checkpoints folder are not read as checkpoint lines.
    fs.writeFileSync(path.join(dir, '2026-01-02.jsonl'), `${JSON.stringify(signedAt(20))}\n`);
    expect(checkpointsInFolder(dir).map((c) => c.seq)).toEqual([20]);
    fs.rmSync(dir, { recursive: true });
  });

  it('checks every archive back to the first entry, each starting where the one before ended', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pett-archives-'));
    const rows = [
      { fromSeq: 1, upto: 10, hash: entries[9].hash, file: archiveFileName(1, 10), digest: '' },
      { fromSeq: 11, upto: 20, hash: entries[19].hash, file: archiveFileName(11, 20), digest: '' },
    ];
    fs.writeFileSync(path.join(dir, rows[0].file), archiveText({ format: ARCHIVE_FORMAT, checkpoint: signedAt(10), previous: null }, entries.slice(0, 10)));
    fs.writeFileSync(path.join(dir, rows[1].file), archiveText({ format: ARCHIVE_FORMAT, checkpoint: signedAt(20), previous: point(10) }, entries.slice(10, 20)));
    expect(await verifyArchiveChain(rows, dir, publicKey)).toEqual([]);
    fs.rmSync(path.join(dir, rows[0].file));
    expect((await verifyArchiveChain(rows, dir, publicKey)).map((p) => [p.kind, p.seq])).toEqual([['unproven-archive', 1]]);
    // A row that skips entries between archives.
    expect((await verifyArchiveChain([{ ...rows[1], fromSeq: 12 }], dir, publicKey)).map((p) => p.seq)).toEqual([12]);
    fs.rmSync(dir, { recursive: true });
  });

  it('ends an archive at the newest trusted checkpoint signed before the cut-off and beyond the last archive', () => {
    const checkpoints = [signedAt(10, privateKey, 2), signedAt(20, privateKey, 3), signedAt(25, other, 3), signedAt(30, privateKey, 9)].map((c) => ({ ...c, source: 't' }));
    expect(archiveCheckpoint(checkpoints, publicKey, 0, new Date(Date.UTC(2026, 0, 5)))?.seq).toBe(20);
    expect(archiveCheckpoint(checkpoints, publicKey, 20, new Date(Date.UTC(2026, 0, 5)))).toBeNull();
    expect(archiveCheckpoint(checkpoints, publicKey, 0, new Date(Date.UTC(2026, 0, 2)))).toBeNull();
  });

  it('reads the retention setting: empty keeps everything, else whole days', () => {
    expect(parseRetentionDays(undefined)).toEqual({ days: null });
    expect(parseRetentionDays(' ')).toEqual({ days: null });
    expect(parseRetentionDays('365')).toEqual({ days: 365 });
    expect(parseRetentionDays('0')).toEqual({ days: 0 });
    for (const bad of ['-1', '1.5', 'diez', '1e3']) expect(parseRetentionDays(bad)).toMatchObject({ problem: expect.stringContaining('PETT_AUDIT_RETENTION_DAYS') });
  });
});
