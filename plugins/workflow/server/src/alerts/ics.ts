// Writes an iCalendar (RFC 5545) document: CRLF line ends, lines folded at 75 octets, text values
// escaped. Pure: the caller decides what goes in (no person data, no case titles).
export type IcsStart = { date: string } | { instant: Date };

export interface IcsEvent {
  uid: string;
  start: IcsStart;
  summary: string;
  description?: string;
  url?: string;
  stamp: Date;
  /** Minutes before the start to remind (a VALARM); none when absent. */
  alarmMinutesBefore?: number;
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and newlines as \n. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with one space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const compactDate = (day: string) => day.replace(/-/g, '');
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function eventLines(event: IcsEvent): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utcStamp(event.stamp)}`];
  if ('date' in event.start) {
    // A whole-day deadline: an all-day event on that day (DTEND is exclusive).
    lines.push(`DTSTART;VALUE=DATE:${compactDate(event.start.date)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(event.start.date))}`);
  } else {
    lines.push(`DTSTART:${utcStamp(event.start.instant)}`, `DTEND:${utcStamp(event.start.instant)}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push('TRANSP:TRANSPARENT');
  if (event.alarmMinutesBefore !== undefined) {
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(event.summary)}`, `TRIGGER:-PT${Math.max(0, Math.round(event.alarmMinutesBefore))}M`, 'END:VALARM');
  }
  lines.push('END:VEVENT');
  return lines;
}

export function buildCalendar(options: { name: string; productId: string; events: readonly IcsEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    'X-WR-TIMEZONE:America/Santo_Domingo',
    ...options.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
