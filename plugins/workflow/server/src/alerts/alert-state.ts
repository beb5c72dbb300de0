// What the daily job and the "my deadlines" views decide about one open deadline, and the texts of
// the notifications it raises. Pure: no Strapi import, tested without booting.
export type AlertState = 'none' | 'due-soon' | 'overdue';
export type Lang = 'es' | 'en';

/** Today's date in Santo Domingo (UTC-4 all year: no daylight saving), as YYYY-MM-DD. */
export function officeToday(now: Date = new Date()): string {
  return new Date(now.getTime() - 4 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The instant an office day starts (00:00 in Santo Domingo), for day-range filters on instants. */
export function officeDayStart(day: string): Date {
  return new Date(`${day}T04:00:00.000Z`);
}

export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The alert an open deadline is in: overdue once its last instant has passed, due soon from its
 * warning day on. The job stores it (and notifies); the views compute it live, so an hours
 * deadline missed at 15:00 shows as overdue at 15:00, not at the next morning's run.
 */
export function alertOf(deadline: { dueAt: Date; warnFrom: string }, today: string, now: Date): AlertState {
  if (deadline.dueAt.getTime() < now.getTime()) return 'overdue';
  if (deadline.warnFrom <= today) return 'due-soon';
  return 'none';
}

export interface DeadlineMessageParams { caseNumber: string; rule: string; due: string }
export type NotificationKey = 'deadline.due-soon' | 'deadline.overdue' | 'referral.new' | 'referral.ack-overdue';

export const NOTIFICATION_KINDS: Record<Exclude<AlertState, 'none'>, { kind: string; key: NotificationKey }> = {
  'due-soon': { kind: 'deadline-due-soon', key: 'deadline.due-soon' },
  overdue: { kind: 'deadline-overdue', key: 'deadline.overdue' },
};

/** A due value (YYYY-MM-DD or an ISO instant) as a reader in Santo Domingo writes it. */
export function formatDue(due: string, lang: Lang): string {
  if (isIsoDay(due)) return lang === 'es' ? `${due.slice(8, 10)}/${due.slice(5, 7)}/${due.slice(0, 4)}` : due;
  const instant = new Date(due);
  if (Number.isNaN(instant.getTime())) return due;
  const local = new Date(instant.getTime() - 4 * 3600 * 1000).toISOString();
  const day = local.slice(0, 10);
  const time = local.slice(11, 16);
  return lang === 'es' ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)} ${time}` : `${day} ${time}`;
}

const MESSAGES: Record<NotificationKey, Record<Lang, (p: DeadlineMessageParams, due: string) => string>> = {
  'deadline.due-soon': {
    es: (p, due) => `Plazo próximo a vencer en el caso ${p.caseNumber}: ${p.rule}. Vence el ${due}.`,
    en: (p, due) => `Deadline due soon on case ${p.caseNumber}: ${p.rule}. Due ${due}.`,
  },
  'deadline.overdue': {
    es: (p, due) => `Plazo vencido en el caso ${p.caseNumber}: ${p.rule}. Venció el ${due}.`,
    en: (p, due) => `Deadline overdue on case ${p.caseNumber}: ${p.rule}. It was due ${due}.`,
  },
  // Referrals (plugins/referrals): to the receiving agency's liaisons, with no case or person data.
  'referral.new': {
    es: (_p, due) => `Nueva derivación recibida por su institución. Acuse recibo a más tardar el ${due}.`,
    en: (_p, due) => `A new referral was made to your agency. Acknowledge it by ${due}.`,
  },
  'referral.ack-overdue': {
    es: (_p, due) => `Una derivación espera el acuse de recibo de la institución desde el ${due}.`,
    en: (_p, due) => `A referral has awaited the agency’s acknowledgement since ${due}.`,
  },
};

/** The notification text in the reader's language; an unknown key falls back to the key itself. */
export function notificationMessage(key: string, params: unknown, lang: Lang): string {
  const template = MESSAGES[key as NotificationKey];
  const p = (params ?? {}) as Partial<DeadlineMessageParams>;
  if (!template) return key;
  return template[lang]({ caseNumber: String(p.caseNumber ?? ''), rule: String(p.rule ?? ''), due: String(p.due ?? '') }, formatDue(String(p.due ?? ''), lang));
}
