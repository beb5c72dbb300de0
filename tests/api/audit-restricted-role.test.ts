// The application under the restricted PostgreSQL role of docs/audit.md: on a scratch database the
// audit tables are handed to an owner role and the application's role keeps SELECT and INSERT on
// them only. The whole server starts as that role, its writes are still audited, and the role can
// neither change nor remove audit rows, even with the triggers gone: it does not own the tables.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCaseBody } from '../support/fixtures.ts';
import { ApiClient } from '../support/api-client.ts';
import { executeSql, queryRows } from '../support/db-facts.ts';
import { bootTarget, freePort, PG_URL, postgresReachable, type RunningTarget } from '../support/server-harness.ts';
import { runScript } from '../support/scripts.ts';
import { startServer, waitForHealth } from '../../scripts/lib/server.ts';

const reachable = await postgresReachable();
const where = PG_URL.replace(/\/\/[^@]*@/, '//');
if (!reachable) {
  if (process.env.REQUIRE_PG === '1') throw new Error(`REQUIRE_PG=1 but PostgreSQL is not reachable at ${where}: the restricted-role test cannot run`);
  console.log(`[api] PostgreSQL not reachable at ${where}: the restricted-role audit test is skipped.`);
}

const tag = randomBytes(4).toString('hex');
const APP = `pett_app_${tag}`;
const OWNER = `pett_audit_owner_${tag}`;

/** The setup of docs/audit.md, for the application role APP and the owner role OWNER. */
const restrict = `
  CREATE ROLE ${OWNER} NOLOGIN;
  ALTER TABLE audit_entries OWNER TO ${OWNER};
  ALTER TABLE audit_checkpoints OWNER TO ${OWNER};
  ALTER TABLE audit_archives OWNER TO ${OWNER};
  ALTER FUNCTION pett_audit_guard() OWNER TO ${OWNER};
  REVOKE ALL ON audit_entries, audit_checkpoints, audit_archives FROM ${APP};
  GRANT SELECT, INSERT ON audit_entries, audit_checkpoints TO ${APP};
  GRANT SELECT ON audit_archives TO ${APP};
  GRANT USAGE ON SEQUENCE audit_entries_id_seq, audit_checkpoints_id_seq TO ${APP};`;

/** Everything else belongs to the application's role, as on a normal installation. */
const appOwnsTheRest = `
  CREATE ROLE ${APP} LOGIN;
  GRANT USAGE, CREATE ON SCHEMA public TO ${APP};
  DO $$ DECLARE t record; BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
      EXECUTE format('ALTER TABLE %I OWNER TO ${APP}', t.tablename);
    END LOOP;
  END $$;`;

describe.skipIf(!reachable)('the server under the restricted PostgreSQL role', () => {
  let target: RunningTarget;
  let server: ReturnType<typeof startServer>;
  let appUrl: string;
  let baseUrl: string;

  /** Runs SQL as the application's role; resolves to the error message, or null when it succeeded. */
  async function asApp(sql: string): Promise<string | null> {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      await client.query(sql);
      return null;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    target = await bootTarget('postgres', { demoCases: 2 });
    await target.stopServer();
    await executeSql(target, appOwnsTheRest + restrict);
    const url = new URL(target.databaseUrl!);
    url.username = APP;
    url.password = '';
    appUrl = url.toString();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = startServer({ ...target.env, DATABASE_URL: appUrl, PORT: String(port), PETT_DEMO: 'false' });
    const log = fs.createWriteStream(path.join(target.dir, 'server-restricted.log'));
    server.stdout?.pipe(log);
    server.stderr?.pipe(log);
    await waitForHealth(baseUrl, server, 180_000);
  }, 240_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      await new Promise<void>((resolve) => {
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      });
    }
    await target?.stop();
    if (reachable) {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${APP}; DROP ROLE IF EXISTS ${OWNER}`).finally(() => admin.end());
    }
  });

  it('starts, and still audits writes and sign-ins made through it', async () => {
    const start = Number((await queryRows<{ n: number }>(target, 'select max(seq) as n from audit_entries'))[0].n);
    const fiscal = await new ApiClient({ ...target, baseUrl }).as('fiscal.demo1', { fresh: true });
    const created = await fiscal.request('POST', '/api/cases', { body: newCaseBody('Caso de prueba del rol restringido (DEMO)') });
    expect(created.status).toBe(201);
    const actions = (await queryRows<{ action: string; target_id: string }>(target, `select action, target_id from audit_entries where seq > ${start} order by seq`));
    expect(actions).toContainEqual({ action: 'sign-in', target_id: expect.any(String) });
    expect(actions).toContainEqual({ action: 'case.create', target_id: created.body.data.documentId });
  });

  it('cannot update, delete, truncate or re-own the audit tables, nor forge an archive', async () => {
    for (const sql of ["UPDATE audit_entries SET outcome = 'x' WHERE seq = 1", 'DELETE FROM audit_entries WHERE seq = 1', 'TRUNCATE audit_entries', 'DELETE FROM audit_checkpoints', 'DROP TRIGGER audit_entries_guard ON audit_entries', 'ALTER TABLE audit_entries DISABLE TRIGGER ALL', `INSERT INTO audit_archives (from_seq, upto, hash, file, digest, entries, at) VALUES (1, 1, 'x', 'x', 'x', 1, 'x')`]) {
      expect(await asApp(sql), sql).toMatch(/permission denied|must be owner/);
    }
  });

  it('cannot archive either: retention runs as a member of the owner role, and then works', async () => {
    const before = Number((await queryRows<{ n: number }>(target, 'select count(*) as n from audit_entries'))[0].n);
    const refused = await runScript<{ archived: boolean; error?: string }>('audit-archive', { ...target.env, DATABASE_URL: appUrl, PETT_AUDIT_RETENTION_DAYS: '0' }, ['--json']);
    expect(refused.status, refused.output).toBe(2);
    expect(refused.json?.error).toMatch(/permission denied/);
    expect(Number((await queryRows<{ n: number }>(target, 'select count(*) as n from audit_entries'))[0].n)).toBeGreaterThanOrEqual(before);
    // The operator's run, as a member of the owner role, replaces the file the refused run left.
    await executeSql(target, `GRANT ${OWNER} TO ${APP}`);
    const done = await runScript<{ archived: boolean; upto: number }>('audit-archive', { ...target.env, DATABASE_URL: appUrl, PETT_AUDIT_RETENTION_DAYS: '0' }, ['--json']);
    await executeSql(target, `REVOKE ${OWNER} FROM ${APP}`);
    expect(done.status, done.output).toBe(0);
    expect(done.json).toMatchObject({ archived: true });
    const verdict = await runScript<{ ok: boolean }>('audit-verify', { ...target.env, DATABASE_URL: appUrl }, ['--json']);
    expect(verdict.status, verdict.output).toBe(0);
  });

  it('still cannot change them once a superuser has dropped the triggers', async () => {
    await executeSql(target, 'DROP TRIGGER audit_entries_guard ON audit_entries; DROP TRIGGER audit_entries_guard_truncate ON audit_entries');
    const count = async () => Number((await queryRows<{ n: number }>(target, 'select count(*) as n from audit_entries'))[0].n);
    const before = await count();
    for (const sql of ["UPDATE audit_entries SET outcome = 'x'", 'DELETE FROM audit_entries', 'TRUNCATE audit_entries']) {
      expect(await asApp(sql), sql).toMatch(/permission denied/);
    }
    expect(await count()).toBe(before);
  });
});
