import { describe, expect, it } from 'vitest';
import { alertOf, formatDue, isIsoDay, notificationMessage, officeDayStart, officeToday } from './alert-state';

describe('deadline alert state', () => {
  const now = new Date('2026-11-29T16:00:00Z'); // 12:00 in Santo Domingo
  it('is overdue once the last instant has passed, due soon from the warning day, else none', () => {
    expect(alertOf({ dueAt: new Date('2026-11-29T15:59:59Z'), warnFrom: '2026-11-01' }, '2026-11-29', now)).toBe('overdue');
    expect(alertOf({ dueAt: new Date('2026-11-30T03:59:59.999Z'), warnFrom: '2026-11-29' }, '2026-11-29', now)).toBe('due-soon');
    expect(alertOf({ dueAt: new Date('2026-12-30T03:59:59.999Z'), warnFrom: '2026-12-20' }, '2026-11-29', now)).toBe('none');
  });

  it('reads the office day in Santo Domingo (UTC-4)', () => {
    expect(officeToday(new Date('2026-11-30T03:59:00Z'))).toBe('2026-11-29');
    expect(officeToday(new Date('2026-11-30T04:00:00Z'))).toBe('2026-11-30');
    expect(officeDayStart('2026-11-30').toISOString()).toBe('2026-11-30T04:00:00.000Z');
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('2026-2-3')).toBe(false);
  });

  it('writes the notification from the case number, rule and due date, in Spanish or English', () => {
    const params = { caseNumber: 'PETT-2026-00007', rule: 'Revisión del archivo provisional', due: '2026-12-03' };
    expect(notificationMessage('deadline.due-soon', params, 'es')).toBe('Plazo próximo a vencer en el caso PETT-2026-00007: Revisión del archivo provisional. Vence el 03/12/2026.');
    expect(notificationMessage('deadline.overdue', params, 'en')).toBe('Deadline overdue on case PETT-2026-00007: Revisión del archivo provisional. It was due 2026-12-03.');
    expect(formatDue('2026-12-01T15:30:00.000Z', 'es')).toBe('01/12/2026 11:30');
    expect(notificationMessage('unknown.key', params, 'es')).toBe('unknown.key');
  });
});
