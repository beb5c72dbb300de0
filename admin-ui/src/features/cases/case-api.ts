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

export async function createCase(data: NewCaseBody): Promise<CaseSummary> {
  const body = await request<{ data: CaseSummary }>('/api/cases', { method: 'POST', body: { data } })
  return body.data
}
