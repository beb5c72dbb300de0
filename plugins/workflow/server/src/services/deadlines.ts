// Legal deadlines on cases: an event (an arrest, a measure ordered, a protection measure granted)
// starts the deadline of the rule in force on the event's date. Rules are read from the database on
// every start, so a rule the configurator adds in /admin applies at once; holidays come from config.
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { addDays, computeHolidays, type HolidayRule, type IsoDate } from '../deadlines/calendar';
import { deadlineFor, type DeadlineRule, type DurationUnit } from '../deadlines/rules';
import { CASE_DEADLINE_UID, CASE_UID, DEADLINE_RULE_UID } from '../uids';

export interface StartInput { caseId: number; event: string; eventAt: string; source: string; stage?: string; recordedDue?: string | null; isComplex?: boolean }

/** A deadline rule as the /admin type stores it (flat fields the configurator can edit). */
export interface StoredRule {
  id?: number; documentId?: string; key: string; name: string; law: string; article: string; lawVersion: string; validFrom: string; validTo?: string | null;
  event: string; amount: number; unit: DurationUnit; amountIfComplex?: number | null; unitIfComplex?: DurationUnit | null; onMiss: string; warnDays?: number | null;
  needsLegalConfirmation?: boolean | null; note?: string | null; active?: boolean | null;
}

const day = (v: unknown) => (v == null || v === '' ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export function ruleOf(row: StoredRule): DeadlineRule {
  return {
    key: row.key, name: row.name, law: row.law, article: row.article, lawVersion: row.lawVersion,
    validFrom: day(row.validFrom) ?? '', validTo: day(row.validTo),
    event: row.event,
    duration: { amount: Number(row.amount ?? 0), unit: row.unit },
    ...(row.amountIfComplex && row.unitIfComplex ? { durationIfComplex: { amount: Number(row.amountIfComplex), unit: row.unitIfComplex } } : {}),
    onMiss: row.onMiss, warnDays: Number(row.warnDays ?? 0), needsLegalConfirmation: row.needsLegalConfirmation !== false, note: row.note ?? undefined,
  };
}

/** The catalogue's rule shape as the /admin type stores it (for the seed). */
export function storedOf(rule: DeadlineRule): Omit<StoredRule, 'id' | 'documentId'> {
  return {
    key: rule.key, name: rule.name, law: rule.law, article: rule.article, lawVersion: rule.lawVersion, validFrom: rule.validFrom, validTo: rule.validTo,
    event: rule.event, amount: rule.duration.amount, unit: rule.duration.unit, amountIfComplex: rule.durationIfComplex?.amount ?? null, unitIfComplex: rule.durationIfComplex?.unit ?? null,
    onMiss: rule.onMiss, warnDays: rule.warnDays, needsLegalConfirmation: rule.needsLegalConfirmation, note: rule.note ?? null, active: true,
  };
}

/** The instant a deadline ends: an instant as is; a day at 23:59:59.999 office time (UTC-4). */
export function dueInstant(due: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return new Date(due).toISOString();
  return `${addDays(due, 1)}T03:59:59.999Z`;
}

/** The repository's config/ folder (PETT_CONFIG_DIR, else found by walking up from here). */
function configDir(): string {
  if (process.env.PETT_CONFIG_DIR) return path.resolve(process.env.PETT_CONFIG_DIR);
  let dir = __dirname;
  for (let i = 0; i < 7; i += 1) {
    if (fs.existsSync(path.join(dir, 'config', 'permissions.json'))) return path.join(dir, 'config');
    dir = path.dirname(dir);
  }
  throw new Error('PETT configuration folder not found: set PETT_CONFIG_DIR to the repository config/ folder.');
}

interface HolidaysFile { rules: HolidayRule[]; years: Record<string, Array<{ date: IsoDate }>> }

/** The holidays of the listed years, and of other years as Ley 139-97 places them. Read once per process. */
let holidayCache: Set<IsoDate> | null = null;
function holidays(): Set<IsoDate> {
  if (holidayCache) return holidayCache;
  const file = JSON.parse(fs.readFileSync(path.join(configDir(), 'catalogues', 'holidays.json'), 'utf8')) as HolidaysFile;
  const set = new Set<IsoDate>();
  const listed = new Set(Object.keys(file.years));
  for (const [, list] of Object.entries(file.years)) for (const h of list) set.add(h.date);
  for (let year = 2000; year <= 2060; year += 1) if (!listed.has(String(year))) for (const h of computeHolidays(year, file.rules)) set.add(h.date);
  holidayCache = set;
  return set;
}

export const createDeadlinesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const docs = () => strapi.documents(CASE_DEADLINE_UID as never);

  const service = {
    /** The active rules, as the pure deadline functions take them. */
    async rules(): Promise<DeadlineRule[]> {
      const rows = (await strapi.db.query(DEADLINE_RULE_UID as never).findMany({ orderBy: { validFrom: 'asc' } })) as StoredRule[];
      return rows.filter((r) => r.active !== false).map(ruleOf);
    },

    holidays,

    /**
     * Starts (or, for the same case, source and rule, recomputes) the deadline `event` starts, by the
     * rule in force on the event's date. Null when no rule applies (or an as-recorded rule has no date).
     */
    async start(input: StartInput): Promise<{ documentId: string } | null> {
      const found = (await strapi.db.query(CASE_UID as never).findOne({ where: { id: input.caseId }, select: ['documentId', 'isComplex'] })) as { documentId: string; isComplex: boolean | null } | null;
      if (!found) return null;
      const deadline = deadlineFor(await service.rules(), input.event, input.eventAt, {
        holidays: holidays(),
        isComplex: input.isComplex ?? found.isComplex === true,
        recordedDue: input.recordedDue ? day(input.recordedDue) : null,
      });
      if (!deadline) return null;
      const { rule } = deadline;
      const data = {
        ruleKey: rule.key, ruleName: rule.name, law: rule.law, article: rule.article, lawVersion: rule.lawVersion, event: input.event,
        eventAt: new Date(/^\d{4}-\d{2}-\d{2}$/.test(input.eventAt) ? `${input.eventAt}T04:00:00.000Z` : input.eventAt).toISOString(),
        due: deadline.due, dueAt: dueInstant(deadline.due), warnFrom: deadline.warnFrom, onMiss: rule.onMiss, needsLegalConfirmation: rule.needsLegalConfirmation,
        source: input.source, stage: input.stage ?? null,
      };
      const existing = (await strapi.db.query(CASE_DEADLINE_UID as never).findOne({ where: { case: { id: input.caseId }, source: input.source, ruleKey: rule.key } })) as { documentId: string; due: string; status: string } | null;
      if (existing) {
        // Same source again: the dates follow the new facts; a changed due date is alerted afresh.
        const changed = existing.due !== data.due;
        await docs().update({ documentId: existing.documentId, data: { ...data, ...(changed ? { alert: 'none', alertedAt: null } : {}), ...(existing.status === 'cancelled' ? { status: 'open', closedAt: null, closeNote: null } : {}) } } as never);
        return { documentId: existing.documentId };
      }
      const created = (await docs().create({ data: { ...data, case: found.documentId, status: 'open', alert: 'none', isDemo: false } } as never)) as unknown as { documentId: string };
      return { documentId: created.documentId };
    },

    /** Cancels the open deadlines a source started (a measure lifted, an authorisation withdrawn). */
    async cancelBySource(caseId: number, source: string, note: string): Promise<number> {
      const open = (await strapi.db.query(CASE_DEADLINE_UID as never).findMany({ where: { case: { id: caseId }, source, status: 'open' }, select: ['documentId'] })) as Array<{ documentId: string }>;
      for (const row of open) await docs().update({ documentId: row.documentId, data: { status: 'cancelled', closedAt: new Date().toISOString(), closeNote: note.slice(0, 2000) } } as never);
      return open.length;
    },

    /** Cancels every open deadline of the case (it reached a final stage). */
    async cancelAllOpen(caseId: number, note: string): Promise<number> {
      const open = (await strapi.db.query(CASE_DEADLINE_UID as never).findMany({ where: { case: { id: caseId }, status: 'open' }, select: ['documentId'] })) as Array<{ documentId: string }>;
      for (const row of open) await docs().update({ documentId: row.documentId, data: { status: 'cancelled', closedAt: new Date().toISOString(), closeNote: note } } as never);
      return open.length;
    },

    /** Closes as met the open deadlines these events started (a step done that answers them). */
    async meetByEvent(caseId: number, events: readonly string[], userDocumentId: string | null, note: string): Promise<number> {
      const open = (await strapi.db.query(CASE_DEADLINE_UID as never).findMany({ where: { case: { id: caseId }, event: { $in: [...events] }, status: 'open' }, select: ['documentId'] })) as Array<{ documentId: string }>;
      for (const row of open) await docs().update({ documentId: row.documentId, data: { status: 'met', closedAt: new Date().toISOString(), closedBy: userDocumentId, closeNote: note.slice(0, 2000) } } as never);
      return open.length;
    },

    /** Closes as met the open deadlines a source started (the provider answered a referral). */
    async meetBySource(caseId: number, source: string, note: string): Promise<number> {
      const open = (await strapi.db.query(CASE_DEADLINE_UID as never).findMany({ where: { case: { id: caseId }, source, status: 'open' }, select: ['documentId'] })) as Array<{ documentId: string }>;
      for (const row of open) await docs().update({ documentId: row.documentId, data: { status: 'met', closedAt: new Date().toISOString(), closeNote: note.slice(0, 2000) } } as never);
      return open.length;
    },

    /** Is a deadline for this event already running on the case? (A stage entered again does not start it twice.) */
    async running(caseId: number, event: string): Promise<boolean> {
      return (await strapi.db.query(CASE_DEADLINE_UID as never).count({ where: { case: { id: caseId }, event, status: 'open' } })) > 0;
    },
  };
  return service;
};

export type DeadlinesService = ReturnType<typeof createDeadlinesService>;
