// Each role's "Inicio", and whether it has a case list at all. The statistics unit, the auditors,
// the configurators and the agencies' liaisons see no case (the access policy gives them none), so
// "Casos" would always be empty for them: their Inicio is their own work instead.
import type { Me } from './stores/session'

const NO_CASES: ReadonlySet<string> = new Set(['statistician', 'auditor', 'configurator', 'agency-liaison'])

/** "Casos" in the rail: every role the access policy lets see cases. */
export function hasCaseList(me: Me | null | undefined): boolean {
  return !NO_CASES.has(me?.role ?? '')
}

/** The page "Inicio" opens for this user. */
export function homeRouteOf(me: Me | null | undefined): 'cases' | 'dashboard' | 'audit' | 'referrals' {
  switch (me?.role) {
    case 'statistician':
      return 'dashboard'
    case 'auditor':
      return me.can?.readAuditTrail === false ? 'cases' : 'audit'
    case 'agency-liaison':
      return 'referrals'
    default:
      return 'cases'
  }
}
