import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ReportsPage from './ReportsPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { fakeServer, signInForTest, type FakeRoute } from '../../test-support'
import type { Me } from '../../api/access'

const STATISTICIAN: Me = { id: 12, username: 'estadistica.demo', role: 'statistician', roleName: 'Estadístico(a)', can: { createCase: false, seeAllCases: false, readAuditTrail: false } }
const SCHEDULE = { documentId: 'sched-1', name: 'Casos CITIM (trimestral)', description: null, cron: '0 7 5 1,4,7,10 *', indicators: ['cases-by-stage', 'cases-by-province'], parameters: { period: 'previous-quarter', profile: 'standard' }, formats: ['csv', 'pdf'], downloadRoles: ['statistician'], retentionDays: 730, enabled: true }
const SNAPSHOT = {
  documentId: 'snapabcdefgh1234', scheduleName: 'Casos CITIM (trimestral)', ranAt: '2026-10-05T11:00:00.000Z', period: { from: '2026-07-01', to: '2026-09-30', label: 'Trimestre 3 de 2026' }, indicators: [], dataHash: 'a'.repeat(64),
  status: 'ready', error: null, expiresAt: '2028-10-04T11:00:00.000Z', ranBy: 'schedule', files: [{ format: 'pdf', size: 2048, sha256: 'b'.repeat(64), url: '/api/statistics/report-snapshots/snapabcdefgh1234/files/pdf' }],
}
const snapshots = (data: unknown[]) => ({ data, meta: { pagination: { page: 1, pageSize: 10, pageCount: 1, total: data.length } } })

const mounted: VueWrapper[] = []
async function show(routes: Record<string, FakeRoute>) {
  const server = fakeServer(routes)
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia, STATISTICIAN)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/informes', name: 'reports', component: ReportsPage }] })
  await router.push('/informes')
  const wrapper = mount(ReportsPage, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server }
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('Informes', () => {
  it('lists the schedules and the generated reports; "Ejecutar ahora" runs one and the list is read again', async () => {
    let ran = false
    const { wrapper, server } = await show({
      '/api/statistics/report-schedules/sched-1/run': () => ((ran = true), { status: 201, body: { data: { ...SNAPSHOT, ranBy: 'user' } } }),
      '/api/statistics/report-schedules': () => ({ body: { data: [SCHEDULE], meta: { canRun: true } } }),
      '/api/statistics/report-snapshots': () => ({ body: snapshots(ran ? [{ ...SNAPSHOT, ranBy: 'user' }, SNAPSHOT] : [SNAPSHOT]) }),
    })
    expect(wrapper.get('h1').text()).toBe('Informes')
    const scheduleRow = wrapper.findAll('table')[0]!.findAll('tbody tr')[0]!
    expect(scheduleRow.text()).toContain('Trimestre anterior')
    expect(scheduleRow.text()).toContain('CSV, PDF')
    expect(wrapper.text()).toContain('1 informe')
    expect(wrapper.text()).toContain('Trimestre 3 de 2026')
    await scheduleRow.get('button').trigger('click')
    await flushPromises()
    expect(server.requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/statistics/report-schedules/sched-1/run')).toBe(true)
    expect(wrapper.text()).toContain('Se generó el informe «Casos CITIM (trimestral)».')
    expect(wrapper.text()).toContain('2 informes')
    expect(wrapper.text()).toContain('a demanda')
  })

  it('the chief prosecutor sees no "Ejecutar ahora"; an expired report has no download', async () => {
    const { wrapper } = await show({
      '/api/statistics/report-schedules': () => ({ body: { data: [SCHEDULE], meta: { canRun: false } } }),
      '/api/statistics/report-snapshots': () => ({ body: snapshots([{ ...SNAPSHOT, status: 'expired', files: [] }]) }),
    })
    expect(wrapper.findAll('button').filter((b) => b.text().startsWith('Ejecutar ahora'))).toHaveLength(0)
    expect(wrapper.text()).toContain('Vencido: archivos eliminados')
    expect(wrapper.findAll('button').filter((b) => b.text().startsWith('Descargar'))).toHaveLength(0)
  })
})
