import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h } from 'vue'
import DeadlineCalendar from './DeadlineCalendar.vue'
import { i18n, setLanguage } from '../../i18n'
import { useAnnouncerStore } from '../../stores/announcer'
import { fakeServer, signInForTest, type FakeRequest } from '../../test-support'
import { myDeadline, paged } from './test-fixtures'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const mounted: VueWrapper[] = []

const MARCH = [
  myDeadline(1, '2026-03-02', { name: 'Revisión del archivo provisional', alert: 'overdue' }),
  // 02:00 UTC on the 20th is still the 19th in Santo Domingo (UTC−4).
  myDeadline(2, '2026-03-20T02:00:00.000Z', { name: 'Solicitud de medida de coerción', alert: 'due-soon', needsLegalConfirmation: true }),
  myDeadline(3, '2026-03-19', { name: 'Acuse de la remisión' }),
]

async function showCalendar(answer: (request: FakeRequest) => { status?: number; body?: unknown }) {
  const server = fakeServer({ '/api/me/deadlines': answer })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: Stub }, { path: '/casos/:documentId', name: 'case', component: Stub }] })
  await router.push('/')
  const wrapper = mount(DeadlineCalendar, { props: { today: '2026-03-14' }, global: { plugins: [pinia, i18n, router] } })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server, announcer: useAnnouncerStore(pinia) }
}

/** A button by its words, without the arrow drawn beside them. */
const getButton = (wrapper: VueWrapper, name: string) => wrapper.findAll('button').find((button) => button.text().replace(/[‹›]/g, '').trim() === name)!
const cell = (wrapper: VueWrapper, iso: string) => wrapper.get(`td[data-day="${iso}"]`)

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
})

describe('the month calendar of Mis plazos', () => {
  it('shows the weeks of the month from Monday, marks today, and asks for the deadlines of the days shown', async () => {
    const { wrapper, server } = await showCalendar(() => ({ body: paged(MARCH) }))
    const query = server.requests[0]!.url.searchParams
    expect([query.get('from'), query.get('to')]).toEqual(['2026-02-23', '2026-04-05'])
    expect(wrapper.get('caption').text()).toContain('Marzo de 2026')
    expect(wrapper.findAll('thead th')).toHaveLength(7)
    expect(wrapper.get('thead th abbr').attributes('title')).toBe('lunes')
    expect(wrapper.findAll('tbody tr')).toHaveLength(6)
    expect(wrapper.findAll('tbody td')).toHaveLength(42)
    expect(cell(wrapper, '2026-02-23').classes()).toContain('outside')
    expect(cell(wrapper, '2026-03-14').attributes('aria-current')).toBe('date')
    expect(cell(wrapper, '2026-03-14').text()).toContain('14/03/2026 (hoy)')
  })

  it('puts each deadline on its day in office time, as a link to its case with an accessible name', async () => {
    const { wrapper } = await showCalendar(() => ({ body: paged(MARCH) }))
    expect(cell(wrapper, '2026-03-02').text()).toContain('PETT-2026-00001')
    expect(cell(wrapper, '2026-03-02').text()).toContain('Vencido')
    const nineteenth = cell(wrapper, '2026-03-19')
    expect(nineteenth.findAll('li')).toHaveLength(2)
    expect(nineteenth.text()).toContain('Solicitud de medida de coerción')
    expect(nineteenth.text()).toContain('Por confirmar')
    expect(cell(wrapper, '2026-03-20').findAll('li')).toHaveLength(0)
    const link = nineteenth.get('a')
    expect(link.attributes('href')).toBe('/casos/case-2')
    expect(link.text()).toContain('PETT-2026-00002')
    expect(link.text()).toContain('vence 19/03/2026 22:00')
    expect(wrapper.get('caption').text()).toContain('3 plazos')
  })

  it('moves to the next and previous months, asks for their days, and says how many deadlines each has', async () => {
    const { wrapper, server, announcer } = await showCalendar((request) => ({ body: paged(request.url.searchParams.get('from') === '2026-02-23' ? MARCH : []) }))
    await getButton(wrapper, 'Mes siguiente').trigger('click')
    await flushPromises()
    expect(wrapper.get('caption').text()).toContain('Abril de 2026')
    expect(server.requests.at(-1)!.url.searchParams.get('from')).toBe('2026-03-30')
    expect(server.requests.at(-1)!.url.searchParams.get('to')).toBe('2026-05-03')
    expect(announcer.message).toBe('Abril de 2026: 0 plazos')
    await getButton(wrapper, 'Mes anterior').trigger('click')
    await getButton(wrapper, 'Mes anterior').trigger('click')
    await flushPromises()
    expect(wrapper.get('caption').text()).toContain('Febrero de 2026')
    await getButton(wrapper, 'Mes actual').trigger('click')
    await flushPromises()
    expect(wrapper.get('caption').text()).toContain('Marzo de 2026')
    expect(announcer.message).toBe('Marzo de 2026: 3 plazos')
    expect(getButton(wrapper, 'Mes actual').attributes('disabled')).toBeDefined()
  })

  it('reads a busy month page after page, so no deadline is left out', async () => {
    const { wrapper, server } = await showCalendar((request) => {
      const page = Number(request.url.searchParams.get('page'))
      return { body: paged(page === 1 ? MARCH.slice(0, 2) : MARCH.slice(2), page, 2, 3) }
    })
    expect(server.requests.map((request) => request.url.searchParams.get('page'))).toEqual(['1', '2'])
    expect(cell(wrapper, '2026-03-19').findAll('li')).toHaveLength(2)
  })

  it('offers to retry when the server cannot be reached', async () => {
    const { wrapper } = await showCalendar(() => 'network-down' as never)
    expect(wrapper.get('[role="alert"]').text()).toContain('No se pudo conectar')
  })
})
