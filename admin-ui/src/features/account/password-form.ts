// "Cambiar contraseña": the checks the portal can make before sending (length, the two new entries
// match), and where the server's field errors go. Pure, so it is tested without a page.
import type { FieldError } from '../../api/http'

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

export const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'repeatPassword'] as const
export type PasswordField = (typeof PASSWORD_FIELDS)[number]
export type PasswordValues = Record<PasswordField, string>

/** An i18n key and its parameters. */
export interface PasswordProblem {
  key: string
  params?: Record<string, number>
}

export function emptyPasswordValues(): PasswordValues {
  return { currentPassword: '', newPassword: '', repeatPassword: '' }
}

export function validatePasswordChange(values: PasswordValues): Partial<Record<PasswordField, PasswordProblem>> {
  const problems: Partial<Record<PasswordField, PasswordProblem>> = {}
  if (!values.currentPassword) problems.currentPassword = { key: 'validation.required' }

  const next = values.newPassword
  if (!next) problems.newPassword = { key: 'validation.required' }
  else if (next.length < PASSWORD_MIN) problems.newPassword = { key: 'validation.minLength', params: { min: PASSWORD_MIN } }
  else if (next.length > PASSWORD_MAX) problems.newPassword = { key: 'validation.maxLength', params: { max: PASSWORD_MAX } }
  else if (values.currentPassword && next === values.currentPassword) problems.newPassword = { key: 'account.password.sameAsCurrent' }

  if (!values.repeatPassword) problems.repeatPassword = { key: 'validation.required' }
  else if (values.repeatPassword !== next) problems.repeatPassword = { key: 'account.password.mismatch' }
  return problems
}

/** Server field errors by field (path ['newPassword'], or ['body', 'newPassword']); the rest is general. */
export function placePasswordErrors(errors: FieldError[]): { fields: Partial<Record<PasswordField, string>>; general: string[] } {
  const fields: Partial<Record<PasswordField, string>> = {}
  const general: string[] = []
  for (const error of errors) {
    const name = [...error.path].reverse().find((part): part is PasswordField => (PASSWORD_FIELDS as readonly string[]).includes(part))
    if (name && !fields[name]) fields[name] = error.message
    else if (!name) general.push(error.message)
  }
  return { fields, general }
}
