// What the sign-in steps say when the server refuses: its own message (in the user's language),
// the lock message of a 429 exactly as sent, or a plain fallback.
import type { ApiError } from '../../api/http'

type Translate = (key: string) => string

export function refusalMessage(error: ApiError, t: Translate, fallbackKey: string): string {
  if (error.isNetwork) return t('errors.network')
  if (error.status === 429) return error.message || t('login.locked')
  return error.message || t(fallbackKey)
}

/** A 401 to a step that carries a challenge: the challenge expired or was used; start again. */
export function challengeIsOver(error: ApiError): boolean {
  return error.status === 401
}
