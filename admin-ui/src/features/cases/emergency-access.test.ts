import { describe, expect, it } from 'vitest'
import { activeUntil, newestFirst, placeReasonErrors, reasonLength, untilText, validateReason } from './emergency-access'
import type { EmergencyGrant } from './case-api'

describe('the reason of an emergency access', () => {
  it('an empty or blank reason is missing', () => {
    expect(validateReason('')?.key).toBe('breakGlass.reasonMissing')
    expect(validateReason('   \n ')?.key).toBe('breakGlass.reasonMissing')
  })

  it('fewer than 20 characters, once trimmed, is too short', () => {
    expect(validateReason('Operativo urgente')).toEqual({ key: 'validation.minLength', params: { min: 20 } })
    expect(validateReason(`   ${'a'.repeat(19)}   `)).toEqual({ key: 'validation.minLength', params: { min: 20 } })
  })

  it('20 to 1000 characters is accepted', () => {
    expect(validateReason('a'.repeat(20))).toBeNull()
    expect(validateReason('a'.repeat(1000))).toBeNull()
  })

  it('more than 1000 characters is too long', () => {
    expect(validateReason('a'.repeat(1001))).toEqual({ key: 'validation.maxLength', params: { max: 1000 } })
  })

  it('counts what the server counts: the trimmed text', () => {
    expect(reasonLength('  abc  ')).toBe(3)
  })

  it('the server message about the reason goes next to the field, any other is general', () => {
    expect(
      placeReasonErrors([
        { path: ['reason'], message: 'Indique el motivo.' },
        { path: ['case'], message: 'Caso no válido.' },
      ]),
    ).toEqual({ reason: 'Indique el motivo.', general: ['Caso no válido.'] })
  })
})

function grant(grantedAt: string, expiresAt: string, active: boolean): EmergencyGrant {
  return { grantedAt, expiresAt, active, reason: 'Operativo en curso con víctimas menores.', by: 'chief-prosecutor' }
}

describe('until when an emergency access is in force', () => {
  it('is the latest expiry among the grants in force, and none when all have expired', () => {
    const grants = [
      grant('2026-03-10T12:00:00Z', '2026-03-11T12:00:00Z', false),
      grant('2026-03-14T12:00:00Z', '2026-03-15T12:00:00Z', true),
      grant('2026-03-14T08:00:00Z', '2026-03-15T08:00:00Z', true),
    ]
    expect(activeUntil(grants)).toBe('2026-03-15T12:00:00Z')
    expect(activeUntil([grants[0]!])).toBeNull()
    expect(activeUntil([])).toBeNull()
  })

  it('shows only the time when the access ends today in Santo Domingo, the date as well otherwise', () => {
    const now = new Date('2026-03-15T13:00:00Z') // 09:00 in Santo Domingo
    expect(untilText('2026-03-15T18:30:00Z', 'es', now)).toBe('14:30')
    expect(untilText('2026-03-16T13:00:00Z', 'es', now)).toBe('16/03/2026 09:00')
    // 02:00 UTC on the 16th is still the 15th in Santo Domingo (UTC−4).
    expect(untilText('2026-03-16T02:00:00Z', 'es', now)).toBe('22:00')
  })

  it('lists the newest access first', () => {
    const older = grant('2026-03-10T12:00:00Z', '2026-03-11T12:00:00Z', false)
    const newer = grant('2026-03-14T12:00:00Z', '2026-03-15T12:00:00Z', true)
    expect(newestFirst([older, newer])).toEqual([newer, older])
  })
})
