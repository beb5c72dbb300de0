import { describe, expect, it } from 'vitest';
import cron from 'node-cron';
import { alertScheduleSettings } from './schedule-settings';

const validate = (e: string) => cron.validate(e);

describe('alert schedule settings', () => {
  it('runs daily at 06:00 in Santo Domingo unless told otherwise', () => {
    expect(alertScheduleSettings({}, validate)).toEqual({ enabled: true, cron: '0 6 * * *', timezone: 'America/Santo_Domingo', leaseMs: 30 * 60_000, startupDelayMs: 10_000, retryMs: 15 * 60_000 });
  });

  it('is off with PETT_CRON=off, and takes a seconds field for tests', () => {
    expect(alertScheduleSettings({ PETT_CRON: 'OFF' }, validate).enabled).toBe(false);
    expect(alertScheduleSettings({ PETT_ALERTS_CRON: '*/2 * * * * *' }, validate).cron).toBe('*/2 * * * * *');
  });

  it('refuses a bad expression, zone or number at startup', () => {
    expect(() => alertScheduleSettings({ PETT_ALERTS_CRON: 'every day' }, validate)).toThrow(/PETT_ALERTS_CRON/);
    expect(() => alertScheduleSettings({ PETT_ALERTS_TIMEZONE: 'Mars/Olympus' }, validate)).toThrow(/PETT_ALERTS_TIMEZONE/);
    expect(() => alertScheduleSettings({ PETT_ALERTS_LEASE_MINUTES: '0' }, validate)).toThrow(/PETT_ALERTS_LEASE_MINUTES/);
  });
});
