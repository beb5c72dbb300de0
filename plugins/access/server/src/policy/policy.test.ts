import { describe, expect, it } from 'vitest';
import { canOnCase, caseScope, officeToday, readScope, restrictFilters, type Actor } from './policy';

const today = '2026-11-29';
const fiscal: Actor = { id: 7, role: 'prosecutor' };
const member = (userId: number, teamRole = 'prosecutor', endDate: string | null = null) => ({ userId, teamRole, startDate: '2025-01-01', endDate });

describe('the case policy', () => {
  it('lets the chief prosecutor read every case and limits team roles to their memberships', () => {
    expect(caseScope({ id: 1, role: 'chief-prosecutor' }, today)).toEqual({ kind: 'all' });
    const scope = caseScope(fiscal, today);
    expect(scope.kind).toBe('filter');
    expect(JSON.stringify(scope)).toContain('"$eq":7');
  });
  it('gives nothing to roles that never read cases, or to no one at all', () => {
    for (const role of ['statistician', 'auditor', 'configurator', 'agency-liaison'] as const) expect(caseScope({ id: 2, role }, today)).toEqual({ kind: 'none' });
    expect(caseScope(null, today)).toEqual({ kind: 'none' });
    expect(caseScope({ id: 3, role: null }, today)).toEqual({ kind: 'none' });
  });
  it('a member who has left the team loses access', () => {
    expect(canOnCase(fiscal, 'read', { members: [member(7)] }, today)).toBe(true);
    expect(canOnCase(fiscal, 'read', { members: [member(7, 'prosecutor', '2026-01-01')] }, today)).toBe(false);
    expect(canOnCase(fiscal, 'read', { members: [{ ...member(7), startDate: '2027-01-01' }] }, today)).toBe(false);
  });
  it('only prosecutors on the team edit; investigators read', () => {
    const inv: Actor = { id: 8, role: 'investigator' };
    expect(canOnCase(inv, 'read', { members: [member(8, 'investigator')] }, today)).toBe(true);
    expect(canOnCase(inv, 'update', { members: [member(8, 'investigator')] }, today)).toBe(false);
    expect(canOnCase(fiscal, 'update', { members: [member(7, 'lead-prosecutor')] }, today)).toBe(true);
  });
  it('nobody deletes a case and only prosecutors open one', () => {
    expect(canOnCase({ id: 1, role: 'chief-prosecutor' }, 'delete', { members: [] }, today)).toBe(false);
    expect(canOnCase(fiscal, 'create', null, today)).toBe(true);
    expect(canOnCase({ id: 8, role: 'investigator' }, 'create', null, today)).toBe(false);
  });
  it('derives the scope of people and victims from the cases', () => {
    expect(JSON.stringify(readScope('person', fiscal, today))).toContain('"parties":{"case":{"members"');
    expect(readScope('victim-profile', { id: 9, role: 'investigator' }, today)).toEqual({ kind: 'none' });
    // The chief reads every case's summary, but its people only on their teams or by break-glass.
    expect(readScope('case', { id: 1, role: 'chief-prosecutor' }, today)).toEqual({ kind: 'all' });
    expect(readScope('person', { id: 1, role: 'chief-prosecutor' }, today, { teamCaseIds: [], breakGlassCaseIds: [5] })).toEqual({ kind: 'filter', filter: { parties: { case: { id: { $in: [5] } } } } });
    expect(readScope('case-party', { id: 1, role: 'chief-prosecutor' }, today, { teamCaseIds: [], breakGlassCaseIds: [] })).toEqual({ kind: 'none' });
  });
  it('lets whoever reads a case read its charges: the chief every case\'s, a member their teams\'', () => {
    expect(readScope('charge', { id: 1, role: 'chief-prosecutor' }, today, { teamCaseIds: [], breakGlassCaseIds: [] })).toEqual({ kind: 'all' });
    expect(readScope('charge', fiscal, today, { teamCaseIds: [4, 6], breakGlassCaseIds: [] })).toEqual({ kind: 'filter', filter: { case: { id: { $in: [4, 6] } } } });
    expect(readScope('charge', { id: 2, role: 'statistician' }, today)).toEqual({ kind: 'none' });
  });
  it('restricts a filter without dropping what the caller asked for', () => {
    expect(restrictFilters({ stage: 'trial' }, { kind: 'filter', filter: { x: 1 } })).toEqual({ $and: [{ stage: 'trial' }, { x: 1 }] });
    expect(restrictFilters({ stage: 'trial' }, { kind: 'none' })).toBeNull();
    expect(restrictFilters(undefined, { kind: 'all' })).toEqual({});
  });
  it('counts days in Santo Domingo time', () => {
    expect(officeToday(new Date('2026-11-30T02:00:00Z'))).toBe('2026-11-29');
  });
});
