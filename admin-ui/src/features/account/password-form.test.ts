import { describe, expect, it } from 'vitest'
import { placePasswordErrors, validatePasswordChange } from './password-form'

const GOOD = 'lluvia-en-el-cibao-2026'

describe('password change checks', () => {
  it('asks for every field', () => {
    expect(validatePasswordChange({ currentPassword: '', newPassword: '', repeatPassword: '' })).toEqual({
      currentPassword: { key: 'validation.required' },
      newPassword: { key: 'validation.required' },
      repeatPassword: { key: 'validation.required' },
    })
  })

  it('wants 12 to 128 characters', () => {
    expect(validatePasswordChange({ currentPassword: 'x', newPassword: 'a'.repeat(11), repeatPassword: 'a'.repeat(11) }).newPassword).toEqual({
      key: 'validation.minLength',
      params: { min: 12 },
    })
    expect(validatePasswordChange({ currentPassword: 'x', newPassword: 'a'.repeat(129), repeatPassword: 'a'.repeat(129) }).newPassword).toEqual({
      key: 'validation.maxLength',
      params: { max: 128 },
    })
    expect(validatePasswordChange({ currentPassword: 'x', newPassword: 'a'.repeat(12), repeatPassword: 'a'.repeat(12) })).toEqual({})
    expect(validatePasswordChange({ currentPassword: 'x', newPassword: 'a'.repeat(128), repeatPassword: 'a'.repeat(128) })).toEqual({})
  })

  it('wants the two new entries to match, and differ from the current one', () => {
    expect(validatePasswordChange({ currentPassword: 'x', newPassword: GOOD, repeatPassword: `${GOOD}!` }).repeatPassword).toEqual({ key: 'account.password.mismatch' })
    expect(validatePasswordChange({ currentPassword: GOOD, newPassword: GOOD, repeatPassword: GOOD }).newPassword).toEqual({ key: 'account.password.sameAsCurrent' })
  })

  it('places server errors next to their fields, and keeps the rest general', () => {
    const placed = placePasswordErrors([
      { path: ['newPassword'], message: 'La contraseña es demasiado común.' },
      { path: ['body', 'currentPassword'], message: 'La contraseña actual no es correcta.' },
      { path: [], message: 'Otro problema.' },
    ])
    expect(placed.fields).toEqual({ newPassword: 'La contraseña es demasiado común.', currentPassword: 'La contraseña actual no es correcta.' })
    expect(placed.general).toEqual(['Otro problema.'])
  })
})
