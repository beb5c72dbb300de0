import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPortal, type PortalOptions } from './portal'
import { safeRedirect } from './router'
import { useSessionStore } from './stores/session'
import { useCodeListsStore } from './stores/code-lists'
import { setLanguage } from './i18n'
import { CODE_LISTS_BODY, PROSECUTOR, fakeServer, memoryTabChannels } from './test-support'

/** A pretend server with the sign-in API; `cookie` plays the HttpOnly refresh cookie. */
function pretendServer(options: { casesStatus?: (token: string | null) => number; cookie?: boolean; refuseRefresh?: boolean } = {}) {
  const state = { cookie: options.cookie ?? false, issued: 0 }
  const grant = () => {
    state.cookie = true
    state.issued += 1
    return { accessToken: `jwt-${state.issued}`, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), user: PROSECUTOR }
  }
  const refused = (status: number, message: string) => ({ status, body: { data: null, error: { status, name: 'Error', message } } })
  const server = fakeServer({
    '/api/access/login': (request) => {
      const { password } = request.body as { password?: string }
      if (password === 'correcta') return { body: { status: 'totp-required', challenge: 'ch-1' } }
      if (password === 'bloqueada') return refused(429, 'Cuenta bloqueada por 15 minutos.')
      return refused(400, 'Usuario o contraseña no válidos.')
    },
    '/api/access/login/totp': (request) => {
      const { challenge, code } = request.body as { challenge?: string; code?: string }
      return challenge === 'ch-1' && code === '123456' ? { body: { status: 'signed-in', ...grant() } } : refused(400, 'Código no válido.')
    },
    '/api/access/refresh': () => (state.cookie && !options.refuseRefresh ? { body: grant() } : refused(401, 'Sesión vencida.')),
    '/api/access/logout': () => {
      state.cookie = false
      return { status: 204 }
    },
    '/api/access/me': () => ({ body: { data: PROSECUTOR } }),
    '/api/code-lists': () => ({ body: CODE_LISTS_BODY }),
    '/api/cases': (request) => {
      const status = options.casesStatus?.(request.headers.get('Authorization')?.replace('Bearer ', '') ?? null) ?? 200
      return status === 200
        ? { body: { data: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } } } }
        : refused(status, 'Sesión vencida')
    },
  })
  vi.stubGlobal('fetch', server.fetch)
  return { server, state, paths: () => server.requests.map((request) => `${request.method} ${request.url.pathname}`) }
}

function startPortal(options: PortalOptions = {}) {
  const host = document.createElement('div')
  document.body.appendChild(host)
  const portal = createPortal(createMemoryHistory(), options)
  portal.app.mount(host)
  return { ...portal, host }
}

function type(host: HTMLElement, selector: string, value: string): void {
  const input = host.querySelector<HTMLInputElement>(selector)!
  input.value = value
  input.dispatchEvent(new Event('input'))
}

async function signIn(host: HTMLElement, password = 'correcta', code = '123456') {
  type(host, '#login-identifier', 'fiscal.demo1')
  type(host, '#login-password', password)
  host.querySelector('form')!.dispatchEvent(new Event('submit'))
  await flushPromises()
  if (password !== 'correcta') return
  await until(() => expect(host.querySelector('#totp-code')).not.toBeNull())
  expect(host.querySelector('label[for="totp-code"]')!.textContent).toBe('Código de verificación')
  type(host, '#totp-code', code)
  host.querySelector('form')!.dispatchEvent(new Event('submit'))
  await flushPromises()
}

/** Lazy route chunks load asynchronously: wait for the outcome instead of counting ticks. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 3000, interval: 10 })

beforeEach(() => {
  setLanguage('es')
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('session', () => {
  it('a visitor without a session is sent to sign in in two steps, and comes back to the page asked for', async () => {
    const { paths } = pretendServer()
    const { router, host } = startPortal()
    await router.push('/casos?stage=investigation')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/casos?stage=investigation')
    // The refresh cookie was tried before the sign-in page was chosen.
    expect(paths()[0]).toBe('POST /api/access/refresh')

    await signIn(host)
    await until(() => expect(host.textContent).toContain('fiscal.demo1'))
    expect(router.currentRoute.value.fullPath).toBe('/casos?stage=investigation')
    expect(host.textContent).toContain('Fiscal')
    // The sign-in answer carries the user: no GET /me right after it.
    expect(paths()).not.toContain('GET /api/access/me')
  })

  it('a refused sign-in shows the server message in the live region', async () => {
    pretendServer()
    const { router, host } = startPortal()
    await router.push('/login')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host, 'mala')
    await until(() => expect(host.querySelector('[role="alert"]')!.textContent).toContain('Usuario o contraseña no válidos.'))
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('a locked account (429) shows the lock message as the server sent it', async () => {
    pretendServer()
    const { router, host } = startPortal()
    await router.push('/login')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host, 'bloqueada')
    await until(() => expect(host.querySelector('#login-error')!.textContent).toBe('Cuenta bloqueada por 15 minutos.'))
  })

  it('the token and the challenge are kept in memory only, never in Web Storage or cookies', async () => {
    pretendServer()
    const { router, host } = startPortal()
    await router.push('/casos')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host)
    await until(() => expect(host.textContent).toContain('Mis casos'))
    const stored = [...Object.values({ ...localStorage }), ...Object.values({ ...sessionStorage }), document.cookie].join(' ')
    expect(stored).not.toContain('jwt-')
    expect(stored).not.toContain('ch-1')
  })

  it('a reload keeps the user signed in: the refresh cookie brings the session back', async () => {
    const { paths } = pretendServer({ cookie: true })
    const { router, host } = startPortal()
    await router.push('/casos?page=2')
    await until(() => expect(host.textContent).toContain('Mis casos'))
    expect(router.currentRoute.value.fullPath).toBe('/casos?page=2')
    expect(host.querySelector('#login-identifier')).toBeNull()
    expect(paths()[0]).toBe('POST /api/access/refresh')
    expect(paths().filter((path) => path === 'POST /api/access/refresh')).toHaveLength(1)
  })

  it('signing out ends the session on the server, clears every store, and a reload stays signed out', async () => {
    const server = pretendServer()
    const { router, host, pinia } = startPortal()
    await router.push('/casos')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host)
    await until(() => expect(useCodeListsStore(pinia).status).toBe('ready'))
    sessionStorage.setItem('pett.draft.new-case', '{"title":"Borrador"}')

    const signOut = [...host.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Cerrar sesión')!
    signOut.click()
    await until(() => expect(router.currentRoute.value.name).toBe('login'))

    expect(server.paths()).toContain('POST /api/access/logout')
    expect(useSessionStore(pinia).accessToken).toBeNull()
    expect(useSessionStore(pinia).me).toBeNull()
    expect(useCodeListsStore(pinia).status).toBe('idle')
    expect(useCodeListsStore(pinia).lists).toEqual({})
    expect(sessionStorage.getItem('pett.draft.new-case')).toBeNull()
    await until(() => expect(host.textContent).toContain('Ha cerrado la sesión.'))

    document.body.innerHTML = ''
    const reloaded = startPortal()
    await reloaded.router.push('/casos')
    await until(() => expect(reloaded.host.querySelector('#login-identifier')).not.toBeNull())
  })

  it('a 401 from the API renews the token and repeats the call: the user notices nothing', async () => {
    const server = pretendServer({ casesStatus: (token) => (token === 'jwt-1' ? 401 : 200) })
    const { router, host } = startPortal()
    await router.push('/casos')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host)
    await until(() => expect(host.textContent).toContain('0 casos'))
    expect(router.currentRoute.value.name).toBe('cases')
    const cases = server.server.requests.filter((request) => request.url.pathname === '/api/cases')
    expect(cases.map((request) => request.headers.get('Authorization'))).toEqual(['Bearer jwt-1', 'Bearer jwt-2'])
  })

  it('when the session cannot be renewed, the stores are cleared and sign-in remembers the page and keeps drafts', async () => {
    // The session ended on the server (revoked): the cookie is refused as well.
    const server = pretendServer({ casesStatus: () => 401, refuseRefresh: true })
    const { router, host, pinia } = startPortal()
    await router.push('/casos?page=2')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    sessionStorage.setItem('pett.draft.new-case', '{"title":"Borrador"}')
    await signIn(host)
    await until(() => expect(host.textContent).toContain('Su sesión terminó.'))
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query).toMatchObject({ redirect: '/casos?page=2', reason: 'expired' })
    expect(useSessionStore(pinia).accessToken).toBeNull()
    expect(sessionStorage.getItem('pett.draft.new-case')).not.toBeNull()
    expect(server.paths().filter((path) => path === 'GET /api/cases')).toHaveLength(1)
  })

  it('a sign-out in another tab signs this tab out too', async () => {
    pretendServer({ cookie: true })
    const [here, there] = memoryTabChannels(2)
    const { router, host, pinia } = startPortal({ tabs: here })
    await router.push('/casos')
    await until(() => expect(host.textContent).toContain('Mis casos'))
    there!.post({ type: 'signed-out', reason: 'signed-out' })
    await until(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(useSessionStore(pinia).isSignedIn).toBe(false)
  })

  it('the page title names the page and the system, nothing else', async () => {
    pretendServer()
    const { router, host } = startPortal()
    await router.push('/casos')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host)
    await until(() => expect(document.title).toBe('Casos · PETT'))
  })
})

describe('safeRedirect', () => {
  it('follows only paths inside the portal', () => {
    expect(safeRedirect('/casos/abc')).toBe('/casos/abc')
    expect(safeRedirect('//evil.example')).toBeNull()
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect('/\\evil.example')).toBeNull()
    expect(safeRedirect('/login?redirect=/x')).toBeNull()
    expect(safeRedirect(undefined)).toBeNull()
  })
})
