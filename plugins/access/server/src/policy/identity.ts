// Who may open or change a person's identity in the vault. Identity never rides along in a list,
// a search or a populate: opening it is its own action, with a reason, and is recorded.
import { isActiveMembership, type Actor, type CaseFacts } from './policy';
import type { RoleKey } from './roles';

/** Account roles that may open an identity at all. */
const IDENTITY_ROLES: ReadonlySet<RoleKey> = new Set(['chief-prosecutor', 'prosecutor', 'victim-officer']);
/** Team roles, on a case where the person is a party, that may open it. */
export const IDENTITY_TEAM_ROLES: ReadonlySet<string> = new Set(['lead-prosecutor', 'prosecutor', 'victim-officer']);

export const REVEAL_REASON = { min: 10, max: 500 } as const;

/**
 * May the actor open (or correct) the identity of a person who is a party to these cases? A team
 * prosecutor or victim officer on one of them; the chief prosecutor on such a team, or through
 * emergency access to one of the cases.
 */
export function canRevealIdentity(actor: Actor | null, cases: ReadonlyArray<CaseFacts & { breakGlassUserIds?: readonly number[] }>, today: string): boolean {
  if (!actor?.role || !IDENTITY_ROLES.has(actor.role)) return false;
  return cases.some((c) =>
    c.members.some((m) => m.userId === actor.id && IDENTITY_TEAM_ROLES.has(m.teamRole) && isActiveMembership(m, today))
    || (actor.role === 'chief-prosecutor' && (c.breakGlassUserIds ?? []).includes(actor.id)));
}

/** Roles that may search people by document number or name (answers are codes they may see). */
const PEOPLE_SEARCH_ROLES: ReadonlySet<RoleKey> = new Set(['chief-prosecutor', 'prosecutor', 'victim-officer', 'investigator']);
export function canSearchPeople(actor: Actor | null): boolean {
  return !!actor?.role && PEOPLE_SEARCH_ROLES.has(actor.role);
}
