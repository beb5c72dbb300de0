// Retention on SQLite and PostgreSQL: `npm run audit:archive` moves old entries into an archive
// file ending at a signed checkpoint and deletes them in one transaction with its audit_archives
// row; verification then starts at that archive only while its file proves it; the database still
// refuses to remove an unarchived entry; and a forged audit_archives row, which does let a
// database administrator delete, is named by verification. The triggers of an earlier version
// are replaced at startup.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient } from '../support/api-client.ts';
import { executeSql, queryRows } from '../support/db-facts.ts';
import { bootTarget, PG_URL, type RunningTarget } from '../support/server-harness.ts';
import { appendOnlyPlan, EXISTING_OBJECTS_SQL } from '../../plugins/audit/server/src/chain/append-only.ts';
import { runScript } from '../support/scripts.ts';
import type { TrailReport } from '../../plugins/audit/server/src/chain/verify.ts';

const names = inject('apiTargets').map((t) => t.name);

type Archived = { archived: boolean; file?: string; fromSeq?: number; upto?: number; entries?: number; reason?: string; error?: string };

describe.each(names)('audit retention on %s', (name) => {
  let target: RunningTarget;
  let fiscal: ApiClient;
  let auditor: ApiClient;
  let caseId: string;
  const archive = (env: Record<string, string> = { PETT_AUDIT_RETENTION_DAYS: '0' }) => runScript<Archived>('audit-archive', { ...target.env, ...env }, ['--json']);
  const verify = () => runScript<TrailReport>('audit-verify', target.env, ['--json']);
  const scalar = async (sql: string) => Number(Object.values((await queryRows<Record<string, unknown>>(target, sql))[0])[0] ?? 0);
  const checkpointDir = () => path.join(target.dir, 'audit-checkpoints');

  /** Enough writes for the server to sign a checkpoint beyond `seq` (one every 50 entries here). */
  async function checkpointBeyond(seq: number) {
    for (let i = 0; i < 60 && (await scalar('select max(seq) as n from audit_checkpoints')) <= seq; i += 1) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => fiscal.request('PUT', `/api/cases/${caseId}`, { body: { data: { summary: `Resumen ficticio ${i}-${j}.` } } })));
    }
    await new Promise((r) => setTimeout(r, 300)); // the checkpoint line is written after its commit
  }

  beforeAll(async () => {
    target = await bootTarget(name, { demoCases: 3 });
    const anonymous = new ApiClient(target);
    [fiscal, auditor] = await Promise.all(['fiscal.demo1', 'auditor.demo'].map((u) => anonymous.as(u)));
    caseId = (await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba de la conservación (DEMO)') })).body.data.documentId;
  }, 240_000);

  afterAll(async () => {
    await target?.stop();
  });

  it('archives nothing while retention is off, and refuses a retention that is not a number of days', async () => {
    const off = await archive({ PETT_AUDIT_RETENTION_DAYS: '' });
    expect(off.status, off.output).toBe(0);
    expect(off.json).toMatchObject({ archived: false });
    const bad = await archive({ PETT_AUDIT_RETENTION_DAYS: 'diez' });
    expect(bad.status).toBe(2);
    expect(bad.output).toContain('PETT_AUDIT_RETENTION_DAYS');
    expect(await scalar('select count(*) as n from audit_archives')).toBe(0);
  });

  it('archives up to a signed checkpoint, deletes those entries, and the trail still verifies', async () => {
    await checkpointBeyond(0);
    const checkpoint = await scalar('select max(seq) as n from audit_checkpoints');
    const run = await archive();
    expect(run.status, run.output).toBe(0);
    expect(run.json).toMatchObject({ archived: true, fromSeq: 1, upto: checkpoint, entries: checkpoint });
    expect(fs.statSync(run.json!.file!).mode & 0o777).toBe(0o600);
    expect(await scalar('select min(seq) as n from audit_entries')).toBe(checkpoint + 1);
    expect(await queryRows(target, 'select from_seq, upto, file, entries from audit_archives')).toEqual([{ from_seq: 1, upto: checkpoint, file: path.basename(run.json!.file!), entries: checkpoint }]);

    const verdict = await verify();
    expect(verdict.status, verdict.output).toBe(0);
    const button = await auditor.request('POST', '/api/audit/verify');
    expect(button.status).toBe(200);
    expect(button.body.data).toMatchObject({ ok: true, problems: [] });
  });

  it('archives again from where the last archive ended', async () => {
    const [first] = await queryRows<{ upto: number }>(target, 'select upto from audit_archives');
    await checkpointBeyond(Number(first.upto));
    const run = await archive();
    expect(run.status, run.output).toBe(0);
    expect(run.json).toMatchObject({ archived: true, fromSeq: Number(first.upto) + 1 });
    expect((await verify()).status).toBe(0);
  });

  it('checks every archive with --archives, and names a lost older one that the table alone does not need', async () => {
    const [oldest] = await queryRows<{ file: string }>(target, 'select file from audit_archives order by upto');
    expect((await runScript('audit-verify', target.env, ['--json', '--archives'])).status).toBe(0);
    const file = path.join(checkpointDir(), oldest.file);
    fs.renameSync(file, `${file}.away`);
    expect((await verify()).status).toBe(0);
    const all = await runScript<TrailReport>('audit-verify', target.env, ['--json', '--archives']);
    expect(all.status, all.output).toBe(1);
    expect(all.json!.problems.map((p) => [p.kind, p.seq])).toEqual([['unproven-archive', 1]]);
    fs.renameSync(`${file}.away`, file);
  });

  it('still refuses to delete or change an entry the archives do not cover', async () => {
    // The last archive may end at the newest entry (a checkpoint falls on the head): write one more.
    expect((await fiscal.request('PUT', `/api/cases/${caseId}`, { body: { data: { summary: 'Resumen ficticio tras el archivo.' } } })).status).toBe(200);
    const upto = await scalar('select max(upto) as n from audit_archives');
    const next = await scalar(`select min(seq) as n from audit_entries where seq > ${upto}`);
    expect(next).toBe(upto + 1);
    await expect(executeSql(target, `delete from audit_entries where seq = ${next}`)).rejects.toThrow(/append-only/);
    await expect(executeSql(target, `update audit_entries set outcome = 'x' where seq = ${next}`)).rejects.toThrow(/append-only/);
    await expect(executeSql(target, 'delete from audit_archives')).rejects.toThrow(/append-only/);
    await expect(executeSql(target, 'update audit_archives set upto = upto + 100')).rejects.toThrow(/append-only/);
    expect(await scalar(`select count(*) as n from audit_entries where seq = ${next}`)).toBe(1);
  });

  it('says so when the archive file is missing, and verifies again once it is back', async () => {
    const [newest] = await queryRows<{ file: string; from_seq: number }>(target, 'select file, from_seq from audit_archives order by upto desc');
    const file = path.join(checkpointDir(), newest.file);
    fs.renameSync(file, `${file}.away`);
    const missing = await verify();
    expect(missing.status, missing.output).toBe(1);
    expect(missing.json!.problems.map((p) => [p.kind, p.seq])).toEqual([['unproven-archive', Number(newest.from_seq)]]);
    const button = await auditor.request('POST', '/api/audit/verify');
    expect(button.body.data.problems[0]).toMatchObject({ kind: 'unproven-archive', message: expect.stringContaining(newest.file) });
    fs.renameSync(`${file}.away`, file);
    expect((await verify()).status).toBe(0);
  });

  it('names a forged archive row that a database administrator used to delete entries', async () => {
    for (let i = 0; i < 5; i += 1) expect((await fiscal.request('PUT', `/api/cases/${caseId}`, { body: { data: { summary: `Resumen ficticio final ${i}.` } } })).status).toBe(200);
    const head = await scalar('select max(seq) as n from audit_entries');
    const [{ hash }] = await queryRows<{ hash: string }>(target, `select hash from audit_entries where seq = ${head - 2}`);
    const upto = await scalar('select max(upto) as n from audit_archives');
    expect(head - 2, 'entries beyond the last archive to forge over').toBeGreaterThan(upto);
    // The trigger trusts max(upto): with a forged row the database lets the rows below it go.
    await executeSql(target, `insert into audit_archives (from_seq, upto, hash, file, digest, entries, at) values (${upto + 1}, ${head - 2}, '${hash}', 'archive-${upto + 1}-${head - 2}.jsonl', '${'0'.repeat(64)}', ${head - 2 - upto}, '${new Date().toISOString()}')`);
    await executeSql(target, `delete from audit_entries where seq <= ${head - 2}`);
    const verdict = await verify();
    expect(verdict.status, verdict.output).toBe(1);
    expect(verdict.json!.problems[0]).toMatchObject({ kind: 'unproven-archive', seq: upto + 1 });
    expect(verdict.json!.problems[0].message).toContain(`entries ${upto + 1} to ${head - 2}`);
  });
});

describe.skipIf(!names.includes('postgres'))('the append-only triggers of an earlier version on postgres', () => {
  const url = new URL(PG_URL);
  url.pathname = `/pett_triggers_${randomBytes(4).toString('hex')}`;
  const scratch = { databaseUrl: url.toString() };
  const admin = (sql: string) => executeSql({ databaseUrl: PG_URL }, sql);
  const objectNames = async () => new Set((await queryRows<{ name: string }>(scratch, EXISTING_OBJECTS_SQL.postgres)).map((r) => r.name));

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${url.pathname.slice(1)}`);
    const old = 'pett_audit_refuse_change';
    await executeSql(scratch, `CREATE TABLE audit_entries (id serial PRIMARY KEY, seq integer, outcome text, target_type text, target_id text, actor_user_id integer, at text);
      CREATE TABLE audit_checkpoints (id serial PRIMARY KEY, seq integer);
      CREATE TABLE audit_archives (id serial PRIMARY KEY, from_seq integer, upto integer);
      INSERT INTO audit_entries (seq, outcome) VALUES (1, 'success'), (2, 'success'), (3, 'success');
      CREATE FUNCTION ${old}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME; END $$;
      CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION ${old}();
      CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION ${old}();`);
  });

  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${url.pathname.slice(1)} WITH (FORCE)`);
  });

  it('are replaced at startup, after which archived entries alone may be deleted', async () => {
    const plan = appendOnlyPlan('postgres', await objectNames());
    expect(plan.slice(0, 3).map((s) => s.name)).toEqual(['audit_entries_append_only', 'audit_entries_no_truncate', 'pett_audit_refuse_change']);
    await executeSql(scratch, plan.map((s) => s.sql).join(';\n'));
    expect(appendOnlyPlan('postgres', await objectNames())).toEqual([]);
    await expect(executeSql(scratch, 'DELETE FROM audit_entries WHERE seq = 1')).rejects.toThrow(/append-only: DELETE/);
    await executeSql(scratch, 'INSERT INTO audit_archives (from_seq, upto) VALUES (1, 2); DELETE FROM audit_entries WHERE seq <= 2');
    await expect(executeSql(scratch, 'DELETE FROM audit_entries WHERE seq = 3')).rejects.toThrow(/append-only/);
    await expect(executeSql(scratch, 'TRUNCATE audit_entries')).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(executeSql(scratch, "UPDATE audit_entries SET outcome = 'x'")).rejects.toThrow(/append-only: UPDATE/);
    expect(await queryRows(scratch, 'SELECT seq FROM audit_entries')).toEqual([{ seq: 3 }]);
  });
});
