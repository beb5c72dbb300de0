// Requests of "Mis plazos": the caller's deadlines (list and calendar), the header's count, the
// notifications, and the personal calendar feed (ICS) with its secret address.
import { request } from '../../api/http'
import type { Pagination } from '../cases/case-api'
import type { CaseDeadline } from '../workflow/workflow-api'

export interface MyDeadline extends CaseDeadline {
  case: { documentId: string; caseNumber: string }
}

export interface MyDeadlinesQuery {
  alert?: 'due-soon' | 'overdue'
  /** YYYY-MM-DD, both ends included. */
  from?: string
  to?: string
  page: number
  pageSize: number
}

export interface Paged<T> {
  data: T[]
  meta: { pagination: Pagination }
}

export function getMyDeadlines(query: MyDeadlinesQuery, signal?: AbortSignal): Promise<Paged<MyDeadline>> {
  const params: Record<string, string | number> = { page: query.page, pageSize: query.pageSize }
  if (query.alert) params.alert = query.alert
  if (query.from) params.from = query.from
  if (query.to) params.to = query.to
  return request<Paged<MyDeadline>>('/api/me/deadlines', { query: params, signal })
}

/** Calendar pages hold at most this many per request; a busy month is read page after page. */
const CALENDAR_PAGE_SIZE = 100
/** A month never needs more than this many pages; past it the calendar says that it is incomplete. */
const CALENDAR_MAX_PAGES = 10

/** Every open deadline of mine ending between two days (inclusive), for the month calendar. */
export async function getMyDeadlinesBetween(from: string, to: string, signal?: AbortSignal): Promise<{ data: MyDeadline[]; complete: boolean }> {
  const data: MyDeadline[] = []
  for (let page = 1; page <= CALENDAR_MAX_PAGES; page += 1) {
    const body = await getMyDeadlines({ from, to, page, pageSize: CALENDAR_PAGE_SIZE }, signal)
    data.push(...body.data)
    if (page >= body.meta.pagination.pageCount) return { data, complete: true }
  }
  return { data, complete: false }
}

export interface DeadlineSummary {
  dueSoon: number
  overdue: number
}

/** How often the header's count is read again while a page stays open. */
export const BADGE_REFRESH_MS = 5 * 60_000

export async function getDeadlineSummary(signal?: AbortSignal): Promise<DeadlineSummary> {
  const body = await request<{ data: Partial<DeadlineSummary> }>('/api/me/deadlines/summary', { signal })
  return { dueSoon: Number(body.data?.dueSoon) || 0, overdue: Number(body.data?.overdue) || 0 }
}

export interface Notification {
  id: number | string
  kind: string
  message: string
  link: string | null
  createdAt: string
  readAt: string | null
}

export interface NotificationPage extends Paged<Notification> {
  meta: { pagination: Pagination; unread: number }
}

export async function getNotifications(page: number, unreadOnly: boolean, signal?: AbortSignal): Promise<NotificationPage> {
  const body = await request<{ data: Notification[]; meta: { pagination: Pagination; unread?: number } }>('/api/me/notifications', {
    query: { page, pageSize: 10, ...(unreadOnly ? { unread: 'true' } : {}) },
    signal,
  })
  return { data: body.data ?? [], meta: { pagination: body.meta.pagination, unread: Number(body.meta.unread) || 0 } }
}

export async function markNotificationRead(id: Notification['id']): Promise<void> {
  await request(`/api/me/notifications/${encodeURIComponent(String(id))}/read`, { method: 'POST' })
}

export async function markAllNotificationsRead(): Promise<void> {
  await request('/api/me/notifications/read-all', { method: 'POST' })
}

/** Whether my calendar feed is on (the server may also answer its address; the portal shows it only when just made). */
export async function getCalendarFeed(signal?: AbortSignal): Promise<{ active: boolean }> {
  const body = await request<{ data: { url?: string | null } | null }>('/api/me/calendar-feed', { signal })
  return { active: typeof body.data?.url === 'string' && body.data.url !== '' }
}

/** A new secret address; the one before stops working. */
export async function renewCalendarFeed(): Promise<string> {
  return (await request<{ data: { url: string } }>('/api/me/calendar-feed', { method: 'POST' })).data.url
}

export async function stopCalendarFeed(): Promise<void> {
  await request('/api/me/calendar-feed', { method: 'DELETE' })
}
