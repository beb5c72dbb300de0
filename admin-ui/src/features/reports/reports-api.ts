// Requests of "Informes": the report schedules, running one now, the kept reports and their files.
import { request, requestFile } from '../../api/http'
import type { Pagination } from '../cases/case-api'

export type ReportFormat = 'csv' | 'xlsx' | 'pdf'

export interface ReportSchedule {
  documentId: string
  name: string
  description: string | null
  cron: string
  indicators: string[]
  parameters: { year?: number | null; period?: string | null; province?: string | null; profile?: string }
  formats: ReportFormat[]
  downloadRoles: string[]
  retentionDays: number
  enabled: boolean
}

export interface ReportSnapshot {
  documentId: string
  scheduleName: string | null
  ranAt: string
  period: { from: string | null; to: string | null; label: string | null }
  indicators: string[]
  dataHash: string | null
  status: 'ready' | 'failed' | 'expired'
  error: string | null
  expiresAt: string
  ranBy: 'schedule' | 'user'
  files: Array<{ format: ReportFormat; size: number; sha256: string; url: string }>
}

export function listSchedules(signal?: AbortSignal) {
  return request<{ data: ReportSchedule[]; meta: { canRun: boolean } }>('/api/statistics/report-schedules', { signal })
}

export function runSchedule(documentId: string) {
  return request<{ data: ReportSnapshot }>(`/api/statistics/report-schedules/${encodeURIComponent(documentId)}/run`, { method: 'POST' })
}

export function listSnapshots(page: number, signal?: AbortSignal) {
  return request<{ data: ReportSnapshot[]; meta: { pagination: Pagination } }>('/api/statistics/report-snapshots', { query: { page, pageSize: 10 }, signal })
}

export function downloadSnapshotFile(file: { url: string }) {
  return requestFile(file.url)
}
