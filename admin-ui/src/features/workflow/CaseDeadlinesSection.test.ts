import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import CaseDeadlinesSection from './CaseDeadlinesSection.vue'
import { i18n, setLanguage } from '../../i18n'
import { useAnnouncerStore } from '../../stores/announcer'
import { fakeServer, getButton, signInForTest } from '../../test-support'
import type { CaseDeadline } from './workflow-api'

function deadline(id: number, extra: Partial<CaseDeadline> = {}): CaseDeadline {
  return {
    id,
    ruleKey: 'coercion-request-48h',
    name: 'Solicitud de medida de coerción',
    law: 'Código Procesal Penal',
    article: 'art. 224',
    lawVersion: 'Ley 10-15',
    event: 'arrest',
    eventAt: '2026-03-13T14:00:00.000Z',
    due: '2026-03-15T14:00:00.000Z',
    dueAt: '2026-03-15T14:00:00.000Z',
    warnFrom: '2026-03-14',
    status: 'open',
    alert: 'due-soon',
    needsLegalConfirmation: false,
    onMiss: 'La persona arrestada debe ser puesta en libertad.',
    stage: 'arrest',
    closedAt: null,
    closeNote: null,
    ...extra,
  }
}

const FOUR_YEARS = deadline(2, {
  ruleKey: 'process-max-duration',
  name: 'Duración máxima del proceso',
  law: 'Código Procesal Penal',
  article: 'art. 148',
  due: '2030-03-14',
  dueAt: '2030-03-15T03:59:59.999Z',
  alert: 'none',
  needsLegalConfirmation: true,
  onMiss: 'Extinción de la acción penal.',
})

const mounted: VueWrapper[] = []

async function showDeadlines(mayEdit: boolean | null, meta: Record<string, unknown> = {}) {
  let rows = [deadline(1), FOUR_YEARS]
  const server = fakeServer({
    '/api/cases/doc-a/deadlines': (request) => {
      if (request.method === 'PUT') {
        const body = request.body as { status: 'met' | 'open'; note?: string }
        const id = Number(request.url.pathname.split('/').at(-1))
        const saved = { ...rows.find((row) => row.id === id)!, status: body.status, closeNote: body.note ?? null, closedAt: body.status === 'met' ? '2026-03-14T16:00:00.000Z' : null }
        rows = rows.map((row) => (row.id === id ? saved : row))
        return { body: { data: saved } }
      }
      const all = request.url.searchParams.get('status') === 'all'
      return { body: { data: rows.filter((row) => all || row.status === 'open'), meta } }
    },
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const wrapper = mount(CaseDeadlinesSection, { props: { caseId: 'doc-a', revision: 0, mayEdit }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server, announcer: useAnnouncerStore(pinia) }
}

const item = (wrapper: VueWrapper, name: string) => wrapper.findAll('li.deadline').find((li) => li.text().includes(name))!

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('Plazos of a case', () => {
  it('shows each deadline: rule, law and article, when it ends (date or date and time), alert in words, "por confirmar" and what a miss brings', async () => {
    const { wrapper, server } = await showDeadlines(true)
    expect(server.requests[0]!.url.searchParams.get('status')).toBe('open')
    const coercion = item(wrapper, 'Solicitud de medida de coerción')
    expect(coercion.text()).toContain('15/03/2026 10:00')
    expect(coercion.text()).toContain('Código Procesal Penal, art. 224 (Ley 10-15)')
    expect(coercion.text()).toContain('Por vencer')
    expect(coercion.text()).not.toContain('Por confirmar')
    expect(coercion.text()).toContain('La persona arrestada debe ser puesta en libertad.')
    const process = item(wrapper, 'Duración máxima del proceso')
    expect(process.text()).toContain('14/03/2030')
    expect(process.get('.due').text()).toBe('14/03/2030')
    expect(process.text()).toContain('En plazo')
    expect(process.text()).toContain('Por confirmar')
    expect(process.text()).toContain('la regla está pendiente de confirmación legal')
  })

  it('marks a deadline as met with a note, announces it, and shows met ones on request', async () => {
    const { wrapper, server, announcer } = await showDeadlines(true)
    const button = item(wrapper, 'Solicitud de medida de coerción').get('button')
    expect(button.attributes('aria-label')).toBe('Marcar como cumplido: Solicitud de medida de coerción')
    await button.trigger('click')
    await flushPromises()
    expect(document.activeElement?.tagName).toBe('TEXTAREA')
    await item(wrapper, 'Solicitud de medida de coerción').get('textarea').setValue('Solicitud presentada el 14/03/2026.')
    await item(wrapper, 'Solicitud de medida de coerción').get('form').trigger('submit')
    await flushPromises()
    const put = server.requests.find((request) => request.method === 'PUT')!
    expect(put.url.pathname).toBe('/api/cases/doc-a/deadlines/1')
    expect(put.body).toEqual({ status: 'met', note: 'Solicitud presentada el 14/03/2026.' })
    expect(announcer.message).toBe('Plazo «Solicitud de medida de coerción» marcado como cumplido.')
    expect(wrapper.text()).not.toContain('Solicitud de medida de coerción')

    await wrapper.get('input[type="checkbox"]').setValue(true)
    await flushPromises()
    const met = item(wrapper, 'Solicitud de medida de coerción')
    expect(met.text()).toContain('Cumplido')
    expect(met.text()).toContain('Cerrado el')
    expect(met.text()).toContain('Solicitud presentada el 14/03/2026.')
    expect(getButton(wrapper, 'Reabrir').exists()).toBe(true)
  })

  it('offers no control to whom may not change the case; the server’s meta.canEdit wins when sent', async () => {
    const reader = await showDeadlines(false)
    expect(reader.wrapper.findAll('li.deadline button')).toHaveLength(0)
    const unknown = await showDeadlines(null)
    expect(unknown.wrapper.findAll('li.deadline button')).toHaveLength(0)
    const allowedByServer = await showDeadlines(null, { canEdit: true })
    expect(allowedByServer.wrapper.findAll('li.deadline button')).toHaveLength(2)
  })

  it('says when the case has no open deadlines', async () => {
    const server = fakeServer({ '/api/cases/doc-a/deadlines': () => ({ body: { data: [] } }) })
    vi.stubGlobal('fetch', server.fetch)
    const pinia = createPinia()
    signInForTest(pinia)
    const wrapper = mount(CaseDeadlinesSection, { props: { caseId: 'doc-a', revision: 0, mayEdit: true }, global: { plugins: [pinia, i18n] } })
    mounted.push(wrapper)
    await flushPromises()
    expect(wrapper.text()).toContain('El caso no tiene plazos abiertos.')
  })
})
