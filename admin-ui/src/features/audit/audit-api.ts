// Requests of the audit area: a case's activity, the auditors' search, verification and exports.
import { request, requestFile } from '../../api/http'
import type { Pagination } from '../cases/case-api'

/** One line of a case's "Actividad": who, what, on which record, which fields, with what outcome. */
export interface ActivityEntry {
  seq: number
  at: string
  actor: { kind: string; username: string | null; role: string | null }
  action: string
  target: { type: string | null; id: string | null; code: string | null }
  fields: string[]
  outcome: string
}

/** One entry in full, as internal control reads it. */
export interface AuditEntry {
  seq: number
  at: string
  actor: { kind: string; userId: number | null; username: string | null; role: string | null; agency: string | null }
  action: string
  target: { type: string | null; id: string | null }
  outcome: string
  fields: string[]
  client: { address: string | null; requestId: string | null }
  prevHash: string
  hash: string
}

export interface Paged<T> {
  data: T[]
  meta: { pagination: Pagination }
}

export interface EntryFilters {
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  /** YYYY-MM-DD, office days. */
  from?: string
  to?: string
}

export interface VerifyProblem {
  kind: 'edited' | 'deleted' | 'reordered' | 'duplicated' | 'truncated' | 'forged-checkpoint' | 'rewritten' | 'unproven-archive'
  seq: number | null
  message: string
}

export interface Verdict {
  ok: boolean
  entries: number
  checkpoints: number
  last: { seq: number; hash: string } | null
  problems: VerifyProblem[]
}

export type ExportFormat = 'csv' | 'json'

export function getCaseActivity(documentId: string, page: number, signal?: AbortSignal): Promise<Paged<ActivityEntry>> {
  return request<Paged<ActivityEntry>>(`/api/audit/cases/${encodeURIComponent(documentId)}/activity`, { query: { page, pageSize: 20 }, signal })
}

export function searchEntries(filters: EntryFilters, page: number, signal?: AbortSignal): Promise<Paged<AuditEntry>> {
  const query: Record<string, string | number> = { page, pageSize: 25 }
  for (const [key, value] of Object.entries(filters)) if (value) query[key] = value
  return request<Paged<AuditEntry>>('/api/audit/entries', { query, signal })
}

export async function verifyTrail(): Promise<Verdict> {
  return (await request<{ data: Verdict }>('/api/audit/verify', { method: 'POST' })).data
}

export function exportCaseTrail(documentId: string, format: ExportFormat): Promise<Blob> {
  return requestFile(`/api/audit/cases/${encodeURIComponent(documentId)}/export`, { query: { format } })
}

/** Action codes such as "case.update" as the key of their label ("case_update"). */
export function actionKey(action: string): string {
  return `audit.actions.${action.replace(/[.-]/g, '_')}`
}
