// From a published form to what the screen draws: each field type maps to one kind of control
// (a plain map, as the issue asks), answers become control values and back, and a stored answer
// reads as words. The server checks the answers; the screen only converts and shows.
import type { FieldDefinition, FieldKind, FieldValue } from '../../components/form/field-definition'
import type { CodeItem } from '../../stores/code-lists'
import { formatDate, formatDateTime } from '../../i18n/format'
import type { Language } from '../../i18n'
import { visibleKeys } from '../../../../plugins/forms/server/src/definition/visibility'
import type { Answers, FormFieldDef, FormFieldType, PublishedForm } from './forms-api'

export { visibleKeys }

/** The control each field type is drawn with. */
export const CONTROL_OF: Readonly<Record<FormFieldType, FieldKind>> = {
  'short-text': 'text',
  'long-text': 'textarea',
  integer: 'text',
  decimal: 'text',
  date: 'date',
  'date-time': 'datetime',
  'yes-no': 'select',
  'single-choice': 'select',
  'multiple-choice': 'checkboxes',
  'person-ref': 'text',
  file: 'text',
}

/** Field names carry the answers' place on the server, so its messages (custom.<key>) land on them. */
export const fieldName = (key: string) => `custom.${key}`

export interface Words {
  yes: string
  no: string
  choose: string
  inactive: (label: string) => string
  personHint: string
  dateTimeHint: string
}

export const labelIn = (item: { labelEs: string; labelEn: string }, language: Language) => (language === 'es' ? item.labelEs : item.labelEn)

/** The options of a choice field: active items, and the inactive ones this record already holds. */
function optionsOf(field: FormFieldDef, form: PublishedForm, held: unknown, language: Language, words: Words) {
  const items: CodeItem[] = field.codeList ? form.codeLists[field.codeList] ?? [] : []
  const heldCodes = new Set((Array.isArray(held) ? held : [held]).filter((v): v is string => typeof v === 'string'))
  return items
    .filter((item) => item.active !== false || heldCodes.has(item.code))
    .map((item) => ({ value: item.code, label: item.active === false ? words.inactive(labelIn(item, language)) : labelIn(item, language) }))
}

/** What DynamicField draws for one field of the form. */
export function controlFor(field: FormFieldDef, form: PublishedForm, held: unknown, language: Language, words: Words): FieldDefinition {
  const help = (language === 'es' ? field.helpEs : field.helpEn) ?? undefined
  const control: FieldDefinition = {
    name: fieldName(field.key),
    kind: CONTROL_OF[field.type],
    label: labelIn(field, language),
    hint: help || (field.type === 'person-ref' ? words.personHint : field.type === 'date-time' ? words.dateTimeHint : undefined),
    required: field.required === true,
    wide: field.type === 'long-text' || field.type === 'multiple-choice',
  }
  if (field.type === 'short-text' || field.type === 'long-text') control.maxlength = field.maxLength ?? (field.type === 'short-text' ? 200 : 5000)
  if (field.type === 'integer') control.inputmode = 'numeric'
  if (field.type === 'decimal') control.inputmode = 'decimal'
  if (field.type === 'date' && typeof field.max === 'string') control.max = field.max
  if (field.type === 'yes-no') {
    control.options = [{ value: 'true', label: words.yes }, { value: 'false', label: words.no }]
    control.emptyLabel = words.choose
  }
  if (field.type === 'single-choice' || field.type === 'multiple-choice') {
    control.options = optionsOf(field, form, held, language, words)
    if (field.type === 'single-choice') {
      control.emptyLabel = words.choose
      control.filterable = control.options.length > 15
    }
  }
  return control
}

const OFFICE_OFFSET_MS = -4 * 3_600_000

/** A stored answer as the control holds it. */
export function toControlValue(field: FormFieldDef, answer: unknown): FieldValue {
  if (answer === undefined || answer === null) return field.type === 'multiple-choice' ? [] : ''
  switch (field.type) {
    case 'multiple-choice':
      return Array.isArray(answer) ? answer.filter((v): v is string => typeof v === 'string') : []
    case 'yes-no':
      return answer === true ? 'true' : answer === false ? 'false' : ''
    case 'date-time': {
      // The office's wall-clock time (UTC-4, no daylight saving), as datetime-local shows it.
      const at = Date.parse(String(answer))
      return Number.isNaN(at) ? '' : new Date(at + OFFICE_OFFSET_MS).toISOString().slice(0, 16)
    }
    default:
      return String(answer)
  }
}

/**
 * A control's value as the answer to send; undefined for "no answer". A value that does not read
 * as its type is sent as typed, so the server names the problem in its own words.
 */
export function toAnswer(field: FormFieldDef, value: FieldValue): unknown {
  if (Array.isArray(value)) return value.length ? value : undefined
  if (typeof value === 'boolean') return value
  const text = field.type === 'long-text' ? value : value.trim()
  if (text === '') return undefined
  switch (field.type) {
    case 'integer':
      return /^-?\d+$/.test(text) ? Number(text) : text
    case 'decimal':
      return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text
    case 'yes-no':
      return text === 'true' ? true : text === 'false' ? false : text
    case 'date-time':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00-04:00` : text
    case 'person-ref':
      return text.toUpperCase()
    default:
      return text
  }
}

/** The answers to send: those of the fields that show, leaving out empty ones. */
export function answersToSend(form: PublishedForm, values: Record<string, FieldValue>): Answers {
  const fields = form.definition.sections.flatMap((s) => s.fields)
  const typed: Answers = {}
  for (const field of fields) {
    const answer = toAnswer(field, values[field.key] ?? '')
    if (answer !== undefined) typed[field.key] = answer
  }
  const shown = visibleKeys(fields, typed)
  return Object.fromEntries(Object.entries(typed).filter(([key]) => shown.has(key)))
}

/** A stored answer in words, with the labels of the form version it was saved under. */
export function answerText(field: FormFieldDef, answer: unknown, form: PublishedForm, language: Language, words: Words): string {
  if (answer === undefined || answer === null || answer === '') return ''
  const items = field.codeList ? form.codeLists[field.codeList] ?? [] : []
  const codeLabel = (code: unknown) => {
    const item = items.find((i) => i.code === code)
    if (!item) return String(code)
    return item.active === false ? words.inactive(labelIn(item, language)) : labelIn(item, language)
  }
  switch (field.type) {
    case 'yes-no':
      return answer === true ? words.yes : answer === false ? words.no : String(answer)
    case 'single-choice':
      return codeLabel(answer)
    case 'multiple-choice':
      return Array.isArray(answer) ? answer.map(codeLabel).join(', ') : String(answer)
    case 'date':
      return formatDate(String(answer), language)
    case 'date-time':
      return formatDateTime(String(answer), language)
    default:
      return String(answer)
  }
}
