// The forms the server publishes: the version in force for a kind of record, or an older version
// (a record shows its answers with the labels it was saved under). Versions never change once
// published, so each is fetched once per page load.
import { request } from '../../api/http'
import type { CodeItem } from '../../stores/code-lists'

export type FormTarget = 'case' | 'victim-profile' | 'case-party' | 'referral' | 'evidence' | 'plan-action'
export type FormFieldType =
  | 'short-text'
  | 'long-text'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'date-time'
  | 'yes-no'
  | 'single-choice'
  | 'multiple-choice'
  | 'person-ref'
  | 'file'

export interface FormFieldDef {
  key: string
  type: FormFieldType
  labelEs: string
  labelEn: string
  helpEs?: string | null
  helpEn?: string | null
  required?: boolean
  min?: number | string | null
  max?: number | string | null
  minLength?: number | null
  maxLength?: number | null
  pattern?: string | null
  codeList?: string | null
  showWhen?: { field: string; in: Array<string | number | boolean> } | null
  sensitive?: boolean
  statistics?: boolean
}

export interface FormSectionDef {
  key: string
  titleEs: string
  titleEn: string
  fields: FormFieldDef[]
}

export interface FormDefinition {
  key: string
  target: FormTarget
  version: number
  sections: FormSectionDef[]
}

export interface PublishedForm {
  target: FormTarget
  version: number
  definition: FormDefinition
  /** With the version in force: fields earlier versions had and this one dropped, as last published. */
  retired?: FormFieldDef[]
  /** Every item of the lists the form's choice fields use, inactive ones included. */
  codeLists: Record<string, CodeItem[]>
}

export type Answers = Record<string, unknown>

const versions = new Map<string, Promise<PublishedForm>>()

/** The form in force for `target`, or null when none is published (the record takes no extra answers). */
export async function fetchCurrentForm(target: FormTarget, signal?: AbortSignal): Promise<PublishedForm | null> {
  const body = await request<{ data: PublishedForm | null }>(`/api/forms/${target}`, { signal })
  if (body.data) versions.set(`${target}@${body.data.version}`, Promise.resolve(body.data))
  return body.data
}

/** A published version, which never changes: fetched once. */
export function fetchFormVersion(target: FormTarget, version: number): Promise<PublishedForm> {
  const key = `${target}@${version}`
  let found = versions.get(key)
  if (!found) {
    found = request<{ data: PublishedForm }>(`/api/forms/${target}/versions/${version}`).then((body) => body.data)
    found.catch(() => versions.delete(key))
    versions.set(key, found)
  }
  return found
}

/** Forgets fetched versions (sign-out). */
export function forgetForms(): void {
  versions.clear()
}
