// Who has deadlines of their own: the members of case teams and the chief prosecutor. The server's
// flag wins when it sends one (can.readDeadlines); the rest see neither "Plazos" nor the badge.
import type { Me } from '../../stores/session'

const DEADLINE_ROLES: ReadonlySet<string> = new Set(['chief-prosecutor', 'prosecutor', 'investigator', 'victim-officer', 'analyst'])

export function hasDeadlines(me: Me | null | undefined): boolean {
  const flag = me?.can.readDeadlines
  return typeof flag === 'boolean' ? flag : DEADLINE_ROLES.has(me?.role ?? '')
}
