import { describe, expect, it } from 'vitest';
import { parseHandOff, parseItem, parsePage, type References } from './input';
import { canRecordEvidence, canVerifyEvidence } from '../policy/evidence-access';

const refs: References = {
  evidenceTypes: new Set(['telefono-movil']),
  purposes: new Set(['examen-pericial']),
  conditions: new Set(['sellado-intacto']),
  agencies: new Set(['PN', 'INACIF']),
};
const now = new Date('2026-06-01T12:00:00Z');
const good = { evidenceType: 'telefono-movil', description: 'Teléfono (DEMO)', seizedAt: '2026-03-01T14:30:00-04:00', seizedWhere: 'Santiago', seizedBy: { agency: 'PN', user: null }, condition: 'sellado-intacto' };
const paths = (r: { problems?: Array<{ path: string[] }> }) => (r.problems ?? []).map((p) => p.path.join('.')).sort();

describe('evidence request bodies', () => {
  it('reads a good item, times in UTC', () => {
    expect(parseItem({ data: good }, refs, 'es', now)).toEqual({ value: { ...good, seizedAt: '2026-03-01T18:30:00.000Z', storageLocation: null, sealNumber: null } });
  });

  it('names each bad field of an item, in the language asked for', () => {
    const bad = parseItem({ data: { ...good, evidenceType: 'x', seizedAt: '2026-07-01T00:00:00Z', seizedWhere: 'a\nb', seizedBy: { agency: 'NOPE', user: '../x' }, extra: 1 } }, refs, 'en', now) as { problems: Array<{ path: string[]; message: string }> };
    expect(paths(bad)).toEqual(['evidenceType', 'extra', 'seizedAt', 'seizedBy', 'seizedWhere']);
    expect(bad.problems.find((p) => p.path[0] === 'seizedAt')!.message).toContain('not in the future');
    expect(paths(parseItem({ data: { ...good, seizedBy: { agency: 'NOPE' } } }, refs, 'es', now) as never)).toEqual(['seizedBy.agency']);
    expect(paths(parseItem('nope', refs, 'es', now) as never)).toEqual(['data']);
  });

  it('reads a hand-off and refuses a purpose or condition outside the lists', () => {
    expect(parseHandOff({ data: { to: { agency: 'INACIF', user: null }, purpose: 'examen-pericial', condition: 'sellado-intacto' } }, refs, 'es', now)).toMatchObject({ value: { at: null, note: null } });
    expect(paths(parseHandOff({ data: { to: { agency: 'INACIF' }, purpose: 'incautacion', condition: 'roto', note: 'x'.repeat(1001) } }, refs, 'es', now) as never)).toEqual(['condition', 'note', 'purpose']);
  });

  it('pages within bounds', () => {
    expect(parsePage({}, 'es')).toEqual({ page: 1, pageSize: 25 });
    expect(paths(parsePage({ page: '0', pageSize: '101' }, 'en') as never)).toEqual(['page', 'pageSize']);
  });
});

describe('who may record evidence', () => {
  const today = '2026-06-01';
  const facts = { members: [{ userId: 7, teamRole: 'investigator', startDate: '2026-01-01', endDate: null }, { userId: 8, teamRole: 'analyst', startDate: '2026-01-01', endDate: '2026-02-01' }] };
  it('the chief, and prosecutors and investigators on the active team; auditors verify', () => {
    expect(canRecordEvidence({ id: 1, role: 'chief-prosecutor' }, { members: [] }, today)).toBe(true);
    expect(canRecordEvidence({ id: 7, role: 'investigator' }, facts, today)).toBe(true);
    expect(canRecordEvidence({ id: 8, role: 'prosecutor' }, facts, today)).toBe(false); // membership ended
    expect(canRecordEvidence({ id: 7, role: 'analyst' }, facts, today)).toBe(false);
    expect(canVerifyEvidence({ id: 2, role: 'auditor' })).toBe(true);
    expect(canVerifyEvidence({ id: 1, role: 'chief-prosecutor' })).toBe(false);
  });
});
