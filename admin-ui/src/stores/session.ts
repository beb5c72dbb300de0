// Who is signed in, and the access token. The token lives only here, in memory: never in Web
// Storage or a script-readable cookie. A reload gets a new one from the HttpOnly refresh cookie
// (restore), and the token is renewed shortly before it expires while the user is active.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { toApiError, type RenewOutcome } from '../api/http'
import { getMe, logout as logoutRequest, refreshSession, type Me, type SessionGrant } from '../api/access'

export type { Me, SessionGrant }

export const ROLE_KEYS = [
  'configurator',
  'chief-prosecutor',
  'prosecutor',
  'investigator',
  'victim-officer',
  'agency-liaison',
  'analyst',
  'statistician',
  'auditor',
] as const
export type RoleKey = (typeof ROLE_KEYS)[number]

/** Roles the server lets search people by document or name (config/permissions.json). */
const PEOPLE_SEARCH_ROLES: ReadonlySet<string> = new Set(['chief-prosecutor', 'prosecutor', 'investigator', 'victim-officer'])

export function isRoleKey(value: string): value is RoleKey {
  return (ROLE_KEYS as readonly string[]).includes(value)
}

export const SESSION_TIMINGS = {
  /** Renew the access token this long before it expires. */
  refreshLeadMs: 60_000,
  /** The token's life when expiresAt is unreadable or already past by this computer's clock. */
  assumedLifetimeMs: 15 * 60_000,
  /** Never renew sooner than this after the last grant. */
  minimumDelayMs: 5_000,
  /** A renewal that got no answer is tried again after this long. */
  retryDelayMs: 30_000,
  /** A refresh or sign-out request is given up after this long (slow provincial links). */
  requestTimeoutMs: 20_000,
}
export type SessionTimings = typeof SESSION_TIMINGS

/** Set when a sign-out could not reach the server: the next start ends the session first. */
export const LOGOUT_PENDING_KEY = 'pett.logout-pending'

/** How long a token issued now lives, read from expiresAt and kept sane against clock skew. */
export function lifetimeOf(expiresAt: unknown, now: number, assumed: number): number {
  let time = Number.NaN
  if (typeof expiresAt === 'number') time = expiresAt
  else if (typeof expiresAt === 'string') time = /^\d+$/.test(expiresAt) ? Number(expiresAt) : Date.parse(expiresAt)
  if (!Number.isFinite(time)) return assumed
  if (time < 1e12) time *= 1000 // seconds since 1970
  const lifetime = time - now
  // A token that looks expired on arrival says more about this computer's clock than about the token.
  return lifetime > 0 ? lifetime : assumed
}

function timeoutSignal(ms: number): AbortSignal | undefined {
  return typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function' ? AbortSignal.timeout(ms) : undefined
}

/** Runs the refresh under a browser-wide lock: two tabs must never send the same rotating cookie. */
function withTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? (navigator as { locks?: LockManager }).locks : undefined
  return locks ? (locks.request('pett.session-refresh', task) as Promise<T>) : task()
}

function pendingLogout(): boolean {
  try {
    return localStorage.getItem(LOGOUT_PENDING_KEY) !== null
  } catch {
    return false
  }
}

function setPendingLogout(pending: boolean): void {
  try {
    if (pending) localStorage.setItem(LOGOUT_PENDING_KEY, '1')
    else localStorage.removeItem(LOGOUT_PENDING_KEY)
  } catch {
    // Storage disabled: nothing to remember with.
  }
}

export const useSessionStore = defineStore('session', () => {
  const accessToken = ref<string | null>(null)
  /** When the access token expires, on this computer's clock (ms since 1970). */
  const expiresAt = ref<number | null>(null)
  const me = ref<Me | null>(null)
  /** True while the start-up refresh is out: the page waits before choosing sign-in or the portal. */
  const restoring = ref(false)

  const isSignedIn = computed(() => accessToken.value !== null && me.value !== null)
  const canCreateCase = computed(() => me.value?.can.createCase === true)
  /** "Buscar persona": the server's flag when it sends one, else the roles it lets search. */
  const canSearchPeople = computed(() => {
    const flag = me.value?.can.searchPeople
    return typeof flag === 'boolean' ? flag : PEOPLE_SEARCH_ROLES.has(me.value?.role ?? '')
  })

  /** "Auditoría": the server's flag (internal control reads the audit trail, nothing else). */
  const canReadAuditTrail = computed(() => me.value?.can.readAuditTrail === true)

  // Not state: the timer, the refresh in flight and the portal's hooks. Resetting the stores leaves
  // these alone, so losing the token stops the timer and voids any answer still on its way.
  let timings: SessionTimings = { ...SESSION_TIMINGS }
  let onEnded: () => void = () => undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let inflight: Promise<RenewOutcome> | null = null
  let restored: Promise<void> | null = null
  let leaving: Promise<void> | null = null
  let generation = 0
  let activeSinceGrant = false
  let refreshDue = false

  function stopTimer(): void {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    refreshDue = false
  }

  watch(
    accessToken,
    (token, previous) => {
      if (token === null && previous !== null) {
        generation += 1
        stopTimer()
      }
    },
    { flush: 'sync' },
  )

  function configure(options: { timings?: Partial<SessionTimings>; onEnded?: () => void }): void {
    if (options.timings) timings = { ...SESSION_TIMINGS, ...options.timings }
    if (options.onEnded) onEnded = options.onEnded
  }

  function schedule(delay: number): void {
    stopTimer()
    timer = setTimeout(refreshTime, Math.max(timings.minimumDelayMs, delay))
  }

  // Renewing counts as activity on the server. Renewing only for a user who did something keeps the
  // server's 30-minute idle limit meaningful; an idle user's token lapses and is renewed on return.
  function refreshTime(): void {
    timer = undefined
    if (accessToken.value === null) return
    if (activeSinceGrant) void refresh()
    else refreshDue = true
  }

  /** Pointer, key or focus in the portal (called by the idle watcher). */
  function noteActivity(): void {
    activeSinceGrant = true
    if (refreshDue && accessToken.value !== null) {
      refreshDue = false
      void refresh()
    }
  }

  function establish(grant: SessionGrant): void {
    const now = Date.now()
    const lifetime = lifetimeOf(grant.expiresAt, now, timings.assumedLifetimeMs)
    accessToken.value = grant.accessToken
    expiresAt.value = now + lifetime
    // The grant carries the user (docs/api.md); should it not, GET /me fills it in (runRefresh, sign-in).
    me.value = grant.user ?? null
    activeSinceGrant = false
    setPendingLogout(false)
    schedule(lifetime - timings.refreshLeadMs)
  }

  function clear(): void {
    accessToken.value = null
    expiresAt.value = null
    me.value = null
  }

  async function runRefresh(): Promise<RenewOutcome> {
    const mine = generation
    const hadSession = accessToken.value !== null
    try {
      const grant = await withTabLock(() => refreshSession(timeoutSignal(timings.requestTimeoutMs)))
      // Signed out while the answer was on its way: it belongs to nobody now.
      if (mine !== generation) return 'ended'
      establish(grant)
      if (me.value === null) await loadMe()
      return 'renewed'
    } catch (caught) {
      if (mine !== generation) return 'ended'
      const status = toApiError(caught).status
      if (status <= 0 || status === 429 || status >= 500) {
        if (hadSession) schedule(timings.retryDelayMs)
        return 'unreachable'
      }
      if (hadSession) {
        clear()
        onEnded()
      }
      return 'ended'
    }
  }

  /** One refresh at a time: every caller of the moment shares the same answer. */
  function refresh(): Promise<RenewOutcome> {
    inflight ??= runRefresh().finally(() => {
      inflight = null
    })
    return inflight
  }

  /** The server refused `refused` with 401: renew it, unless another request already did. */
  function renewAfterRefusal(refused: string): Promise<RenewOutcome> {
    if (accessToken.value === null) return Promise.resolve('ended')
    if (accessToken.value !== refused) return Promise.resolve('renewed')
    return refresh()
  }

  /** At start and after a reload: a valid refresh cookie brings the session back. Runs once. */
  function restore(): Promise<void> {
    restored ??= (async () => {
      restoring.value = true
      try {
        if (pendingLogout()) await logout()
        else await refresh()
      } finally {
        restoring.value = false
      }
    })()
    return restored
  }

  /**
   * Ends the session on the server. The token is read at once, so the stores may be cleared while
   * the request is on its way. When the server cannot be reached, the next start tries again.
   */
  function logout(): Promise<void> {
    const known = accessToken.value
    const run = async () => {
      // Never send the old cookie while its successor is on the way: the server would take it for theft.
      if (inflight) await inflight
      try {
        await logoutRequest(accessToken.value ?? known, timeoutSignal(timings.requestTimeoutMs))
        setPendingLogout(false)
      } catch (caught) {
        const status = toApiError(caught).status
        // A 4xx means there is no session left to end.
        setPendingLogout(!(status >= 400 && status < 500 && status !== 429))
      }
    }
    const mine: Promise<void> = run().finally(() => {
      if (leaving === mine) leaving = null
    })
    leaving = mine
    return mine
  }

  /**
   * Resolves once no sign-out is on its way. Sign-in waits for it: the sign-out answer clears the
   * refresh cookie, and must not clear the cookie of the session that follows.
   */
  function afterLogout(): Promise<void> {
    return leaving ?? Promise.resolve()
  }

  /** GET /me: the user and the limits of this session (for the user menu). */
  async function loadMe(): Promise<Me | null> {
    try {
      const fresh = await getMe()
      if (accessToken.value !== null) me.value = fresh
      return fresh
    } catch {
      return null
    }
  }

  return {
    accessToken,
    expiresAt,
    me,
    restoring,
    isSignedIn,
    canCreateCase,
    canSearchPeople,
    canReadAuditTrail,
    configure,
    establish,
    refresh,
    renewAfterRefusal,
    restore,
    logout,
    afterLogout,
    noteActivity,
    loadMe,
  }
})
