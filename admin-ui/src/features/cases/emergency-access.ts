// Emergency access (acceso excepcional), the parts without a page: the "Motivo" checked before
// sending, where the server's field errors go, and until when an access is in force.
import { placeReasonErrors, reasonLength, validateReason as validateReasonWithin, type ReasonLimits, type ReasonProblem } from '../../components/reason'
import type { Language } from '../../i18n'
import { formatDateTime, formatTime, todayIso } from '../../i18n/format'
import type { EmergencyGrant } from './case-api'

/** The server counts the reason after trimming it, and so does the portal. */
export const REASON_MIN = 20
export const REASON_MAX = 1000
export const BREAK_GLASS_REASON: ReasonLimits = { min: REASON_MIN, max: REASON_MAX }

export { placeReasonErrors, reasonLength, type ReasonProblem }

export function validateReason(reason: string): ReasonProblem | null {
  return validateReasonWithin(reason, BREAK_GLASS_REASON, 'breakGlass.reasonMissing')
}

/** The latest expiry among the grants the server says are in force; null when none is. */
export function activeUntil(grants: readonly EmergencyGrant[]): string | null {
  let latest: string | null = null
  for (const grant of grants) {
    if (grant.active && (latest === null || Date.parse(grant.expiresAt) > Date.parse(latest))) latest = grant.expiresAt
  }
  return latest
}

/** "HH:mm" when the access ends today (Santo Domingo), "dd/mm/aaaa HH:mm" when it ends another day. */
export function untilText(expiresAt: string, language: Language, now: Date = new Date()): string {
  const end = new Date(expiresAt)
  if (Number.isNaN(end.getTime())) return ''
  return todayIso(end) === todayIso(now) ? formatTime(expiresAt, language) : formatDateTime(expiresAt, language)
}

/** Newest first, whatever order the server sent. */
export function newestFirst(grants: readonly EmergencyGrant[]): EmergencyGrant[] {
  return [...grants].sort((a, b) => Date.parse(b.grantedAt) - Date.parse(a.grantedAt))
}
