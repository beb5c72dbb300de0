// npm run drill            backs up the configured instance, restores it into a scratch place (a
//                          temporary SQLite file, or a scratch PostgreSQL database created and
//                          dropped here), checks it, starts the server on it, and prints the RPO
//                          and RTO it observed
// npm run drill -- --json  the report as one JSON line
// Checks: PRAGMA integrity_check (PostgreSQL: amcheck when available, and a full read of every
// row), rows per table equal to the snapshot's, `npm run audit:verify` and `npm run evidence:verify`
// on the copy, then /_health, /_ready, a demo user's sign-in and the case list on a server running
// on the copy. The live instance is only read. Exit code 0 when every check passed, 1 when one
// failed, 2 when the drill could not run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ROOT } from './lib/paths.ts';
import { startServer, waitForHealth } from './lib/server.ts';
import { keyFiles, loadOperatorEnv } from './lib/backup/sources.ts';
import { databaseTarget, integrityCheckPostgres, integrityCheckSqlite, postgresFacts, redact, sqliteFacts, withPg, type DatabaseTarget } from './lib/backup/database.ts';
import { smokeCalls, type Check } from './lib/backup/smoke.ts';
import type { BackupResult } from './lib/backup/make.ts';

const asJson = process.argv.includes('--json');
const log = (line: string) => { if (!asJson) console.log(line); };

interface ChildRun { status: number | null; stdout: string; output: string }
function runScript(name: string, env: NodeJS.ProcessEnv, args: string[]): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${name}.ts`), ...args], { cwd: ROOT, env });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (c) => ((stdout += c), (output += c)));
    child.stderr.on('data', (c) => (output += c));
    child.once('exit', (status) => resolve({ status, stdout, output }));
  });
}
const lastJson = <T>(run: ChildRun): T | null => {
  try {
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as T;
  } catch {
    return null;
  }
};

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function diffCounts(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const out: string[] = [];
  for (const table of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (expected[table] !== actual[table]) out.push(`${table}: ${expected[table] ?? 'absent'} in the backup, ${actual[table] ?? 'absent'} restored`);
  }
  return out;
}

async function drill() {
  loadOperatorEnv();
  const live = databaseTarget();
  const keys = keyFiles();
  const scratch = fs.mkdtempSync(path.join(process.env.PETT_DRILL_DIR || os.tmpdir(), 'pett-drill-'));
  fs.chmodSync(scratch, 0o700);
  const checks: Check[] = [];
  const check = (name: string, problems: string[], detail = '') => {
    checks.push({ name, ok: problems.length === 0, detail: problems.length ? problems.slice(0, 5).join('; ') : detail });
    log(`[drill] ${problems.length ? 'FALLA / FAIL' : 'OK'}  ${name}${problems.length ? `: ${problems.slice(0, 5).join('; ')}` : detail ? `: ${detail}` : ''}`);
  };
  let scratchDb: DatabaseTarget;
  let dropScratch = async () => {};
  if (live.kind === 'postgres') {
    const name = `pett_drill_${randomBytes(6).toString('hex')}`;
    await withPg(live.url, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(live.url);
    url.pathname = `/${name}`;
    scratchDb = { kind: 'postgres', url: url.toString() };
    dropScratch = () => withPg(live.url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined);
  } else {
    scratchDb = { kind: 'sqlite', file: path.join(scratch, 'data', 'pett.db') };
  }
  const port = await freePort();
  const scratchEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: scratchDb.kind === 'postgres' ? scratchDb.url : '',
    DATABASE_FILENAME: scratchDb.kind === 'sqlite' ? scratchDb.file : '',
    PETT_DATA_DIR: path.join(scratch, 'data'),
    PETT_PRIVATE_DIR: '',
    PETT_AUDIT_CHECKPOINT_DIR: '',
    PETT_VAULT_KEYRING_FILE: keys.keyRing,
    PETT_AUDIT_KEY_FILE: keys.auditKey,
    PETT_RESTORE_EXPECT_UNDER: scratch,
    PETT_DEMO: 'false',
    SERVE_ADMIN_PANEL: 'false',
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  let server: ReturnType<typeof startServer> | null = null;
  try {
    log(`[drill] copia de / backing up ${live.kind === 'sqlite' ? live.file : redact(live.url)} ...`);
    const backupRun = await runScript('backup', process.env, ['--json', '--out', path.join(scratch, 'backups')]);
    const backup = lastJson<BackupResult>(backupRun);
    if (backupRun.status !== 0 || !backup) throw new Error(`the backup failed: ${backupRun.output.trim().slice(-1500)}`);
    check('backup', [], `${path.basename(backup.file)}, ${backup.bytes} bytes, ${backup.rows} rows, ${backup.files} files`);

    const restoreStarted = Date.now();
    const restoreRun = await runScript('restore', scratchEnv, [backup.file, '--json']);
    check('restore into an empty scratch target', restoreRun.status === 0 ? [] : [restoreRun.output.trim().slice(-1500)], scratchDb.kind === 'sqlite' ? scratchDb.file : redact(scratchDb.url));
    if (restoreRun.status !== 0) throw new Error('the restore failed');

    if (scratchDb.kind === 'sqlite') {
      check('PRAGMA integrity_check + foreign_key_check', integrityCheckSqlite(scratchDb.file));
      check('rows per table', diffCounts(backup.counts, (await sqliteFacts(scratchDb.file)).counts), `${Object.keys(backup.counts).length} tables, ${backup.rows} rows`);
    } else {
      const { problems, amcheck } = await integrityCheckPostgres(scratchDb.url);
      check(`PostgreSQL check (${amcheck ? 'amcheck bt_index_check + ' : ''}full read of every table)`, problems);
      check('rows per table', diffCounts(backup.counts, (await withPg(scratchDb.url, postgresFacts)).counts), `${Object.keys(backup.counts).length} tables, ${backup.rows} rows`);
    }
    const audit = await runScript('audit-verify', scratchEnv, ['--json']);
    const auditReport = lastJson<{ ok: boolean; entries: number; problems: Array<{ kind: string; message: string }> }>(audit);
    check('audit trail (npm run audit:verify)', audit.status === 0 ? [] : auditReport?.problems.map((p) => `${p.kind}: ${p.message}`) ?? [audit.output.trim().slice(-800)], auditReport ? `${auditReport.entries} entries` : '');
    const evidence = await runScript('evidence-verify', scratchEnv, ['--json']);
    const evidenceReport = lastJson<{ ok: boolean; items: number; events: number; files: number; problems: Array<{ kind: string; message: string }> }>(evidence);
    check('custody chains and evidence files (npm run evidence:verify)', evidence.status === 0 ? [] : evidenceReport?.problems.map((p) => `${p.kind}: ${p.message}`) ?? [evidence.output.trim().slice(-800)], evidenceReport ? `${evidenceReport.items} items, ${evidenceReport.events} custody records, ${evidenceReport.files} files` : '');

    const serverEnv = Object.fromEntries(Object.entries(scratchEnv).filter((e): e is [string, string] => typeof e[1] === 'string'));
    server = startServer(serverEnv);
    const serverLog = fs.createWriteStream(path.join(scratch, 'server.log'));
    server.stdout?.pipe(serverLog);
    server.stderr?.pipe(serverLog);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(baseUrl, server, 180_000);
    const rtoSeconds = (Date.now() - restoreStarted) / 1000;
    for (const smoke of await smokeCalls(baseUrl, backup.counts)) check(smoke.name, smoke.ok ? [] : [smoke.detail], smoke.ok ? smoke.detail : '');

    const ok = checks.every((c) => c.ok);
    const report = { ok, database: live.kind, backup: path.basename(backup.file), backupBytes: backup.bytes, newestWriteAt: backup.newestWriteAt, backupAt: backup.createdAt, rpoSeconds: backup.rpoSeconds, rtoSeconds, checks };
    log(`[drill] RPO ${backup.rpoSeconds === null ? '-' : `${backup.rpoSeconds.toFixed(1)} s`} (escritura más reciente / newest write ${backup.newestWriteAt ?? '-'}, copia / backup ${backup.createdAt})`);
    log(`[drill] RTO ${rtoSeconds.toFixed(1)} s (del inicio de la restauración al servidor sano / from the start of the restore to a healthy server)`);
    log(`[drill] ${ok ? 'SIMULACRO SUPERADO / DRILL PASSED' : 'SIMULACRO FALLIDO / DRILL FAILED'}`);
    if (asJson) console.log(JSON.stringify(report));
    return ok;
  } finally {
    if (server && server.exitCode === null) {
      const stopped = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server!.kill('SIGKILL'), 10_000);
      await stopped;
      clearTimeout(timer);
    }
    await dropScratch().catch(() => undefined);
    if (!process.env.PETT_DRILL_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

drill()
  .then((ok) => process.exit(ok ? 0 : 1))
  .catch((error: Error) => {
    console.error(`[drill] no se pudo completar / could not complete: ${error.message}`);
    process.exit(2);
  });
