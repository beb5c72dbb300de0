// Acknowledgement overdue: a referral still "sent" after its acknowledgeBy day notifies the
// agency's liaisons and the person who referred it, once. Safe with several processes: each
// notification has a dedupe key under a unique index, and a lost race is skipped.
import type { Core } from '@strapi/strapi';
import { officeToday } from '@pett/access/dist/server/policy/policy';
import type { RecordsService } from './records';
import { REFERRAL_UID } from '../uids';

export function createOverdueService({ strapi }: { strapi: Core.Strapi }) {
  const records = () => strapi.plugin('referrals').service('records') as RecordsService;
  return {
    /** Notifies every referral overdue today that was not notified yet; returns how many referrals. */
    async run(today: string = officeToday()): Promise<{ referrals: number; notifications: number }> {
      const rows = (await strapi.db.query(REFERRAL_UID as never).findMany({
        where: { status: 'sent', acknowledgeBy: { $lt: today }, overdueNotifiedAt: { $null: true } },
        select: ['id', 'documentId', 'acknowledgeBy'],
        populate: { agency: { select: ['id'] }, referredBy: { select: ['id'] } },
        limit: 1000,
      })) as Array<{ id: number; documentId: string; acknowledgeBy: string; agency?: { id: number } | null; referredBy?: { id: number } | null }>;
      let notifications = 0;
      for (const row of rows) {
        const users = [...(row.agency ? await records().liaisonsOf(row.agency.id) : []), ...(row.referredBy ? [row.referredBy.id] : [])];
        const due = String(row.acknowledgeBy).slice(0, 10);
        notifications += await records().notify(users, 'referral-ack-overdue', 'referral.ack-overdue', { due }, `/derivaciones/${row.documentId}`, `referral-ack-overdue:${row.documentId}`);
        await strapi.db.query(REFERRAL_UID as never).update({ where: { id: row.id }, data: { overdueNotifiedAt: new Date() } });
      }
      return { referrals: rows.length, notifications };
    },
  };
}

export type OverdueService = ReturnType<typeof createOverdueService>;
