// npm run backup / restore / drill, run as an operator would, on SQLite and PostgreSQL: each on its
// own instance (booted here), since other test files alter the shared ones on purpose.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { bootTarget, postgresReachable, PG_URL, type RunningTarget } from '../support/server-harness.ts';
import { runScript } from '../support/scripts.ts';
import { ApiClient } from '../support/api-client.ts';
import { newCaseBody } from '../support/fixtures.ts';
import { userIds, queryRows } from '../support/db-facts.ts';
import { open } from '../../scripts/lib/backup/cipher.ts';
import { postgresFacts, sqliteFacts, withPg } from '../../scripts/lib/backup/database.ts';
import type { BackupResult } from '../../scripts/lib/backup/make.ts';

const names = (await postgresReachable()) ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
if (process.env.REQUIRE_PG === '1' && names.length < 2) throw new Error(`REQUIRE_PG=1 but PostgreSQL is not reachable at ${PG_URL.replace(/\/\/[^@]*@/, '//')}`);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

async function plaintextOf(file: string, key: Buffer): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of open(key, fs.createReadStream(file))) out.push(piece);
  return gunzipSync(Buffer.concat(out));
}

describe.each(names.map((n) => [n] as const))('backup and restore on %s', (name) => {
  let target: RunningTarget;
  let work: string;
  const key = randomBytes(32).toString('base64');
  let backup: BackupResult;
  const scratchDbs: string[] = [];

  /** An empty place to restore into: a new SQLite path or a new PostgreSQL database, and empty folders. */
  async function emptyTarget(label: string): Promise<Record<string, string>> {
    const dir = fs.mkdtempSync(path.join(work, `${label}-`));
    const env: Record<string, string> = { ...target.env, PETT_BACKUP_KEY: key, PETT_DATA_DIR: dir, PETT_PRIVATE_DIR: '', PETT_AUDIT_CHECKPOINT_DIR: '', DATABASE_FILENAME: path.join(dir, 'pett.db'), DATABASE_URL: '' };
    if (name === 'postgres') {
      const db = `pett_restore_${randomBytes(5).toString('hex')}`;
      await withPg(PG_URL, (c) => c.query(`CREATE DATABASE ${db}`));
      scratchDbs.push(db);
      const url = new URL(PG_URL);
      url.pathname = `/${db}`;
      env.DATABASE_URL = url.toString();
    }
    return env;
  }
  const countsOf = (env: Record<string, string>) => (name === 'postgres' ? withPg(env.DATABASE_URL, postgresFacts) : sqliteFacts(env.DATABASE_FILENAME)).then((f) => f.counts);
  const tableCount = async (env: Record<string, string>) => (name === 'postgres' ? withPg(env.DATABASE_URL, async (c) => Number((await c.query("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'")).rows[0].n)) : fs.existsSync(env.DATABASE_FILENAME) ? Object.keys(await countsOf(env)).length : 0);

  beforeAll(async () => {
    target = await bootTarget(name, { demoCases: 6 });
    work = fs.mkdtempSync(path.join(os.tmpdir(), `pett-backup-test-${name}-`));
    // An evidence item with a file, so the private folder has something to carry.
    const anonymous = new ApiClient(target);
    const investigator = await anonymous.as('investigador.demo');
    const fiscal = await anonymous.as('fiscal.demo1');
    const created = (await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso de la prueba de copias de seguridad (DEMO)') })).body.data;
    const ids = await userIds(target);
    expect((await fiscal.request('POST', `/api/cases/${created.documentId}/members`, { body: { data: { userId: ids.get('investigador.demo')!.id, teamRole: 'investigator' } } })).status).toBe(201);
    const investigatorDocumentId = (await queryRows<{ document_id: string }>(target, `select document_id from up_users where username = 'investigador.demo'`))[0].document_id;
    const item = await investigator.request('POST', `/api/cases/${created.documentId}/evidence`, { body: { data: { evidenceType: 'documento', description: 'Libreta (DEMO).', seizedAt: '2026-03-01T14:30:00-04:00', seizedWhere: 'Santiago (DEMO)', seizedBy: { agency: 'PN-TRATA', user: investigatorDocumentId }, condition: 'sellado-intacto' } } });
    expect(item.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PDF)]), 'acta.pdf');
    const up = await fetch(`${target.baseUrl}/api/cases/${created.documentId}/evidence/1/files`, { method: 'POST', headers: { authorization: `Bearer ${investigator.token}` }, body: form });
    expect(up.status).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await target?.stop();
    for (const db of scratchDbs) await withPg(PG_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes one encrypted file, named by UTC time, mode 0600, while the server runs', async () => {
    const run = await runScript<BackupResult>('backup', { ...target.env, PETT_BACKUP_KEY: key }, ['--json', '--out', path.join(work, 'backups')]);
    expect(run.status, run.output).toBe(0);
    backup = run.json!;
    expect(path.basename(backup.file)).toMatch(/^pett-backup-\d{8}T\d{6}Z\.pettbak$/);
    expect(fs.statSync(backup.file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(backup.file))).toEqual([path.basename(backup.file)]);
    expect(backup.counts.cases).toBeGreaterThan(0);
    expect(backup.files).toBeGreaterThanOrEqual(2); // the evidence file and at least one checkpoint file
    expect(fs.readFileSync(backup.file).subarray(0, 8).toString()).toBe('PETTBAK1');
    expect(fs.readFileSync(backup.file).includes(PDF.subarray(0, 40))).toBe(false);
    expect(fs.readFileSync(backup.file).includes(Buffer.from('evidence.privateDir'))).toBe(false);
  });

  it('carries the database, the evidence file and the checkpoints, and never a key', async () => {
    const plain = await plaintextOf(backup.file, Buffer.from(key, 'base64'));
    expect(plain.includes(PDF)).toBe(true);
    expect(plain.includes(Buffer.from('files/evidence.privateDir/evidence/'))).toBe(true);
    expect(plain.includes(Buffer.from('files/audit.checkpointDir/'))).toBe(true);
    const ring = JSON.parse(fs.readFileSync(target.env.PETT_VAULT_KEYRING_FILE, 'utf8')) as { keys: Record<string, string>; indexKey: string };
    for (const k of [...Object.values(ring.keys), ring.indexKey]) {
      expect(plain.includes(Buffer.from(k))).toBe(false);
      expect(plain.includes(Buffer.from(k, 'base64'))).toBe(false);
    }
    const auditKey = fs.readFileSync(target.env.PETT_AUDIT_KEY_FILE, 'utf8');
    expect(plain.includes(Buffer.from(auditKey.split('\n')[1]))).toBe(false);
    for (const secret of ['JWT_SECRET', 'PETT_TOTP_KEY', 'ENCRYPTION_KEY']) expect(plain.includes(Buffer.from(target.env[secret]))).toBe(false);
  });

  it('never carries a key ring that sits in a private folder, and stops when a copy of one is there', async () => {
    const privateDir = path.join(target.dir, 'private');
    const inside = path.join(privateDir, 'vault-keyring.json');
    fs.copyFileSync(target.env.PETT_VAULT_KEYRING_FILE, inside);
    fs.chmodSync(inside, 0o600);
    try {
      const out = path.join(work, 'backups-keyring-inside');
      const run = await runScript<BackupResult>('backup', { ...target.env, PETT_BACKUP_KEY: key, PETT_VAULT_KEYRING_FILE: inside }, ['--json', '--out', out]);
      expect(run.status, run.output).toBe(0);
      const plain = await plaintextOf(run.json!.file, Buffer.from(key, 'base64'));
      expect(plain.includes(fs.readFileSync(inside))).toBe(false);
      expect(plain.includes(Buffer.from('vault-keyring.json'))).toBe(true); // named among the excluded only
      expect(plain.includes(Buffer.from('files/evidence.privateDir/vault-keyring.json'))).toBe(false);

      // A copy under another name is caught by its content: no backup is written.
      const stray = path.join(privateDir, 'evidence', 'notes.json');
      fs.copyFileSync(target.env.PETT_VAULT_KEYRING_FILE, stray);
      try {
        const refused = await runScript('backup', { ...target.env, PETT_BACKUP_KEY: key }, ['--out', path.join(work, 'backups-stray')]);
        expect(refused.status).toBe(2);
        expect(refused.output).toMatch(/same content as .*vault-keyring\.json, a key that must never be in a backup/);
        expect(fs.readdirSync(path.join(work, 'backups-stray'))).toEqual([]);
      } finally {
        fs.rmSync(stray);
      }
    } finally {
      fs.rmSync(inside);
    }
  });

  it('refuses a backup with one byte changed, and restores nothing', async () => {
    const bad = path.join(work, 'tampered.pettbak');
    const bytes = fs.readFileSync(backup.file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x20;
    fs.writeFileSync(bad, bytes);
    const env = await emptyTarget('tampered');
    const run = await runScript('restore', env, [bad]);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toMatch(/does not authenticate/);
    expect(await tableCount(env)).toBe(0);
    expect(fs.readdirSync(env.PETT_DATA_DIR).filter((f) => !f.startsWith('.'))).toEqual([]);
    const wrongKey = await runScript('restore', { ...env, PETT_BACKUP_KEY: randomBytes(32).toString('base64') }, [backup.file]);
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.output).toMatch(/key does not open this backup/);
  });

  it('restores into an empty target: the same rows per table, the audit trail and custody chains verify', async () => {
    const env = await emptyTarget('restored');
    const run = await runScript('restore', env, [backup.file, '--json']);
    expect(run.status, run.output).toBe(0);
    expect(await countsOf(env)).toEqual(backup.counts);
    const evidenceDir = path.join(env.PETT_DATA_DIR, 'private', 'evidence');
    expect(fs.readdirSync(evidenceDir).some((f) => fs.readFileSync(path.join(evidenceDir, f)).equals(PDF))).toBe(true);
    const audit = await runScript<{ ok: boolean; entries: number }>('audit-verify', env, ['--json']);
    expect(audit.status, audit.output).toBe(0);
    expect(audit.json!.entries).toBeGreaterThan(0);
    const evidence = await runScript<{ ok: boolean; files: number }>('evidence-verify', env, ['--json']);
    expect(evidence.status, evidence.output).toBe(0);
    expect(evidence.json!.files).toBe(1);

    // The same target again is not empty any more: refused, and nothing changes.
    const again = await runScript('restore', env, [backup.file]);
    expect(again.status).toBe(1);
    expect(again.output).toMatch(/empty target only/);
  });

  it('refuses a target whose private folder already holds files', async () => {
    const env = await emptyTarget('busy-folder');
    fs.mkdirSync(path.join(env.PETT_DATA_DIR, 'private', 'evidence'), { recursive: true });
    fs.writeFileSync(path.join(env.PETT_DATA_DIR, 'private', 'evidence', 'leftover.pdf'), PDF);
    const run = await runScript('restore', env, [backup.file]);
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/already holds files/);
    expect(await tableCount(env)).toBe(0);
  });

  it('passes the drill and prints the RPO and RTO it observed', async () => {
    const run = await runScript('drill', { ...target.env, PETT_BACKUP_KEY: key }, []);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/RPO \d+(\.\d+)? s/);
    expect(run.output).toMatch(/RTO \d+(\.\d+)? s/);
    expect(run.output).toMatch(/rows per table/);
    expect(run.output).toMatch(/OK {2}sign-in of a demo prosecutor/);
    expect(run.output).toMatch(/DRILL PASSED/);
    expect(run.output).not.toMatch(/FAIL/);
  }, 300_000);

  it('answers liveness and readiness without authentication or personal data', async () => {
    const live = await fetch(`${target.baseUrl}/_live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'live' });
    const ready = await fetch(`${target.baseUrl}/_ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect((await fetch(`${target.baseUrl}/_ready`, { method: 'POST' })).status).toBe(405);
  });

  it.runIf(name === 'postgres')('answers 503 on /_ready (and still 200 on /_live) while the database is unreachable', async () => {
    const db = new URL(target.databaseUrl!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${db} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db]);
      const ready = await fetch(`${target.baseUrl}/_ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'database-unreachable' });
      expect((await fetch(`${target.baseUrl}/_live`)).status).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE ${db} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i += 1) {
      status = (await fetch(`${target.baseUrl}/_ready`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(status).toBe(200);
  });
});
