import { describe, expect, it } from 'vitest';
import { canReadAuditTrail, canReadCaseActivity } from './policy';
import { ROLE_KEYS } from './roles';

const today = '2026-06-01';
const team = { members: [{ userId: 1, teamRole: 'lead-prosecutor', startDate: '2026-01-01' }, { userId: 2, teamRole: 'prosecutor', startDate: '2026-01-01' }, { userId: 3, teamRole: 'investigator', startDate: '2026-01-01' }, { userId: 4, teamRole: 'lead-prosecutor', startDate: '2026-01-01', endDate: '2026-05-01' }] };

describe('who reads a case activity and the audit trail', () => {
  it('the lead prosecutor and the chief read a case activity; other members and a former lead do not', () => {
    expect(canReadCaseActivity({ id: 1, role: 'prosecutor' }, team, today)).toBe(true);
    expect(canReadCaseActivity({ id: 9, role: 'chief-prosecutor' }, team, today)).toBe(true);
    expect(canReadCaseActivity({ id: 2, role: 'prosecutor' }, team, today)).toBe(false);
    expect(canReadCaseActivity({ id: 3, role: 'investigator' }, team, today)).toBe(false);
    expect(canReadCaseActivity({ id: 4, role: 'prosecutor' }, team, today)).toBe(false);
    expect(canReadCaseActivity({ id: 1, role: 'auditor' }, team, today)).toBe(false);
    expect(canReadCaseActivity(null, team, today)).toBe(false);
  });

  it('only the auditor reads the audit trail', () => {
    expect(ROLE_KEYS.filter((role) => canReadAuditTrail({ id: 1, role }))).toEqual(['auditor']);
    expect(canReadAuditTrail(null)).toBe(false);
  });
});
