// Requests of the cases area and the shapes the server answers with.
import { request } from '../../api/http'
import type { QueryParams } from '../../api/query-string'
import type { NewCaseBody } from './new-case-form'

export interface Pagination {
  page: number
  pageSize: number
  pageCount: number
  total: number
}

export interface CaseSummary {
  documentId: string
  caseNumber: string
  title: string
  caseType: string
  stage: string
  origin: string
  intakeDate: string
  province: string
  year: number
  priority: string
  isDemo?: boolean
}

export interface CaseParty {
  documentId: string
  role: string
  isPublicOfficial: boolean
  person: { documentId: string; code: string; personKind?: string } | null
}

export interface CaseAgency {
  documentId: string
  code: string
  name: string
  kind?: string
}

export interface CaseDetail extends CaseSummary {
  factsDate: string | null
  municipality: string | null
  exploitationForms: string[] | null
  palermoActs: string[] | null
  palermoMeans: string[] | null
  smugglingRoute: string | null
  risk: string | null
  isComplex: boolean
  summary: string | null
  parties?: CaseParty[] | null
  agencies?: CaseAgency[] | null
  /** Answers to the office's own case form, and the form version they were saved under. */
  custom?: Record<string, unknown> | null
  customFormVersion?: number | null
}

export interface CasePage {
  data: CaseSummary[]
  meta: { pagination: Pagination }
}

export function listCases(query: QueryParams, signal?: AbortSignal): Promise<CasePage> {
  return request<CasePage>('/api/cases', { query, signal })
}

export async function getCase(documentId: string, signal?: AbortSignal): Promise<CaseDetail> {
  const body = await request<{ data: CaseDetail }>(`/api/cases/${encodeURIComponent(documentId)}`, {
    query: { populate: { parties: { populate: { person: true } }, agencies: true } },
    signal,
  })
  return body.data
}

/** Changes some fields of a case; the server checks them (form answers included) and answers 400 by field. */
export async function updateCase(documentId: string, data: Record<string, unknown>): Promise<void> {
  await request(`/api/cases/${encodeURIComponent(documentId)}`, { method: 'PUT', body: { data } })
}

export async function createCase(data: NewCaseBody): Promise<CaseSummary> {
  const body = await request<{ data: CaseSummary }>('/api/cases', { method: 'POST', body: { data } })
  return body.data
}

/** One emergency access (acceso excepcional) to a case, as the case team sees it. */
export interface EmergencyGrant {
  grantedAt: string
  expiresAt: string
  active: boolean
  reason: string
  by: string
}

/** Whether the caller sees the case's people, may ask for emergency access, and the accesses so far. */
export interface EmergencyAccess {
  canSeePeople: boolean
  /** Whether the caller's team role lets them add people to the case (server's identity policy). */
  canAddPeople: boolean
  /** Whether the caller may change the case itself (details, form answers): the policy's update answer. */
  canEdit: boolean
  canBreakGlass: boolean
  grants: EmergencyGrant[]
}

export async function getEmergencyAccess(documentId: string, signal?: AbortSignal): Promise<EmergencyAccess> {
  const body = await request<{ data: EmergencyAccess }>(`/api/access/cases/${encodeURIComponent(documentId)}/emergency-access`, { signal })
  return { canSeePeople: body.data.canSeePeople, canAddPeople: body.data.canAddPeople === true, canEdit: body.data.canEdit === true, canBreakGlass: body.data.canBreakGlass, grants: body.data.grants ?? [] }
}

/** Opens the case's people to the chief prosecutor for a limited time; the answer says until when. */
export async function requestBreakGlass(documentId: string, reason: string): Promise<{ case: string; expiresAt: string }> {
  const body = await request<{ data: { case: string; expiresAt: string } }>('/api/access/break-glass', {
    method: 'POST',
    body: { case: documentId, reason },
  })
  return body.data
}
