// The "Motivo" that some actions must state (emergency access, opening an identity): how it is
// counted, checked before sending, and where the server's message about it goes.
import type { FieldError } from '../api/http'

/** The bounds the server applies, counted on the trimmed text. */
export interface ReasonLimits {
  min: number
  max: number
}

/** An i18n key and its parameters. */
export interface ReasonProblem {
  key: string
  params?: Record<string, number>
}

export function reasonLength(reason: string): number {
  return reason.trim().length
}

/** `missingKey` names the message for an empty reason, which says what the reason is for. */
export function validateReason(reason: string, limits: ReasonLimits, missingKey: string): ReasonProblem | null {
  const length = reasonLength(reason)
  if (length === 0) return { key: missingKey, params: { min: limits.min } }
  if (length < limits.min) return { key: 'validation.minLength', params: { min: limits.min } }
  if (length > limits.max) return { key: 'validation.maxLength', params: { max: limits.max } }
  return null
}

/** The server's message about the reason (path ['reason'] or […, 'reason']) stands next to "Motivo"; the rest is general. */
export function placeReasonErrors(errors: FieldError[]): { reason: string; general: string[] } {
  let reason = ''
  const general: string[] = []
  for (const error of errors) {
    if (error.path[error.path.length - 1] === 'reason') reason ||= error.message
    else general.push(error.message)
  }
  return { reason, general }
}
