import { describe, expect, it } from 'vitest';
import { canOnCase, canReadReferral, canRefer, canRevokeReferral, caseScope, officeToday, readScope, restrictFilters, type Actor } from './policy';

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

describe('the referral policy', () => {
  const liaison: Actor = { id: 40, role: 'agency-liaison' };
  const reach = (agencyIds: number[]) => ({ teamCaseIds: [], breakGlassCaseIds: [], agencyIds });

  it("limits a liaison to referrals made to their agencies and not revoked, and to nothing else", () => {
    const scope = readScope('referral', liaison, today, reach([3]));
    expect(scope).toEqual({ kind: 'filter', filter: { $and: [{ agency: { id: { $in: [3] } } }, { status: { $notIn: ['revoked'] } }] } });
    expect(readScope('referral', liaison, today, reach([]))).toEqual({ kind: 'none' });
    expect(readScope('referral-message', liaison, today, reach([3]))).toEqual({ kind: 'filter', filter: { referral: (scope as { filter: unknown }).filter } });
    for (const kind of ['case', 'case-party', 'person', 'victim-profile', 'case-member', 'charge'] as const) expect(readScope(kind, liaison, today, reach([3]))).toEqual({ kind: 'none' });
  });

  it('answers the single-record question like the scope', () => {
    const facts = { members: [member(7)], agencyId: 3, status: 'sent' };
    expect(canReadReferral(liaison, facts, today, [3])).toBe(true);
    expect(canReadReferral(liaison, facts, today, [4])).toBe(false);
    expect(canReadReferral(liaison, { ...facts, status: 'revoked' }, today, [3])).toBe(false);
    expect(canReadReferral(fiscal, facts, today)).toBe(true);
    expect(canReadReferral({ id: 8, role: 'prosecutor' }, facts, today)).toBe(false);
    expect(canReadReferral({ id: 7, role: 'investigator' }, { ...facts, members: [member(7, 'investigator')] }, today)).toBe(false);
  });

  it('lets the team refer, and only its prosecutors and the chief revoke', () => {
    const facts = { members: [member(7, 'lead-prosecutor'), member(9, 'victim-officer')] };
    expect(canRefer(fiscal, facts, today)).toBe(true);
    expect(canRefer({ id: 9, role: 'victim-officer' }, facts, today)).toBe(true);
    expect(canRevokeReferral({ id: 9, role: 'victim-officer' }, facts, today)).toBe(false);
    expect(canRevokeReferral(fiscal, facts, today)).toBe(true);
    expect(canRevokeReferral(fiscal, { members: [member(7, 'lead-prosecutor', '2025-06-01')] }, today)).toBe(false);
    expect(canRefer(liaison, facts, today)).toBe(false);
    expect(canRevokeReferral({ id: 1, role: 'chief-prosecutor' }, { ...facts, breakGlassUserIds: [1] }, today)).toBe(true);
    expect(canRevokeReferral({ id: 1, role: 'chief-prosecutor' }, facts, today)).toBe(false);
  });
});
