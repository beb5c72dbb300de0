import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { configureHttp, request } from '../api/http'
import { LOGOUT_PENDING_KEY, lifetimeOf, useSessionStore } from './session'
import { FAKE_CLOCK, PROSECUTOR, fakeServer, grantFor, type FakeRoute } from '../test-support'

const REFUSED = { status: 401, body: { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Sesión vencida.' } } }

function setUp(refresh: FakeRoute, extra: Record<string, FakeRoute> = {}) {
  const server = fakeServer({ '/api/access/refresh': refresh, ...extra })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore(pinia)
  const ended = vi.fn()
  session.configure({ onEnded: ended })
  configureHttp({ getToken: () => session.accessToken, getLanguage: () => 'es-DO', renewToken: (refused) => session.renewAfterRefusal(refused) })
  const refreshes = () => server.requests.filter((sent) => sent.url.pathname === '/api/access/refresh').length
  return { server, session, ended, refreshes }
}


beforeEach(() => localStorage.clear())
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('restoring the session at start', () => {
  it('a valid refresh cookie brings the session back, without signing in again', async () => {
    let served = 0
    const { session, server } = setUp(() => ({ body: grantFor(`token-${++served}`) }))
    await session.restore()
    expect(session.isSignedIn).toBe(true)
    expect(session.accessToken).toBe('token-1')
    expect(session.me).toEqual(PROSECUTOR)
    const sent = server.requests[0]!
    expect(sent.method).toBe('POST')
    expect(sent.headers.has('Authorization')).toBe(false)
    // Once only, however many navigations wait for it.
    await session.restore()
    expect(served).toBe(1)
  })

  it('a grant without the user is completed with GET /me', async () => {
    const { session, server } = setUp(() => ({ body: { accessToken: 't', expiresAt: new Date(Date.now() + 900_000).toISOString() } }), {
      '/api/access/me': () => ({ body: { data: PROSECUTOR } }),
    })
    await session.restore()
    expect(session.me).toEqual(PROSECUTOR)
    expect(server.requests.find((sent) => sent.url.pathname === '/api/access/me')!.headers.get('Authorization')).toBe('Bearer t')
  })

  it('no cookie (401): not signed in, and no "session ended" message', async () => {
    const { session, ended } = setUp(() => REFUSED)
    await session.restore()
    expect(session.isSignedIn).toBe(false)
    expect(ended).not.toHaveBeenCalled()
  })

  it('after a sign-out that could not reach the server, the next start ends the session instead', async () => {
    localStorage.setItem(LOGOUT_PENDING_KEY, '1')
    const { session, server, refreshes } = setUp(() => ({ body: grantFor('never') }), { '/api/access/logout': () => ({ status: 204 }) })
    await session.restore()
    expect(refreshes()).toBe(0)
    expect(server.requests.map((sent) => sent.url.pathname)).toEqual(['/api/access/logout'])
    expect(session.isSignedIn).toBe(false)
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBeNull()
  })
})

describe('renewing the access token', () => {
  it('renews about 60 s before expiresAt when the user was active', async () => {
    vi.useFakeTimers(FAKE_CLOCK)
    let served = 0
    const { session, refreshes } = setUp(() => ({ body: grantFor(`token-${++served}`) }))
    session.establish(grantFor('first', PROSECUTOR, 15 * 60_000))
    session.noteActivity()

    await vi.advanceTimersByTimeAsync(14 * 60_000 - 1_000)
    expect(refreshes()).toBe(0)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(refreshes()).toBe(1)
    expect(session.accessToken).toBe('token-1')
  })

  it('an idle user’s token is not renewed on schedule, but at their next activity', async () => {
    vi.useFakeTimers(FAKE_CLOCK)
    const { session, refreshes } = setUp(() => ({ body: grantFor('renewed') }))
    session.establish(grantFor('first'))
    await vi.advanceTimersByTimeAsync(20 * 60_000)
    expect(refreshes()).toBe(0)
    expect(session.accessToken).toBe('first')

    session.noteActivity()
    await vi.advanceTimersByTimeAsync(0)
    expect(refreshes()).toBe(1)
    expect(session.accessToken).toBe('renewed')
  })

  it('a refused refresh of a live session ends it: state cleared, the portal told once', async () => {
    vi.useFakeTimers(FAKE_CLOCK)
    const { session, ended } = setUp(() => REFUSED)
    session.establish(grantFor('first'))
    session.noteActivity()
    await vi.advanceTimersByTimeAsync(15 * 60_000)
    expect(session.accessToken).toBeNull()
    expect(session.me).toBeNull()
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('no answer from the server is not the end: it tries again later', async () => {
    vi.useFakeTimers(FAKE_CLOCK)
    let down = true
    const { session, ended, refreshes } = setUp(() => (down ? 'network-down' : { body: grantFor('later') }))
    session.establish(grantFor('first'))
    session.noteActivity()
    await vi.advanceTimersByTimeAsync(14 * 60_000 + 1)
    expect(refreshes()).toBe(1)
    expect(session.accessToken).toBe('first')
    expect(ended).not.toHaveBeenCalled()
    down = false
    await vi.advanceTimersByTimeAsync(30_000)
    expect(session.accessToken).toBe('later')
  })

  it('several refreshes at once send one request (the cookie rotates on every use)', async () => {
    const { session, refreshes } = setUp(() => ({ body: grantFor('renewed') }))
    session.establish(grantFor('first'))
    const outcomes = await Promise.all([session.refresh(), session.refresh(), session.renewAfterRefusal('first')])
    expect(outcomes).toEqual(['renewed', 'renewed', 'renewed'])
    expect(refreshes()).toBe(1)
    // A request refused with a token that has since been replaced is simply sent again.
    await expect(session.renewAfterRefusal('first')).resolves.toBe('renewed')
    expect(refreshes()).toBe(1)
  })

  it('401 → refresh → the same call again, with the new token', async () => {
    const { session, server } = setUp(() => ({ body: grantFor('renewed') }), {
      '/api/cases': (sent) => (sent.headers.get('Authorization') === 'Bearer renewed' ? { body: { data: ['ok'] } } : REFUSED),
    })
    session.establish(grantFor('stale'))
    await expect(Promise.all([request('/api/cases'), request('/api/cases?page=2')])).resolves.toEqual([{ data: ['ok'] }, { data: ['ok'] }])
    expect(server.requests.map((sent) => sent.url.pathname)).toEqual(['/api/cases', '/api/cases', '/api/access/refresh', '/api/cases', '/api/cases'])
  })

  it('an answer that arrives after a sign-out is dropped', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const server = fakeServer({})
    const pinia = createPinia()
    const session = useSessionStore(pinia)
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      await gate
      return server.fetch(input, init).then(() => new Response(JSON.stringify(grantFor('late')), { status: 200 }))
    })
    session.establish(grantFor('first'))
    const pending = session.refresh()
    session.accessToken = null
    session.me = null
    release()
    await expect(pending).resolves.toBe('ended')
    expect(session.accessToken).toBeNull()
  })
})

describe('signing out', () => {
  it('sends the token to POST /logout', async () => {
    const { session, server } = setUp(() => REFUSED, { '/api/access/logout': () => ({ status: 204 }) })
    session.establish(grantFor('mine'))
    await session.logout()
    const sent = server.requests.find((request) => request.url.pathname === '/api/access/logout')!
    expect(sent.method).toBe('POST')
    expect(sent.headers.get('Authorization')).toBe('Bearer mine')
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBeNull()
  })

  it('the screen need not wait: the token is taken at once, and sign-in waits for the sign-out to land', async () => {
    let answer: () => void = () => undefined
    const landed = new Promise<void>((resolve) => (answer = resolve))
    const { session, server } = setUp(() => REFUSED)
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      await landed
      return server.fetch(input, init).then(() => new Response(null, { status: 204 }))
    })
    session.establish(grantFor('mine'))
    const leaving = session.logout()
    session.accessToken = null
    session.me = null
    let settled = false
    void session.afterLogout().then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    answer()
    await leaving
    await session.afterLogout()
    expect(settled).toBe(true)
    expect(server.requests[0]!.headers.get('Authorization')).toBe('Bearer mine')
  })

  it('remembers a sign-out the server did not hear (no token in it), for the next start', async () => {
    const { session } = setUp(() => REFUSED, { '/api/access/logout': () => 'network-down' })
    session.establish(grantFor('mine'))
    await session.logout()
    expect(localStorage.getItem(LOGOUT_PENDING_KEY)).toBe('1')
  })
})

describe('lifetimeOf', () => {
  const now = Date.parse('2026-03-14T12:00:00Z')
  it('reads ISO dates, seconds and milliseconds', () => {
    expect(lifetimeOf('2026-03-14T12:15:00Z', now, 1)).toBe(15 * 60_000)
    expect(lifetimeOf(now / 1000 + 900, now, 1)).toBe(900_000)
    expect(lifetimeOf(now + 900_000, now, 1)).toBe(900_000)
    expect(lifetimeOf(String(now + 900_000), now, 1)).toBe(900_000)
  })
  it('assumes the usual life when expiresAt is unreadable or already past by this clock', () => {
    expect(lifetimeOf('mañana', now, 42)).toBe(42)
    expect(lifetimeOf('2026-03-14T11:00:00Z', now, 42)).toBe(42)
    expect(lifetimeOf(undefined, now, 42)).toBe(42)
  })
})
