// At startup: an installation without data sets gets the default ones (the configurator edits
// them), and the acknowledgement-overdue check runs now and every hour.
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { DEFAULT_DATA_SETS } from './domain/default-data-sets';
import type { OverdueService } from './services/overdue';
import { DATA_SET_UID } from './uids';

let task: ScheduledTask | null = null;

async function checkOverdue(strapi: Core.Strapi): Promise<void> {
  try {
    const { referrals, notifications } = await (strapi.plugin('referrals').service('overdue') as OverdueService).run();
    // Counts only: no case, person or agency in the log.
    if (referrals) strapi.log.info(`[referrals] acknowledgement overdue: ${referrals} referrals, ${notifications} notifications`);
  } catch (error) {
    strapi.log.error(`[referrals] the acknowledgement-overdue check failed: ${(error as Error).message}`);
  }
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const query = strapi.db.query(DATA_SET_UID as never);
  if ((await query.count({})) === 0) for (const set of DEFAULT_DATA_SETS) await query.create({ data: { ...set, active: true } });
  // Schedule only in a server (not in a one-off command, which runs the check itself when it wants to).
  const schedule = (process.env.PETT_REFERRAL_OVERDUE_CRON ?? '17 * * * *').trim();
  if (schedule !== 'off' && !task) {
    task = cron.schedule(schedule, () => checkOverdue(strapi), { noOverlap: true });
    strapi.server?.httpServer?.once('listening', () => void checkOverdue(strapi));
  }
};

/** Stops the hourly check (Strapi's destroy). */
export function stopOverdueSchedule(): void {
  void task?.stop();
  task = null;
}
