// The daily deadline-alert run: marks open case deadlines due soon or overdue, and notifies the
// prosecutors of each case's team, once per deadline, alert state and person (a dedupe key). Runs
// in plain SQL over the whole table; the scheduler calls it under the job lease.
import type { Core } from '@strapi/strapi';
import { CASE_DEADLINE_UID, CASE_MEMBER_UID, CASE_UID, NOTIFICATION_UID, USER_UID } from '../uids';
import { NOTIFICATION_KINDS, type AlertState } from './alert-state';
import { newDocumentId } from './lease';
import { linkOf, tableOf } from './tables';

/** Team roles that answer for a case's deadlines (the roles that may edit the case record). */
export const RESPONSIBLE_TEAM_ROLES = ['lead-prosecutor', 'prosecutor'] as const;

export interface DailyCounts {
  today: string;
  markedDueSoon: number;
  markedOverdue: number;
  cleared: number;
  dueSoon: number;
  overdue: number;
  notifications: number;
}

const CHUNK = 400;

export const createAlertsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** Sets the stored alert of every open deadline from its dates; returns how many changed. */
  async function markStates(today: string, now: Date) {
    const deadlines = tableOf(strapi, CASE_DEADLINE_UID);
    const open = () => knex()(deadlines).where('status', 'open');
    const markedOverdue = await open()
      .where('due_at', '<', now)
      .andWhere((q) => q.whereNull('alert').orWhereNot('alert', 'overdue'))
      .update({ alert: 'overdue', alerted_at: now, updated_at: now });
    const markedDueSoon = await open()
      .where('due_at', '>=', now)
      .where('warn_from', '<=', today)
      .andWhere((q) => q.whereNull('alert').orWhereNot('alert', 'due-soon'))
      .update({ alert: 'due-soon', alerted_at: now, updated_at: now });
    // A deadline moved later (its rule re-applied) is no longer due soon.
    const cleared = await open()
      .where('due_at', '>=', now)
      .where('warn_from', '>', today)
      .whereIn('alert', ['due-soon', 'overdue'])
      .update({ alert: 'none', alerted_at: null, updated_at: now });
    return { markedOverdue: Number(markedOverdue), markedDueSoon: Number(markedDueSoon), cleared: Number(cleared) };
  }

  /** Every (open alerted deadline, responsible active team member) pair, with what the message needs. */
  async function recipients(today: string) {
    const k = knex();
    const deadlines = tableOf(strapi, CASE_DEADLINE_UID);
    const cases = tableOf(strapi, CASE_UID);
    const members = tableOf(strapi, CASE_MEMBER_UID);
    const users = tableOf(strapi, USER_UID);
    const deadlineCase = linkOf(strapi, CASE_DEADLINE_UID, 'case');
    const memberCase = linkOf(strapi, CASE_MEMBER_UID, 'case');
    const memberUser = linkOf(strapi, CASE_MEMBER_UID, 'user');
    return (await k(`${deadlines} as d`)
      .join(`${deadlineCase.name} as dc`, `dc.${deadlineCase.from}`, 'd.id')
      .join(`${cases} as c`, 'c.id', `dc.${deadlineCase.to}`)
      .join(`${memberCase.name} as mc`, `mc.${memberCase.to}`, 'c.id')
      .join(`${members} as m`, 'm.id', `mc.${memberCase.from}`)
      .join(`${memberUser.name} as mu`, `mu.${memberUser.from}`, 'm.id')
      .join(`${users} as u`, 'u.id', `mu.${memberUser.to}`)
      .where('d.status', 'open')
      .whereIn('d.alert', ['due-soon', 'overdue'])
      .whereIn('m.team_role', [...RESPONSIBLE_TEAM_ROLES])
      .where('m.start_date', '<=', today)
      .andWhere((q) => q.whereNull('m.end_date').orWhere('m.end_date', '>=', today))
      .andWhere((q) => q.whereNull('u.blocked').orWhere('u.blocked', false))
      .distinct('d.document_id as deadlineId', 'd.rule_name as rule', 'd.due as due', 'd.alert as alert', 'c.document_id as caseId', 'c.case_number as caseNumber', 'u.id as userId')) as Array<{
      deadlineId: string; rule: string; due: string; alert: Exclude<AlertState, 'none'>; caseId: string; caseNumber: string | null; userId: number | string;
    }>;
  }

  /** Inserts the notifications not sent yet; returns how many were new. */
  async function notify(today: string, now: Date): Promise<number> {
    const table = tableOf(strapi, NOTIFICATION_UID);
    const wanted = (await recipients(today)).map((r) => {
      const { kind, key } = NOTIFICATION_KINDS[r.alert];
      return {
        dedupe_key: `deadline:${r.deadlineId}:${r.alert}:${Number(r.userId)}`,
        user_id: Number(r.userId),
        kind,
        message_key: key,
        // Case number, rule name and due date only: never a person, never the case title.
        params: JSON.stringify({ caseNumber: r.caseNumber ?? '', rule: r.rule, due: r.due }),
        link: `/casos/${r.caseId}`,
      };
    });
    let inserted = 0;
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const chunk = wanted.slice(i, i + CHUNK);
      const existing = new Set(((await knex()(table).whereIn('dedupe_key', chunk.map((w) => w.dedupe_key)).select('dedupe_key')) as Array<{ dedupe_key: string }>).map((r) => r.dedupe_key));
      const fresh = chunk.filter((w) => !existing.has(w.dedupe_key)).map((w) => ({ ...w, document_id: newDocumentId(), created_at: now, updated_at: now, published_at: now }));
      if (!fresh.length) continue;
      // The unique dedupe key is the last word: a row that appeared since the check is skipped.
      await knex()(table).insert(fresh).onConflict('dedupe_key').ignore();
      inserted += fresh.length;
    }
    return inserted;
  }

  async function currentCounts(): Promise<{ dueSoon: number; overdue: number }> {
    const rows = (await knex()(tableOf(strapi, CASE_DEADLINE_UID)).where('status', 'open').whereIn('alert', ['due-soon', 'overdue']).groupBy('alert').select('alert').count({ n: '*' })) as Array<{ alert: string; n: number | string }>;
    const of = (alert: string) => Number(rows.find((r) => r.alert === alert)?.n ?? 0);
    return { dueSoon: of('due-soon'), overdue: of('overdue') };
  }

  return {
    /** One daily run for office date `today`. Idempotent: a second run the same day adds nothing. */
    async runDaily(today: string, now: Date = new Date()): Promise<DailyCounts> {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`runDaily: today must be YYYY-MM-DD, got ${today}`);
      const marked = await markStates(today, now);
      const notifications = await notify(today, now);
      return { today, ...marked, ...(await currentCounts()), notifications };
    },
  };
};

export type AlertsService = ReturnType<typeof createAlertsService>;
