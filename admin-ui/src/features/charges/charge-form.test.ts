import { describe, expect, it } from 'vitest'
import { chargeBody, chargeProblems, emptyChargeForm, formOfCharge, placeChargeErrors, sentenceOf } from './charge-form'

describe('the charge form', () => {
  it('asks only for what the form itself can know: the party (on create), the offence, readable dates and sentence', () => {
    expect(Object.keys(chargeProblems(emptyChargeForm(), true))).toEqual(['party', 'offence'])
    expect(Object.keys(chargeProblems(emptyChargeForm(), false))).toEqual(['offence'])
    const form = { ...emptyChargeForm(), party: 'p', offence: 'trata-personas', chargedAt: '31/02/2024', sentenceYears: 'diez' }
    expect(Object.keys(chargeProblems(form, true))).toEqual(['chargedAt', 'sentenceMonths'])
  })

  it('sends dates as aaaa-mm-dd, the sentence in months, and never the law version', () => {
    const form = { ...emptyChargeForm(), party: 'p', offence: 'trata-personas', article: '  ', status: 'convicted' as const, chargedAt: '01/08/2024', verdictAt: '10/03/2025', sentenceYears: '15', sentenceMonths: '6' }
    expect(chargeBody(form, true)).toEqual({ party: 'p', offence: 'trata-personas', article: null, aggravating: [], status: 'convicted', chargedAt: '2024-08-01', verdictAt: '2025-03-10', sentenceMonths: 186 })
    expect(chargeBody(form, false)).not.toHaveProperty('party')
    expect(sentenceOf({ ...form, sentenceYears: '', sentenceMonths: '' })).toBeNull()
    expect(sentenceOf({ ...form, sentenceYears: '', sentenceMonths: '8' })).toBe(8)
  })

  it('shows a stored charge as years and months, and places the server\'s errors by field', () => {
    const charge = { id: 'c', party: null, offence: 'trata-personas', lawVersion: 'v', lawVersionNeedsConfirmation: false, penaltyYears: null, article: null, aggravating: [], status: 'convicted' as const, chargedAt: '2024-08-01', verdictAt: null, sentenceMonths: 25, isDemo: false }
    expect(formOfCharge(charge)).toMatchObject({ chargedAt: '01/08/2024', verdictAt: '', sentenceYears: '2', sentenceMonths: '1' })
    expect(placeChargeErrors([{ path: ['sentenceMonths'], message: 'a' }, { path: ['lawVersion'], message: 'b' }])).toEqual({ fields: { sentenceMonths: 'a' }, general: ['b'] })
  })
})
