import { describe, expect, it } from 'vitest';
import { buildDemoDataSet } from '../../cms/src/seed/demo-data.ts';
import { scaleDeadlines, type RuleText } from './scale-deadlines.ts';

const rule = (key: string, event: string): RuleText => ({ key, name: `Regla ${key}`, law: 'Ley de prueba', article: '1', lawVersion: 'v1', event, onMiss: 'Nada (prueba).', needsLegalConfirmation: false });
const RULES = [rule('process-max-duration', 'proceedings-start'), rule('coercion-request-48h', 'arrest'), rule('protection-measure-expiry', 'protection-measure-granted')];

describe('scaleDeadlines', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  const data = buildDemoDataSet(2000, { provinces: ['santiago', 'azua'], provinceLabels: {}, nationalities: ['do', 'ht'] }, { seed: 3, today: '2026-06-01' });
  const deadlines = scaleDeadlines(data, RULES, now);
  const rows = deadlines.map((d) => d.row as { ruleKey: string; status: string; alert: string; eventAt: Date; dueAt: Date; closedAt: Date | null });

  it('gives every case its maximum-duration deadline, and a coercion request to cases past arrest', () => {
    expect(rows.filter((r) => r.ruleKey === 'process-max-duration')).toHaveLength(data.cases.length);
    const pastArrest = data.cases.filter((c) => !['intake', 'investigation'].includes(c.stage)).length;
    const coercion = rows.filter((r) => r.ruleKey === 'coercion-request-48h').length;
    // Only arrests already made: a case opened in the last weeks may have its arrest still ahead.
    expect(coercion).toBeLessThanOrEqual(pastArrest);
    expect(coercion).toBeGreaterThan(pastArrest * 0.95);
  });

  it('has met, late, overdue and open deadlines, never closed in the future nor before they started', () => {
    const late = rows.filter((r) => r.status === 'met' && r.closedAt! > r.dueAt).length;
    const inTime = rows.filter((r) => r.status === 'met' && r.closedAt! <= r.dueAt).length;
    const overdue = rows.filter((r) => r.status === 'open' && r.dueAt.getTime() < now).length;
    const open = rows.filter((r) => r.status === 'open' && r.dueAt.getTime() >= now).length;
    for (const n of [late, inTime, overdue, open]) expect(n).toBeGreaterThan(20);
    for (const r of rows) {
      expect(r.dueAt.getTime()).toBeGreaterThan(r.eventAt.getTime());
      expect(r.eventAt.getTime()).toBeLessThanOrEqual(now);
      if (r.closedAt) expect(r.closedAt.getTime()).toBeLessThanOrEqual(now);
      if (r.closedAt) expect(r.closedAt.getTime()).toBeGreaterThanOrEqual(r.eventAt.getTime());
      expect(r.alert).toBe(r.status === 'open' && r.dueAt.getTime() < now ? 'overdue' : 'none');
    }
  });

  it('skips rules the catalogue does not have', () => {
    expect(scaleDeadlines(data, RULES.slice(0, 1), now)).toHaveLength(data.cases.length);
  });
});
