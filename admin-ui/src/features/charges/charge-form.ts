// The state of the charge dialog and what it sends. Only what the form itself can know is checked
// here (a party and an offence are chosen, dates and the sentence are readable); every rule of the
// law and of the record (sentence only with a conviction, verdict after the charge...) is the
// server's, whose messages stand next to their fields.
import type { FieldError } from '../../api/http'
import type { FormProblem } from '../../composables/use-form-errors'
import { isoToDisplay, parseDisplayDate } from '../../i18n/format'
import type { Charge, ChargeBody, ChargeStatus } from './charges-api'

export interface ChargeForm {
  party: string
  offence: string
  article: string
  aggravating: string[]
  status: ChargeStatus
  chargedAt: string
  verdictAt: string
  /** Years and months of the sentence, as typed. */
  sentenceYears: string
  sentenceMonths: string
}

export const CHARGE_FIELDS = ['party', 'offence', 'article', 'aggravating', 'status', 'chargedAt', 'verdictAt', 'sentenceMonths'] as const

export function emptyChargeForm(): ChargeForm {
  return { party: '', offence: '', article: '', aggravating: [], status: 'suspected', chargedAt: '', verdictAt: '', sentenceYears: '', sentenceMonths: '' }
}

export function formOfCharge(charge: Charge): ChargeForm {
  const months = charge.sentenceMonths
  return {
    party: charge.party?.id ?? '',
    offence: charge.offence,
    article: charge.article ?? '',
    aggravating: [...charge.aggravating],
    status: charge.status,
    chargedAt: charge.chargedAt ? isoToDisplay(charge.chargedAt) : '',
    verdictAt: charge.verdictAt ? isoToDisplay(charge.verdictAt) : '',
    sentenceYears: months === null ? '' : String(Math.floor(months / 12)),
    sentenceMonths: months === null ? '' : String(months % 12),
  }
}

const wholeNumber = (text: string) => /^\d{1,4}$/.test(text.trim())

/** The sentence in months, null when none was typed, NaN when unreadable. */
export function sentenceOf(form: ChargeForm): number | null {
  const years = form.sentenceYears.trim()
  const months = form.sentenceMonths.trim()
  if (!years && !months) return null
  if ((years && !wholeNumber(years)) || (months && !wholeNumber(months))) return Number.NaN
  return Number(years || 0) * 12 + Number(months || 0)
}

export function chargeProblems(form: ChargeForm, creating: boolean): Record<string, FormProblem> {
  const problems: Record<string, FormProblem> = {}
  if (creating && !form.party) problems.party = { key: 'charges.form.partyMissing' }
  if (!form.offence) problems.offence = { key: 'charges.form.offenceMissing' }
  for (const field of ['chargedAt', 'verdictAt'] as const) {
    if (form[field].trim() && !parseDisplayDate(form[field])) problems[field] = { key: 'charges.form.dateInvalid' }
  }
  if (Number.isNaN(sentenceOf(form))) problems.sentenceMonths = { key: 'charges.form.sentenceInvalid' }
  return problems
}

export function chargeBody(form: ChargeForm, creating: boolean): ChargeBody {
  const date = (text: string) => (text.trim() ? parseDisplayDate(text) : null)
  return {
    ...(creating ? { party: form.party } : {}),
    offence: form.offence,
    article: form.article.trim() || null,
    aggravating: [...form.aggravating],
    status: form.status,
    chargedAt: date(form.chargedAt),
    verdictAt: date(form.verdictAt),
    sentenceMonths: sentenceOf(form),
  }
}

/** The server's field errors next to the dialog's fields; the rest (and unknown fields) on top. */
export function placeChargeErrors(errors: FieldError[]): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {}
  const general: string[] = []
  for (const error of errors) {
    const key = error.path[0] ?? ''
    if ((CHARGE_FIELDS as readonly string[]).includes(key) && !fields[key]) fields[key] = error.message
    else general.push(error.message)
  }
  return { fields, general }
}
