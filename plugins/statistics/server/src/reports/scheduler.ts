// Runs each enabled report schedule on its cron expression (node-cron) in every process, each tick
// under the database job lease keyed by schedule and tick, so with several processes on one
// database exactly one of them makes the snapshot. Schedules edited in the admin panel are picked
// up at once in the process that saved them and by a periodic re-read in the others. The
// retention sweep runs on its own cron under a lease too. Logs carry ids and counts only.
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { claimRun, ensureLeaseRow, ensureLeaseSchema, finishRun, PROCESS_HOLDER } from '@pett/workflow/dist/server/alerts/lease';
import { currentActor, currentClient } from '@pett/audit/dist/server/services/request-facts';
import type { TrailService } from '@pett/audit/dist/server/services/trail';
import type { ReportsService, ScheduleRow } from '../services/reports';

export const SWEEP_JOB = 'report-retention';
export const scheduleJob = (documentId: string) => `report:${documentId}`;

export interface ReportScheduleSettings { enabled: boolean; timezone: string; reloadMs: number; sweepCron: string; leaseMs: number }

/**
 * PETT_CRON=off: no scheduled job in this process. PETT_REPORTS_TIMEZONE (America/Santo_Domingo):
 * the zone cron expressions are read in. PETT_REPORTS_RELOAD_SECONDS (60): how often the schedules
 * are read again. PETT_REPORTS_SWEEP_CRON ("17 * * * *"): when expired snapshots are removed.
 */
export function reportScheduleSettings(env: Record<string, string | undefined>): ReportScheduleSettings {
  const reload = Number(env.PETT_REPORTS_RELOAD_SECONDS || 60);
  if (!Number.isFinite(reload) || reload < 1) throw new Error(`PETT_REPORTS_RELOAD_SECONDS must be a number of at least 1, got "${env.PETT_REPORTS_RELOAD_SECONDS}"`);
  const sweepCron = (env.PETT_REPORTS_SWEEP_CRON ?? '').trim() || '17 * * * *';
  if (!cron.validate(sweepCron)) throw new Error(`PETT_REPORTS_SWEEP_CRON is not a valid cron expression: "${sweepCron}"`);
  return { enabled: (env.PETT_CRON ?? '').trim().toLowerCase() !== 'off', timezone: (env.PETT_REPORTS_TIMEZONE ?? '').trim() || 'America/Santo_Domingo', reloadMs: reload * 1000, sweepCron, leaseMs: 30 * 60_000 };
}

interface State { tasks: Map<string, { cron: string; task: ScheduledTask }>; sweep: ScheduledTask | null; timer: NodeJS.Timeout | null; running: Set<Promise<unknown>>; stopped: boolean; settings: ReportScheduleSettings | null }
const state: State = { tasks: new Map(), sweep: null, timer: null, running: new Set(), stopped: true, settings: null };

const reports = (strapi: Core.Strapi) => strapi.plugin('statistics').service('reports') as ReportsService;
/** A scheduled run or a retention sweep on the audit trail, as the system. */
const audit = (strapi: Core.Strapi, action: string, target: { type: string; id: string | null }, outcome: string, fields: string[]) =>
  (strapi.plugin('audit').service('trail') as TrailService).append({ actor: currentActor(strapi), action, target, outcome, fields, client: currentClient(strapi) });

function track<T>(promise: Promise<T>): Promise<T> {
  state.running.add(promise);
  void promise.finally(() => state.running.delete(promise)).catch(() => undefined);
  return promise;
}

/** One tick of one schedule: claims (schedule, tick) and, when this process wins, runs it. Never throws. */
export async function runTick(strapi: Core.Strapi, documentId: string, tick: Date, leaseMs = 30 * 60_000): Promise<'ran' | 'skipped' | 'failed'> {
  const knex = strapi.db.connection;
  const job = scheduleJob(documentId);
  const runKey = tick.toISOString();
  try {
    await ensureLeaseRow(knex, job);
    if (!(await claimRun(knex, job, runKey, PROCESS_HOLDER, leaseMs))) return 'skipped';
    // Read again at the tick: a schedule disabled or deleted since the last reload does not run.
    const row = await reports(strapi).findSchedule(documentId);
    if (!row || !row.enabled) {
      await finishRun(knex, job, runKey, PROCESS_HOLDER, 'skipped: disabled');
      return 'skipped';
    }
    const snapshot = await reports(strapi).runSchedule(row, { runKey, by: 'schedule', now: tick });
    await finishRun(knex, job, runKey, PROCESS_HOLDER, `${snapshot.status} ${snapshot.documentId}`);
    await audit(strapi, 'report.run', { type: 'report-schedule', id: documentId }, snapshot.status === 'ready' ? 'success' : 'failure', [`snapshot:${snapshot.documentId}`, `tick:${runKey}`]);
    strapi.log.info(`[reports] schedule ${documentId} tick ${runKey} by ${PROCESS_HOLDER}: snapshot ${snapshot.documentId} ${snapshot.status}`);
    await sweepOnce(strapi, new Date());
    return snapshot.status === 'ready' ? 'ran' : 'failed';
  } catch (error) {
    await finishRun(knex, job, runKey, PROCESS_HOLDER, `failed: ${(error as Error).message}`).catch(() => undefined);
    strapi.log.error(`[reports] schedule ${documentId} tick ${runKey} failed: ${(error as Error).message}`);
    return 'failed';
  }
}

/** The retention sweep under its lease (one process per run key). Never throws. */
export async function sweepOnce(strapi: Core.Strapi, at: Date): Promise<number | null> {
  const knex = strapi.db.connection;
  const runKey = at.toISOString();
  try {
    await ensureLeaseRow(knex, SWEEP_JOB);
    if (!(await claimRun(knex, SWEEP_JOB, runKey, PROCESS_HOLDER, 10 * 60_000))) return null;
    const removed = await reports(strapi).sweepExpired(at);
    await finishRun(knex, SWEEP_JOB, runKey, PROCESS_HOLDER, `expired ${removed.length}`);
    for (const id of removed) await audit(strapi, 'report.expire', { type: 'report-snapshot', id }, 'success', ['files']);
    if (removed.length) strapi.log.info(`[reports] retention: ${removed.length} snapshot(s) expired, their files deleted`);
    return removed.length;
  } catch (error) {
    await finishRun(knex, SWEEP_JOB, runKey, PROCESS_HOLDER, `failed: ${(error as Error).message}`).catch(() => undefined);
    strapi.log.error(`[reports] retention sweep failed: ${(error as Error).message}`);
    return null;
  }
}

/** Makes this process's cron tasks match the enabled schedules in the database. */
export async function reloadReportSchedules(strapi: Core.Strapi): Promise<void> {
  const settings = state.settings;
  if (state.stopped || !settings) return;
  let rows: ScheduleRow[];
  try {
    rows = await reports(strapi).enabledSchedules();
  } catch (error) {
    strapi.log.error(`[reports] could not read the schedules: ${(error as Error).message}`);
    return;
  }
  const wanted = new Map(rows.filter((r) => typeof r.cron === 'string' && cron.validate(r.cron.trim())).map((r) => [r.documentId, r.cron.trim()]));
  for (const [documentId, entry] of state.tasks) {
    if (wanted.get(documentId) === entry.cron) continue;
    await entry.task.destroy();
    state.tasks.delete(documentId);
  }
  for (const [documentId, expression] of wanted) {
    if (state.tasks.has(documentId) || state.stopped) continue;
    const task = cron.schedule(expression, (context) => track(runTick(strapi, documentId, context.date, settings.leaseMs)), { timezone: settings.timezone, name: scheduleJob(documentId), noOverlap: true });
    state.tasks.set(documentId, { cron: expression, task });
    strapi.log.info(`[reports] schedule ${documentId} "${expression}" (${settings.timezone}); holder ${PROCESS_HOLDER}`);
  }
}

/** Schedules the reports once the HTTP server listens (scripts that only load the app never run them). */
export async function startReportSchedules(strapi: Core.Strapi, env: Record<string, string | undefined> = process.env): Promise<void> {
  await ensureLeaseSchema(strapi.db.connection);
  const settings = reportScheduleSettings(env);
  if (!settings.enabled) {
    strapi.log.info('[reports] scheduled reports are off in this process (PETT_CRON=off)');
    return;
  }
  state.settings = settings;
  strapi.server.httpServer.once('listening', () => {
    state.stopped = false;
    void reloadReportSchedules(strapi);
    state.sweep = cron.schedule(settings.sweepCron, (context) => track(sweepOnce(strapi, context.date)), { timezone: settings.timezone, name: SWEEP_JOB, noOverlap: true });
    state.timer = setInterval(() => void reloadReportSchedules(strapi), settings.reloadMs);
    state.timer.unref();
  });
}

export async function stopReportSchedules(): Promise<void> {
  state.stopped = true;
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
  for (const entry of state.tasks.values()) await entry.task.destroy();
  state.tasks.clear();
  if (state.sweep) await state.sweep.destroy();
  state.sweep = null;
  await Promise.allSettled([...state.running]);
}
