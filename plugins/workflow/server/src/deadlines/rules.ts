// Legal deadlines as dated rules: the rule in force on the date of the triggering event decides, so
// an old case keeps the deadlines of its time. Pure; the rules and holidays come from config.
import { addBusinessDays, addDays, addMonths, type IsoDate } from './calendar';

export type DurationUnit = 'hours' | 'calendar-days' | 'business-days' | 'months' | 'years' | 'as-recorded';
export interface Duration { amount: number; unit: DurationUnit }

export interface DeadlineRule {
  key: string;
  name: string;
  law: string;
  article: string;
  /** The version of the law the rule follows (for example "Ley 10-15" or "Ley 97-25"). */
  lawVersion: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  event: string;
  duration: Duration;
  /** When the case is declared complex. */
  durationIfComplex?: Duration;
  /** What happens when the deadline is missed. */
  onMiss: string;
  /** Days before the deadline when it is "due soon". */
  warnDays: number;
  needsLegalConfirmation: boolean;
  note?: string;
}

export interface Deadline {
  rule: DeadlineRule;
  /** YYYY-MM-DD (the whole day), or an ISO instant for a deadline in hours. */
  due: string;
  warnFrom: IsoDate;
}

/** The office date (UTC-4, no daylight saving) of an ISO instant or a plain date. */
export function officeDate(value: string): IsoDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(new Date(value).getTime() - 4 * 3_600_000).toISOString().slice(0, 10);
}

export function ruleInForce(rules: readonly DeadlineRule[], event: string, on: IsoDate): DeadlineRule | null {
  return rules.find((r) => r.event === event && r.validFrom <= on && (r.validTo === null || on <= r.validTo)) ?? null;
}

export interface DeadlineOptions {
  holidays: ReadonlySet<IsoDate>;
  isComplex?: boolean;
  /** For rules `as-recorded`: the expiry the order itself sets (a protection measure, an authorisation). */
  recordedDue?: IsoDate | null;
}

/** The deadline an event starts, by the rule in force on the event's date; null when none applies. */
export function deadlineFor(rules: readonly DeadlineRule[], event: string, eventAt: string, options: DeadlineOptions): Deadline | null {
  const day = officeDate(eventAt);
  const rule = ruleInForce(rules, event, day);
  if (!rule) return null;
  const { amount, unit } = (options.isComplex && rule.durationIfComplex) || rule.duration;
  let due: string;
  switch (unit) {
    case 'hours': {
      const start = /^\d{4}-\d{2}-\d{2}$/.test(eventAt) ? `${eventAt}T04:00:00.000Z` : eventAt; // a bare date: from 00:00 office time
      due = new Date(new Date(start).getTime() + amount * 3_600_000).toISOString();
      break;
    }
    case 'calendar-days': due = addDays(day, amount); break;
    case 'business-days': due = addBusinessDays(day, amount, options.holidays); break;
    case 'months': due = addMonths(day, amount); break;
    case 'years': due = addMonths(day, amount * 12); break;
    case 'as-recorded':
      if (!options.recordedDue) return null;
      due = options.recordedDue;
      break;
  }
  return { rule, due, warnFrom: addDays(officeDate(due), -rule.warnDays) };
}

/** What is wrong in a rule set, as codes: the save check words them in the caller's language. */
export type RuleIssue =
  | { code: 'dates'; key: string; path: 'validFrom' | 'validTo' }
  | { code: 'amount'; key: string; path: 'amount' | 'amountIfComplex' }
  | { code: 'overlap'; key: string; other: string; event: string; path: 'validFrom' };

export function ruleIssues(rules: readonly DeadlineRule[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const date = /^\d{4}-\d{2}-\d{2}$/;
  for (const r of rules) {
    if (!date.test(r.validFrom)) issues.push({ code: 'dates', key: r.key, path: 'validFrom' });
    else if (r.validTo !== null && (!date.test(r.validTo) || r.validTo < r.validFrom)) issues.push({ code: 'dates', key: r.key, path: 'validTo' });
    for (const [d, path] of [[r.duration, 'amount'], [r.durationIfComplex, 'amountIfComplex']] as const) {
      if (d && d.unit !== 'as-recorded' && !(Number.isInteger(d.amount) && d.amount > 0)) issues.push({ code: 'amount', key: r.key, path });
    }
  }
  for (const [i, a] of rules.entries()) {
    for (const b of rules.slice(i + 1)) {
      const overlap = a.event === b.event && a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');
      if (overlap) issues.push({ code: 'overlap', key: a.key, other: b.key, event: a.event, path: 'validFrom' });
    }
  }
  return issues;
}

/** Problems of a rule set: overlapping versions of one rule for one event, bad dates, bad durations. */
export function ruleProblems(rules: readonly DeadlineRule[]): string[] {
  return ruleIssues(rules).map((i) => {
    if (i.code === 'dates') return `${i.key}: validFrom/validTo must be YYYY-MM-DD, the end not before the start`;
    if (i.code === 'amount') return `${i.key}: a duration needs a positive whole amount`;
    return `${i.key} and ${i.other}: two rules for «${i.event}» are in force at the same time`;
  });
}
