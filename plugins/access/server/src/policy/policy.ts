// The need-to-know policy: who may do what with which record, and the query filter that limits a
// list or count to what the user may see. Pure: no Strapi import, so it is tested without booting.
import { CASE_CREATORS, CASE_EDITING_TEAM_ROLES, TEAM_ROLES, type RoleKey } from './roles';

export interface Actor {
  id: number;
  role: RoleKey | null;
}

export interface Membership {
  userId: number;
  teamRole: string;
  startDate: string; // YYYY-MM-DD
  endDate?: string | null;
}

export type RecordKind = 'case' | 'case-party' | 'person' | 'victim-profile' | 'case-member' | 'charge' | 'referral' | 'referral-message';
export type Action = 'read' | 'create' | 'update' | 'delete';

/** What a list or count may return: everything, nothing, or rows matching a filter. */
export type Scope = { kind: 'all' } | { kind: 'none' } | { kind: 'filter'; filter: Record<string, unknown> };

const ALL: Scope = { kind: 'all' };
const NONE: Scope = { kind: 'none' };

/** Today's date in Santo Domingo (UTC-4, no daylight saving), as YYYY-MM-DD. */
export function officeToday(now: Date = new Date()): string {
  return new Date(now.getTime() - 4 * 3600 * 1000).toISOString().slice(0, 10);
}

export function isActiveMembership(m: Membership, today: string): boolean {
  return m.startDate <= today && (m.endDate == null || m.endDate >= today);
}

/** The filter on a case's `members` relation that keeps the actor's current memberships. */
export function activeMembershipFilter(actorId: number, today: string): Record<string, unknown> {
  return {
    $and: [
      { user: { id: { $eq: actorId } } },
      { startDate: { $lte: today } },
      { $or: [{ endDate: { $null: true } }, { endDate: { $gte: today } }] },
    ],
  };
}

/** Does the actor reach cases (or their people) through team memberships, so ids can be resolved? */
export function worksThroughTeams(actor: Actor | null): boolean {
  return !!actor?.role && (TEAM_ROLES.has(actor.role) || actor.role === 'chief-prosecutor');
}

/**
 * Which cases the actor may read. `teamCaseIds`, when given, are the ids of the cases where the
 * actor is an active member (resolved by an indexed query); the filter then names them directly.
 */
export function caseScope(actor: Actor | null, today: string, teamCaseIds?: readonly number[] | null): Scope {
  if (!actor?.role) return NONE;
  if (actor.role === 'chief-prosecutor') return ALL;
  if (TEAM_ROLES.has(actor.role)) {
    if (teamCaseIds) return teamCaseIds.length ? { kind: 'filter', filter: { id: { $in: [...teamCaseIds] } } } : NONE;
    return { kind: 'filter', filter: { members: activeMembershipFilter(actor.id, today) } };
  }
  // Agency liaisons never read case rows: they see a referral made to their agency, and only the
  // fields its data set chose (referralScope); the statistician, the auditor and the configurator
  // never read case rows either.
  return NONE;
}

const PERSON_READERS: ReadonlySet<RoleKey> = new Set(['chief-prosecutor', 'prosecutor', 'investigator', 'victim-officer', 'analyst']);
const VICTIM_READERS: ReadonlySet<RoleKey> = new Set(['chief-prosecutor', 'prosecutor', 'victim-officer']);

function nest(path: string[], scope: Scope): Scope {
  if (scope.kind !== 'filter') return scope;
  const filter = path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), scope.filter);
  return { kind: 'filter', filter };
}

/** Where a user's reach was resolved to case ids: their active teams and their emergency accesses. */
export interface Reach {
  teamCaseIds: readonly number[] | null;
  breakGlassCaseIds: readonly number[];
  /** For an agency liaison: the ids of the agencies their account speaks for (active links). */
  agencyIds?: readonly number[];
}

/** Referral statuses after which the receiving agency has no access at all. */
export const REFERRAL_CLOSED_TO_AGENCY: readonly string[] = ['revoked'];

/** What a liaison may reach of referrals: those made to their agencies, until revoked. */
export function liaisonReferralFilter(agencyIds: readonly number[]): Scope {
  if (!agencyIds.length) return NONE;
  return { kind: 'filter', filter: { $and: [{ agency: { id: { $in: [...agencyIds] } } }, { status: { $notIn: [...REFERRAL_CLOSED_TO_AGENCY] } }] } };
}

/**
 * Which referrals the actor may read: a liaison those made to their agency and not revoked; the
 * chief prosecutor, prosecutors and victim officers those of cases whose people they may see.
 */
export function referralScope(actor: Actor | null, today: string, reach?: Reach): Scope {
  if (!actor?.role) return NONE;
  if (actor.role === 'agency-liaison') return liaisonReferralFilter(reach?.agencyIds ?? []);
  if (!VICTIM_READERS.has(actor.role)) return NONE;
  return nest(['case'], detailScope(actor, today, reach));
}

/** Facts about one referral that decide who may act on it. */
export interface ReferralFacts extends CaseFacts {
  agencyId: number | null;
  status: string;
  breakGlassUserIds?: readonly number[];
}

/** May the actor see this one referral? The single-record twin of referralScope. */
export function canReadReferral(actor: Actor | null, facts: ReferralFacts, today: string, agencyIds: readonly number[] = []): boolean {
  if (!actor?.role) return false;
  if (actor.role === 'agency-liaison') return facts.agencyId !== null && agencyIds.includes(facts.agencyId) && !REFERRAL_CLOSED_TO_AGENCY.includes(facts.status);
  if (!VICTIM_READERS.has(actor.role)) return false;
  return canSeePeopleOf(actor, facts, today);
}

/** May the actor refer from this case? The chief prosecutor and the case's prosecutors and victim officers. */
export function canRefer(actor: Actor | null, facts: CaseFacts & { breakGlassUserIds?: readonly number[] }, today: string): boolean {
  if (!actor?.role || !VICTIM_READERS.has(actor.role)) return false;
  if (actor.role === 'chief-prosecutor') return canSeePeopleOf(actor, facts, today);
  return facts.members.some((m) => m.userId === actor.id && isActiveMembership(m, today));
}

/** May the actor revoke a referral of this case? The chief prosecutor and the case team's prosecutors. */
export function canRevokeReferral(actor: Actor | null, facts: CaseFacts & { breakGlassUserIds?: readonly number[] }, today: string): boolean {
  if (actor?.role === 'chief-prosecutor') return canSeePeopleOf(actor, facts, today);
  if (actor?.role !== 'prosecutor') return false;
  return facts.members.some((m) => m.userId === actor.id && CASE_EDITING_TEAM_ROLES.has(m.teamRole) && isActiveMembership(m, today));
}

/**
 * The cases whose people the actor may see. The chief prosecutor reads every case's summary, but
 * the people of a case only on their own teams or through emergency access (break-glass).
 */
export function detailScope(actor: Actor | null, today: string, reach?: Reach): Scope {
  if (actor?.role !== 'chief-prosecutor') return caseScope(actor, today, reach?.teamCaseIds);
  if (!reach || reach.teamCaseIds === null) {
    return { kind: 'filter', filter: { members: activeMembershipFilter(actor.id, today) } };
  }
  const ids = [...new Set([...reach.teamCaseIds, ...reach.breakGlassCaseIds])];
  return ids.length ? { kind: 'filter', filter: { id: { $in: ids } } } : NONE;
}

/** The read scope for any record kind, derived from the case scopes through its relations. */
export function readScope(kind: RecordKind, actor: Actor | null, today: string, reach?: Reach): Scope {
  if (kind === 'case') return caseScope(actor, today, reach?.teamCaseIds);
  // A charge is read by whoever reads its case (the accused party it names is scoped as a party).
  if (kind === 'charge') return nest(['case'], caseScope(actor, today, reach?.teamCaseIds));
  if (kind === 'referral') return referralScope(actor, today, reach);
  if (kind === 'referral-message') return nest(['referral'], referralScope(actor, today, reach));
  if (!actor?.role || !PERSON_READERS.has(actor.role)) return NONE;
  const cases = detailScope(actor, today, reach);
  switch (kind) {
    case 'case-party':
    case 'case-member':
      return nest(['case'], cases);
    case 'person':
      return nest(['parties', 'case'], cases);
    case 'victim-profile':
      return VICTIM_READERS.has(actor.role) ? nest(['person', 'parties', 'case'], cases) : NONE;
  }
}

/** May the actor see the people (parties, persons) of one case? The single-record twin of readScope. */
export function canSeePeopleOf(actor: Actor | null, record: CaseFacts & { breakGlassUserIds?: readonly number[] }, today: string): boolean {
  if (!actor?.role || !PERSON_READERS.has(actor.role)) return false;
  const member = record.members.some((m) => m.userId === actor.id && isActiveMembership(m, today));
  if (actor.role === 'chief-prosecutor') return member || (record.breakGlassUserIds ?? []).includes(actor.id);
  return member;
}

/**
 * Which records a write may target. Team memberships are managed by whoever manages the case
 * (checked by the team controller), so a chief may change the team of any case they can read.
 */
export function writeScope(kind: RecordKind, actor: Actor | null, today: string, reach?: Reach): Scope {
  if (kind === 'case-member') return nest(['case'], caseScope(actor, today, reach?.teamCaseIds));
  return readScope(kind, actor, today, reach);
}

/** May this actor ask for emergency access? Only the chief prosecutor, with a stated reason. */
export const BREAK_GLASS_REASON = { min: 20, max: 1000 } as const;
export function canBreakGlass(actor: Actor | null): boolean {
  return actor?.role === 'chief-prosecutor';
}

/** Restricts a Strapi filter object by a scope; `null` means the query must return nothing. */
export function restrictFilters(filters: unknown, scope: Scope): Record<string, unknown> | null {
  if (scope.kind === 'none') return null;
  const original = filters && typeof filters === 'object' && Object.keys(filters).length > 0 ? (filters as Record<string, unknown>) : null;
  if (scope.kind === 'all') return original ?? {};
  return original ? { $and: [original, scope.filter] } : scope.filter;
}

export interface CaseFacts {
  members: Membership[];
}

/** May the actor do `action` on a case with these facts? The single answer for single records. */
export function canOnCase(actor: Actor | null, action: Action, record: CaseFacts | null, today: string): boolean {
  if (!actor?.role) return false;
  if (action === 'create') return CASE_CREATORS.has(actor.role);
  if (action === 'delete') return false; // cases are closed through the workflow, never deleted
  if (!record) return false;
  if (actor.role === 'chief-prosecutor') return true;
  if (!TEAM_ROLES.has(actor.role)) return false;
  const mine = record.members.filter((m) => m.userId === actor.id && isActiveMembership(m, today));
  if (action === 'read') return mine.length > 0;
  return mine.some((m) => CASE_EDITING_TEAM_ROLES.has(m.teamRole));
}

/**
 * May the actor read who saw and changed a case (its "Actividad")? The chief prosecutor, and the
 * case's lead prosecutor while that membership is active; nobody else on the team.
 */
export function canReadCaseActivity(actor: Actor | null, record: CaseFacts, today: string): boolean {
  if (actor?.role === 'chief-prosecutor') return true;
  if (actor?.role !== 'prosecutor') return false;
  return record.members.some((m) => m.userId === actor.id && m.teamRole === 'lead-prosecutor' && isActiveMembership(m, today));
}

/** May the actor search, verify and export the audit trail? Internal control only, never case data. */
export function canReadAuditTrail(actor: Actor | null): boolean {
  return actor?.role === 'auditor';
}
