import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import CasePage from '../cases/CasePage.vue'
import { i18n, setLanguage } from '../../i18n'
import { CODE_LISTS_BODY, fakeServer, signInForTest } from '../../test-support'
import { checklist, stageOptions, step, STEP_NOT_DONE } from './test-fixtures'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const Root = defineComponent({ render: () => h(RouterView) })
const mounted: VueWrapper[] = []

const CASE = {
  documentId: 'doc-a', caseNumber: 'PETT-2026-00042', title: '[DEMO] Captación en Santiago', caseType: 'trata', stage: 'intake', origin: 'denuncia',
  intakeDate: '2026-03-10', factsDate: null, province: 'santiago', municipality: null, year: 2026, priority: 'high', risk: 'high', isComplex: false,
  exploitationForms: [], palermoActs: [], palermoMeans: [], smugglingRoute: null, summary: null, isDemo: true, parties: [], agencies: [],
}
const INVESTIGATION = 'Investigación preliminar'

/** A small server of one case that moves from intake to investigation once its required step is ticked. */
function caseServer() {
  let stage: 'intake' | 'investigation' = 'intake'
  let ticked = false
  const server = fakeServer({
    '/api/code-lists': () => ({ body: CODE_LISTS_BODY }),
    '/api/access/cases/': () => ({ body: { data: { canSeePeople: true, canAddPeople: true, canEdit: true, canBreakGlass: false, grants: [] } } }),
    '/api/forms/': () => ({ body: { data: null, meta: { versions: [] } } }),
    '/api/cases/doc-a/transitions': (request) => {
      if (request.method === 'POST') {
        stage = 'investigation'
        return { status: 201, body: { data: { from: 'intake', stage, movedAt: '2026-03-14T16:00:00.000Z', workflow: { key: 'flujo-general', version: 2 }, overridden: [] } } }
      }
      if (stage === 'investigation') return { body: stageOptions([], { stage: { code: 'investigation', label: INVESTIGATION } }) }
      return { body: stageOptions([{ to: 'investigation', label: INVESTIGATION, allowed: ticked, canOverride: false, reasons: ticked ? [] : [STEP_NOT_DONE] }]) }
    },
    '/api/cases/doc-a/moves': () => ({ body: { data: [], meta: { pagination: { page: 1, pageSize: 10, pageCount: 0, total: 0 } } } }),
    '/api/cases/doc-a/checklists': (request) => {
      if (request.method === 'PUT') {
        ticked = true
        return { body: { data: step('intake-register', { title: 'Registrar la denuncia', status: 'done', doneAt: '2026-03-14T15:00:00.000Z', doneBy: { displayName: 'Fiscal Demo 1' } }) } }
      }
      const run =
        stage === 'intake'
          ? checklist([step('intake-register', { title: 'Registrar la denuncia', required: true, status: ticked ? 'done' : 'open' })])
          : checklist([step('plan', { title: 'Elaborar el plan de investigación' })], { id: 8, templateName: 'POE: Investigación', stage: { code: 'investigation', label: INVESTIGATION } })
      return { body: { data: [run], meta: { canTick: true } } }
    },
    '/api/cases/doc-a/deadlines': () => ({
      body: {
        data: stage === 'investigation'
          ? [{ id: 5, ruleKey: 'process', name: 'Duración máxima del proceso', law: 'Código Procesal Penal', article: 'art. 148', lawVersion: null, event: 'proceedings-start', eventAt: null, due: '2030-03-14', dueAt: '2030-03-15T03:59:59.999Z', warnFrom: null, status: 'open', alert: 'none', needsLegalConfirmation: true, onMiss: null, stage: 'investigation', closedAt: null, closeNote: null }]
          : [],
      },
    }),
    '/api/cases/': () => ({ body: { data: { ...CASE, stage } } }),
  })
  return server
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the workflow on the case page', () => {
  it('a prosecutor ticks the blocking step, moves the case on, and the page shows the new stage, its checklist and its deadline', async () => {
    const server = caseServer()
    vi.stubGlobal('fetch', server.fetch)
    const pinia = createPinia()
    signInForTest(pinia)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/casos', name: 'cases', component: Stub }, { path: '/casos/:documentId', name: 'case', component: CasePage }, { path: '/personas/:code', name: 'person', component: Stub }] })
    await router.push('/casos/doc-a')
    const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
    mounted.push(wrapper)
    await flushPromises()

    expect(wrapper.findAll('h2').map((heading) => heading.text()).slice(0, 4)).toEqual(['Resumen', 'Etapa y protocolo', 'Protocolos', 'Plazos'])
    expect(wrapper.get('.blocked-step').text()).toContain('Falta completar el paso «intake-register» del protocolo.')
    expect(wrapper.text()).toContain('El caso no tiene plazos abiertos.')

    await wrapper.get('li.step button').trigger('click')
    await wrapper.get('li.step form').trigger('submit')
    await flushPromises()
    const move = wrapper.findAll('button').find((button) => button.text() === `Pasar a «${INVESTIGATION}»`)!
    expect(move.exists()).toBe(true)

    await move.trigger('click')
    await flushPromises()
    // The dialog sits outside the page, which is inert behind it.
    const dialog = document.body.querySelector<HTMLElement>('[role="dialog"]')!
    expect(dialog).not.toBeNull()
    expect(wrapper.get('article.case').attributes('inert')).toBeDefined()
    const reason = dialog.querySelector<HTMLTextAreaElement>('#move-reason')!
    reason.value = 'Denuncia registrada; se abre la investigación.'
    reason.dispatchEvent(new Event('input'))
    dialog.querySelector('form')!.dispatchEvent(new Event('submit'))
    await flushPromises()

    expect(document.body.querySelector('[role="dialog"]')).toBeNull()
    expect(wrapper.get('article.case').attributes('inert')).toBeUndefined()
    expect(wrapper.get('dd.current').text()).toBe(INVESTIGATION)
    expect(wrapper.text()).toContain('Etapa procesal: Investigación')
    expect(wrapper.get('#case-checklists-heading').element.parentElement!.textContent).toContain('Elaborar el plan de investigación')
    expect(wrapper.text()).toContain('Duración máxima del proceso')
    expect(wrapper.text()).toContain('Por confirmar')
    expect(server.requests.filter((request) => request.url.pathname === '/api/cases/doc-a').length).toBeGreaterThanOrEqual(2)
  })
})
