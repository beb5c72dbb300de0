// A form field described as data; DynamicField draws it. Texts arrive already translated.
import type { CodeOption } from '../../stores/code-lists'

export type FieldKind = 'text' | 'textarea' | 'select' | 'date' | 'datetime' | 'checkboxes' | 'checkbox'
export type FieldValue = string | string[] | boolean

export interface FieldDefinition {
  name: string
  kind: FieldKind
  label: string
  hint?: string
  required?: boolean
  maxlength?: number
  /** text: the keyboard a touch screen shows ("numeric" for an age, "decimal" for an amount) */
  inputmode?: 'numeric' | 'decimal' | 'text'
  /** select and checkboxes */
  options?: CodeOption[]
  /** select: the text of the "no choice" option; without it the select has no empty option */
  emptyLabel?: string
  /** select: add a filter box (long code lists) */
  filterable?: boolean
  /** date: latest ISO date the picker offers */
  max?: string
  /** spans the full width of the form grid */
  wide?: boolean
}

export function fieldId(name: string): string {
  return `field-${name}`
}
