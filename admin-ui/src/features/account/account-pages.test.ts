import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { defineComponent, h, type Component } from 'vue'
import PasswordPage from './PasswordPage.vue'
import SessionsPage from './SessionsPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { useSessionStore } from '../../stores/session'
import { resettablePlugin } from '../../stores/reset'
import { fakeServer, signInForTest, type FakeRoute } from '../../test-support'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const Root = defineComponent({ render: () => h(RouterView) })

async function show(component: Component, path: string, routes: Record<string, FakeRoute>) {
  const server = fakeServer(routes)
  vi.stubGlobal('fetch', server.fetch)
  const pinia: Pinia = createPinia()
  pinia.use(resettablePlugin)
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: Stub, meta: { public: true } },
      { path: '/casos', name: 'cases', component: Stub },
      { path: path, component },
    ],
  })
  await router.push(path)
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  signInForTest(pinia)
  await flushPromises()
  return { wrapper, router, server, session: useSessionStore(pinia) }
}

function byLabel(wrapper: VueWrapper, text: string) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text)
  if (!label) throw new Error(`no label «${text}»`)
  return wrapper.get(`#${label.attributes('for')}`)
}

function errorOf(wrapper: VueWrapper, label: string): string {
  const input = byLabel(wrapper, label)
  const error = wrapper.find(`#${input.attributes('id')}-error`)
  return error.exists() ? error.text() : ''
}

const NEW = 'cafe-con-leche-en-bani'

beforeEach(() => {
  setLanguage('es')
  sessionStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('Cambiar contraseña', () => {
  it('labels its three fields and checks length and match before sending anything', async () => {
    const { wrapper, server } = await show(PasswordPage, '/cuenta/contrasena', { '/api/access/password': () => ({ status: 204 }) })
    expect(wrapper.get('h1').text()).toBe('Cambiar contraseña')
    await byLabel(wrapper, 'Contraseña actual').setValue('la-de-antes-123')
    await byLabel(wrapper, 'Nueva contraseña').setValue('corta')
    await byLabel(wrapper, 'Repita la nueva contraseña').setValue('otra-cosa')
    await wrapper.findAll('button').find((button) => button.text() === 'Cambiar contraseña')!.trigger('click')
    await flushPromises()

    expect(errorOf(wrapper, 'Nueva contraseña')).toBe('Escriba al menos 12 caracteres.')
    expect(errorOf(wrapper, 'Repita la nueva contraseña')).toBe('Las contraseñas no coinciden. Escriba la misma nueva contraseña dos veces.')
    expect(byLabel(wrapper, 'Nueva contraseña').attributes('aria-invalid')).toBe('true')
    expect(byLabel(wrapper, 'Nueva contraseña').attributes('aria-describedby')).toContain('password-new-error')
    expect(document.activeElement).toBe(byLabel(wrapper, 'Nueva contraseña').element)
    expect(server.requests).toHaveLength(0)
  })

  it('places the server’s field errors next to their fields', async () => {
    const { wrapper } = await show(PasswordPage, '/cuenta/contrasena', {
      '/api/access/password': () => ({
        status: 400,
        body: {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message: 'Revise los datos.',
            details: { errors: [{ path: ['newPassword'], message: 'La contraseña es demasiado común.' }] },
          },
        },
      }),
    })
    await byLabel(wrapper, 'Contraseña actual').setValue('la-de-antes-123')
    await byLabel(wrapper, 'Nueva contraseña').setValue(NEW)
    await byLabel(wrapper, 'Repita la nueva contraseña').setValue(NEW)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(errorOf(wrapper, 'Nueva contraseña')).toBe('La contraseña es demasiado común.')
    expect(document.activeElement).toBe(byLabel(wrapper, 'Nueva contraseña').element)
  })

  it('a refusal without fields (wrong current password) is shown at the top of the form', async () => {
    const { wrapper } = await show(PasswordPage, '/cuenta/contrasena', {
      '/api/access/password': () => ({ status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: 'La contraseña actual no es correcta.' } } }),
    })
    await byLabel(wrapper, 'Contraseña actual').setValue('equivocada-123')
    await byLabel(wrapper, 'Nueva contraseña').setValue(NEW)
    await byLabel(wrapper, 'Repita la nueva contraseña').setValue(NEW)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('form [role="alert"]').text()).toBe('La contraseña actual no es correcta.')
  })

  it('on 204 every session has ended: stores cleared, sign-in with the new-password message', async () => {
    const { wrapper, router, server, session } = await show(PasswordPage, '/cuenta/contrasena', { '/api/access/password': () => ({ status: 204 }) })
    await byLabel(wrapper, 'Contraseña actual').setValue('la-de-antes-123')
    await byLabel(wrapper, 'Nueva contraseña').setValue(NEW)
    await byLabel(wrapper, 'Repita la nueva contraseña').setValue(NEW)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const sent = server.requests[0]!
    expect(sent.method).toBe('POST')
    expect(sent.body).toEqual({ currentPassword: 'la-de-antes-123', newPassword: NEW })
    expect(sent.headers.get('Authorization')).toBe('Bearer test-token')
    expect(session.accessToken).toBeNull()
    expect(session.me).toBeNull()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query).toEqual({ reason: 'password-changed' })
  })
})

describe('Mis sesiones', () => {
  const SESSIONS = {
    data: [
      { id: 's-old', createdAt: '2026-03-10T12:00:00Z', lastActivityAt: '2026-03-10T13:15:00Z', current: false, userAgent: 'Firefox en Windows' },
      { id: 's-here', createdAt: '2026-03-14T12:00:00Z', lastActivityAt: '2026-03-14T12:40:00Z', current: true },
    ],
  }

  it('lists the open sessions with start, last activity and which one is this', async () => {
    const { wrapper } = await show(SessionsPage, '/cuenta/sesiones', { '/api/access/sessions': () => ({ body: SESSIONS }) })
    expect(wrapper.get('h1').text()).toBe('Mis sesiones')
    const rows = wrapper.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(rows).toEqual([
      ['14/03/2026 08:00', '14/03/2026 08:40', 'No consta', 'Esta sesión', 'Cerrar esta sesión'],
      ['10/03/2026 08:00', '10/03/2026 09:15', 'Firefox en Windows', 'Otra sesión', 'Cerrar esta sesión'],
    ])
  })

  it('"Cerrar esta sesión" ends another session and takes it off the list', async () => {
    const { wrapper, server, session } = await show(SessionsPage, '/cuenta/sesiones', {
      '/api/access/sessions': (request) => (request.method === 'DELETE' ? { status: 204 } : { body: SESSIONS }),
    })
    await wrapper.findAll('tbody tr')[1]!.get('button').trigger('click')
    await flushPromises()
    const deleted = server.requests.find((request) => request.method === 'DELETE')!
    expect(deleted.url.pathname).toBe('/api/access/sessions/s-old')
    expect(wrapper.findAll('tbody tr')).toHaveLength(1)
    expect(session.isSignedIn).toBe(true)
  })

  it('ending this very session signs out here as well', async () => {
    const { wrapper, router, session } = await show(SessionsPage, '/cuenta/sesiones', {
      '/api/access/sessions': (request) => (request.method === 'DELETE' ? { status: 204 } : { body: SESSIONS }),
    })
    await wrapper.findAll('tbody tr')[0]!.get('button').trigger('click')
    await flushPromises()
    expect(session.isSignedIn).toBe(false)
    expect(router.currentRoute.value.query).toEqual({ reason: 'signed-out' })
  })

  it('a list that did not load offers "Reintentar"', async () => {
    let fail = true
    const { wrapper } = await show(SessionsPage, '/cuenta/sesiones', { '/api/access/sessions': () => (fail ? 'network-down' : { body: SESSIONS }) })
    expect(wrapper.text()).toContain('No se pudo conectar con el servidor.')
    fail = false
    await wrapper.findAll('button').find((button) => button.text() === 'Reintentar')!.trigger('click')
    await flushPromises()
    expect(wrapper.findAll('tbody tr')).toHaveLength(2)
  })
})
