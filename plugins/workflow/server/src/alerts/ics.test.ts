import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine } from './ics';
import { deadlineCalendar } from './deadline-calendar';

describe('iCalendar writing (RFC 5545)', () => {
  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds long lines at 75 octets without splitting a multi-byte character', () => {
    const line = `SUMMARY:${'ñ'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('ends every line with CRLF, whole-day events as DATE values with an exclusive end', () => {
    const ics = buildCalendar({ name: 'Prueba', productId: '-//PETT//Prueba//ES', events: [{ uid: 'x@y', start: { date: '2026-12-31' }, summary: 'Plazo', stamp: new Date('2026-11-29T12:00:00Z') }] });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101');
    expect(ics).toContain('DTSTAMP:20261129T120000Z');
  });

  it('names each deadline by rule and case number only, with a stable UID', () => {
    const ics = deadlineCalendar([
      { id: 'abc', name: 'Solicitud de medida de coerción', due: '2026-12-01T15:30:00.000Z', dueAt: '2026-12-01T15:30:00.000Z', law: 'CPP', article: '150', alert: 'due-soon', case: { documentId: 'case1', caseNumber: 'PETT-2026-00001' } },
    ], new Date('2026-11-29T12:00:00Z'), 'https://pett.example/');
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('UID:abc@plazos.pett');
    expect(unfolded).toContain('SUMMARY:Plazo: Solicitud de medida de coerción — PETT-2026-00001');
    expect(unfolded).toContain('DTSTART:20261201T153000Z');
    expect(unfolded).toContain('URL:https://pett.example/casos/case1');
    expect(unfolded).toContain('TRIGGER:-PT1440M');
  });
});
