// The scale data set in the order a real installation fills its tables: cases entered as they come
// in (ids rising with the intake date), their parties and people with them. buildDemoDataSet draws
// each case's year at random, so without this a year's cases (and their people) are scattered over
// the whole file, which no real database is, and every per-year aggregate reads pages at random.
// Pure: the same cases, parties, people and charges, renumbered.
import type { DemoDataSet } from '../../cms/src/seed/demo-data.ts';

export function inIntakeOrder(data: DemoDataSet): DemoDataSet {
  const caseOrder = data.cases.map((c, index) => ({ c, index })).sort((a, b) => a.c.intakeDate.localeCompare(b.c.intakeDate) || a.index - b.index);
  const newCase = new Map(caseOrder.map(({ index }, i) => [index, i]));
  const partyOrder = data.parties.map((p, i) => ({ p: { ...p, caseIndex: newCase.get(p.caseIndex)! }, i }))
    .sort((a, b) => a.p.caseIndex - b.p.caseIndex || a.i - b.i);
  const newParty = new Map(partyOrder.map(({ i }, j) => [i, j]));
  const parties = partyOrder.map(({ p }) => p);
  // People in the order they first appear; anyone in no party keeps a place at the end.
  const newPerson = new Map<number, number>();
  for (const p of parties) if (!newPerson.has(p.personIndex)) newPerson.set(p.personIndex, newPerson.size);
  data.people.forEach((_, i) => { if (!newPerson.has(i)) newPerson.set(i, newPerson.size); });
  const people = new Array<DemoDataSet['people'][number]>(data.people.length);
  data.people.forEach((person, i) => { people[newPerson.get(i)!] = person; });
  // Charges point at a case and a party by index: renumbered with them.
  const charges = data.charges.map((ch) => ({ ...ch, caseIndex: newCase.get(ch.caseIndex)!, partyIndex: newParty.get(ch.partyIndex)! }));
  return { cases: caseOrder.map(({ c }) => c), people, parties: parties.map((p) => ({ ...p, personIndex: newPerson.get(p.personIndex)! })), charges };
}
