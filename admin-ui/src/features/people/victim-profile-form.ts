// The victim profile as its section forms edit it: boxes hold strings (dates as dd/mm/aaaa), the
// protection measures, consents and referrals are rows the user adds and removes. Each section sends
// only its own fields, so saving one never touches another. Checks what the server would refuse for
// sure; the server checks again and its messages come back by path ("protectionMeasures.0.expiryDate"),
// which is also the error key of the box they belong to.
import type { FormProblem } from '../../composables/use-form-errors'
import type { FieldError } from '../../api/http'
import { isBlank, isBlankRow, placeByPath } from '../../components/form/rows'
import { isoToDisplay, parseDisplayDate } from '../../i18n/format'
import type { Consent, ProtectionMeasure, ServiceReferral, VictimProfile, VictimProfileUpdate } from './people-api'

export interface MeasureRow {
  measureType: string
  authority: string
  startDate: string
  expiryDate: string
}

export interface ConsentRow {
  purpose: string
  scope: string
  givenOn: string
  withdrawnOn: string
}

export interface ReferralRow {
  service: string
  provider: string
  referredOn: string
  status: string
}

export interface ProfileDraft {
  identificationDate: string
  identifiedBy: string
  sex: string
  nationality: string
  ageAtIdentification: string
  isMinor: boolean
  indicators: string[]
  exploitationForms: string[]
  controlMethods: string[]
  labourSector: string
  wasCharged: boolean
  wasDetained: boolean
  wasDeported: boolean
  protectionMeasures: MeasureRow[]
  consents: ConsentRow[]
  serviceReferrals: ReferralRow[]
}

export type RowListName = 'protectionMeasures' | 'consents' | 'serviceReferrals'
export type FieldSectionName = 'identification' | 'exploitation' | 'nonPunishment'
export type ProfileSection = FieldSectionName | RowListName

/** The sections in page order, each with the fields it edits. */
export const SECTION_FIELDS = {
  identification: ['identificationDate', 'identifiedBy', 'sex', 'nationality', 'ageAtIdentification', 'isMinor'],
  exploitation: ['indicators', 'exploitationForms', 'controlMethods', 'labourSector'],
  nonPunishment: ['wasCharged', 'wasDetained', 'wasDeported'],
  protectionMeasures: ['protectionMeasures'],
  consents: ['consents'],
  serviceReferrals: ['serviceReferrals'],
} as const satisfies Record<ProfileSection, ReadonlyArray<keyof ProfileDraft>>

/** The boxes of a row, in screen order: the first takes the focus and the errors about the whole row. */
export const ROW_PARTS = {
  protectionMeasures: ['measureType', 'authority', 'startDate', 'expiryDate'],
  consents: ['purpose', 'scope', 'givenOn', 'withdrawnOn'],
  serviceReferrals: ['service', 'provider', 'referredOn', 'status'],
} as const satisfies { [L in RowListName]: ReadonlyArray<keyof ProfileDraft[L][number]> }

/** The server's limits, so a box stops where the server would refuse. */
export const PROFILE_MAXLENGTH = { authority: 200, scope: 300, provider: 200 } as const
export const AGE_MAX = 120

export const isRowList = (section: ProfileSection): section is RowListName => section in ROW_PARTS

export const profileKey = (...path: Array<string | number>): string => path.join('.')

const display = (iso: string | null | undefined) => (iso ? isoToDisplay(iso) : '')

export function draftFromProfile(profile: VictimProfile): ProfileDraft {
  return {
    identificationDate: display(profile.identificationDate),
    identifiedBy: profile.identifiedBy?.code ?? '',
    sex: profile.sex ?? '',
    nationality: profile.nationality ?? '',
    ageAtIdentification: profile.ageAtIdentification == null ? '' : String(profile.ageAtIdentification),
    isMinor: profile.isMinor === true,
    indicators: [...(profile.indicators ?? [])],
    exploitationForms: [...(profile.exploitationForms ?? [])],
    controlMethods: [...(profile.controlMethods ?? [])],
    labourSector: profile.labourSector ?? '',
    wasCharged: profile.wasCharged === true,
    wasDetained: profile.wasDetained === true,
    wasDeported: profile.wasDeported === true,
    protectionMeasures: (profile.protectionMeasures ?? []).map((row) => ({
      measureType: row.measureType,
      authority: row.authority,
      startDate: display(row.startDate),
      expiryDate: display(row.expiryDate),
    })),
    consents: (profile.consents ?? []).map((row) => ({ purpose: row.purpose, scope: row.scope ?? '', givenOn: display(row.givenOn), withdrawnOn: display(row.withdrawnOn) })),
    serviceReferrals: (profile.serviceReferrals ?? []).map((row) => ({ service: row.service, provider: row.provider ?? '', referredOn: display(row.referredOn), status: row.status })),
  }
}

export function emptyRow<L extends RowListName>(list: L): ProfileDraft[L][number] {
  return Object.fromEntries(ROW_PARTS[list].map((part) => [part, ''])) as unknown as ProfileDraft[L][number]
}

/** Drops the rows left wholly blank, so the rows on screen and the server's indexes stay the same. */
export function pruneBlankRows(draft: ProfileDraft, list: RowListName): void {
  Object.assign(draft, { [list]: (draft[list] as object[]).filter((row) => !isBlankRow(row)) })
}

const iso = (text: string) => (isBlank(text) ? null : parseDisplayDate(text))
const orNull = (text: string) => (isBlank(text) ? null : text.trim())

/** What the section sends; call after pruneBlankRows and a clean validateSection. */
export function sectionUpdate(draft: ProfileDraft, section: ProfileSection): VictimProfileUpdate {
  switch (section) {
    case 'identification':
      return {
        identificationDate: iso(draft.identificationDate),
        identifiedBy: draft.identifiedBy || null,
        sex: draft.sex || null,
        nationality: draft.nationality || null,
        ageAtIdentification: isBlank(draft.ageAtIdentification) ? null : Number(draft.ageAtIdentification.trim()),
        isMinor: draft.isMinor,
      }
    case 'exploitation':
      return { indicators: [...draft.indicators], exploitationForms: [...draft.exploitationForms], controlMethods: [...draft.controlMethods], labourSector: draft.labourSector || null }
    case 'nonPunishment':
      return { wasCharged: draft.wasCharged, wasDetained: draft.wasDetained, wasDeported: draft.wasDeported }
    case 'protectionMeasures':
      return {
        protectionMeasures: draft.protectionMeasures.map(
          (row): ProtectionMeasure => ({ measureType: row.measureType, authority: row.authority.trim(), startDate: iso(row.startDate)!, expiryDate: iso(row.expiryDate) }),
        ),
      }
    case 'consents':
      return { consents: draft.consents.map((row): Consent => ({ purpose: row.purpose, scope: orNull(row.scope), givenOn: iso(row.givenOn)!, withdrawnOn: iso(row.withdrawnOn) })) }
    case 'serviceReferrals':
      return {
        serviceReferrals: draft.serviceReferrals.map((row): ServiceReferral => ({ service: row.service, provider: orNull(row.provider), referredOn: iso(row.referredOn)!, status: row.status })),
      }
  }
}

type Problems = Record<string, FormProblem>

/** Checks one dd/mm/aaaa box; gives its ISO date when it holds one. */
function checkDate(problems: Problems, key: string, text: string, rules: { required?: boolean; notAfter?: string }): string | null {
  if (isBlank(text)) {
    if (rules.required) problems[key] = { key: 'validation.required' }
    return null
  }
  const date = parseDisplayDate(text)
  if (!date || date < '1900-01-01') problems[key] = { key: 'validation.dateFormat' }
  else if (rules.notAfter && date > rules.notAfter) problems[key] = { key: 'validation.dateInFuture' }
  else return date
  return null
}

function checkText(problems: Problems, key: string, text: string, max: number, required = false): void {
  if (required && isBlank(text)) problems[key] = { key: 'validation.required' }
  else if (text.trim().length > max) problems[key] = { key: 'validation.maxLength', params: { max } }
}

function checkChoice(problems: Problems, key: string, value: string): void {
  if (!value) problems[key] = { key: 'validation.chooseOne' }
}

/** What the server would refuse for sure in this section, by error key. `today` is YYYY-MM-DD (Santo Domingo). */
export function validateSection(draft: ProfileDraft, section: ProfileSection, today: string): Problems {
  const problems: Problems = {}
  if (section === 'identification') {
    checkDate(problems, 'identificationDate', draft.identificationDate, { notAfter: today })
    const age = draft.ageAtIdentification.trim()
    if (age && (!/^\d{1,3}$/.test(age) || Number(age) > AGE_MAX)) problems.ageAtIdentification = { key: 'validation.age', params: { max: AGE_MAX } }
  }
  if (section === 'protectionMeasures') {
    draft.protectionMeasures.forEach((row, index) => {
      const key = (part: string) => profileKey(section, index, part)
      checkChoice(problems, key('measureType'), row.measureType)
      checkText(problems, key('authority'), row.authority, PROFILE_MAXLENGTH.authority, true)
      const start = checkDate(problems, key('startDate'), row.startDate, { required: true })
      const expiry = checkDate(problems, key('expiryDate'), row.expiryDate, {})
      if (start && expiry && expiry < start) problems[key('expiryDate')] = { key: 'validation.expiryBeforeStart' }
    })
  }
  if (section === 'consents') {
    draft.consents.forEach((row, index) => {
      const key = (part: string) => profileKey(section, index, part)
      checkChoice(problems, key('purpose'), row.purpose)
      checkText(problems, key('scope'), row.scope, PROFILE_MAXLENGTH.scope)
      const given = checkDate(problems, key('givenOn'), row.givenOn, { required: true, notAfter: today })
      const withdrawn = checkDate(problems, key('withdrawnOn'), row.withdrawnOn, { notAfter: today })
      if (given && withdrawn && withdrawn < given) problems[key('withdrawnOn')] = { key: 'validation.withdrawnBeforeGiven' }
    })
  }
  if (section === 'serviceReferrals') {
    draft.serviceReferrals.forEach((row, index) => {
      const key = (part: string) => profileKey(section, index, part)
      checkChoice(problems, key('service'), row.service)
      checkText(problems, key('provider'), row.provider, PROFILE_MAXLENGTH.provider)
      checkDate(problems, key('referredOn'), row.referredOn, { required: true, notAfter: today })
      checkChoice(problems, key('status'), row.status)
    })
  }
  return problems
}

/** Every error key the boxes of this section answer to. */
export function sectionKeys(draft: ProfileDraft, section: ProfileSection): Set<string> {
  if (!isRowList(section)) return new Set(SECTION_FIELDS[section])
  const keys = new Set<string>()
  draft[section].forEach((_, index) => ROW_PARTS[section].forEach((part) => keys.add(profileKey(section, index, part))))
  return keys
}

/** The server's field errors placed by key; a path that names a whole row goes to its first box. */
export function placeProfileErrors(errors: FieldError[], shown: ReadonlySet<string>): { fields: Record<string, string>; general: string[] } {
  return placeByPath(errors, shown, (key) => {
    const match = /^(protectionMeasures|consents|serviceReferrals)\.(\d+)$/.exec(key)
    return match ? profileKey(match[1]!, match[2]!, ROW_PARTS[match[1] as RowListName][0]) : null
  })
}
