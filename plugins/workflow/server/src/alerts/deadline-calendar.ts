// The ICS calendar of a user's open deadlines: one event per deadline, named by the rule and the
// case number only. Pure: no person data and no case title can reach it, as the input has none.
import { buildCalendar, type IcsEvent, type IcsStart } from './ics';
import { isIsoDay } from './alert-state';

export interface CalendarDeadline {
  id: string;
  name: string;
  due: string;
  dueAt: string | null;
  law: string | null;
  article: string | null;
  alert: string;
  case: { documentId: string; caseNumber: string | null };
}

export const CALENDAR_UID_DOMAIN = 'plazos.pett';

export function deadlineEvent(deadline: CalendarDeadline, stamp: Date, portalUrl: string | null): IcsEvent | null {
  const caseNumber = deadline.case.caseNumber ?? '';
  let start: IcsStart;
  if (isIsoDay(deadline.due)) start = { date: deadline.due };
  else {
    const instant = new Date(deadline.dueAt ?? deadline.due);
    if (Number.isNaN(instant.getTime())) return null;
    start = { instant };
  }
  const legal = [deadline.law, deadline.article ? `art. ${deadline.article}` : null].filter(Boolean).join(', ');
  const state = deadline.alert === 'overdue' ? 'VENCIDO. ' : deadline.alert === 'due-soon' ? 'Próximo a vencer. ' : '';
  return {
    uid: `${deadline.id}@${CALENDAR_UID_DOMAIN}`,
    start,
    summary: `Plazo: ${deadline.name} — ${caseNumber}`,
    description: `${state}Caso ${caseNumber}. ${deadline.name}${legal ? ` (${legal})` : ''}.`,
    url: portalUrl ? `${portalUrl.replace(/\/+$/, '')}/casos/${deadline.case.documentId}` : undefined,
    stamp,
    alarmMinutesBefore: 'date' in start ? undefined : 24 * 60,
  };
}

export function deadlineCalendar(deadlines: readonly CalendarDeadline[], stamp: Date, portalUrl: string | null): string {
  return buildCalendar({
    name: 'PETT — Mis plazos',
    productId: '-//PETT//Plazos//ES',
    events: deadlines.map((d) => deadlineEvent(d, stamp, portalUrl)).filter((e): e is IcsEvent => e !== null),
  });
}
