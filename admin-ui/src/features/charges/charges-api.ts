// Requests of a case's charges ("Cargos") and the code lists they are labelled from. The law
// version is the server's: derived from the case's date of the facts, never sent from here.
import { request } from '../../api/http'
import type { CodeItem } from '../../stores/code-lists'

export const CHARGE_STATUSES = ['suspected', 'charged', 'indicted', 'convicted', 'acquitted', 'dismissed', 'withdrawn'] as const
export type ChargeStatus = (typeof CHARGE_STATUSES)[number]

export interface Charge {
  id: string
  party: { id: string; role: string; isPublicOfficial: boolean; person: { code: string; personKind: string } | null } | null
  offence: string
  lawVersion: string
  lawVersionNeedsConfirmation: boolean
  /** The prison range in years of the offence under that version, when known (to be confirmed). */
  penaltyYears: [number, number] | null
  article: string | null
  aggravating: string[]
  status: ChargeStatus
  chargedAt: string | null
  verdictAt: string | null
  sentenceMonths: number | null
  isDemo: boolean
}

export interface ChargeList {
  data: Charge[]
  meta: { mayEdit: boolean; factsDate: string }
}

/** What the dialog sends: on update, `party` is left out (a charge's party never changes). */
export interface ChargeBody {
  party?: string
  offence: string
  article: string | null
  aggravating: string[]
  status: ChargeStatus
  chargedAt: string | null
  verdictAt: string | null
  sentenceMonths: number | null
}

export const CHARGE_LIST_KEYS = ['offence', 'law-version', 'aggravating-circumstance'] as const
export type ChargeLists = Record<(typeof CHARGE_LIST_KEYS)[number], CodeItem[]>

export function listCharges(caseId: string, signal?: AbortSignal): Promise<ChargeList> {
  return request<ChargeList>(`/api/cases/${encodeURIComponent(caseId)}/charges`, { signal })
}

export async function createCharge(caseId: string, body: ChargeBody): Promise<Charge> {
  return (await request<{ data: Charge }>(`/api/cases/${encodeURIComponent(caseId)}/charges`, { method: 'POST', body: { data: body } })).data
}

export async function updateCharge(caseId: string, chargeId: string, body: ChargeBody): Promise<Charge> {
  const { party: _party, ...data } = body
  return (await request<{ data: Charge }>(`/api/cases/${encodeURIComponent(caseId)}/charges/${encodeURIComponent(chargeId)}`, { method: 'PUT', body: { data } })).data
}

export async function loadChargeLists(signal?: AbortSignal): Promise<ChargeLists> {
  const body = await request<{ data: Array<{ key: string; items?: CodeItem[] | null }> }>('/api/code-lists', {
    query: { filters: { key: { $in: [...CHARGE_LIST_KEYS] } }, populate: 'items', pagination: { pageSize: 10 } },
    signal,
  })
  const lists: ChargeLists = { offence: [], 'law-version': [], 'aggravating-circumstance': [] }
  for (const list of Array.isArray(body?.data) ? body.data : []) {
    if ((CHARGE_LIST_KEYS as readonly string[]).includes(list.key)) lists[list.key as keyof ChargeLists] = [...(list.items ?? [])].sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
  }
  return lists
}
