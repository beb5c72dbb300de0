// The "Nuevo caso" form as data: its values, its rules and the request body. Pure functions,
// so the rules are tested without a browser. The server checks again; its word is final.
import { parseDisplayDate } from '../../i18n/format'

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const
export const RISKS = ['low', 'medium', 'high'] as const
export type Priority = (typeof PRIORITIES)[number]
export type Risk = (typeof RISKS)[number]

/** Key of the sessionStorage draft (pett.draft.new-case). */
export const NEW_CASE_DRAFT = 'new-case'

export const TITLE_MIN = 5
export const TITLE_MAX = 200
export const MUNICIPALITY_MAX = 100
export const SUMMARY_MAX = 5000

export interface NewCaseValues {
  title: string
  caseType: string
  origin: string
  /** As typed: dd/mm/aaaa. */
  intakeDate: string
  factsDate: string
  province: string
  municipality: string
  exploitationForms: string[]
  palermoActs: string[]
  palermoMeans: string[]
  smugglingRoute: string
  priority: string
  risk: string
  isComplex: boolean
  summary: string
}
export type NewCaseField = keyof NewCaseValues

/** Field order on screen: the first field with a problem gets the focus. */
export const FIELD_ORDER: NewCaseField[] = [
  'title',
  'caseType',
  'origin',
  'intakeDate',
  'factsDate',
  'province',
  'municipality',
  'exploitationForms',
  'palermoActs',
  'palermoMeans',
  'smugglingRoute',
  'priority',
  'risk',
  'isComplex',
  'summary',
]

export function emptyNewCase(): NewCaseValues {
  return {
    title: '',
    caseType: '',
    origin: '',
    intakeDate: '',
    factsDate: '',
    province: '',
    municipality: '',
    exploitationForms: [],
    palermoActs: [],
    palermoMeans: [],
    smugglingRoute: '',
    priority: 'medium',
    risk: 'medium',
    isComplex: false,
    summary: '',
  }
}

/** A message key of the "validation" group with its parameters. */
export interface Problem {
  key: 'required' | 'chooseOne' | 'minLength' | 'maxLength' | 'dateFormat' | 'dateInFuture' | 'factsAfterIntake'
  params?: Record<string, number>
}
export type Problems = Partial<Record<NewCaseField, Problem>>

/** Checks every rule; today is "YYYY-MM-DD" in Santo Domingo. */
export function validateNewCase(values: NewCaseValues, today: string): Problems {
  const problems: Problems = {}
  const title = values.title.trim()
  if (!title) problems.title = { key: 'required' }
  else if (title.length < TITLE_MIN) problems.title = { key: 'minLength', params: { min: TITLE_MIN } }
  else if (title.length > TITLE_MAX) problems.title = { key: 'maxLength', params: { max: TITLE_MAX } }

  for (const field of ['caseType', 'origin', 'province'] as const) {
    if (!values[field]) problems[field] = { key: 'chooseOne' }
  }
  if (!(PRIORITIES as readonly string[]).includes(values.priority)) problems.priority = { key: 'chooseOne' }
  if (!(RISKS as readonly string[]).includes(values.risk)) problems.risk = { key: 'chooseOne' }

  const intake = values.intakeDate.trim() ? parseDisplayDate(values.intakeDate) : null
  if (!values.intakeDate.trim()) problems.intakeDate = { key: 'required' }
  else if (!intake) problems.intakeDate = { key: 'dateFormat' }
  else if (intake > today) problems.intakeDate = { key: 'dateInFuture' }

  if (values.factsDate.trim()) {
    const facts = parseDisplayDate(values.factsDate)
    if (!facts) problems.factsDate = { key: 'dateFormat' }
    else if (facts > today) problems.factsDate = { key: 'dateInFuture' }
    else if (intake && facts > intake) problems.factsDate = { key: 'factsAfterIntake' }
  }

  if (values.municipality.trim().length > MUNICIPALITY_MAX) {
    problems.municipality = { key: 'maxLength', params: { max: MUNICIPALITY_MAX } }
  }
  if (values.summary.trim().length > SUMMARY_MAX) problems.summary = { key: 'maxLength', params: { max: SUMMARY_MAX } }
  return problems
}

export interface NewCaseBody {
  title: string
  caseType: string
  origin: string
  intakeDate: string
  factsDate?: string
  province: string
  municipality?: string
  exploitationForms?: string[]
  palermoActs?: string[]
  palermoMeans?: string[]
  smugglingRoute?: string
  priority: string
  risk: string
  isComplex: boolean
  summary?: string
}

/** The POST /api/cases "data": ISO dates, trimmed text, empty optional fields left out (no null, no ""). */
export function toNewCaseBody(values: NewCaseValues): NewCaseBody {
  const body: NewCaseBody = {
    title: values.title.trim(),
    caseType: values.caseType,
    origin: values.origin,
    intakeDate: parseDisplayDate(values.intakeDate) ?? '',
    province: values.province,
    priority: values.priority,
    risk: values.risk,
    isComplex: values.isComplex,
  }
  const factsDate = parseDisplayDate(values.factsDate)
  if (factsDate) body.factsDate = factsDate
  const municipality = values.municipality.trim()
  if (municipality) body.municipality = municipality
  for (const field of ['exploitationForms', 'palermoActs', 'palermoMeans'] as const) {
    if (values[field].length) body[field] = [...values[field]]
  }
  if (values.smugglingRoute) body.smugglingRoute = values.smugglingRoute
  const summary = values.summary.trim()
  if (summary) body.summary = summary
  return body
}

/** Server errors ({ path: ["title"], message }) placed next to their field; the rest stay general. */
export function placeServerErrors(errors: Array<{ path: string[]; message: string }>): {
  fields: Partial<Record<NewCaseField, string>>
  general: string[]
} {
  const fields: Partial<Record<NewCaseField, string>> = {}
  const general: string[] = []
  for (const error of errors) {
    const field = error.path[0]
    if (field && (FIELD_ORDER as string[]).includes(field) && !fields[field as NewCaseField]) {
      fields[field as NewCaseField] = error.message
    } else {
      general.push(error.message)
    }
  }
  return { fields, general }
}
