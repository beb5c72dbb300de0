// The investigation plan as its form edits it: one row list per part, boxes holding strings (dates
// as dd/mm/aaaa), each row keeping its stable key so the server can tell items apart. An action's
// responsible is one choice ("user:<id>" or "agency:<code>"). Checks what the server would refuse for
// sure; the server checks again and answers by path ("actions.0.dueDate"), the error key of the box.
import type { FormProblem } from '../../composables/use-form-errors'
import type { FieldError } from '../../api/http'
import { isBlank, placeByPath } from '../../components/form/rows'
import { isoToDisplay, parseDisplayDate } from '../../i18n/format'
import type { Plan, PlanParts, PlanUpdate } from './plan-api'

export type PartName = keyof PlanParts
export type RowValue = string | string[] | boolean
export type PlanRow = Record<string, RowValue> & { key: string }
export interface PlanDraft {
  objective: string
  parts: Record<PartName, PlanRow[]>
}

export type BoxKind = 'text' | 'textarea' | 'date' | 'select' | 'checkboxes' | 'checkbox'
export interface Box { name: string; kind: BoxKind; required?: boolean; maxlength?: number }

/** The boxes of each part's rows, in screen order (the first takes the focus and the row's errors). */
export const PART_BOXES: Record<PartName, Box[]> = {
  hypotheses: [
    { name: 'statement', kind: 'textarea', required: true, maxlength: 2000 },
    { name: 'basis', kind: 'textarea', maxlength: 2000 },
    { name: 'status', kind: 'select', required: true },
    { name: 'personCodes', kind: 'checkboxes' },
  ],
  lines: [
    { name: 'title', kind: 'text', required: true, maxlength: 300 },
    { name: 'hypothesisKey', kind: 'select', required: true },
    { name: 'description', kind: 'textarea', maxlength: 2000 },
  ],
  actions: [
    { name: 'description', kind: 'textarea', required: true, maxlength: 2000 },
    { name: 'lineKey', kind: 'select', required: true },
    { name: 'assignee', kind: 'select' },
    { name: 'dueDate', kind: 'date' },
    { name: 'status', kind: 'select', required: true },
    { name: 'personCodes', kind: 'checkboxes' },
    { name: 'note', kind: 'textarea', maxlength: 2000 },
  ],
  resources: [
    { name: 'description', kind: 'textarea', required: true, maxlength: 1000 },
    { name: 'kind', kind: 'select', required: true },
    { name: 'agencyCode', kind: 'select' },
    { name: 'secured', kind: 'checkbox' },
  ],
  risks: [
    { name: 'description', kind: 'textarea', required: true, maxlength: 1000 },
    { name: 'likelihood', kind: 'select', required: true },
    { name: 'impact', kind: 'select', required: true },
    { name: 'mitigation', kind: 'textarea', maxlength: 2000 },
  ],
  authorisations: [
    { name: 'kind', kind: 'select', required: true },
    { name: 'description', kind: 'textarea', maxlength: 1000 },
    { name: 'court', kind: 'text', maxlength: 200 },
    { name: 'reference', kind: 'text', maxlength: 100 },
    { name: 'requestedOn', kind: 'date' },
    { name: 'grantedOn', kind: 'date' },
    { name: 'expiresOn', kind: 'date' },
    { name: 'lineKey', kind: 'select' },
  ],
  mlaRequests: [
    { name: 'country', kind: 'select', required: true },
    { name: 'authority', kind: 'text', maxlength: 200 },
    { name: 'subject', kind: 'textarea', maxlength: 2000 },
    { name: 'sentOn', kind: 'date' },
    { name: 'status', kind: 'select', required: true },
    { name: 'lineKey', kind: 'select' },
  ],
  informationNeeds: [
    { name: 'question', kind: 'textarea', required: true, maxlength: 1000 },
    { name: 'sources', kind: 'textarea', maxlength: 1000 },
    { name: 'deadline', kind: 'date' },
    { name: 'priority', kind: 'select', required: true },
    { name: 'status', kind: 'select', required: true },
    { name: 'lineKey', kind: 'select' },
  ],
}
export const PART_NAMES = Object.keys(PART_BOXES) as PartName[]

/** The choices of the fixed lists, as the server knows them. */
export const CHOICES = {
  hypothesisStatus: ['open', 'confirmed', 'discarded'],
  actionStatus: ['planned', 'in-progress', 'done', 'cancelled'],
  resourceKind: ['personnel', 'technical', 'logistics', 'financial', 'other'],
  level: ['low', 'medium', 'high'],
  authorisationKind: ['search', 'interception', 'bank-records', 'other'],
  mlaStatus: ['draft', 'sent', 'acknowledged', 'partially-executed', 'executed', 'refused', 'withdrawn'],
  needStatus: ['open', 'satisfied', 'cancelled'],
} as const

const DEFAULTS: Partial<Record<PartName, Record<string, RowValue>>> = {
  hypotheses: { status: 'open' },
  actions: { status: 'planned' },
  resources: { kind: 'other', secured: false },
  risks: { likelihood: 'medium', impact: 'medium' },
  authorisations: { kind: 'search' },
  mlaRequests: { status: 'draft' },
  informationNeeds: { priority: 'medium', status: 'open' },
}
const PREFIX: Record<PartName, string> = { hypotheses: 'h', lines: 'l', actions: 'a', resources: 'rc', risks: 'r', authorisations: 'j', mlaRequests: 'm', informationNeeds: 'n' }

export function newKey(part: PartName, random: () => number = Math.random): string {
  let text = ''
  for (let i = 0; i < 8; i += 1) text += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)]
  return `${PREFIX[part]}-${text}`
}

export function emptyRow(part: PartName): PlanRow {
  const row: Record<string, RowValue> = { key: newKey(part) }
  for (const box of PART_BOXES[part]) row[box.name] = box.kind === 'checkboxes' ? [] : box.kind === 'checkbox' ? false : ''
  return { ...row, ...DEFAULTS[part] } as PlanRow
}

export function draftFromPlan(plan: Plan): PlanDraft {
  const parts = {} as Record<PartName, PlanRow[]>
  for (const part of PART_NAMES) {
    parts[part] = (plan[part] as unknown as Array<Record<string, unknown>>).map((item) => {
      const row: Record<string, RowValue> = { key: String(item.key) }
      for (const box of PART_BOXES[part]) {
        if (box.name === 'assignee') row.assignee = item.assigneeUser ? `user:${item.assigneeUser}` : item.assigneeAgency ? `agency:${item.assigneeAgency}` : ''
        else if (box.kind === 'checkboxes') row[box.name] = Array.isArray(item[box.name]) ? [...(item[box.name] as string[])] : []
        else if (box.kind === 'checkbox') row[box.name] = item[box.name] === true
        else if (box.kind === 'date') row[box.name] = typeof item[box.name] === 'string' ? isoToDisplay(item[box.name] as string) : ''
        else row[box.name] = typeof item[box.name] === 'string' ? (item[box.name] as string) : ''
      }
      return row as PlanRow
    })
  }
  return { objective: plan.objective ?? '', parts }
}

const textOrNull = (value: RowValue | undefined) => (typeof value === 'string' && !isBlank(value) ? value.trim() : null)

/** The draft as PUT /api/cases/:id/plan takes it: dates as ISO, blanks as null. */
export function planUpdate(draft: PlanDraft, version: number): PlanUpdate {
  const parts = {} as Record<PartName, unknown[]>
  for (const part of PART_NAMES) {
    parts[part] = draft.parts[part].map((row) => {
      const out: Record<string, unknown> = { key: row.key }
      for (const box of PART_BOXES[part]) {
        const value = row[box.name]
        if (box.name === 'assignee') {
          const [kind, ...rest] = String(value ?? '').split(':')
          out.assigneeUser = kind === 'user' ? rest.join(':') : null
          out.assigneeAgency = kind === 'agency' ? rest.join(':') : null
        } else if (box.kind === 'checkboxes') out[box.name] = Array.isArray(value) ? value : []
        else if (box.kind === 'checkbox') out[box.name] = value === true
        else if (box.kind === 'date') out[box.name] = typeof value === 'string' && !isBlank(value) ? parseDisplayDate(value) ?? value : null
        else out[box.name] = textOrNull(value)
      }
      return out
    })
  }
  return { version, objective: textOrNull(draft.objective), ...(parts as unknown as PlanParts) }
}

export const boxKey = (part: PartName, index: number, box: string) => `${part}.${index}.${box}`

/** What the form refuses before sending: required boxes left blank, dates that are not dates. */
export function validateDraft(draft: PlanDraft): Record<string, FormProblem> {
  const problems: Record<string, FormProblem> = {}
  for (const part of PART_NAMES) {
    draft.parts[part].forEach((row, index) => {
      for (const box of PART_BOXES[part]) {
        const value = row[box.name]
        if (box.required && (typeof value !== 'string' || isBlank(value))) problems[boxKey(part, index, box.name)] = { key: 'validation.required' }
        else if (box.kind === 'date' && typeof value === 'string' && !isBlank(value) && !parseDisplayDate(value)) problems[boxKey(part, index, box.name)] = { key: 'validation.dateFormat' }
        else if (box.maxlength && typeof value === 'string' && value.trim().length > box.maxlength) problems[boxKey(part, index, box.name)] = { key: 'validation.maxLength', params: { max: box.maxlength } }
      }
    })
  }
  return problems
}

/** Every box key the form shows now. */
export function shownKeys(draft: PlanDraft): Set<string> {
  const keys = new Set<string>(['objective'])
  for (const part of PART_NAMES) draft.parts[part].forEach((_row, index) => PART_BOXES[part].forEach((box) => keys.add(boxKey(part, index, box.name))))
  return keys
}

/** The server's errors next to their boxes: an assignee error goes to "Responsable", a key error to the row's first box. */
export function placePlanErrors(errors: FieldError[], shown: ReadonlySet<string>) {
  return placeByPath(errors, shown, (key) => {
    const [part, index, box] = key.split('.')
    if (!part || index === undefined || !(part in PART_BOXES)) return null
    if (box === 'assigneeUser' || box === 'assigneeAgency') return `${part}.${index}.assignee`
    return `${part}.${index}.${PART_BOXES[part as PartName][0]!.name}`
  })
}
