import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import DashboardPage from './DashboardPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { fakeServer, getButton, getControl, signInForTest, type FakeRoute } from '../../test-support'
import type { Me } from '../../api/access'
import { CASES_BY_STAGE, NOTHING } from './test-fixtures'

const STATISTICIAN: Me = { id: 12, username: 'estadistica.demo', role: 'statistician', roleName: 'Estadístico(a)', can: { createCase: false, seeAllCases: false } }
const CORE = ['cases-by-stage', 'cases-opened-by-month', 'cases-by-province', 'victims-by-citizenship-exploitation', 'victims-by-sex-age']
const PROVINCES = { key: 'province', items: [{ code: 'azua', labelEs: 'Azua', labelEn: 'Azua' }, { code: 'santiago', labelEs: 'Santiago', labelEn: 'Santiago' }] }

const mounted: VueWrapper[] = []
async function show(routes: Record<string, FakeRoute>, path = '/estadisticas') {
  const server = fakeServer({
    '/api/code-lists': () => ({ body: { data: [PROVINCES] } }),
    '/api/statistics/indicators': () => ({ body: { data: CORE.map((key) => ({ key, group: 'operational', name: key, counts: '', source: '' })) } }),
    '/api/statistics/indicators/': () => ({ body: CASES_BY_STAGE }),
    ...routes,
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia, STATISTICIAN)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/estadisticas', name: 'dashboard', component: DashboardPage }] })
  await router.push(path)
  // jsdom has no canvas, so the charts themselves are left out here (the e2e test draws them in
  // Chromium); everything around them, and the tables, are the real components.
  const wrapper = mount(DashboardPage, { global: { plugins: [pinia, i18n, router], stubs: { BarChart: true, ProvinceMap: true } }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server, router }
}

const indicatorRequests = (server: { requests: Array<{ url: URL }> }) => server.requests.filter((r) => r.url.pathname.startsWith('/api/statistics/indicators/'))

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('Tablero estadístico', () => {
  it('asks for every indicator of the dashboard with the filters of the address', async () => {
    const { wrapper, server } = await show({}, '/estadisticas?year=2010&province=azua')
    expect(wrapper.get('h1').text()).toBe('Tablero estadístico')
    const asked = indicatorRequests(server)
    expect(asked.map((r) => r.url.pathname.split('/').at(-1)).sort()).toEqual([...CORE].sort())
    expect(asked.every((r) => r.url.search === '?year=2010&province=azua')).toBe(true)
    expect(wrapper.get('[data-testid="dashboard-summary"]').text()).toBe('2010 · Azua')
    expect((getControl(wrapper, 'Año de entrada').element as HTMLSelectElement).value).toBe('2010')
  })

  it('applying the filters writes them into the address and asks again', async () => {
    const { wrapper, server, router } = await show({})
    const before = indicatorRequests(server).length
    await getControl(wrapper, 'Año de entrada').setValue('2010')
    await getControl(wrapper, 'Provincia de los hechos').setValue('santiago')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/estadisticas?year=2010&province=santiago')
    const again = indicatorRequests(server).slice(before)
    expect(again).toHaveLength(CORE.length)
    expect(again.every((r) => r.url.search === '?year=2010&province=santiago')).toBe(true)
  })

  it('refuses a mistyped date next to its field and sends nothing', async () => {
    const { wrapper, server, router } = await show({})
    const before = server.requests.length
    await getControl(wrapper, 'Entrada desde (dd/mm/aaaa)').setValue('31/02/2010')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('Escriba una fecha válida en formato dd/mm/aaaa.')
    expect(router.currentRoute.value.fullPath).toBe('/estadisticas')
    expect(server.requests.length).toBe(before)
  })

  it('switches a chart to its table, where withheld figures read <5 and x', async () => {
    const { wrapper } = await show({})
    const panel = wrapper.get('[data-indicator="cases-by-stage"]')
    expect(panel.find('table').exists()).toBe(false)
    const toggle = panel.findAll('button').find((b) => b.text() === 'Ver tabla')!
    expect(toggle.attributes('aria-pressed')).toBe('false')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-pressed')).toBe('true')
    expect(toggle.text()).toBe('Ver gráfico')
    const table = panel.get('table')
    expect(table.get('caption').text()).toBe('Casos por etapa procesal')
    expect(table.findAll('td .figure').map((td) => td.text())).toContain('<5')
    expect(panel.text()).toContain('Dato protegido: hay entre 1 y 4. No es cero.')
  })

  it('says when nothing was counted, and offers "Reintentar" when an indicator fails', async () => {
    let fail = true
    const { wrapper } = await show({
      '/api/statistics/indicators/cases-by-stage': () => (fail ? 'network-down' : { body: NOTHING }),
    })
    const panel = () => wrapper.get('[data-indicator="cases-by-stage"]')
    expect(panel().get('[role="alert"]').text()).toContain('Reintentar')
    fail = false
    await getButton(wrapper.findComponent({ name: 'RetryAlert' }) as unknown as VueWrapper, 'Reintentar').trigger('click')
    await flushPromises()
    expect(panel().text()).toContain('No hay datos para los filtros elegidos.')
  })

  it('draws deadline compliance only when the catalogue has it; otherwise says it is not available', async () => {
    const { wrapper } = await show({})
    expect(wrapper.find('[data-indicator="deadline-compliance"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('No disponible todavía')
    const withDeadlines = await show({
      '/api/statistics/indicators': () => ({ body: { data: [...CORE, 'deadline-compliance'].map((key) => ({ key, group: 'operational', name: key, counts: '', source: '' })) } }),
    })
    expect(withDeadlines.wrapper.find('[data-indicator="deadline-compliance"]').exists()).toBe(true)
  })

  it('says so when the role may not read statistics, without a pointless "Reintentar"', async () => {
    const { wrapper } = await show({
      '/api/statistics/indicators': () => ({ status: 403, body: { data: null, error: { status: 403, name: 'ForbiddenError', message: 'Solo la unidad de estadística y el procurador(a) titular pueden consultar las estadísticas.' } } }),
    })
    expect(wrapper.get('[role="alert"]').text()).toBe('Solo la unidad de estadística y el procurador(a) titular pueden consultar las estadísticas.')
    expect(wrapper.text()).not.toContain('Reintentar')
    expect(wrapper.find('[data-indicator]').exists()).toBe(false)
  })

  it('offers the offence filter only when the offence code list exists', async () => {
    const { wrapper } = await show({})
    expect(wrapper.find('#dash-offence').exists()).toBe(false)
    const withOffences = await show({
      '/api/code-lists': () => ({ body: { data: [PROVINCES, { key: 'offence', items: [{ code: 'trata', labelEs: 'Trata de personas', labelEn: 'Trafficking in persons' }] }] } }),
    })
    expect(withOffences.wrapper.find('#dash-offence').exists()).toBe(true)
  })

  it('downloads the export through the signed-in client, with the dashboard indicators and filters', async () => {
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:report', revokeObjectURL: () => undefined }))
    const clicked: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    const { wrapper, server } = await show({ '/api/statistics/export': () => ({ body: { ok: true } }) }, '/estadisticas?year=2010')
    await wrapper.get('button[data-format="xlsx"]').trigger('click')
    await flushPromises()
    const sent = server.requests.find((r) => r.url.pathname === '/api/statistics/export')!
    expect(sent.headers.get('Authorization')).toBe('Bearer test-token')
    expect(Object.fromEntries(sent.url.searchParams)).toEqual({ format: 'xlsx', indicators: CORE.join(','), year: '2010' })
    expect(clicked).toEqual(['estadisticas-2010.xlsx'])
    expect(wrapper.text()).toContain('Informe XLSX descargado.')
  })
})
