// Shared by the deadline-alert API tests: boot a server whose alert job ticks every two seconds,
// plant case deadlines straight in the database, and wait for the job's next run.
import { randomBytes } from 'node:crypto';
import { bootTarget, type RunningTarget, type TestTarget } from '../support/server-harness.ts';
import { executeSql, queryRows } from '../support/db-facts.ts';

type Db = Pick<TestTarget, 'databaseFile' | 'databaseUrl'>;

/** The alert job's environment for a test server: a tick every 2 s, the catch-up 1 s after start. */
export const FAST_ALERTS_ENV = { PETT_ALERTS_CRON: '*/2 * * * * *', PETT_ALERTS_STARTUP_DELAY_SECONDS: '1', PETT_ALERTS_RETRY_MINUTES: '0.05' };

/** bootTarget passes the test process's environment on to the server: set the job's for the boot. */
export async function bootWithFastAlerts(name: TestTarget['name'], demoCases = 12): Promise<RunningTarget> {
  const saved = Object.fromEntries(Object.keys(FAST_ALERTS_ENV).map((k) => [k, process.env[k]]));
  Object.assign(process.env, FAST_ALERTS_ENV);
  try {
    const target = await bootTarget(name, { demoCases });
    return { ...target, env: { ...target.env, ...FAST_ALERTS_ENV } };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export const officeToday = (now = new Date()) => new Date(now.getTime() - 4 * 3600_000).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The last instant of an office day (23:59:59.999 in Santo Domingo). */
export const endOfOfficeDay = (day: string) => new Date(Date.parse(`${addDays(day, 1)}T03:59:59.999Z`));

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** A datetime literal as Strapi stores it: epoch milliseconds on SQLite, a timestamp on PostgreSQL. */
const instant = (db: Db, d: Date) => (db.databaseUrl ? quote(d.toISOString()) : String(d.getTime()));

export interface PlantedDeadline { caseId: number; ruleName: string; due: string; dueAt: Date; warnFrom: string; status?: 'open' | 'met' | 'cancelled' }

let nextId = 900_000 + Math.floor(Math.random() * 50_000);

/** Inserts a case deadline row and its case link; returns its document id. */
export async function plantDeadline(db: Db, d: PlantedDeadline): Promise<{ id: number; documentId: string }> {
  nextId += 1;
  const id = nextId;
  const documentId = `t${randomBytes(12).toString('hex').slice(0, 23)}`;
  const now = new Date();
  const bool = (b: boolean) => (db.databaseUrl ? String(b) : b ? '1' : '0');
  await executeSql(db, `INSERT INTO case_deadlines (id, document_id, rule_key, rule_name, law, article, event, event_at, due, due_at, warn_from, status, alert, source, stage, needs_legal_confirmation, is_demo, created_at, updated_at, published_at)
    VALUES (${id}, ${quote(documentId)}, 'test-rule', ${quote(d.ruleName)}, 'Código Procesal Penal (ficticio para pruebas)', '150', 'test-event', ${instant(db, new Date(now.getTime() - 30 * 86_400_000))},
      ${quote(d.due)}, ${instant(db, d.dueAt)}, ${quote(d.warnFrom)}, ${quote(d.status ?? 'open')}, 'none', 'test:planted', 'investigation', ${bool(false)}, ${bool(true)}, ${instant(db, now)}, ${instant(db, now)}, ${instant(db, now)})`);
  await executeSql(db, `INSERT INTO case_deadlines_case_lnk (case_deadline_id, case_id) VALUES (${id}, ${d.caseId})`);
  return { id, documentId };
}

export interface LeaseRow { run_key: string | null; holder: string | null; run_count: number; finished_at: unknown; locked_until: unknown }

export async function lease(db: Db): Promise<LeaseRow | null> {
  const rows = await queryRows<LeaseRow>(db, `SELECT run_key, holder, run_count, finished_at, locked_until FROM job_leases WHERE name = 'deadline-alerts'`);
  return rows[0] ? { ...rows[0], run_count: Number(rows[0].run_count) } : null;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits for the startup catch-up run, so later resets see a finished lease. */
export async function waitForFirstRun(db: Db): Promise<LeaseRow> {
  return waitFor('the first alert run', async () => {
    const row = await lease(db);
    return row && row.run_key === officeToday() && row.finished_at != null ? row : null;
  }, 60_000);
}

/** Makes the stored run look like yesterday's, then waits until one run for today has finished. */
export async function forceNextRun(db: Db): Promise<LeaseRow> {
  const before = await waitForFirstRun(db);
  await executeSql(db, `UPDATE job_leases SET run_key = '2000-01-01' WHERE name = 'deadline-alerts'`);
  return waitFor('a forced alert run', async () => {
    const row = await lease(db);
    return row && row.run_key === officeToday() && row.finished_at != null && row.run_count > before.run_count ? row : null;
  });
}
