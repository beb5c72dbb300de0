import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import CaseChecklistSection from './CaseChecklistSection.vue'
import { i18n, setLanguage } from '../../i18n'
import { useAnnouncerStore } from '../../stores/announcer'
import { fakeServer, signInForTest, type FakeRequest } from '../../test-support'
import { checklist, step } from './test-fixtures'
import type { ChecklistStep } from './workflow-api'

const REGISTER = step('intake-register', {
  title: 'Registrar la denuncia y asignar fiscal',
  required: true,
  dueDate: '2026-03-11',
  overdue: true,
  guidance: 'Registre la denuncia en el sistema el mismo día.',
  evidenceRequired: 'Acta de denuncia firmada.',
})
const RISK = step('victim-risk', { title: 'Evaluar el riesgo para la víctima', role: 'victim-officer', required: true, gate: true, dueDate: '2026-03-20' })
const DONE = step('conani', { title: 'Notificar al CONANI', status: 'done', doneAt: '2026-03-12T13:05:00.000Z', doneBy: { displayName: 'Fiscal Demo 1' }, note: 'Oficio 123.' })

const mounted: VueWrapper[] = []

async function showChecklists(options: { canTick: boolean; steps?: ChecklistStep[]; onPut?: (request: FakeRequest) => { status?: number; body?: unknown } }) {
  let steps = options.steps ?? [REGISTER, RISK, DONE]
  const server = fakeServer({
    '/api/cases/doc-a/checklists': (request) => {
      if (request.method === 'PUT') {
        const answer = options.onPut?.(request)
        if (answer) return answer
        const body = request.body as { status: ChecklistStep['status']; note?: string }
        const key = decodeURIComponent(request.url.pathname.split('/').at(-1)!)
        const saved = { ...steps.find((s) => s.key === key)!, status: body.status, note: body.note ?? null, doneAt: '2026-03-14T16:00:00.000Z', doneBy: { displayName: 'Fiscal Demo 1' } }
        steps = steps.map((s) => (s.key === key ? saved : s))
        return { body: { data: saved } }
      }
      return { body: { data: [checklist(steps)], meta: { canTick: options.canTick } } }
    },
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const wrapper = mount(CaseChecklistSection, { props: { caseId: 'doc-a', revision: 0 }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server, announcer: useAnnouncerStore(pinia) }
}

const stepItem = (wrapper: VueWrapper, title: string) => wrapper.findAll('li.step').find((item) => item.text().includes(title))!

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('Protocolos (SOP checklists of the current stage)', () => {
  it('shows each step with its role, required and gate markers, due date (overdue in words), guidance, evidence and who ticked it', async () => {
    const { wrapper, server } = await showChecklists({ canTick: true })
    expect(server.requests[0]!.url.searchParams.get('scope')).toBe('current')
    expect(wrapper.get('h2').text()).toBe('Protocolos')
    expect(wrapper.get('h3').text()).toBe('POE: Investigación de trata de personas')
    expect(wrapper.text()).toContain('Versión 3 · etapa «Denuncia / querella / de oficio» · abierta el 10/03/2026')
    expect(wrapper.text()).toContain('1 de 3 pasos completados')
    expect(wrapper.text()).toContain('Faltan 2 pasos obligatorios')

    const register = stepItem(wrapper, 'Registrar la denuncia')
    expect(register.text()).toContain('Pendiente')
    expect(register.text()).toContain('Obligatorio')
    expect(register.text()).toContain('Responsable: Fiscal')
    expect(register.text()).toContain('Vencido desde el 11/03/2026')
    expect(register.get('details').text()).toContain('Registre la denuncia en el sistema el mismo día.')
    expect(register.get('details').text()).toContain('Evidencia requerida: Acta de denuncia firmada.')

    const risk = stepItem(wrapper, 'Evaluar el riesgo')
    expect(risk.text()).toContain('Bloquea el cambio de etapa')
    expect(risk.text()).toContain('Responsable: Oficial de atención a víctimas')
    expect(risk.text()).toContain('Vence el 20/03/2026')

    const done = stepItem(wrapper, 'Notificar al CONANI')
    expect(done.text()).toContain('Hecho')
    expect(done.text()).toContain('Marcado por Fiscal Demo 1 el 12/03/2026 09:05')
    expect(done.text()).toContain('Nota: Oficio 123.')
  })

  it('ticks a step as done: the form starts on the choice, saves, announces it and tells the page', async () => {
    const { wrapper, server, announcer } = await showChecklists({ canTick: true })
    const register = stepItem(wrapper, 'Registrar la denuncia')
    const update = register.get('button')
    expect(update.attributes('aria-label')).toBe('Actualizar el paso «Registrar la denuncia y asignar fiscal»')
    await update.trigger('click')
    await flushPromises()
    const checked = register.get<HTMLInputElement>('input[type="radio"]:checked')
    expect(checked.element.value).toBe('done')
    expect(document.activeElement).toBe(checked.element)
    await register.get('form').trigger('submit')
    await flushPromises()
    const put = server.requests.find((request) => request.method === 'PUT')!
    expect(put.url.pathname).toBe('/api/cases/doc-a/checklists/7/steps/intake-register')
    expect(put.body).toEqual({ status: 'done' })
    expect(wrapper.emitted('ticked')).toHaveLength(1)
    expect(announcer.message).toBe('Paso «Registrar la denuncia y asignar fiscal»: Hecho.')
    expect(stepItem(wrapper, 'Registrar la denuncia').text()).toContain('Marcado por Fiscal Demo 1 el 14/03/2026 12:00')
    expect(wrapper.text()).toContain('2 de 3 pasos completados')
  })

  it('"no aplica" needs a note of at least 5 characters, checked before sending', async () => {
    const { wrapper, server } = await showChecklists({ canTick: true })
    const register = stepItem(wrapper, 'Registrar la denuncia')
    await register.get('button').trigger('click')
    await register.get('input[value="not-applicable"]').setValue(true)
    await register.get('form').trigger('submit')
    await flushPromises()
    expect(register.get('.form-error').text()).toContain('Explique por qué el paso no aplica (al menos 5 caracteres).')
    expect(server.requests.some((request) => request.method === 'PUT')).toBe(false)
    await register.get('textarea').setValue('Denuncia registrada por otra fiscalía.')
    await register.get('form').trigger('submit')
    await flushPromises()
    expect(server.requests.find((request) => request.method === 'PUT')!.body).toEqual({ status: 'not-applicable', note: 'Denuncia registrada por otra fiscalía.' })
    expect(stepItem(wrapper, 'Registrar la denuncia').text()).toContain('No aplica')
  })

  it('shows a refusal of the server next to the note, or on top of the form', async () => {
    const { wrapper } = await showChecklists({
      canTick: true,
      onPut: () => ({ status: 403, body: { data: null, error: { status: 403, name: 'PolicyError', message: 'Solo el responsable del paso puede marcarlo.' } } }),
    })
    const risk = stepItem(wrapper, 'Evaluar el riesgo')
    await risk.get('button').trigger('click')
    await risk.get('form').trigger('submit')
    await flushPromises()
    const alert = risk.get('[role="alert"]')
    expect(alert.text()).toBe('Solo el responsable del paso puede marcarlo.')
    expect(document.activeElement).toBe(alert.element)
  })

  it('offers no tick to whom the server does not let tick, and says so', async () => {
    const { wrapper } = await showChecklists({ canTick: false })
    expect(wrapper.findAll('li.step button')).toHaveLength(0)
    expect(wrapper.text()).toContain('solo los editores del caso y el responsable de cada paso pueden marcarlos')
  })

  it('on request shows the checklists of earlier stages too, closed ones without a tick', async () => {
    const earlier = checklist([step('old-step', { title: 'Paso de una etapa anterior' })], { id: 3, closedAt: '2026-03-12T12:00:00.000Z' })
    const server = fakeServer({
      '/api/cases/doc-a/checklists': (request) => ({
        body: { data: request.url.searchParams.get('scope') === 'all' ? [earlier, checklist([REGISTER])] : [checklist([REGISTER])], meta: { canTick: true } },
      }),
    })
    vi.stubGlobal('fetch', server.fetch)
    const pinia = createPinia()
    signInForTest(pinia)
    const wrapper = mount(CaseChecklistSection, { props: { caseId: 'doc-a', revision: 0 }, global: { plugins: [pinia, i18n] } })
    mounted.push(wrapper)
    await flushPromises()
    expect(wrapper.findAll('article')).toHaveLength(1)
    await wrapper.get('input[type="checkbox"]').setValue(true)
    await flushPromises()
    expect(server.requests.at(-1)!.url.searchParams.get('scope')).toBe('all')
    const runs = wrapper.findAll('article')
    expect(runs).toHaveLength(2)
    expect(runs[0]!.text()).toContain('cerrada el 12/03/2026')
    expect(runs[0]!.findAll('button')).toHaveLength(0)
    expect(runs[1]!.findAll('button')).toHaveLength(1)
  })

  it('says when the stage has no checklists', async () => {
    const server = fakeServer({ '/api/cases/doc-a/checklists': () => ({ body: { data: [], meta: { canTick: true } } }) })
    vi.stubGlobal('fetch', server.fetch)
    const pinia = createPinia()
    signInForTest(pinia)
    const wrapper = mount(CaseChecklistSection, { props: { caseId: 'doc-a', revision: 0 }, global: { plugins: [pinia, i18n] } })
    mounted.push(wrapper)
    await flushPromises()
    expect(wrapper.text()).toContain('La etapa actual no tiene listas de verificación.')
  })
})
