// The code of the second step: 6 digits from an authenticator app, or a recovery code XXXX-XXXX.
// Spaces are dropped, a recovery code gets its hyphen and capitals, so it is sent as it was printed.

export type CodeKind = 'app' | 'recovery'

const APP_CODE = /^\d{6}$/
const RECOVERY_CODE = /^[A-Z0-9]{4}-?[A-Z0-9]{4}$/

export function normaliseCode(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase()
  if (APP_CODE.test(compact)) return compact
  if (RECOVERY_CODE.test(compact)) return `${compact.slice(0, 4)}-${compact.slice(-4)}`
  return compact
}

/** What the typed text is: an app code, a recovery code, or neither (null). */
export function codeKind(text: string): CodeKind | null {
  const code = normaliseCode(text)
  if (APP_CODE.test(code)) return 'app'
  if (RECOVERY_CODE.test(code)) return 'recovery'
  return null
}
