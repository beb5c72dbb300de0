import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addBusinessDays, addMonths, computeHolidays, easterSunday, nextBusinessDay, type Holiday, type HolidayRule } from './calendar';
import { deadlineFor, ruleInForce, ruleProblems, type DeadlineRule } from './rules';

const config = (file: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../../../../config/catalogues', file), 'utf8'));
const holidaysFile = config('holidays.json') as { rules: HolidayRule[]; years: Record<string, Array<Holiday & { needsConfirmation: boolean }>> };
const rules = (config('deadline-rules.json') as { rules: DeadlineRule[] }).rules;
const holidays = new Set(Object.values(holidaysFile.years).flat().map((h) => h.date));

describe('business days', () => {
  it.each([
    ['a Monday plus 3 is Thursday', '2026-03-02', 3, '2026-03-05'],
    ['over a weekend', '2026-03-05', 3, '2026-03-10'],
    ['over a weekend and the Monday Reyes was moved to (5 January 2026)', '2026-01-02', 2, '2026-01-07'],
    ['over Holy Week: Good Friday 3 April 2026', '2026-04-01', 2, '2026-04-06'],
    ['over the Independence Day on a Friday (27 February 2026)', '2026-02-26', 1, '2026-03-02'],
    ['from a Saturday', '2026-03-07', 1, '2026-03-09'],
    ['over Christmas and New Year 2026-2027', '2026-12-24', 3, '2026-12-30'],
  ])('%s', (_name, from, n, due) => {
    expect(addBusinessDays(from, n, holidays)).toBe(due);
  });

  it('a holiday or weekend rolls to the next business day', () => {
    expect(nextBusinessDay('2026-05-02', holidays)).toBe('2026-05-05'); // Saturday, Sunday, Labour Day on Monday 4
    expect(nextBusinessDay('2026-05-05', holidays)).toBe('2026-05-05');
  });

  it('months keep the day, or the month’s last day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-06-30', 8)).toBe('2028-02-29');
    expect(addMonths('2026-05-15', 48)).toBe('2030-05-15');
  });
});

describe('the holiday table', () => {
  it('computes Easter right', () => {
    expect([2024, 2025, 2026, 2027].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28']);
  });

  it.each(['2024', '2025', '2026', '2027'])('the listed %s is what Ley 139-97 gives, each moved date flagged for confirmation', (year) => {
    const listed = holidaysFile.years[year];
    expect(listed.map(({ needsConfirmation: _n, ...h }) => h)).toEqual(computeHolidays(Number(year), holidaysFile.rules));
    for (const h of listed) if (h.movedFrom) expect(h.needsConfirmation, h.date).toBe(true);
  });

  it('moves Tuesday and Wednesday holidays back to Monday and Thursday and Friday ones forward', () => {
    const h2026 = computeHolidays(2026, holidaysFile.rules);
    expect(h2026.find((h) => h.name === 'Día de los Santos Reyes')).toEqual({ date: '2026-01-05', name: 'Día de los Santos Reyes', movedFrom: '2026-01-06' });
    expect(h2026.find((h) => h.name === 'Día de la Constitución')?.date).toBe('2026-11-09');
    expect(computeHolidays(2024, holidaysFile.rules).find((h) => h.name === 'Día de la Restauración')?.date).toBe('2024-08-16'); // inauguration year
  });
});

describe('dated rules', () => {
  it('the shipped rules are consistent and cover the issue’s list', () => {
    expect(ruleProblems(rules)).toEqual([]);
    const events = new Set(rules.map((r) => r.event));
    for (const e of ['arrest', 'pretrial-detention-ordered', 'proceedings-start', 'provisional-archive', 'protection-measure-granted', 'judicial-authorisation-granted', 'referral-sent']) expect(events.has(e), e).toBe(true);
    for (const r of rules) for (const field of ['law', 'article', 'lawVersion', 'onMiss', 'name'] as const) expect(r[field].trim(), `${r.key}.${field}`).not.toBe('');
  });

  it('flags what DOMAIN.md marks (check): the 8 months and its article, the rule of older cases', () => {
    for (const r of rules.filter((x) => x.key === 'investigation-detained')) expect(r.needsLegalConfirmation).toBe(true);
    expect(rules.find((r) => r.key === 'coercion-request-48h')?.needsLegalConfirmation).toBe(false);
  });

  it('the 48-hour coercion request runs in hours, weekends and holidays included', () => {
    const d = deadlineFor(rules, 'arrest', '2026-04-02T22:30:00.000Z', { holidays });
    expect(d?.due).toBe('2026-04-04T22:30:00.000Z');
    expect(d?.rule.key).toBe('coercion-request-48h');
  });

  it('a change of law: detention ordered before 97-25 keeps the old rule, after it gets 8 months', () => {
    expect(ruleInForce(rules, 'pretrial-detention-ordered', '2025-06-10')?.lawVersion).toBe('Ley 10-15');
    expect(deadlineFor(rules, 'pretrial-detention-ordered', '2025-06-10', { holidays })?.due).toBe('2025-09-10');
    expect(ruleInForce(rules, 'pretrial-detention-ordered', '2026-01-10')?.lawVersion).toBe('Ley 97-25');
    expect(deadlineFor(rules, 'pretrial-detention-ordered', '2026-01-10', { holidays })?.due).toBe('2026-09-10');
    expect(ruleInForce(rules, 'pretrial-detention-ordered', '2014-01-01')).toBeNull();
  });

  it('the event’s office date decides the rule: 23:00 on 30 November 2025 in Santo Domingo is still the old law', () => {
    expect(deadlineFor(rules, 'pretrial-detention-ordered', '2025-12-01T03:00:00.000Z', { holidays })?.rule.lawVersion).toBe('Ley 10-15');
  });

  it('the whole process: 4 years, 5 if declared complex', () => {
    expect(deadlineFor(rules, 'proceedings-start', '2026-02-15', { holidays })?.due).toBe('2030-02-15');
    expect(deadlineFor(rules, 'proceedings-start', '2026-02-15', { holidays, isComplex: true })?.due).toBe('2031-02-15');
  });

  it('expiries set by an order take the recorded date and warn before it', () => {
    const d = deadlineFor(rules, 'protection-measure-granted', '2026-03-01', { holidays, recordedDue: '2026-09-01' });
    expect(d).toMatchObject({ due: '2026-09-01', warnFrom: '2026-08-17' });
    expect(deadlineFor(rules, 'judicial-authorisation-granted', '2026-03-01', { holidays })).toBeNull();
  });

  it('referral acknowledgement counts business days over holidays', () => {
    expect(deadlineFor(rules, 'referral-sent', '2026-04-01', { holidays })?.due).toBe('2026-04-07');
  });

  it('refuses overlapping versions of a rule', () => {
    const [a] = rules.filter((r) => r.key === 'investigation-detained');
    expect(ruleProblems([a, { ...a, key: 'copy', validFrom: '2020-01-01' }])).toEqual(['investigation-detained and copy: two rules for «pretrial-detention-ordered» are in force at the same time']);
  });
});
