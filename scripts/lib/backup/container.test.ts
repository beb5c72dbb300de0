import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkAgainstManifest, checkName, ContainerWriter, unpack, type Manifest } from './container.ts';

const manifestOf = (writer: ContainerWriter): Manifest => ({
  format: 'pett-backup/1', createdAt: '2026-11-29T16:00:00.000Z',
  database: { kind: 'sqlite', file: 'database/pett.db', counts: {}, newestWriteAt: null, auditHeadSeq: 0 },
  folders: {}, files: writer.files, excluded: [],
});

async function* from(parts: Iterable<Buffer>): AsyncGenerator<Buffer> {
  for (const p of parts) yield p;
}

function pack(files: Record<string, string>, tweak?: (m: Manifest) => Manifest): Buffer {
  const writer = new ContainerWriter();
  const out: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) out.push(...writer.bytes(name, Buffer.from(text)));
  const manifest = manifestOf(writer);
  out.push(...writer.manifest(tweak ? tweak(manifest) : manifest));
  return Buffer.concat(out);
}

const made: string[] = [];
const staging = () => made[made.push(fs.mkdtempSync(path.join(os.tmpdir(), 'pett-container-'))) - 1];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the backup container', () => {
  it('stages every file (0600) and answers the manifest, which then checks', async () => {
    const dir = staging();
    const unpacked = await unpack(from([pack({ 'database/pett.db': 'db', 'files/evidence.privateDir/evidence/a.pdf': 'pdf' })]), dir);
    expect(() => checkAgainstManifest(unpacked)).not.toThrow();
    const file = path.join(dir, 'files', 'evidence.privateDir', 'evidence', 'a.pdf');
    expect(fs.readFileSync(file, 'utf8')).toBe('pdf');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a file whose hash the manifest does not list, a missing file and an extra one', async () => {
    const edited = await unpack(from([pack({ 'database/pett.db': 'db', 'files/x/a': 'a' }, (m) => ({ ...m, files: m.files.map((f) => (f.name === 'files/x/a' ? { ...f, sha256: '0'.repeat(64) } : f)) }))]), staging());
    expect(() => checkAgainstManifest(edited)).toThrow(/files\/x\/a does not match its manifest hash/);
    const missing = await unpack(from([pack({ 'database/pett.db': 'db' }, (m) => ({ ...m, files: [...m.files, { name: 'files/x/b', size: 1, sha256: '0'.repeat(64) }] }))]), staging());
    expect(() => checkAgainstManifest(missing)).toThrow(/files\/x\/b is in the manifest but missing/);
    const extra = await unpack(from([pack({ 'database/pett.db': 'db', 'files/x/c': 'c' }, (m) => ({ ...m, files: m.files.filter((f) => f.name !== 'files/x/c') }))]), staging());
    expect(() => checkAgainstManifest(extra)).toThrow(/files\/x\/c is in the backup but not in its manifest/);
  });

  it('refuses names that could leave the staging folder, a cut record and a missing manifest', async () => {
    for (const bad of ['../etc/passwd', '/abs', 'a//b', 'a/./b', 'a\\b', '']) expect(() => checkName(bad)).toThrow(/unsafe file name/);
    const whole = pack({ 'database/pett.db': 'database bytes' });
    await expect(unpack(from([whole.subarray(0, 20)]), staging())).rejects.toThrow(/ends in the middle/);
    const writer = new ContainerWriter();
    await expect(unpack(from([...writer.bytes('database/pett.db', Buffer.from('x'))]), staging())).rejects.toThrow(/no manifest/);
  });
});
