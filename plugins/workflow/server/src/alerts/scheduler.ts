// Runs the deadline alerts daily (node-cron) and once at startup when today's run has not happened,
// always under the job lease, so several processes on one database make one run a day.
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { CALENDAR_FEED_UID, CASE_DEADLINE_UID, NOTIFICATION_UID } from '../uids';
import { officeToday } from './alert-state';
import type { AlertsService } from './alerts-service';
import { claimRun, ensureLeaseRow, ensureLeaseSchema, finishRun, PROCESS_HOLDER, releaseRun } from './lease';
import { alertScheduleSettings, type AlertScheduleSettings } from './schedule-settings';
import { tableOf } from './tables';

export const ALERTS_JOB = 'deadline-alerts';

export type RunOutcome = { kind: 'ran'; runKey: string } | { kind: 'skipped'; runKey: string } | { kind: 'failed'; runKey: string; error: Error };

interface SchedulerState { task: ScheduledTask | null; timers: Set<NodeJS.Timeout>; running: Promise<RunOutcome> | null; stopped: boolean }

const state: SchedulerState = { task: null, timers: new Set(), running: null, stopped: false };

/** The unique indexes Strapi's schema sync does not make (its "unique" is a validator check only). */
async function ensureAlertSchema(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  await ensureLeaseSchema(knex);
  const notifications = tableOf(strapi, NOTIFICATION_UID);
  const feeds = tableOf(strapi, CALENDAR_FEED_UID);
  const deadlines = tableOf(strapi, CASE_DEADLINE_UID);
  // The job scans open deadlines by due instant; the calendar views filter on it too.
  await knex.raw(`CREATE INDEX IF NOT EXISTS pett_case_deadlines_open_due_idx ON ${deadlines} (status, due_at)`);
  await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS pett_notifications_dedupe_uq ON ${notifications} (dedupe_key)`);
  await knex.raw(`CREATE INDEX IF NOT EXISTS pett_notifications_user_idx ON ${notifications} (user_id, created_at)`);
  await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS pett_calendar_feeds_token_uq ON ${feeds} (token_hash)`);
  await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS pett_calendar_feeds_user_uq ON ${feeds} (user_id)`);
}

/** One attempt at today's run: claims the lease, runs, records the outcome. Never throws. */
export async function runAlertsOnce(strapi: Core.Strapi, settings: Pick<AlertScheduleSettings, 'leaseMs'>, now: Date = new Date()): Promise<RunOutcome> {
  const knex = strapi.db.connection;
  const runKey = officeToday(now);
  try {
    await ensureLeaseRow(knex, ALERTS_JOB);
    if (!(await claimRun(knex, ALERTS_JOB, runKey, PROCESS_HOLDER, settings.leaseMs, now))) return { kind: 'skipped', runKey };
  } catch (error) {
    strapi.log.error(`[deadline-alerts] could not claim run ${runKey}: ${(error as Error).message}`);
    return { kind: 'failed', runKey, error: error as Error };
  }
  const started = Date.now();
  try {
    const counts = await (strapi.plugin('workflow').service('alerts') as AlertsService).runDaily(runKey, now);
    await finishRun(knex, ALERTS_JOB, runKey, PROCESS_HOLDER, JSON.stringify(counts));
    // Counts only: no case, person or deadline names in the log.
    strapi.log.info(`[deadline-alerts] run ${runKey} by ${PROCESS_HOLDER} in ${Date.now() - started} ms: ${counts.markedDueSoon} newly due soon, ${counts.markedOverdue} newly overdue, ${counts.cleared} cleared; ${counts.dueSoon} due soon and ${counts.overdue} overdue open; ${counts.notifications} notifications`);
    return { kind: 'ran', runKey };
  } catch (error) {
    await releaseRun(knex, ALERTS_JOB, runKey, PROCESS_HOLDER, `failed: ${(error as Error).message}`).catch(() => undefined);
    strapi.log.error(`[deadline-alerts] run ${runKey} failed: ${(error as Error).message}`);
    return { kind: 'failed', runKey, error: error as Error };
  }
}

/** Serialises attempts in this process, and retries a failed run after a pause. */
function attempt(strapi: Core.Strapi, settings: AlertScheduleSettings): Promise<RunOutcome> {
  const previous = state.running ?? Promise.resolve(null);
  const next = previous.then(() => runAlertsOnce(strapi, settings));
  state.running = next;
  void next.then((outcome) => {
    if (state.running === next) state.running = null;
    if (outcome.kind === 'failed' && !state.stopped) later(() => attempt(strapi, settings), settings.retryMs);
  });
  return next;
}

function later(fn: () => unknown, ms: number): void {
  const timer = setTimeout(() => {
    state.timers.delete(timer);
    if (!state.stopped) fn();
  }, ms);
  timer.unref();
  state.timers.add(timer);
}

/**
 * Checks the settings at bootstrap (a bad PETT_ALERTS_CRON stops the start), and schedules the job
 * once the HTTP server listens: scripts that only load the application (seeds, key rotation,
 * audit checks) never run it.
 */
export async function startAlertSchedule(strapi: Core.Strapi, env: Record<string, string | undefined> = process.env): Promise<void> {
  await ensureAlertSchema(strapi);
  const settings = alertScheduleSettings(env, (expression) => cron.validate(expression));
  if (!settings.enabled) {
    strapi.log.info('[deadline-alerts] scheduled jobs are off in this process (PETT_CRON=off)');
    return;
  }
  state.stopped = false;
  strapi.server.httpServer.once('listening', () => {
    if (state.stopped || state.task) return;
    state.task = cron.schedule(settings.cron, () => attempt(strapi, settings), { timezone: settings.timezone, name: ALERTS_JOB, noOverlap: true });
    // Catch-up: a process started after the scheduled time (or after a missed day) runs today's job now.
    later(() => attempt(strapi, settings), settings.startupDelayMs);
    strapi.log.info(`[deadline-alerts] scheduled "${settings.cron}" (${settings.timezone}); holder ${PROCESS_HOLDER}`);
  });
}

export async function stopAlertSchedule(): Promise<void> {
  state.stopped = true;
  for (const timer of state.timers) clearTimeout(timer);
  state.timers.clear();
  if (state.task) await state.task.destroy();
  state.task = null;
  if (state.running) await state.running;
}
