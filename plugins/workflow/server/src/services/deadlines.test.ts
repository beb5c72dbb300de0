import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deadlineFor, ruleIssues, type DeadlineRule } from '../deadlines/rules';
import { dueInstant, ruleOf, storedOf } from './deadlines';
import { measureSources, referralSources } from '../middlewares/victim-deadlines';
import { appliesToCaseType } from './sop-runs';

const rules = (JSON.parse(readFileSync(join(import.meta.dirname, '../../../../../config/catalogues/deadline-rules.json'), 'utf8')) as { rules: DeadlineRule[] }).rules;

describe('deadline rules as the /admin type stores them', () => {
  it('every shipped rule survives the trip to the flat admin fields and back', () => {
    for (const rule of rules) {
      const back = ruleOf({ ...storedOf(rule) });
      expect(back).toEqual({ ...rule, note: rule.note ?? undefined });
    }
  });

  it('a rule saved with a complex-case duration keeps it; without one, the plain duration applies to complex cases', () => {
    const process = rules.find((r) => r.key === 'process-max-duration')!;
    const stored = storedOf(process);
    expect(stored).toMatchObject({ amount: 4, unit: 'years', amountIfComplex: 5, unitIfComplex: 'years' });
    const complex = deadlineFor([ruleOf(stored)], 'proceedings-start', '2026-03-10', { holidays: new Set(), isComplex: true });
    expect(complex?.due).toBe('2031-03-10');
    const simple = deadlineFor([ruleOf({ ...stored, amountIfComplex: null, unitIfComplex: null })], 'proceedings-start', '2026-03-10', { holidays: new Set(), isComplex: true });
    expect(simple?.due).toBe('2030-03-10');
  });

  it('dates read back from either database as strings or Date objects', () => {
    const row = { ...storedOf(rules[0]), validFrom: new Date('2010-01-26T00:00:00Z') as unknown as string, validTo: '2030-01-01T00:00:00.000Z' };
    expect(ruleOf(row)).toMatchObject({ validFrom: '2010-01-26', validTo: '2030-01-01' });
  });

  it('names what is wrong, with the field to fix', () => {
    const base = rules[0];
    expect(ruleIssues([{ ...base, validTo: '2000-01-01' }])).toEqual([{ code: 'dates', key: base.key, path: 'validTo' }]);
    expect(ruleIssues([{ ...base, duration: { amount: 0, unit: 'hours' } }])).toEqual([{ code: 'amount', key: base.key, path: 'amount' }]);
    expect(ruleIssues([base, { ...base, key: 'otra', validFrom: '2026-01-01' }])).toEqual([{ code: 'overlap', key: base.key, other: 'otra', event: 'arrest', path: 'validFrom' }]);
    expect(ruleIssues([{ ...base, validTo: '2025-12-31' }, { ...base, key: 'otra', validFrom: '2026-01-01' }])).toEqual([]);
  });
});

describe('when a deadline ends', () => {
  it('a day ends at 23:59:59.999 in Santo Domingo (UTC-4), an instant is itself', () => {
    expect(dueInstant('2026-03-10')).toBe('2026-03-11T03:59:59.999Z');
    expect(dueInstant('2026-12-31')).toBe('2027-01-01T03:59:59.999Z');
    expect(dueInstant('2026-03-10T14:00:00.000Z')).toBe('2026-03-10T14:00:00.000Z');
  });
});

describe('protection measures as deadline sources', () => {
  it('one source per measure, by start date, counted when two start the same day; measures without a start are skipped', () => {
    const sources = measureSources('P-2026-000123', [
      { startDate: '2026-01-10', expiryDate: '2026-04-10' },
      { startDate: '2026-01-10', expiryDate: null },
      { startDate: null, expiryDate: '2026-05-01' },
      { startDate: '2026-02-01T00:00:00.000Z', expiryDate: '2026-06-01' },
    ]);
    expect(sources.map((s) => s.source)).toEqual(['measure:P-2026-000123:2026-01-10', 'measure:P-2026-000123:2026-01-10#2', 'measure:P-2026-000123:2026-02-01']);
    expect(referralSources('P-1', [{ referredOn: '2026-03-02', status: 'requested' }]).map((s) => s.source)).toEqual(['referral:P-1:2026-03-02']);
  });
});

describe('which templates a case gets', () => {
  it.each([
    [['trata', 'ambos'], 'trata', true],
    [['trata', 'ambos'], 'trafico', false],
    [[], 'conexo', true],
    [null, 'trafico', true],
    [['trafico'], null, false],
  ] as const)('appliesTo %j and case type %s → %s', (appliesTo, caseType, expected) => {
    expect(appliesToCaseType(appliesTo, caseType)).toBe(expected);
  });
});
