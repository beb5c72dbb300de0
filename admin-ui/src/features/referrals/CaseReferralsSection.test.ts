import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import CaseReferralsSection from './CaseReferralsSection.vue'
import ReferralDetailPanel from './ReferralDetailPanel.vue'
import { i18n, setLanguage } from '../../i18n'
import { fakeServer, signInForTest, type FakeRoute } from '../../test-support'

const OPTIONS = {
  purposes: [{ code: 'albergue', labelEs: 'Albergue', labelEn: 'Shelter' }, { code: 'examen-forense', labelEs: 'Examen forense', labelEn: 'Forensic examination' }],
  legalBases: [{ code: 'ley-137-03', labelEs: 'Ley 137-03', labelEn: 'Law 137-03' }],
  agencies: [{ code: 'REFUGIO', name: 'Albergue (DEMO)', kind: 'shelter', purposes: ['albergue'] }, { code: 'PJ', name: 'Poder Judicial', kind: 'judiciary', purposes: [] }],
  victims: [{ documentId: 'p1', code: 'V-AAAAA', consentToShare: true }, { documentId: 'p2', code: 'V-BBBBB', consentToShare: false }],
}
const ROW = {
  documentId: 'r1', agency: { code: 'REFUGIO', name: 'Albergue (DEMO)' }, purpose: { code: 'albergue', label: 'Albergue' }, status: 'sent', sentAt: '2026-03-01T18:30:00.000Z',
  acknowledgeBy: '2026-03-04', acknowledgedAt: null, overdue: true, case: { documentId: 'doc-a', caseNumber: 'PETT-2026-00001' }, victim: { documentId: 'p1', code: 'V-AAAAA' },
  basis: { kind: 'consent', consentGivenOn: '2026-02-01', code: null, label: null, text: null }, fields: ['victim.code'], needs: null,
}
const DETAIL = { ...ROW, data: [{ key: 'victim.code', label: 'Código seudónimo de la víctima', value: 'V-AAAAA' }, { key: 'victim.isMinor', label: 'Menor de edad', value: false }], withheld: null, next: ['acknowledged', 'rejected'], canRevoke: false, canPost: true }

const mounted: VueWrapper[] = []
function serve(routes: Record<string, FakeRoute>) {
  const server = fakeServer(routes)
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  return { pinia, requests: server.requests }
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
})

describe('the referrals of a case', () => {
  it('lists them and asks for a legal basis only for a victim without consent, placing the server’s errors by field', async () => {
    const { pinia, requests } = serve({
      '/api/cases/doc-a/referrals': (req) => (req.method === 'POST'
        ? { status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: 'x', details: { errors: [{ path: ['legalBasis', 'text'], message: 'Describa la base legal.' }] } } } }
        : { body: { data: [ROW], meta: { canRefer: true, options: OPTIONS, pagination: { page: 1, pageSize: 10, total: 1, pageCount: 1 } } } }),
    })
    const wrapper = mount(CaseReferralsSection, { props: { caseId: 'doc-a' }, global: { plugins: [pinia, i18n] } })
    mounted.push(wrapper)
    await flushPromises()
    expect(wrapper.get('h2').text()).toBe('Derivaciones')
    expect(wrapper.findAll('tbody td').map((c) => c.text()).slice(0, 5)).toEqual(['REFUGIO', 'Albergue', 'V-AAAAA', 'Enviada · acuse vencido', '04/03/2026'])
    await wrapper.findAll('button').find((b) => b.text() === 'Nueva derivación')!.trigger('click')
    expect(wrapper.findAll('#ref-agency option').map((o) => o.text())).toEqual(['Elija…', 'REFUGIO — Albergue (DEMO)'])
    await wrapper.get('#ref-agency').setValue('REFUGIO')
    expect(wrapper.findAll('#ref-purpose option').map((o) => o.text())).toEqual(['Elija…', 'Albergue'])
    await wrapper.get('#ref-purpose').setValue('albergue')
    await wrapper.get('#ref-victim').setValue('V-AAAAA')
    expect(wrapper.find('#ref-basis-code').exists()).toBe(false)
    await wrapper.get('#ref-victim').setValue('V-BBBBB')
    expect(wrapper.find('#ref-basis-code').exists()).toBe(true)
    await wrapper.get('#ref-basis-code').setValue('ley-137-03')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(requests.at(-1)!.body).toEqual({ data: { agency: 'REFUGIO', purpose: 'albergue', victim: 'V-BBBBB', needs: null, acknowledgeBy: null, legalBasis: { code: 'ley-137-03', text: '' } } })
    expect(wrapper.text()).toContain('Describa la base legal.')
  })

  it('shows what is shared and acknowledges through the server, then offers what the server allows next', async () => {
    const { pinia, requests } = serve({
      '/api/referrals/r1/acknowledge': () => ({ body: { data: { ...DETAIL, status: 'acknowledged', overdue: false, next: ['in-progress', 'completed', 'rejected'] } } }),
      '/api/referrals/r1/messages': () => ({ body: { data: [{ documentId: 'm1', side: 'team', author: 'fiscal.demo1', body: 'Gracias (DEMO)', postedAt: '2026-03-01T18:30:00.000Z' }] } }),
    })
    const wrapper = mount(ReferralDetailPanel, { props: { referral: DETAIL }, global: { plugins: [pinia, i18n] } })
    mounted.push(wrapper)
    await flushPromises()
    expect(wrapper.text()).toContain('Código seudónimo de la víctima')
    expect(wrapper.text()).toContain('Menor de edad')
    expect(wrapper.text()).toContain('Equipo del caso · fiscal.demo1 · 01/03/2026')
    await wrapper.findAll('button').find((b) => b.text() === 'Acusar recibo')!.trigger('click')
    await flushPromises()
    expect(requests.some((r) => r.method === 'POST' && r.url.pathname === '/api/referrals/r1/acknowledge')).toBe(true)
    expect(wrapper.emitted('changed')![0]![0]).toMatchObject({ status: 'acknowledged' })
  })
})
