import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { defineComponent, h } from 'vue'
import AppShell from './AppShell.vue'
import { i18n, setLanguage } from '../i18n'
import { IDLE_TIMINGS_KEY } from '../composables/use-idle-timeout'
import { useSessionStore } from '../stores/session'
import { resettablePlugin } from '../stores/reset'
import { FAKE_CLOCK, CODE_LISTS_BODY, PROSECUTOR, fakeServer, grantFor, signInForTest, type FakeRoute } from '../test-support'

// The portal's 28 and 30 minutes, as 28 and 30 seconds.
const SHORT = { warnAfterMs: 28_000, signOutAfterMs: 30_000, tickMs: 250 }

const page = (text: string) => defineComponent({ render: () => h('p', text) })
const Root = defineComponent({ render: () => h(RouterView) })

async function showShell(routes: Record<string, FakeRoute> = {}) {
  const server = fakeServer({
    '/api/code-lists': () => ({ body: CODE_LISTS_BODY }),
    '/api/access/refresh': () => ({ body: grantFor('renewed') }),
    '/api/access/logout': () => ({ status: 204 }),
    '/api/access/me': () => ({ body: { data: { ...PROSECUTOR, session: { idleExpiresAt: null, absoluteExpiresAt: '2026-03-14T22:30:00Z' } } } }),
    ...routes,
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia: Pinia = createPinia()
  pinia.use(resettablePlugin)
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: page('sign-in page'), meta: { public: true } },
      {
        path: '/',
        component: AppShell,
        children: [
          { path: '', name: 'home', redirect: { name: 'cases' } },
          { path: 'casos', name: 'cases', component: page('cases page') },
          { path: 'plazos', name: 'deadlines', component: page('deadlines page') },
          { path: 'derivaciones', name: 'referrals', component: page('referrals page') },
          { path: 'personas/buscar', name: 'person-search', component: page('person search page') },
          { path: 'auditoria', name: 'audit', component: page('audit page') },
          { path: 'cuenta/sesiones', name: 'account-sessions', component: page('sessions page') },
          { path: 'cuenta/contrasena', name: 'account-password', component: page('password page') },
        ],
      },
    ],
  })
  await router.push('/casos?page=2')
  const wrapper = mount(Root, {
    global: { plugins: [pinia, i18n, router], provide: { [IDLE_TIMINGS_KEY as symbol]: SHORT } },
    attachTo: document.body,
  })
  signInForTest(pinia)
  await flushPromises()
  return { wrapper, router, server, session: useSessionStore(pinia), paths: () => server.requests.map((r) => `${r.method} ${r.url.pathname}`) }
}

function buttonNamed(wrapper: VueWrapper, text: string) {
  return wrapper.findAll('button').filter((candidate) => candidate.text() === text)
}

beforeEach(() => {
  setLanguage('es')
  sessionStorage.clear()
  vi.useFakeTimers(FAKE_CLOCK)
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('idle warning', () => {
  it('after 28 idle minutes, a modal alert dialog with the time left; "Seguir trabajando" renews the session', async () => {
    const { wrapper, paths } = await showShell()
    const menuButton = wrapper.get('button[aria-haspopup="menu"]').element as HTMLButtonElement
    menuButton.focus()
    await vi.advanceTimersByTimeAsync(27_500)
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)

    await vi.advanceTimersByTimeAsync(1_000)
    const dialog = wrapper.get('[role="alertdialog"]')
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(dialog.get(`#${dialog.attributes('aria-labelledby')}`).text()).toBe('Su sesión está por vencer')
    expect(dialog.text()).toContain('la sesión se cerrará en 0:02')
    expect(wrapper.get('.shell').attributes('inert')).toBeDefined()
    const keep = buttonNamed(wrapper, 'Seguir trabajando')[0]!
    expect(document.activeElement).toBe(keep.element)

    await keep.trigger('click')
    await flushPromises()
    expect(paths()).toContain('POST /api/access/refresh')
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)
    expect(wrapper.get('.shell').attributes('inert')).toBeUndefined()
    expect(document.activeElement).toBe(menuButton)

    await vi.advanceTimersByTimeAsync(20_000)
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)
  })

  it('at 30 minutes the session ends, on the server too, and sign-in says why and remembers the page', async () => {
    const { router, paths, session } = await showShell()
    sessionStorage.setItem('pett.draft.new-case', '{"title":"Borrador"}')
    await vi.advanceTimersByTimeAsync(30_500)
    await flushPromises()
    expect(paths()).toContain('POST /api/access/logout')
    expect(session.isSignedIn).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query).toEqual({ redirect: '/casos?page=2', reason: 'idle' })
    expect(sessionStorage.getItem('pett.draft.new-case')).not.toBeNull()
  })

  it('"Cerrar sesión" in the dialog signs out as the header button does', async () => {
    const { wrapper, router, paths } = await showShell()
    await vi.advanceTimersByTimeAsync(28_500)
    const buttons = wrapper.get('[role="alertdialog"]').findAll('button')
    await buttons.find((candidate) => candidate.text() === 'Cerrar sesión')!.trigger('click')
    await flushPromises()
    expect(paths()).toContain('POST /api/access/logout')
    expect(router.currentRoute.value.query).toEqual({ reason: 'signed-out' })
  })

  it('when the renewal gets no answer, the dialog stays and says so', async () => {
    const { wrapper } = await showShell({ '/api/access/refresh': () => 'network-down' })
    await vi.advanceTimersByTimeAsync(28_500)
    await buttonNamed(wrapper, 'Seguir trabajando')[0]!.trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alertdialog"]').text()).toContain('No se pudo conectar con el servidor.')
  })

  it('keyboard activity keeps the session alive, and tells the session store', async () => {
    const { wrapper, session } = await showShell()
    const noted = vi.spyOn(session, 'noteActivity')
    for (let minute = 0; minute < 4; minute += 1) {
      await vi.advanceTimersByTimeAsync(20_000)
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }))
    }
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false)
    expect(noted).toHaveBeenCalled()
  })
})

describe('user menu', () => {
  it('a menu button with the username opens "Mis sesiones", "Cambiar contraseña" and "Cerrar sesión"', async () => {
    const { wrapper, router } = await showShell()
    // The header keeps its own "Cerrar sesión" button.
    expect(buttonNamed(wrapper, 'Cerrar sesión')).toHaveLength(1)

    const trigger = wrapper.get('button[aria-haspopup="menu"]')
    expect(trigger.text()).toContain(PROSECUTOR.username)
    expect(trigger.attributes('aria-expanded')).toBe('false')
    await trigger.trigger('click')
    await flushPromises()

    expect(trigger.attributes('aria-expanded')).toBe('true')
    const items = wrapper.findAll('[role="menuitem"]')
    expect(items.map((item) => item.text())).toEqual(['Mis sesiones', 'Cambiar contraseña', 'Cerrar sesión'])
    expect(document.activeElement).toBe(items[0]!.element)
    expect(wrapper.text()).toContain('La sesión termina a más tardar a las 18:30.')

    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(items[1]!.element)
    await wrapper.get('[role="menu"]').trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('[role="menu"]').exists()).toBe(false)
    expect(document.activeElement).toBe(trigger.element)

    await trigger.trigger('click')
    await flushPromises()
    await wrapper.findAll('[role="menuitem"]')[0]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/cuenta/sesiones')
    expect(wrapper.find('[role="menu"]').exists()).toBe(false)
  })

  it('"Cerrar sesión" in the menu signs out', async () => {
    const { wrapper, router, paths } = await showShell()
    await wrapper.get('button[aria-haspopup="menu"]').trigger('keydown', { key: 'ArrowUp' })
    await flushPromises()
    const last = wrapper.findAll('[role="menuitem"]')[2]!
    expect(document.activeElement).toBe(last.element)
    await last.trigger('click')
    await flushPromises()
    expect(paths()).toContain('POST /api/access/logout')
    expect(router.currentRoute.value.name).toBe('login')
  })
})

describe('left rail', () => {
  it('offers "Buscar persona" to the roles that may search people, and not to the others', async () => {
    const { wrapper, session } = await showShell()
    const railLinks = () => wrapper.findAll('nav a').map((link) => link.text())
    expect(railLinks()).toEqual(['Inicio', 'Casos', 'Plazos', 'Derivaciones', 'Buscar persona'])
    expect(wrapper.findAll('nav a')[4]!.attributes('href')).toBe('/personas/buscar')
    session.me = { ...session.me!, role: 'analyst', roleName: 'Analista' }
    await flushPromises()
    expect(railLinks()).toEqual(['Inicio', 'Casos', 'Plazos'])
  })

  it('offers "Derivaciones" to agency liaisons and to the roles that refer, and not to the others', async () => {
    const { wrapper, session } = await showShell()
    const railLinks = () => wrapper.findAll('nav a').map((link) => link.text())
    session.me = { ...session.me!, role: 'agency-liaison', roleName: 'Enlace institucional' }
    await flushPromises()
    expect(railLinks()).toContain('Derivaciones')
    expect(railLinks()).not.toContain('Casos')
    expect(wrapper.findAll('nav a').find((a) => a.text() === 'Derivaciones')!.attributes('href')).toBe('/derivaciones')
    session.me = { ...session.me!, role: 'investigator', roleName: 'Investigador(a)' }
    await flushPromises()
    expect(railLinks()).not.toContain('Derivaciones')
  })

  it('offers "Auditoría" where the server says the user reads the audit trail, and only there', async () => {
    const { wrapper, session } = await showShell()
    const railLinks = () => wrapper.findAll('nav a').map((link) => link.text())
    expect(railLinks()).not.toContain('Auditoría')
    session.me = { ...session.me!, role: 'auditor', roleName: 'Auditor(a)', can: { readAuditTrail: true } }
    await flushPromises()
    // Auditors see no case: no "Casos" for them.
    expect(railLinks()).toEqual(['Inicio', 'Auditoría'])
    expect(wrapper.findAll('nav a')[1]!.attributes('href')).toBe('/auditoria')
  })
})
