import { describe, expect, it } from 'vitest';
import { buildDemoDataSet } from '../../cms/src/seed/demo-data.ts';
import { inIntakeOrder } from './scale-order.ts';

describe('inIntakeOrder', () => {
  const data = buildDemoDataSet(300, { provinces: ['santiago', 'azua'], provinceLabels: {}, nationalities: ['do', 'ht', 've'] }, { seed: 5, today: '2026-06-01' });
  const ordered = inIntakeOrder(data);
  const signature = (d: typeof data) => d.parties.map((p) => JSON.stringify([d.cases[p.caseIndex], d.people[p.personIndex], p.role, p.schemeRole, p.isPublicOfficial])).sort();

  it('keeps every case, person and party, each party with the same case and person', () => {
    expect(ordered.cases).toHaveLength(data.cases.length);
    expect(ordered.people).toHaveLength(data.people.length);
    expect(signature(ordered)).toEqual(signature(data));
  });

  it('keeps every charge on the same case and the same party', () => {
    const charges = (d: typeof data) => d.charges.map((ch) => JSON.stringify([d.cases[ch.caseIndex], d.parties[ch.partyIndex]?.role, d.people[d.parties[ch.partyIndex]!.personIndex], ch.offence, ch.status])).sort();
    expect(data.charges.length).toBeGreaterThan(0);
    expect(charges(ordered)).toEqual(charges(data));
    for (const ch of ordered.charges) expect(ordered.parties[ch.partyIndex]!.caseIndex).toBe(ch.caseIndex);
  });

  it('numbers cases by intake date, and parties and people in the order of their cases', () => {
    const dates = ordered.cases.map((c) => c.intakeDate);
    expect(dates).toEqual([...dates].sort());
    const caseIndexes = ordered.parties.map((p) => p.caseIndex);
    expect(caseIndexes).toEqual([...caseIndexes].sort((a, b) => a - b));
    const firstSeen: number[] = [];
    for (const p of ordered.parties) if (!firstSeen.includes(p.personIndex)) firstSeen.push(p.personIndex);
    expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
  });
});
