// "My deadlines": the open deadlines of the cases where the caller is an active team member, for
// the list, the month calendar, the header badge and the ICS feed. Reach is the caller's own team
// memberships (the access plugin's activeCaseIds), never a wider query.
import type { Core } from '@strapi/strapi';
import { activeCaseIds } from '@pett/access/dist/server/services/team-cases';
import { activeMembershipFilter } from '@pett/access/dist/server/policy/policy';
import { CASE_DEADLINE_UID } from '../uids';
import { alertOf, officeDayStart, type AlertState } from './alert-state';
import { toDate, toDay } from './tables';

export interface MyDeadlinesQuery {
  from?: string; // YYYY-MM-DD, office day, inclusive
  to?: string; // YYYY-MM-DD, office day, inclusive
  alert?: Exclude<AlertState, 'none'>;
  status: 'open' | 'all';
  page: number;
  pageSize: number;
}

export interface DeadlineView {
  id: string;
  ruleKey: string;
  name: string;
  law: string | null;
  article: string | null;
  lawVersion: string | null;
  event: string;
  eventAt: string | null;
  due: string;
  dueAt: string | null;
  warnFrom: string | null;
  status: string;
  alert: AlertState;
  needsLegalConfirmation: boolean;
  onMiss: string | null;
  stage: string | null;
  closedAt: string | null;
  closeNote: string | null;
  case: { documentId: string; caseNumber: string | null };
}

type Row = Record<string, unknown> & { case?: { documentId: string; caseNumber: string | null } | null };

const iso = (value: unknown) => toDate(value)?.toISOString() ?? null;

/** A stored deadline as the API shows it; `alert` is computed now (the stored one is the job's). */
export function deadlineView(row: Row, today: string, now: Date): DeadlineView {
  const dueAt = toDate(row.dueAt);
  const warnFrom = toDay(row.warnFrom);
  const open = row.status === 'open';
  return {
    id: String(row.documentId),
    ruleKey: String(row.ruleKey),
    name: String(row.ruleName),
    law: (row.law as string) ?? null,
    article: (row.article as string) ?? null,
    lawVersion: (row.lawVersion as string) ?? null,
    event: String(row.event),
    eventAt: iso(row.eventAt),
    due: String(row.due),
    dueAt: dueAt?.toISOString() ?? null,
    warnFrom,
    status: String(row.status),
    alert: open && dueAt && warnFrom ? alertOf({ dueAt, warnFrom }, today, now) : 'none',
    needsLegalConfirmation: row.needsLegalConfirmation === true || row.needsLegalConfirmation === 1,
    onMiss: (row.onMiss as string) ?? null,
    stage: (row.stage as string) ?? null,
    closedAt: iso(row.closedAt),
    closeNote: (row.closeNote as string) ?? null,
    case: { documentId: row.case?.documentId ?? '', caseNumber: row.case?.caseNumber ?? null },
  };
}

const FIELDS = ['documentId', 'ruleKey', 'ruleName', 'law', 'article', 'lawVersion', 'event', 'eventAt', 'due', 'dueAt', 'warnFrom', 'status', 'alert', 'needsLegalConfirmation', 'onMiss', 'stage', 'closedAt', 'closeNote'];

export const createMyDeadlines = (strapi: Core.Strapi) => {
  /** The `where` that limits deadlines to the user's active team cases, or null when they have none. */
  async function teamWhere(userId: number, today: string): Promise<Record<string, unknown> | null> {
    const ids = await activeCaseIds(strapi, userId, today);
    if (ids === null) return { case: { members: activeMembershipFilter(userId, today) } }; // a huge reach: the relational filter
    return ids.length ? { case: { id: { $in: ids } } } : null;
  }

  function filters(query: Pick<MyDeadlinesQuery, 'from' | 'to' | 'alert' | 'status'>, today: string, now: Date): Record<string, unknown>[] {
    const and: Record<string, unknown>[] = [];
    if (query.status === 'open' || query.alert) and.push({ status: 'open' });
    if (query.from) and.push({ dueAt: { $gte: officeDayStart(query.from) } });
    if (query.to) and.push({ dueAt: { $lt: new Date(officeDayStart(query.to).getTime() + 86_400_000) } });
    if (query.alert === 'overdue') and.push({ dueAt: { $lt: now } });
    if (query.alert === 'due-soon') and.push({ dueAt: { $gte: now } }, { warnFrom: { $lte: today } });
    return and;
  }

  const deadlines = () => strapi.db.query(CASE_DEADLINE_UID as never);

  return {
    async list(userId: number, query: MyDeadlinesQuery, today: string, now: Date) {
      const team = await teamWhere(userId, today);
      const pagination = { page: query.page, pageSize: query.pageSize, pageCount: 0, total: 0 };
      if (!team) return { data: [] as DeadlineView[], pagination };
      const where = { $and: [team, ...filters(query, today, now)] };
      const [rows, total] = await Promise.all([
        deadlines().findMany({ where, select: FIELDS, populate: { case: { select: ['documentId', 'caseNumber'] } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], offset: (query.page - 1) * query.pageSize, limit: query.pageSize } as never) as Promise<Row[]>,
        deadlines().count({ where } as never),
      ]);
      return { data: rows.map((row) => deadlineView(row, today, now)), pagination: { ...pagination, total: Number(total), pageCount: Math.ceil(Number(total) / query.pageSize) } };
    },

    async summary(userId: number, today: string, now: Date): Promise<{ dueSoon: number; overdue: number }> {
      const team = await teamWhere(userId, today);
      if (!team) return { dueSoon: 0, overdue: 0 };
      const count = (alert: 'due-soon' | 'overdue') => deadlines().count({ where: { $and: [team, ...filters({ status: 'open', alert }, today, now)] } } as never);
      const [dueSoon, overdue] = await Promise.all([count('due-soon'), count('overdue')]);
      return { dueSoon: Number(dueSoon), overdue: Number(overdue) };
    },

    /** Every open deadline of the user's team cases (for the ICS feed), at most `limit`. */
    async allOpen(userId: number, today: string, now: Date, limit: number): Promise<DeadlineView[]> {
      const team = await teamWhere(userId, today);
      if (!team) return [];
      const rows = (await deadlines().findMany({ where: { $and: [team, { status: 'open' }] }, select: FIELDS, populate: { case: { select: ['documentId', 'caseNumber'] } }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], limit } as never)) as Row[];
      return rows.map((row) => deadlineView(row, today, now));
    },
  };
};

export type MyDeadlines = ReturnType<typeof createMyDeadlines>;
