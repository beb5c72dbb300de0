// Requests of the referrals routes (/api/cases/:id/referrals and /api/referrals, see docs/referrals.md).
import { request } from '../../api/http'

export interface Code { code: string; labelEs: string; labelEn: string }
export interface Pagination { page: number; pageSize: number; total: number; pageCount: number }
export interface ReferralSummary {
  documentId: string
  agency: { code: string; name: string } | null
  purpose: { code: string; label: string }
  status: string
  sentAt: string | null
  acknowledgeBy: string | null
  acknowledgedAt: string | null
  overdue: boolean
  case?: { documentId: string; caseNumber: string | null }
  victim?: { documentId: string; code: string } | null
  basis?: { kind: string; consentGivenOn: string | null; code: string | null; label: string | null; text: string | null }
  fields?: string[]
  needs?: string | null
}
export interface ReferralDetail extends ReferralSummary {
  data: Array<{ key: string; label: string; value: unknown; text?: string | null }>
  withheld: null | 'consent-withdrawn' | 'no-basis'
  next: string[]
  canRevoke: boolean
  canPost: boolean
}
export interface ReferralOptions {
  purposes: Code[]
  legalBases: Code[]
  agencies: Array<{ code: string; name: string; kind: string; purposes: string[] }>
  victims: Array<{ documentId: string; code: string; consentToShare: boolean }>
}
export interface CaseReferrals { data: ReferralSummary[]; meta: { canRefer: boolean; options: ReferralOptions | null; pagination: Pagination } }
export interface Inbox { data: ReferralSummary[]; meta: { side: 'agency' | 'team'; pagination: Pagination } }
export interface ReferralMessage { documentId: string; side: 'team' | 'agency'; author: string | null; body: string; postedAt: string | null }

const caseBase = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/referrals`
const one = (id: string) => `/api/referrals/${encodeURIComponent(id)}`

export function listCaseReferrals(caseId: string, page: number, signal?: AbortSignal): Promise<CaseReferrals> {
  return request<CaseReferrals>(caseBase(caseId), { query: { page, pageSize: 10 }, signal })
}
export async function createReferral(caseId: string, data: Record<string, unknown>): Promise<ReferralDetail> {
  return (await request<{ data: ReferralDetail }>(caseBase(caseId), { method: 'POST', body: { data } })).data
}
export function listInbox(page: number, status: string, signal?: AbortSignal): Promise<Inbox> {
  return request<Inbox>('/api/referrals', { query: { page, pageSize: 20, ...(status ? { status } : {}) }, signal })
}
export async function getReferral(id: string, signal?: AbortSignal): Promise<ReferralDetail> {
  return (await request<{ data: ReferralDetail }>(one(id), { signal })).data
}
export async function acknowledgeReferral(id: string): Promise<ReferralDetail> {
  return (await request<{ data: ReferralDetail }>(`${one(id)}/acknowledge`, { method: 'POST' })).data
}
export async function changeReferralStatus(id: string, status: string, reason: string | null): Promise<ReferralDetail> {
  return (await request<{ data: ReferralDetail }>(`${one(id)}/status`, { method: 'POST', body: { data: reason ? { status, reason } : { status } } })).data
}
export async function revokeReferral(id: string, reason: string): Promise<ReferralDetail> {
  return (await request<{ data: ReferralDetail }>(`${one(id)}/revoke`, { method: 'POST', body: { data: { reason } } })).data
}
export async function listMessages(id: string): Promise<ReferralMessage[]> {
  return (await request<{ data: ReferralMessage[] }>(`${one(id)}/messages`)).data
}
export async function postMessage(id: string, body: string): Promise<ReferralMessage> {
  return (await request<{ data: ReferralMessage }>(`${one(id)}/messages`, { method: 'POST', body: { data: { body } } })).data
}

/** Who has a "Derivaciones" inbox: agency liaisons, and the case roles that refer. */
const INBOX_ROLES: ReadonlySet<string> = new Set(['agency-liaison', 'chief-prosecutor', 'prosecutor', 'victim-officer'])
export function hasReferralInbox(role: string | null | undefined): boolean {
  return INBOX_ROLES.has(role ?? '')
}

/** A YYYY-MM-DD day or an instant as the reader writes it: dd/mm/aaaa in Spanish (office time for instants). */
export function dayText(value: string | null | undefined, lang: 'es' | 'en'): string {
  if (!value) return '—'
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(Date.parse(value) - 4 * 3600 * 1000).toISOString().slice(0, 10)
  return lang === 'es' ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : day
}
