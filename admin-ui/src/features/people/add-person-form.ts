// "Añadir persona" on a case, the parts without a page: the form's values, what it checks before
// sending, the body it sends, and the fields server errors may stand next to.
import type { FormProblem } from '../../composables/use-form-errors'
import {
  draftHasContent,
  emptyIdentityDraft,
  identityFromDraft,
  identityKeys,
  validateIdentityDraft,
  type IdentityDraft,
} from './identity-form'
import type { NewPartyBody } from './people-api'

export type PersonChoice = 'new' | 'existing'

export interface AddPersonValues {
  role: string
  choice: PersonChoice
  existingPerson: string
  /** '' lets the server choose from the role (a "legal-person" is a legal person). */
  personKind: '' | 'natural' | 'legal'
  sex: string
  nationality: string
  birthYear: string
  schemeRole: string
  isPublicOfficial: boolean
  withIdentity: boolean
  identity: IdentityDraft
}

export function emptyAddPerson(): AddPersonValues {
  return {
    role: '',
    choice: 'new',
    existingPerson: '',
    personKind: '',
    sex: '',
    nationality: '',
    birthYear: '',
    schemeRole: '',
    isPublicOfficial: false,
    withIdentity: false,
    identity: emptyIdentityDraft(),
  }
}

/** What would be refused for sure, by error key (the server's paths joined with dots). */
export function validateAddPerson(values: AddPersonValues, today: string): Record<string, FormProblem> {
  const problems: Record<string, FormProblem> = {}
  if (!values.role) problems.role = { key: 'validation.chooseOne' }
  if (values.choice === 'existing') {
    if (!values.existingPerson.trim()) problems.existingPerson = { key: 'validation.required' }
    return problems
  }
  const year = values.birthYear.trim()
  const max = Number(today.slice(0, 4))
  if (year && (!/^\d{4}$/.test(year) || Number(year) < 1900 || Number(year) > max)) {
    problems['person.birthYear'] = { key: 'addPerson.yearInvalid', params: { max: String(max) } }
  }
  if (values.withIdentity) Object.assign(problems, validateIdentityDraft(values.identity, today))
  return problems
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined)

/** The role and the extras every way of adding sends. */
function partyOf(values: AddPersonValues): NewPartyBody {
  return { role: values.role, schemeRole: optional(values.schemeRole), isPublicOfficial: values.isPublicOfficial || undefined }
}

/** The request as the form stands; call after a clean validateAddPerson. */
export function toNewPartyBody(values: AddPersonValues): NewPartyBody {
  if (values.choice === 'existing') return existingPersonBody(values, values.existingPerson)
  const birthYear = values.birthYear.trim() ? Number(values.birthYear.trim()) : undefined
  const body: NewPartyBody = {
    ...partyOf(values),
    person: { personKind: values.personKind || undefined, sex: optional(values.sex), nationality: optional(values.nationality), birthYear },
  }
  if (values.withIdentity && draftHasContent(values.identity)) body.identity = identityFromDraft(values.identity)
  return body
}

/** "Usar persona existente": the same role, this code, and no new person or identity. */
export function existingPersonBody(values: AddPersonValues, code: string): NewPartyBody {
  return { ...partyOf(values), existingPerson: code.trim().toUpperCase() }
}

/** Every error key the form shows as it stands. */
export function addPersonKeys(values: AddPersonValues): Set<string> {
  const keys = new Set(['role', 'schemeRole', 'isPublicOfficial'])
  if (values.choice === 'existing') keys.add('existingPerson')
  else {
    for (const part of ['personKind', 'sex', 'nationality', 'birthYear']) keys.add(`person.${part}`)
    if (values.withIdentity) identityKeys(values.identity).forEach((key) => keys.add(key))
  }
  return keys
}
