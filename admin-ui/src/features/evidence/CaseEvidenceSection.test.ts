import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import CaseEvidenceSection from './CaseEvidenceSection.vue'
import { i18n, setLanguage } from '../../i18n'
import { fakeServer, signInForTest, type FakeRoute } from '../../test-support'

const OPTIONS = {
  evidenceTypes: [{ code: 'telefono-movil', labelEs: 'Teléfono móvil', labelEn: 'Mobile phone' }],
  purposes: [{ code: 'examen-pericial', labelEs: 'Examen pericial', labelEn: 'Forensic examination' }],
  conditions: [{ code: 'sellado-intacto', labelEs: 'Precintado, precinto intacto', labelEn: 'Sealed, seal intact' }],
  agencies: [{ code: 'INACIF', name: 'Instituto Nacional de Ciencias Forenses' }, { code: 'PN', name: 'Policía Nacional' }],
  team: [{ documentId: 'u1', username: 'investigador.demo' }],
}
const ITEM = {
  documentId: 'ev1', number: 1, evidenceType: 'telefono-movil', description: 'Teléfono negro (DEMO)', seizedAt: '2026-03-01T18:30:00.000Z', seizedWhere: 'Santiago',
  seizedBy: { agency: { code: 'PN', name: 'Policía Nacional' }, user: null }, storageLocation: null, sealNumber: 'PN-1', holder: { agency: { code: 'INACIF', name: 'INACIF' }, user: null }, custodyLength: 2,
}
const custody = [
  { sequence: 1, at: '2026-03-01T18:30:00.000Z', from: { agency: null, user: null }, to: { agency: 'PN', user: null }, purpose: 'incautacion', condition: 'sellado-intacto', sealNumber: 'PN-1', note: null, prevHash: '0'.repeat(64), hash: 'a'.repeat(64) },
  { sequence: 2, at: '2026-03-02T18:30:00.000Z', from: { agency: 'PN', user: null }, to: { agency: 'INACIF', user: null }, purpose: 'examen-pericial', condition: 'sellado-intacto', sealNumber: null, note: null, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
]
const listBody = (canRecord: boolean) => ({ data: [ITEM], meta: { canRecord, options: canRecord ? OPTIONS : null, pagination: { page: 1, pageSize: 10, total: 1, pageCount: 1 } } })

const mounted: VueWrapper[] = []
async function show(routes: Record<string, FakeRoute>) {
  vi.stubGlobal('fetch', fakeServer(routes).fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const wrapper = mount(CaseEvidenceSection, { props: { caseId: 'doc-a', caseNumber: 'PETT-2026-00001' }, global: { plugins: [pinia, i18n] } })
  mounted.push(wrapper)
  await flushPromises()
  return wrapper
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
})

describe('the evidence register of a case', () => {
  it('lists the items and opens one with its custody history and an integrity badge in words', async () => {
    const wrapper = await show({
      '/api/cases/doc-a/evidence/1': () => ({ body: { data: { ...ITEM, files: [], custody, chain: { ok: true, problems: [] } } } }),
      '/api/cases/doc-a/evidence': () => ({ body: listBody(true) }),
    })
    expect(wrapper.get('h2').text()).toBe('Evidencias y cadena de custodia')
    expect(wrapper.findAll('tbody tr')[0]!.findAll('td').map((c) => c.text()).slice(0, 5)).toEqual(['1', 'Teléfono móvil', 'Teléfono negro (DEMO)', 'INACIF', 'PN-1'])
    await wrapper.findAll('button').find((b) => b.text().startsWith('Abrir'))!.trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('Cadena de custodia íntegra (2 registros verificados)')
    const rows = wrapper.findAll('.panel tbody tr').map((r) => r.findAll('td').map((c) => c.text()))
    expect(rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([['1', 'Lugar de la incautación', 'PN', 'Incautación'], ['2', 'PN', 'INACIF', 'Examen pericial']])
    expect(wrapper.findAll('button').some((b) => b.text() === 'Registrar entrega')).toBe(true)
  })

  it('says so, in words, when the chain does not verify, and offers no recording to a reader', async () => {
    const wrapper = await show({
      '/api/cases/doc-a/evidence/1': () => ({ body: { data: { ...ITEM, files: [], custody, chain: { ok: false, problems: [{ kind: 'edited', sequence: 2, message: 'el registro 2 fue modificado' }] } } } }),
      '/api/cases/doc-a/evidence': () => ({ body: listBody(false) }),
    })
    expect(wrapper.findAll('button').some((b) => b.text() === 'Registrar indicio')).toBe(false)
    await wrapper.findAll('button').find((b) => b.text().startsWith('Abrir'))!.trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('Cadena de custodia alterada: no verifica')
    expect(wrapper.text()).toContain('el registro 2 fue modificado')
    expect(wrapper.findAll('button').some((b) => b.text() === 'Registrar entrega')).toBe(false)
    expect(wrapper.find('input[type="file"]').exists()).toBe(false)
  })

  it('is absent for a case out of reach', async () => {
    const wrapper = await show({ '/api/cases/doc-a/evidence': () => ({ status: 404, body: { data: null, error: { status: 404, message: 'Not Found' } } }) })
    expect(wrapper.find('section').exists()).toBe(false)
  })
})
