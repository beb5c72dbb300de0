// The sign-in and session API (/api/access, see docs/api.md) and the shapes it answers with.
import { request } from './http'

/** The signed-in user: the `user` of sign-in and refresh answers, and the `data` of GET /me. */
export interface Me {
  id: number
  username: string
  role: string
  roleName: string
  can: { createCase?: boolean; seeAllCases?: boolean; [permission: string]: boolean | undefined }
  /** Sent by GET /me only. */
  session?: { idleExpiresAt?: string | null; absoluteExpiresAt?: string | null } | null
}

/** A new access token: what sign-in, the second step, enrolment and refresh all end with. */
export interface SessionGrant {
  accessToken: string
  /** ISO 8601 (a number of seconds or milliseconds since 1970 is read as well). */
  expiresAt: string | number
  user: Me
}

export type SignedIn = SessionGrant & { status: 'signed-in' }

export type LoginAnswer =
  | { status: 'totp-required'; challenge: string }
  | { status: 'enrolment-required'; challenge: string }
  | SignedIn

export interface Enrolment {
  secret: string
  otpauthUrl: string
  /** An SVG data URL drawn by the server. */
  qrCode: string
}

export type Enrolled = SignedIn & { recoveryCodes: string[] }

/** One open session of the caller, as the portal shows it. */
export interface OpenSession {
  id: string
  createdAt: string | null
  lastActivityAt: string | null
  current: boolean
  userAgent: string | null
}

const ACCESS = '/api/access'

export function login(identifier: string, password: string): Promise<LoginAnswer> {
  return request<LoginAnswer>(`${ACCESS}/login`, { method: 'POST', body: { identifier, password }, anonymous: true })
}

export function verifyCode(challenge: string, code: string): Promise<SignedIn> {
  return request<SignedIn>(`${ACCESS}/login/totp`, { method: 'POST', body: { challenge, code }, anonymous: true })
}

export function startEnrolment(challenge: string): Promise<Enrolment> {
  return request<Enrolment>(`${ACCESS}/totp/enrolment`, { method: 'POST', body: { challenge }, anonymous: true })
}

export function confirmEnrolment(challenge: string, code: string): Promise<Enrolled> {
  return request<Enrolled>(`${ACCESS}/totp/enrolment/confirm`, { method: 'POST', body: { challenge, code }, anonymous: true })
}

/** The refresh cookie alone speaks for the caller; the answer sets the next cookie. */
export function refreshSession(signal?: AbortSignal): Promise<SessionGrant> {
  return request<SessionGrant>(`${ACCESS}/refresh`, { method: 'POST', anonymous: true, signal })
}

/** Ends the session. The token is sent when there is one; the cookie identifies the session anyway. */
export async function logout(token: string | null, signal?: AbortSignal): Promise<void> {
  await request<null>(`${ACCESS}/logout`, { method: 'POST', anonymous: token === null, retry: false, signal })
}

export async function getMe(): Promise<Me> {
  const body = await request<{ data: Me }>(`${ACCESS}/me`)
  return body.data
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request<null>(`${ACCESS}/password`, { method: 'POST', body: { currentPassword, newPassword } })
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

/** Reads GET /sessions leniently: `{ data: [...] }` or a bare list, with the usual field spellings. */
export function readSessions(body: unknown): OpenSession[] {
  const list = Array.isArray(body) ? body : Array.isArray((body as { data?: unknown } | null)?.data) ? (body as { data: unknown[] }).data : []
  return list.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return []
    const row = entry as Record<string, unknown>
    const id = row.id ?? row.documentId
    if (typeof id !== 'string' && typeof id !== 'number') return []
    return [
      {
        id: String(id),
        createdAt: text(row.createdAt),
        lastActivityAt: text(row.lastActivityAt) ?? text(row.lastSeenAt) ?? text(row.lastUsedAt),
        current: row.current === true || row.isCurrent === true,
        userAgent: text(row.userAgent),
      },
    ]
  })
}

export async function listSessions(): Promise<OpenSession[]> {
  return readSessions(await request<unknown>(`${ACCESS}/sessions`))
}

export async function endOpenSession(id: string): Promise<void> {
  await request<null>(`${ACCESS}/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' })
}
