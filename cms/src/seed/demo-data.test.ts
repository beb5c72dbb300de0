import { describe, expect, it } from 'vitest';
import { buildDemoDataSet, demoNationalities } from './demo-data';

const catalogue = { provinces: ['santiago', 'azua', 'dajabon'], provinceLabels: { santiago: 'Santiago', azua: 'Azua', dajabon: 'Dajabón' }, nationalities: ['do', 'ht', 've'] };

describe('the demo data set', () => {
  const data = buildDemoDataSet(300, catalogue, { seed: 7, today: '2026-11-29' });

  it('has about a thousand parties for three hundred cases', () => {
    expect(data.cases).toHaveLength(300);
    expect(data.parties.length).toBeGreaterThan(800);
    expect(data.parties.length).toBeLessThan(1300);
  });
  it('marks every case as demo data in its title and summary', () => {
    for (const c of data.cases) {
      expect(c.title.startsWith('[DEMO] ')).toBe(true);
      expect(c.summary).toContain('Datos de demostración');
    }
  });
  it('spreads cases over provinces, years, stages and types', () => {
    expect(new Set(data.cases.map((c) => c.province)).size).toBe(3);
    expect(new Set(data.cases.map((c) => c.year)).size).toBeGreaterThan(5);
    expect(new Set(data.cases.map((c) => c.stage)).size).toBeGreaterThan(8);
    expect(new Set(data.cases.map((c) => c.caseType))).toEqual(new Set(['trata', 'trafico', 'ambos', 'conexo']));
  });
  it('never dates a case in the future, nor facts after intake', () => {
    for (const c of data.cases) {
      expect(c.intakeDate <= '2026-11-29').toBe(true);
      if (c.factsDate) expect(c.factsDate <= c.intakeDate).toBe(true);
    }
  });
  it('is the same for the same seed', () => {
    expect(buildDemoDataSet(20, catalogue, { seed: 7, today: '2026-11-29' })).toEqual(buildDemoDataSet(20, catalogue, { seed: 7, today: '2026-11-29' }));
  });
  it('charges the accused of cases past intake, with a verdict only from judgment on and a sentence only with a conviction', () => {
    expect(data.charges.length).toBeGreaterThan(100);
    const accusedRoles = new Set(['suspect', 'imputado', 'acusado', 'legal-person']);
    for (const charge of data.charges) {
      const c = data.cases[charge.caseIndex]!;
      expect(data.parties[charge.partyIndex]!.caseIndex).toBe(charge.caseIndex);
      expect(accusedRoles.has(data.parties[charge.partyIndex]!.role)).toBe(true);
      expect(c.stage).not.toBe('intake');
      if (charge.verdictAt) {
        expect(['judgment', 'appeal', 'enforcement', 'closed']).toContain(c.stage);
        expect(['convicted', 'acquitted']).toContain(charge.status);
        expect(charge.verdictAt >= (charge.chargedAt ?? c.intakeDate) && charge.verdictAt <= '2026-11-29').toBe(true);
      }
      if (charge.sentenceMonths !== null) expect(charge.status === 'convicted' && charge.sentenceMonths >= 0 && charge.sentenceMonths <= 1200).toBe(true);
    }
    const statuses = new Set(data.charges.map((c) => c.status));
    for (const status of ['suspected', 'charged', 'indicted', 'convicted', 'acquitted']) expect(statuses).toContain(status);
  });
  it('shares some accused people between cases', () => {
    const casesPerPerson = new Map<number, Set<number>>();
    for (const p of data.parties) casesPerPerson.set(p.personIndex, (casesPerPerson.get(p.personIndex) ?? new Set()).add(p.caseIndex));
    expect([...casesPerPerson.values()].some((set) => set.size > 1)).toBe(true);
  });
});

describe('demoNationalities', () => {
  it('draws demo people from the relevant nationalities only, never unknown or the full ISO tail', () => {
    const items = [
      { code: 'do', sortOrder: 1 },
      { code: 'ht', sortOrder: 2 },
      { code: 'xx', sortOrder: 36 },
      { code: 'aq', sortOrder: 105 },
      { code: 've' },
    ];
    expect(demoNationalities(items)).toEqual(['do', 'ht', 've']);
  });
});
