// Requests of a case's workflow: its stage and the moves out of it, the history of moves, the SOP
// checklists of the stage and the legal deadlines running on the case (shapes of the issue 6 contract).
import { request } from '../../api/http'
import type { Pagination } from '../cases/case-api'

/** Why a move is blocked, as the server words it in the caller's language. */
export interface BlockReason {
  code: string
  params: Record<string, string | number>
  overridable: boolean
  message: string
}

export interface NextStep {
  to: string
  label: string
  allowed: boolean
  canOverride: boolean
  reasons: BlockReason[]
}

export interface StageOptions {
  stage: { code: string; label: string }
  workflow: { key: string; name: string; version: number; latestVersion: number; pinned: boolean }
  /** How the current stage may end (acusación, archivo provisional…), recorded with the move out of it. */
  outcomes?: Array<{ code: string; label: string }>
  steps: NextStep[]
}

export interface MoveResult {
  from: string
  stage: string
  movedAt: string
  overridden: BlockReason[]
}

export interface CaseMove {
  movedAt: string
  from: { code: string; label: string }
  to: { code: string; label: string }
  movedBy: { displayName: string } | null
  reason: string
  outcome?: { code: string; label: string } | null
  overridden: Array<{ code: string; message?: string }>
}

export type StepStatus = 'open' | 'done' | 'not-applicable'

export interface ChecklistStep {
  key: string
  title: string
  role: string
  required: boolean
  gate: boolean
  dueDate: string | null
  overdue: boolean
  guidance: string | null
  evidenceRequired: string | null
  status: StepStatus
  doneAt: string | null
  doneBy: { displayName: string } | null
  note: string | null
}

export interface Checklist {
  id: number | string
  templateKey: string
  templateName: string
  templateVersion: number
  stage: { code: string; label: string }
  openedAt: string
  closedAt: string | null
  progress: { done: number; total: number; requiredOpen: number }
  steps: ChecklistStep[]
}

export type AlertState = 'none' | 'due-soon' | 'overdue'
export type DeadlineStatus = 'open' | 'met' | 'cancelled'

export interface CaseDeadline {
  id: number | string
  ruleKey: string
  name: string
  law: string | null
  article: string | null
  lawVersion: string | null
  event: string
  eventAt: string | null
  /** YYYY-MM-DD for a whole day, an ISO instant for a deadline in hours. */
  due: string
  dueAt: string
  warnFrom: string | null
  status: DeadlineStatus
  alert: AlertState
  needsLegalConfirmation: boolean
  onMiss: string | null
  stage: string | null
  closedAt: string | null
  closeNote: string | null
}

/** The server's bounds for a move's reason (cms/src/api/case/controllers/case-transitions.ts). */
export const MOVE_REASON = { min: 5, max: 1000 } as const
export const OVERRIDE_REASON = { min: 20, max: 1000 } as const
/** A step's note: required (≥ 5) when the step does not apply, at most 2000. */
export const NOTE_LIMITS = { min: 5, max: 2000 } as const

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`

export async function getStageOptions(caseId: string, signal?: AbortSignal): Promise<StageOptions> {
  return (await request<{ data: StageOptions }>(`${casePath(caseId)}/transitions`, { signal })).data
}

export async function moveCase(caseId: string, body: { to: string; reason: string; override?: boolean; outcome?: string }): Promise<MoveResult> {
  return (await request<{ data: MoveResult }>(`${casePath(caseId)}/transitions`, { method: 'POST', body })).data
}

export function getMoves(caseId: string, page: number, signal?: AbortSignal): Promise<{ data: CaseMove[]; meta: { pagination: Pagination } }> {
  return request(`${casePath(caseId)}/moves`, { query: { page, pageSize: 10 }, signal })
}

/** The checklists of the current stage, or of every stage so far (`all`). */
export async function getChecklists(caseId: string, scope: 'current' | 'all', signal?: AbortSignal): Promise<{ data: Checklist[]; canTick: boolean }> {
  const body = await request<{ data: Checklist[]; meta?: { canTick?: boolean } }>(`${casePath(caseId)}/checklists`, { query: { scope }, signal })
  return { data: body.data ?? [], canTick: body.meta?.canTick === true }
}

export async function tickStep(caseId: string, runId: Checklist['id'], key: string, body: { status: StepStatus; note?: string }): Promise<ChecklistStep> {
  const path = `${casePath(caseId)}/checklists/${encodeURIComponent(String(runId))}/steps/${encodeURIComponent(key)}`
  return (await request<{ data: ChecklistStep }>(path, { method: 'PUT', body })).data
}

/** The case's deadlines; `canEdit` is the server's word on closing them when it sends one (meta.canEdit), else null. */
export async function getCaseDeadlines(caseId: string, status: 'open' | 'all', signal?: AbortSignal): Promise<{ data: CaseDeadline[]; canEdit: boolean | null }> {
  const body = await request<{ data: CaseDeadline[]; meta?: { canEdit?: unknown } }>(`${casePath(caseId)}/deadlines`, { query: { status }, signal })
  return { data: body.data ?? [], canEdit: typeof body.meta?.canEdit === 'boolean' ? body.meta.canEdit : null }
}

export async function setDeadlineStatus(caseId: string, deadlineId: CaseDeadline['id'], body: { status: 'met' | 'open'; note?: string }): Promise<CaseDeadline> {
  const path = `${casePath(caseId)}/deadlines/${encodeURIComponent(String(deadlineId))}`
  return (await request<{ data: CaseDeadline }>(path, { method: 'PUT', body })).data
}

/** The server's reasons for a refused move (409), in its words. */
export function refusalReasons(details: unknown): string[] {
  if (typeof details !== 'object' || details === null) return []
  const reasons = (details as { reasons?: unknown }).reasons
  if (!Array.isArray(reasons)) return []
  return reasons.flatMap((reason: unknown) => {
    const message = typeof reason === 'object' && reason !== null ? (reason as { message?: unknown }).message : null
    return typeof message === 'string' && message ? [message] : []
  })
}
