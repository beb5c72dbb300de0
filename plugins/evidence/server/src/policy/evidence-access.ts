// Who may do what with a case's evidence. Reading follows the case: whoever may see the case (the
// access policy's case scope, applied by the document service) sees its register. Recording
// (a new item, a file, a hand-off) is for those who handle evidence on the case: the chief
// prosecutor, and the prosecutors and investigators on its team. Agency liaisons will reach items
// through referrals (issue 9, later). Pure.
import { isActiveMembership, type Actor, type CaseFacts } from '@pett/access/dist/server/policy/policy';
import type { RoleKey } from '@pett/access/dist/server/policy/roles';

const HANDLERS: ReadonlySet<RoleKey> = new Set(['prosecutor', 'investigator']);

export function canRecordEvidence(actor: Actor | null, facts: CaseFacts, today: string): boolean {
  if (actor?.role === 'chief-prosecutor') return true;
  if (!actor?.role || !HANDLERS.has(actor.role)) return false;
  return facts.members.some((m) => m.userId === actor.id && isActiveMembership(m, today));
}

/** The integrity check of every chain and file: internal control. */
export function canVerifyEvidence(actor: Actor | null): boolean {
  return actor?.role === 'auditor';
}
