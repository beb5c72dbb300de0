import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { defineComponent, h } from 'vue'
import CaseListPage from './CaseListPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { CODE_LISTS_BODY, fakeServer, signInForTest, type FakeRoute } from '../../test-support'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const Root = defineComponent({ render: () => h(RouterView) })

function casesBody(rows: object[], total = rows.length) {
  return { data: rows, meta: { pagination: { page: 1, pageSize: 25, pageCount: Math.ceil(total / 25), total } } }
}

const ROWS = [
  { documentId: 'doc-a', caseNumber: 'PETT-2025-00042', title: '[DEMO] Captación en Santiago', caseType: 'trata', stage: 'investigation', origin: 'denuncia', intakeDate: '2025-03-14', province: 'santiago', year: 2025, priority: 'high', isDemo: true },
  { documentId: 'doc-b', caseNumber: 'PETT-2025-00041', title: 'Embarcación interceptada', caseType: 'trafico', stage: 'intake', origin: 'de-oficio', intakeDate: '2025-02-01', province: 'la-altagracia', year: 2025, priority: 'medium' },
]

async function showList(path: string, cases: FakeRoute): Promise<{ wrapper: ReturnType<typeof mount>; router: Router; pinia: Pinia; server: ReturnType<typeof fakeServer> }> {
  const server = fakeServer({ '/api/code-lists': () => ({ body: CODE_LISTS_BODY }), '/api/cases': cases })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/casos', name: 'cases', component: CaseListPage },
      { path: '/casos/nuevo', name: 'case-new', component: Stub },
      { path: '/casos/:documentId', name: 'case', component: Stub },
    ],
  })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, pinia, server }
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('Mis casos', () => {
  it('shows one row per case with its number as a link, labels from the code lists and dd/mm/aaaa dates', async () => {
    const { wrapper } = await showList('/casos', () => ({ body: casesBody(ROWS, 2) }))

    expect(wrapper.get('h1').text()).toBe('Mis casos')
    expect(wrapper.text()).toContain('2 casos')
    const rows = wrapper.findAll('tbody tr')
    expect(rows).toHaveLength(2)
    const first = rows[0]!.findAll('td').map((cell) => cell.text())
    expect(first).toEqual(['PETT-2025-00042', '[DEMO] Captación en Santiago DEMO', 'Trata de personas', 'Investigación', 'Santiago', '14/03/2025'])
    expect(rows[0]!.get('a').attributes('href')).toBe('/casos/doc-a')
    expect(rows[1]!.text()).toContain('Tráfico ilícito de migrantes')
    expect(wrapper.text()).toContain('Página 1 de 1')
    expect(wrapper.find('a[href="/casos/nuevo"]').text()).toBe('Nuevo caso')
  })

  it('offers only active code-list items in the filters, in their configured order', async () => {
    const { wrapper } = await showList('/casos', () => ({ body: casesBody(ROWS) }))
    const stageOptions = wrapper.get('#filter-stage').findAll('option').map((option) => option.text())
    expect(stageOptions).toEqual(['Todas', 'Denuncia', 'Investigación'])
  })

  it('with no case at all, says so and what to do next', async () => {
    const { wrapper } = await showList('/casos', () => ({ body: casesBody([], 0) }))
    expect(wrapper.find('table').exists()).toBe(false)
    expect(wrapper.text()).toContain('0 casos')
    expect(wrapper.text()).toContain('Todavía no tiene casos asignados.')
    expect(wrapper.text()).toContain('Puede registrar uno con el botón «Nuevo caso».')
  })

  it('when filters leave nothing, says the filters are why and removes them on request', async () => {
    const { wrapper, router } = await showList('/casos?stage=investigation&q=PETT-1999', () => ({ body: casesBody([], 0) }))
    expect(wrapper.text()).toContain('Ningún caso coincide con la búsqueda o los filtros.')
    const chips = wrapper.findAll('.chip').map((chip) => chip.text())
    expect(chips).toEqual(['Quitar filtro Búsqueda: PETT-1999 ×', 'Quitar filtro Etapa: Investigación ×'])

    await wrapper.get('.empty button').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
  })

  it('sends paging, sort and filters to the server and marks the sorted column', async () => {
    const { wrapper, router, server } = await showList('/casos?province=santiago', () => ({ body: casesBody(ROWS, 60) }))
    const titleButton = wrapper.findAll('th button').find((button) => button.text().startsWith('Título'))!
    await titleButton.trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.query).toEqual({ province: 'santiago', sort: 'title:asc' })
    const last = server.requests.filter((request) => request.url.pathname === '/api/cases').at(-1)!
    expect(last.url.searchParams.get('sort[0]')).toBe('title:asc')
    expect(last.url.searchParams.get('filters[province][$eq]')).toBe('santiago')
    expect(last.url.searchParams.get('pagination[pageSize]')).toBe('25')
    expect(last.headers.get('Authorization')).toBe('Bearer test-token')
    expect(last.headers.get('Accept-Language')).toBe('es-DO')
    const titleHeader = wrapper.findAll('th').find((th) => th.text().startsWith('Título'))!
    expect(titleHeader.attributes('aria-sort')).toBe('ascending')
    expect(wrapper.text()).toContain('Página 1 de 3')
  })

  it('when the server cannot be reached, explains it and "Reintentar" loads the list', async () => {
    let down = true
    const { wrapper } = await showList('/casos', () => (down ? 'network-down' : { body: casesBody(ROWS) }))
    expect(wrapper.text()).toContain('No se pudo conectar con el servidor.')

    down = false
    const retry = wrapper.findAll('button').find((button) => button.text() === 'Reintentar')!
    await retry.trigger('click')
    await flushPromises()
    expect(wrapper.findAll('tbody tr')).toHaveLength(2)
  })

  it('hides "Nuevo caso" from a role that may not create cases', async () => {
    const server = fakeServer({ '/api/code-lists': () => ({ body: CODE_LISTS_BODY }), '/api/cases': () => ({ body: casesBody([], 0) }) })
    vi.stubGlobal('fetch', server.fetch)
    const pinia = createPinia()
    signInForTest(pinia, { id: 9, username: 'analista.demo', role: 'analyst', roleName: 'Analista', can: { createCase: false, seeAllCases: false } })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/casos', name: 'cases', component: CaseListPage }, { path: '/casos/nuevo', name: 'case-new', component: Stub }, { path: '/casos/:documentId', name: 'case', component: Stub }] })
    await router.push('/casos')
    const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] } })
    await flushPromises()
    expect(wrapper.find('a[href="/casos/nuevo"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Cuando le incluyan en el equipo de un caso, aparecerá aquí.')
    expect(i18n.global.locale.value).toBe('es')
  })
})
