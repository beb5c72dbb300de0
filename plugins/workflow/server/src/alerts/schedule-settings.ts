// The alert job's schedule from the environment, checked once at startup. Pure, tested alone.
export interface AlertScheduleSettings {
  enabled: boolean;
  cron: string;
  timezone: string;
  leaseMs: number;
  startupDelayMs: number;
  retryMs: number;
}

export const DEFAULT_ALERTS_CRON = '0 6 * * *';
export const DEFAULT_ALERTS_TIMEZONE = 'America/Santo_Domingo';

function positiveNumber(env: Record<string, string | undefined>, key: string, fallback: number, min: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${key} must be a number of at least ${min}, got "${raw}"`);
  return value;
}

/**
 * PETT_CRON=off disables every scheduled job of this process (it still serves requests).
 * PETT_ALERTS_CRON: node-cron expression (5 fields, or 6 with seconds), default "0 6 * * *".
 * PETT_ALERTS_TIMEZONE: the zone the expression is read in, default America/Santo_Domingo.
 * PETT_ALERTS_LEASE_MINUTES: how long a run may take before another process may take it over (30).
 * PETT_ALERTS_STARTUP_DELAY_SECONDS: wait after startup before the catch-up run (10).
 * PETT_ALERTS_RETRY_MINUTES: wait before retrying a failed run (15).
 */
export function alertScheduleSettings(env: Record<string, string | undefined>, validate: (expression: string) => boolean): AlertScheduleSettings {
  const enabled = (env.PETT_CRON ?? '').trim().toLowerCase() !== 'off';
  const cron = (env.PETT_ALERTS_CRON ?? '').trim() || DEFAULT_ALERTS_CRON;
  if (enabled && !validate(cron)) throw new Error(`PETT_ALERTS_CRON is not a valid cron expression: "${cron}"`);
  const timezone = (env.PETT_ALERTS_TIMEZONE ?? '').trim() || DEFAULT_ALERTS_TIMEZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new Error(`PETT_ALERTS_TIMEZONE is not a known time zone: "${timezone}"`);
  }
  return {
    enabled,
    cron,
    timezone,
    leaseMs: positiveNumber(env, 'PETT_ALERTS_LEASE_MINUTES', 30, 1) * 60_000,
    startupDelayMs: positiveNumber(env, 'PETT_ALERTS_STARTUP_DELAY_SECONDS', 10, 0) * 1000,
    retryMs: positiveNumber(env, 'PETT_ALERTS_RETRY_MINUTES', 15, 0.05) * 60_000,
  };
}
