import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import AuditPage from './AuditPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { fakeServer, getButton, getControl, signInForTest, type FakeRoute } from '../../test-support'
import type { Me } from '../../api/access'

const AUDITOR: Me = { id: 10, username: 'auditor.demo', role: 'auditor', roleName: 'Auditor(a)', can: { createCase: false, seeAllCases: false, readAuditTrail: true } }

const ENTRY = { seq: 41, at: '2026-03-14T15:30:00.000Z', actor: { kind: 'portal', userId: 3, username: 'fiscal.demo1', role: 'prosecutor', agency: null }, action: 'case.update', target: { type: 'case', id: 'doc-a' }, outcome: 'success', fields: ['title'], client: { address: '10.0.0.7', requestId: 'r1' }, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) }
const page = (n: number, pageCount: number, total: number) => ({ data: [{ ...ENTRY, seq: 42 - n }], meta: { pagination: { page: n, pageSize: 25, pageCount, total } } })

const mounted: VueWrapper[] = []
async function show(routes: Record<string, FakeRoute>) {
  const server = fakeServer(routes)
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia, AUDITOR)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/auditoria', name: 'audit', component: AuditPage }] })
  await router.push('/auditoria')
  const wrapper = mount(AuditPage, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
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

describe('Auditoría', () => {
  it('searches with the filters (dates typed dd/mm/aaaa), shows the count, the entries and pages', async () => {
    const { wrapper, server } = await show({ '/api/audit/entries': (r) => ({ body: page(Number(r.url.searchParams.get('page')), 2, 2) }) })
    expect(wrapper.get('h1').text()).toBe('Bitácora de auditoría')
    await getControl(wrapper, 'Usuario').setValue('fiscal.demo1')
    await getControl(wrapper, 'Acción (código, p. ej. case.update)').setValue('case.update')
    await getControl(wrapper, 'Desde (dd/mm/aaaa)').setValue('01/03/2026')
    await getControl(wrapper, 'Hasta (dd/mm/aaaa)').setValue('14/03/2026')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const sent = server.requests.at(-1)!.url.searchParams
    expect(Object.fromEntries(sent)).toEqual({ page: '1', pageSize: '25', actor: 'fiscal.demo1', action: 'case.update', from: '2026-03-01', to: '2026-03-14' })
    expect(wrapper.text()).toContain('2 entradas')
    const cells = wrapper.findAll('tbody tr')[0]!.findAll('td').map((c) => c.text())
    expect(cells).toEqual(['41', '14/03/2026 11:30', 'fiscal.demo1 (Fiscal)', 'Cambió el caso', 'Caso doc-a', 'title', 'Correcto', '10.0.0.7'])
    await wrapper.findAll('button').find((b) => b.text().startsWith('Siguiente'))!.trigger('click')
    await flushPromises()
    expect(server.requests.at(-1)!.url.searchParams.get('page')).toBe('2')
    expect(server.requests.at(-1)!.url.searchParams.get('actor')).toBe('fiscal.demo1')
  })

  it('puts a wrong date, and the server refusal of a value, next to the field it concerns', async () => {
    const { wrapper, server } = await show({ '/api/audit/entries': () => ({ status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: 'El parámetro «action» debe ser una acción como «case.update».', details: { errors: [{ path: ['action'], message: 'El parámetro «action» debe ser una acción como «case.update».' }] } } } }) })
    await getControl(wrapper, 'Desde (dd/mm/aaaa)').setValue('31/02/2026')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(server.requests).toHaveLength(0)
    const from = getControl(wrapper, 'Desde (dd/mm/aaaa)')
    expect(from.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get(`#${from.attributes('aria-describedby')}`).text()).toContain('dd/mm/aaaa')
    await from.setValue('')
    await getControl(wrapper, 'Acción (código, p. ej. case.update)').setValue('DROP')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#audit-filter-action-error').text()).toContain('parámetro «action»')
  })

  it('says in words that the trail is valid, or names the first bad entry and its kind', async () => {
    let ok = true
    const { wrapper } = await show({
      '/api/audit/verify': () => ({ body: { data: ok ? { ok: true, entries: 1234, checkpoints: 3, last: { seq: 1234, hash: 'x' }, problems: [] } : { ok: false, entries: 1200, checkpoints: 3, last: null, problems: [{ kind: 'deleted', seq: 57, message: 'entry 57 is missing' }, { kind: 'forged-checkpoint', seq: 900, message: 'x' }] } } }),
    })
    await getButton(wrapper, 'Verificar').trigger('click')
    await flushPromises()
    const region = wrapper.get('.verdict-region')
    expect(region.attributes('aria-live')).toBe('polite')
    expect(region.text()).toContain('La bitácora es válida: 1,234 entradas y 3 puntos de control verificados.')
    ok = false
    await getButton(wrapper, 'Verificar').trigger('click')
    await flushPromises()
    expect(wrapper.get('.verdict-region').text()).toContain('La bitácora no es válida. Primer problema: entrada borrada, en la entrada 57.')
    expect(wrapper.get('.verdict-region').text()).toContain('punto de control falsificado')
  })

  it('exports a case trail as CSV or signed JSON, and refuses an identifier that is not one', async () => {
    const created: Blob[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (created.push(blob), 'blob:x'), revokeObjectURL: () => undefined }))
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    const { wrapper, server } = await show({ '/api/audit/cases/': () => ({ body: { export: { entries: [] }, keyId: 'k', signature: 's' } }) })
    await getButton(wrapper, 'Exportar CSV').trigger('click')
    expect(wrapper.get('#audit-export-error').text()).toContain('solo letras y números')
    await getControl(wrapper, 'Identificador del caso').setValue('abc123')
    await getButton(wrapper, 'Exportar JSON firmado').trigger('click')
    await flushPromises()
    expect(server.requests.at(-1)!.url.pathname).toBe('/api/audit/cases/abc123/export')
    expect(server.requests.at(-1)!.url.searchParams.get('format')).toBe('json')
    expect(created).toHaveLength(1)
    expect(wrapper.text()).toContain('Exportación JSON descargada.')
    click.mockRestore()
  })
})
