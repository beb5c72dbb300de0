import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import CaseActivitySection from './CaseActivitySection.vue'
import { i18n, setLanguage } from '../../i18n'
import { fakeServer, signInForTest, type FakeRoute } from '../../test-support'

const Stub = defineComponent({ render: () => h('p', 'stub') })

function activityBody(page: number, pageCount: number, total: number) {
  return {
    data: [
      { seq: 12 - page, at: '2026-03-14T15:30:00.000Z', actor: { kind: 'portal', username: 'fiscal.demo1', role: 'prosecutor' }, action: 'case.update', target: { type: 'case', id: 'doc-a', code: null }, fields: ['priority', 'title'], outcome: 'success' },
      { seq: 10 - page, at: '2026-03-14T15:00:00.000Z', actor: { kind: 'portal', username: 'titular.demo', role: 'chief-prosecutor' }, action: 'identity.reveal', target: { type: 'person', id: 'x1', code: 'V-7KQ2M' }, fields: [], outcome: 'success' },
      { seq: 9 - page, at: '2026-03-14T14:00:00.000Z', actor: { kind: 'system', username: null, role: null }, action: 'case.new-kind', target: { type: 'case', id: 'doc-a', code: null }, fields: [], outcome: 'success' },
    ],
    meta: { pagination: { page, pageSize: 20, pageCount, total } },
  }
}

const mounted: VueWrapper[] = []
async function show(answer: FakeRoute) {
  const server = fakeServer({ '/api/audit/cases/': answer })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: Stub }, { path: '/personas/:code', name: 'person', component: Stub }] })
  await router.push('/')
  const wrapper = mount(CaseActivitySection, { props: { caseId: 'doc-a' }, global: { plugins: [pinia, i18n, router] } })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server }
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
})

describe('Actividad of a case', () => {
  it('lists who did what, when, on which record and which fields, in words, with the person by code', async () => {
    const { wrapper } = await show(() => ({ body: activityBody(1, 1, 3) }))
    expect(wrapper.get('h2').text()).toBe('Actividad')
    expect(wrapper.get('[role="status"]').text()).toBe('3 entradas')
    const headers = wrapper.findAll('th').map((th) => th.text())
    expect(headers).toEqual(['Fecha y hora', 'Usuario', 'Acción', 'Registro', 'Campos cambiados', 'Resultado'])
    const rows = wrapper.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(rows[0]).toEqual(['14/03/2026 11:30', 'fiscal.demo1 (Fiscal)', 'Cambió el caso', 'Caso', 'priority, title', 'Correcto'])
    expect(rows[1]!.slice(1, 4)).toEqual(['titular.demo (Procurador(a) adjunto(a) / Titular)', 'Vio la identidad', 'Persona V-7KQ2M'])
    expect(wrapper.findAll('tbody tr')[1]!.get('a').attributes('href')).toBe('/personas/V-7KQ2M')
    // An action without a label yet is shown by its code, never hidden.
    expect(rows[2]!.slice(1, 3)).toEqual(['El sistema', 'case.new-kind'])
  })

  it('pages through the activity on the server', async () => {
    const { wrapper, server } = await show((request) => ({ body: activityBody(Number(request.url.searchParams.get('page')), 2, 6) }))
    expect(wrapper.text()).toContain('Página 1 de 2')
    await wrapper.findAll('button').find((button) => button.text().startsWith('Siguiente'))!.trigger('click')
    await flushPromises()
    expect(server.requests.at(-1)!.url.searchParams.get('page')).toBe('2')
    expect(wrapper.text()).toContain('Página 2 de 2')
  })

  it('is absent, not disabled, for whom the server refuses it or when the case is out of reach', async () => {
    for (const status of [403, 404]) {
      const { wrapper } = await show(() => ({ status, body: { data: null, error: { status, message: 'x' } } }))
      expect(wrapper.find('section').exists()).toBe(false)
      expect(wrapper.text()).toBe('')
    }
  })

  it('offers to retry when the server cannot be reached', async () => {
    const { wrapper } = await show(() => 'network-down')
    expect(wrapper.get('[role="alert"]').text()).toContain('No se pudo conectar')
  })

  it('speaks English when asked', async () => {
    setLanguage('en')
    const { wrapper } = await show(() => ({ body: activityBody(1, 1, 3) }))
    expect(wrapper.get('h2').text()).toBe('Activity')
    expect(wrapper.findAll('tbody tr')[0]!.findAll('td').map((c) => c.text()).slice(1, 3)).toEqual(['fiscal.demo1 (Prosecutor)', 'Changed the case'])
  })
})
