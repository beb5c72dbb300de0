import { describe, expect, it } from 'vitest';
import { canRevealIdentity } from './identity';

const today = '2026-06-01';
const member = (userId: number, teamRole: string, startDate = '2026-01-01', endDate: string | null = null) => ({ userId, teamRole, startDate, endDate });

describe('canRevealIdentity', () => {
  it('lets a team prosecutor and a team victim officer open an identity', () => {
    const cases = [{ members: [member(1, 'lead-prosecutor'), member(2, 'victim-officer')] }];
    expect(canRevealIdentity({ id: 1, role: 'prosecutor' }, cases, today)).toBe(true);
    expect(canRevealIdentity({ id: 2, role: 'victim-officer' }, cases, today)).toBe(true);
  });

  it('refuses investigators, analysts and the roles that never see a person, even on the team', () => {
    const cases = [{ members: [member(3, 'investigator'), member(4, 'analyst')] }];
    expect(canRevealIdentity({ id: 3, role: 'investigator' }, cases, today)).toBe(false);
    expect(canRevealIdentity({ id: 4, role: 'analyst' }, cases, today)).toBe(false);
    for (const role of ['statistician', 'auditor', 'configurator', 'agency-liaison'] as const) {
      expect(canRevealIdentity({ id: 9, role }, [{ members: [member(9, 'prosecutor')] }], today)).toBe(false);
    }
  });

  it('refuses a member who has left or not yet started, and anyone off the team', () => {
    expect(canRevealIdentity({ id: 1, role: 'prosecutor' }, [{ members: [member(1, 'prosecutor', '2025-01-01', '2026-05-31')] }], today)).toBe(false);
    expect(canRevealIdentity({ id: 1, role: 'prosecutor' }, [{ members: [member(1, 'prosecutor', '2026-06-02')] }], today)).toBe(false);
    expect(canRevealIdentity({ id: 1, role: 'prosecutor' }, [{ members: [member(2, 'prosecutor')] }], today)).toBe(false);
    expect(canRevealIdentity(null, [{ members: [member(1, 'prosecutor')] }], today)).toBe(false);
  });

  it('lets the chief prosecutor in through a team seat or emergency access only', () => {
    const chief = { id: 5, role: 'chief-prosecutor' as const };
    expect(canRevealIdentity(chief, [{ members: [member(1, 'prosecutor')] }], today)).toBe(false);
    expect(canRevealIdentity(chief, [{ members: [member(1, 'prosecutor')], breakGlassUserIds: [5] }], today)).toBe(true);
    expect(canRevealIdentity(chief, [{ members: [member(5, 'lead-prosecutor')] }], today)).toBe(true);
    expect(canRevealIdentity({ id: 1, role: 'prosecutor' }, [{ members: [], breakGlassUserIds: [1] }], today)).toBe(false);
  });
});

describe('canSearchPeople', () => {
  it('lets the roles that work with people search, and no one else', async () => {
    const { canSearchPeople } = await import('./identity');
    for (const role of ['chief-prosecutor', 'prosecutor', 'victim-officer', 'investigator'] as const) expect(canSearchPeople({ id: 1, role })).toBe(true);
    for (const role of ['analyst', 'statistician', 'auditor', 'configurator', 'agency-liaison'] as const) expect(canSearchPeople({ id: 1, role })).toBe(false);
    expect(canSearchPeople(null)).toBe(false);
  });
});
