import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory } from 'vue-router'
import { createPortal } from './portal'
import { safeRedirect } from './router'
import { useSessionStore } from './stores/session'
import { useCodeListsStore } from './stores/code-lists'
import { setLanguage } from './i18n'
import { CODE_LISTS_BODY, PROSECUTOR, fakeServer } from './test-support'

function startPortal(casesStatus = 200) {
  const server = fakeServer({
    '/api/auth/local': (request) =>
      (request.body as { password?: string }).password === 'correcta'
        ? { body: { jwt: 'jwt-123', user: { id: 3, username: 'fiscal.demo1' } } }
        : { status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: 'Usuario o contraseña no válidos.' } } },
    '/api/access/me': () => ({ body: { data: PROSECUTOR } }),
    '/api/code-lists': () => ({ body: CODE_LISTS_BODY }),
    '/api/cases': () =>
      casesStatus === 200
        ? { body: { data: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } } } }
        : { status: casesStatus, body: { data: null, error: { status: casesStatus, message: 'Sesión vencida' } } },
  })
  vi.stubGlobal('fetch', server.fetch)
  const host = document.createElement('div')
  document.body.appendChild(host)
  const portal = createPortal(createMemoryHistory())
  portal.app.mount(host)
  return { ...portal, server, host }
}

async function signIn(host: HTMLElement, password = 'correcta') {
  const identifier = host.querySelector<HTMLInputElement>('#login-identifier')!
  const secret = host.querySelector<HTMLInputElement>('#login-password')!
  identifier.value = 'fiscal.demo1'
  identifier.dispatchEvent(new Event('input'))
  secret.value = password
  secret.dispatchEvent(new Event('input'))
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
  it('a visitor without a session is sent to sign in, and comes back to the page asked for', async () => {
    const { router, host } = startPortal()
    await router.push('/casos?stage=investigation')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/casos?stage=investigation')

    await signIn(host)
    await until(() => expect(host.textContent).toContain('fiscal.demo1'))
    expect(router.currentRoute.value.fullPath).toBe('/casos?stage=investigation')
    expect(host.textContent).toContain('Fiscal')
  })

  it('a refused sign-in shows the server message in the live region', async () => {
    const { router, host } = startPortal()
    await router.push('/login')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host, 'mala')
    await until(() => expect(host.querySelector('[role="alert"]')!.textContent).toContain('Usuario o contraseña no válidos.'))
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('the token is kept in memory only, never in Web Storage or cookies', async () => {
    const { router, host } = startPortal()
    await router.push('/casos')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host)
    await until(() => expect(host.textContent).toContain('Mis casos'))
    const stored = [...Object.values({ ...localStorage }), ...Object.values({ ...sessionStorage }), document.cookie].join(' ')
    expect(stored).not.toContain('jwt-123')
  })

  it('signing out clears every store and returns to sign-in', async () => {
    const { router, host, pinia } = startPortal()
    await router.push('/casos')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host)
    await until(() => expect(useCodeListsStore(pinia).status).toBe('ready'))

    const signOut = [...host.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Cerrar sesión')!
    signOut.click()
    await until(() => expect(router.currentRoute.value.name).toBe('login'))

    expect(useSessionStore(pinia).jwt).toBeNull()
    expect(useSessionStore(pinia).me).toBeNull()
    expect(useCodeListsStore(pinia).status).toBe('idle')
    expect(useCodeListsStore(pinia).lists).toEqual({})
  })

  it('a 401 from the API clears the stores and goes to sign-in, remembering the page', async () => {
    const { router, host, pinia } = startPortal(401)
    await router.push('/casos?page=2')
    await until(() => expect(host.querySelector('#login-identifier')).not.toBeNull())
    await signIn(host)
    await until(() => expect(host.textContent).toContain('Su sesión terminó.'))
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query).toMatchObject({ redirect: '/casos?page=2', reason: 'expired' })
    expect(useSessionStore(pinia).jwt).toBeNull()
  })

  it('the page title names the page and the system, nothing else', async () => {
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
