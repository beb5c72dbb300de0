// The identity as a form edits it: text boxes hold strings (the date as dd/mm/aaaa), lists hold
// rows the user adds and removes. Converts to and from the vault's shape, checks what the server
// would refuse for sure (incomplete rows, a date that is not one), and places server errors.
// Error keys are the server's paths joined with dots: "identity.documents.0.number".
import type { FieldError } from '../../api/http'
import { isBlank, isBlankRow, placeByPath } from '../../components/form/rows'
import type { FormProblem } from '../../composables/use-form-errors'
import { isoToDisplay, parseDisplayDate } from '../../i18n/format'
import type { Identity } from './people-api'

export interface DocumentRow {
  kind: string
  number: string
  country: string
}

export interface KinRow {
  name: string
  relationship: string
  phone: string
}

export interface IdentityDraft {
  givenNames: string
  familyNames: string
  aliases: string[]
  documents: DocumentRow[]
  dateOfBirth: string
  phones: string[]
  email: string
  addresses: string[]
  nextOfKin: KinRow[]
}

export type TextListName = 'aliases' | 'phones' | 'addresses'
export type RowListName = 'documents' | 'nextOfKin'

/** The vault's limits, so a box stops where the server would refuse. */
export const IDENTITY_MAXLENGTH = { name: 200, number: 40, phone: 30, address: 300, email: 254, relationship: 60 } as const


export const IDENTITY = 'identity'
export const identityKey = (...path: Array<string | number>): string => [IDENTITY, ...path].join('.')

export function emptyIdentityDraft(): IdentityDraft {
  return { givenNames: '', familyNames: '', aliases: [], documents: [], dateOfBirth: '', phones: [], email: '', addresses: [], nextOfKin: [] }
}

export function emptyDocumentRow(): DocumentRow {
  return { kind: '', number: '', country: '' }
}

export function emptyKinRow(): KinRow {
  return { name: '', relationship: '', phone: '' }
}

export function draftFromIdentity(identity: Identity): IdentityDraft {
  return {
    givenNames: identity.givenNames ?? '',
    familyNames: identity.familyNames ?? '',
    aliases: [...identity.aliases],
    documents: identity.documents.map((document) => ({ ...document })),
    dateOfBirth: identity.dateOfBirth ? isoToDisplay(identity.dateOfBirth) : '',
    phones: [...identity.phones],
    email: identity.email ?? '',
    addresses: [...identity.addresses],
    nextOfKin: identity.nextOfKin.map((kin) => ({ ...kin })),
  }
}


/**
 * Drops the rows left wholly empty (added, then not used) before checking and sending, so that the
 * rows on screen and the server's indexes stay the same.
 */
export function pruneBlankRows(draft: IdentityDraft): void {
  draft.aliases = draft.aliases.filter((alias) => !isBlank(alias))
  draft.phones = draft.phones.filter((phone) => !isBlank(phone))
  draft.addresses = draft.addresses.filter((address) => !isBlank(address))
  draft.documents = draft.documents.filter((row) => !isBlankRow(row))
  draft.nextOfKin = draft.nextOfKin.filter((row) => !isBlankRow(row))
}

/** Something worth sending: any box filled in. */
export function draftHasContent(draft: IdentityDraft): boolean {
  return Object.values(draft).some((value) =>
    Array.isArray(value) ? value.some((item: string | object) => (typeof item === 'string' ? !isBlank(item) : !isBlankRow(item))) : !isBlank(value),
  )
}

const orNull = (text: string) => (isBlank(text) ? null : text.trim())

/** The identity to send; call after pruneBlankRows and a clean validateIdentityDraft. */
export function identityFromDraft(draft: IdentityDraft): Identity {
  return {
    givenNames: orNull(draft.givenNames),
    familyNames: orNull(draft.familyNames),
    aliases: draft.aliases.map((alias) => alias.trim()),
    documents: draft.documents.map((row) => ({ kind: row.kind, number: row.number.trim(), country: row.country })),
    dateOfBirth: isBlank(draft.dateOfBirth) ? null : parseDisplayDate(draft.dateOfBirth),
    phones: draft.phones.map((phone) => phone.trim()),
    email: orNull(draft.email),
    addresses: draft.addresses.map((address) => address.trim()),
    nextOfKin: draft.nextOfKin.map((row) => ({ name: row.name.trim(), relationship: row.relationship.trim(), phone: row.phone.trim() })),
  }
}

/** What would be refused for sure, by error key. `today` is YYYY-MM-DD (Santo Domingo). */
export function validateIdentityDraft(draft: IdentityDraft, today: string): Record<string, FormProblem> {
  const problems: Record<string, FormProblem> = {}
  const required: FormProblem = { key: 'validation.required' }
  if (!isBlank(draft.dateOfBirth)) {
    const iso = parseDisplayDate(draft.dateOfBirth)
    if (!iso || iso < '1900-01-01') problems[identityKey('dateOfBirth')] = { key: 'validation.dateFormat' }
    else if (iso > today) problems[identityKey('dateOfBirth')] = { key: 'validation.dateInFuture' }
  }
  draft.documents.forEach((row, index) => {
    if (isBlankRow(row)) return
    if (!row.kind) problems[identityKey('documents', index, 'kind')] = { key: 'validation.chooseOne' }
    if (isBlank(row.number)) problems[identityKey('documents', index, 'number')] = required
    if (!row.country) problems[identityKey('documents', index, 'country')] = { key: 'validation.chooseOne' }
  })
  draft.nextOfKin.forEach((row, index) => {
    if (!isBlankRow(row) && isBlank(row.name)) problems[identityKey('nextOfKin', index, 'name')] = required
  })
  return problems
}

/** The server's field errors placed by key; a path that names a whole identity row goes to its first box. */
export function placeFieldErrors(errors: FieldError[], shown: ReadonlySet<string>): { fields: Record<string, string>; general: string[] } {
  return placeByPath(errors, shown, identityRowFirstBox)
}

/** Every error key the identity boxes of this draft answer to. */
export function identityKeys(draft: IdentityDraft): Set<string> {
  const keys = new Set(['givenNames', 'familyNames', 'dateOfBirth', 'email'].map((name) => identityKey(name)))
  for (const list of ['aliases', 'phones', 'addresses'] as const) draft[list].forEach((_, index) => keys.add(identityKey(list, index)))
  draft.documents.forEach((_, index) => ['kind', 'number', 'country'].forEach((part) => keys.add(identityKey('documents', index, part))))
  draft.nextOfKin.forEach((_, index) => ['name', 'relationship', 'phone'].forEach((part) => keys.add(identityKey('nextOfKin', index, part))))
  return keys
}

/** "identity.documents.0" → "identity.documents.0.kind": where an error about a whole row stands. */
export function identityRowFirstBox(key: string): string | null {
  const match = /^identity\.(documents|nextOfKin)\.(\d+)$/.exec(key)
  if (!match) return null
  return identityKey(match[1]!, match[2]!, match[1] === 'documents' ? 'kind' : 'name')
}
