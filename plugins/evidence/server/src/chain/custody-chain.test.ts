import { describe, expect, it } from 'vitest';
import { chainCustody, custodyHash, verifyCustody, type CustodyEvent, type CustodyFacts } from './custody-chain';

const ITEM = 'item-doc-1';
const facts = (n: number): CustodyFacts => ({
  at: new Date(Date.UTC(2026, 0, n, 12)).toISOString(),
  from: n === 1 ? { user: null, agency: null } : { user: `user-${n - 1}`, agency: 'PN' },
  to: { user: `user-${n}`, agency: n === 3 ? 'INACIF' : 'PN' },
  purpose: n === 1 ? 'incautacion' : 'examen-pericial',
  condition: 'sellado-intacto',
  sealNumber: `S-${n}`,
  storageLocation: null,
  note: null,
  recordedBy: 'user-1',
});

function chainOf(length: number): CustodyEvent[] {
  const out: CustodyEvent[] = [];
  for (let n = 1; n <= length; n += 1) out.push(chainCustody(ITEM, facts(n), out.at(-1) ?? null));
  return out;
}

describe('chain of custody', () => {
  it('an untouched chain verifies, against its head too', () => {
    const events = chainOf(4);
    expect(verifyCustody(ITEM, events, { length: 4, hash: events[3].hash })).toEqual([]);
  });

  it('an edited hand-off is caught', () => {
    const events = chainOf(4);
    events[2] = { ...events[2], to: { user: 'someone-else', agency: 'INACIF' } };
    expect(verifyCustody(ITEM, events)).toMatchObject([{ kind: 'edited', sequence: 3 }]);
  });

  it('an edit whose hash was recomputed is caught by the next hand-off', () => {
    const events = chainOf(4);
    const forged = { ...events[1], condition: 'danado' };
    events[1] = { ...forged, hash: custodyHash(forged) };
    expect(verifyCustody(ITEM, events)).toMatchObject([{ kind: 'edited', sequence: 2 }]);
  });

  it('a removed hand-off is caught, in the middle and at the end (against the head)', () => {
    const events = chainOf(4);
    expect(verifyCustody(ITEM, [events[0], events[1], events[3]])).toMatchObject([{ kind: 'removed', sequence: 3 }]);
    expect(verifyCustody(ITEM, events.slice(0, 3), { length: 4, hash: events[3].hash })).toMatchObject([{ kind: 'truncated', sequence: 4 }]);
    expect(verifyCustody(ITEM, [])).toMatchObject([{ kind: 'missing' }]);
  });

  it('a reorder is caught, by swapped numbers and by renumbering', () => {
    const events = chainOf(4);
    const swapped = [events[0], { ...events[2], sequence: 2 }, { ...events[1], sequence: 3 }, events[3]];
    const problems = verifyCustody(ITEM, swapped);
    expect(problems[0]).toMatchObject({ kind: 'reordered', sequence: 2 });
    expect(problems[0].message.en).toContain('recorded as number 3');
  });

  it('a hand-off of another item does not fit in this chain', () => {
    const events = chainOf(2);
    const other = chainCustody('item-doc-2', facts(3), events[1]);
    expect(verifyCustody(ITEM, [...events, other])).toMatchObject([{ kind: 'foreign', sequence: 3 }]);
  });
});
