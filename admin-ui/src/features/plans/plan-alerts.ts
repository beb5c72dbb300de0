// What a plan should warn about, from what is saved: a granted judicial authorisation that expires
// soon or has expired (every act after expiry is unlawful), and actions past their due date that
// are still open. The legal deadline itself is tracked by the case's deadlines; this is the plan's view.
import type { Plan } from './plan-api'

/** The deadline rule for authorisations warns 5 days ahead (config/catalogues/deadline-rules.json). */
export const AUTHORISATION_WARN_DAYS = 5

export type PlanAlert =
  | { kind: 'authorisation-expiring' | 'authorisation-expired'; number: number; authorisationKind: string; date: string; days: number }
  | { kind: 'action-overdue'; number: number; date: string; days: number }

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000

export function planAlerts(plan: Pick<Plan, 'authorisations' | 'actions'>, today: string): PlanAlert[] {
  const alerts: PlanAlert[] = []
  plan.authorisations.forEach((a, i) => {
    if (!a.grantedOn || !a.expiresOn) return
    const days = dayNumber(a.expiresOn) - dayNumber(today)
    if (days < 0) alerts.push({ kind: 'authorisation-expired', number: i + 1, authorisationKind: a.kind, date: a.expiresOn, days: -days })
    else if (days <= AUTHORISATION_WARN_DAYS) alerts.push({ kind: 'authorisation-expiring', number: i + 1, authorisationKind: a.kind, date: a.expiresOn, days })
  })
  plan.actions.forEach((a, i) => {
    if (!a.dueDate || (a.status !== 'planned' && a.status !== 'in-progress')) return
    const days = dayNumber(today) - dayNumber(a.dueDate)
    if (days > 0) alerts.push({ kind: 'action-overdue', number: i + 1, date: a.dueDate, days })
  })
  return alerts
}
