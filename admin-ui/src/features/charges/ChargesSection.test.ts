import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import ChargesSection from './ChargesSection.vue'
import { i18n, setLanguage } from '../../i18n'
import { CODE_LISTS_BODY, fakeServer, signInForTest, type FakeRoute } from '../../test-support'
import type { Charge } from './charges-api'

const item = (code: string, labelEs: string, labelEn: string, sortOrder: number, meta: Record<string, unknown> = {}) => ({ code, labelEs, labelEn, sortOrder, active: true, meta })
const CHARGE_LISTS = [
  { key: 'offence', items: [item('trata-personas', 'Trata de personas', 'Trafficking in persons', 1), item('trafico-migrantes', 'Tráfico ilícito de migrantes', 'Smuggling of migrants', 2)] },
  { key: 'law-version', items: [item('trata-ley-137-03', 'Trata: Ley 137-03 (texto original)', 'Trafficking: Ley 137-03 (original text)', 1)] },
  { key: 'aggravating-circumstance', items: [item('organised-crime', 'Cometido por un grupo delictivo organizado', 'Committed by an organised criminal group', 1)] },
]

const PARTIES = [
  { documentId: 'p-victim', role: 'victim-adult', isPublicOfficial: false, person: { documentId: 'x1', code: 'V-7KQ2M' } },
  { documentId: 'p-suspect', role: 'suspect', isPublicOfficial: false, person: { documentId: 'x2', code: 'I-3HD8P' } },
]

const CONVICTED: Charge = {
  id: 'ch-1', party: { id: 'p-suspect', role: 'suspect', isPublicOfficial: false, person: { code: 'I-3HD8P', personKind: 'natural' } },
  offence: 'trata-personas', lawVersion: 'trata-ley-137-03', lawVersionNeedsConfirmation: true, penaltyYears: [15, 20], article: 'Ley 137-03, art. 3', aggravating: ['organised-crime'],
  status: 'convicted', chargedAt: '2024-08-01', verdictAt: '2025-03-10', sentenceMonths: 186, isDemo: true,
}

const mounted: VueWrapper[] = []

async function showSection(charges: FakeRoute, routes: Record<string, FakeRoute> = {}) {
  const server = fakeServer({
    // The store asks for its lists (the offence list among them) and the section for its own: answer all.
    '/api/code-lists': () => ({ body: { data: [...CODE_LISTS_BODY.data, ...CHARGE_LISTS] } }),
    '/api/cases/doc-a/charges': charges,
    ...routes,
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const wrapper = mount(ChargesSection, { props: { caseId: 'doc-a', parties: PARTIES }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server }
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

describe('Cargos on the case page', () => {
  it('lists each accused person\'s charges with offence, law version, status and sentence, read-only for readers', async () => {
    const { wrapper } = await showSection(() => ({ body: { data: [CONVICTED], meta: { mayEdit: false, factsDate: '2024-06-01' } } }))
    expect(wrapper.find('h2').text()).toBe('Cargos')
    expect(wrapper.find('h3').text()).toBe('I-3HD8P · Sospechoso')
    const cells = wrapper.findAll('tbody td').map((td) => td.text())
    expect(cells[0]).toContain('Trata de personas')
    expect(cells[0]).toContain('Agravantes: Cometido por un grupo delictivo organizado')
    expect(cells[1]).toContain('Trata: Ley 137-03 (texto original)')
    expect(cells[1]).toContain('Pena prevista: 15 a 20 años')
    expect(cells[1]).toContain('Fechas de vigencia por confirmar')
    expect(cells[2]).toContain('Condenado')
    expect(cells[2]).toContain('Fallo del 10/03/2025')
    expect(cells[3]).toBe('15 años 6 meses')
    expect(wrapper.text()).toContain('fecha de los hechos (01/06/2024)')
    expect(wrapper.find('#case-add-charge-button').exists()).toBe(false)
    expect(wrapper.find('#charge-edit-ch-1').exists()).toBe(false)
  })

  it('shows nothing to a role the server does not let read charges', async () => {
    const { wrapper } = await showSection(() => ({ status: 403, body: { data: null, error: { status: 403, message: 'Forbidden' } } }))
    expect(wrapper.find('section').exists()).toBe(false)
  })

  it('lets an editor add a charge in a dialog: its own checks first, then the server\'s next to the field', async () => {
    const posted: unknown[] = []
    let saved = false
    const { wrapper } = await showSection((request) => {
      if (request.method === 'POST') {
        posted.push(request.body)
        if (posted.length === 1) return { status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: 'Solo se registra una pena con el estado condenado.', details: { errors: [{ path: ['sentenceMonths'], message: 'Solo se registra una pena con el estado condenado.' }] } } } }
        saved = true
        return { status: 201, body: { data: { ...CONVICTED, id: 'ch-2', status: 'indicted', sentenceMonths: null, verdictAt: null } } }
      }
      return { body: { data: saved ? [{ ...CONVICTED, id: 'ch-2', status: 'indicted', sentenceMonths: null, verdictAt: null }] : [], meta: { mayEdit: true, factsDate: '2024-06-01' } } }
    })
    expect(wrapper.text()).toContain('Todavía no hay cargos registrados')
    await wrapper.find('#case-add-charge-button').trigger('click')
    await flushPromises()
    const dialog = document.querySelector('[role="dialog"]') as HTMLElement
    expect(dialog.querySelector('h2')?.textContent).toBe('Añadir cargo')
    // Focus starts on the first field; only the accused of the case are offered.
    expect(document.activeElement?.id).toBe('charge-party')
    expect([...dialog.querySelectorAll('#charge-party option')].map((o) => o.textContent?.trim())).toEqual(['Elija…', 'I-3HD8P · Sospechoso'])

    const submit = () => { (dialog.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit')); return flushPromises() }
    await submit()
    expect(dialog.querySelector('#charge-party-error')?.textContent).toBe('Elija la persona imputada.')
    expect(dialog.querySelector('#charge-offence-error')?.textContent).toBe('Elija el delito.')
    expect(posted).toHaveLength(0)

    const choose = async (selector: string, value: string) => {
      const field = dialog.querySelector(selector) as HTMLSelectElement
      field.value = value
      field.dispatchEvent(new Event('change'))
      await flushPromises()
    }
    const type = async (selector: string, value: string) => {
      const field = dialog.querySelector(selector) as HTMLInputElement
      field.value = value
      field.dispatchEvent(new Event('input'))
      await flushPromises()
    }
    await choose('#charge-party', 'p-suspect')
    await choose('#charge-offence', 'trata-personas')
    await choose('#charge-status', 'indicted')
    await type('#charge-chargedAt', '01/08/2024')
    await type('#charge-sentence-years', '2')
    await submit()
    expect(posted[0]).toEqual({ data: { party: 'p-suspect', offence: 'trata-personas', article: null, aggravating: [], status: 'indicted', chargedAt: '2024-08-01', verdictAt: null, sentenceMonths: 24 } })
    expect(dialog.querySelector('#charge-sentenceMonths-error')?.textContent).toBe('Solo se registra una pena con el estado condenado.')
    expect(document.activeElement?.id).toBe('charge-sentence-years')

    await type('#charge-sentence-years', '')
    await submit()
    expect((posted[1] as { data: { sentenceMonths: unknown } }).data.sentenceMonths).toBeNull()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(wrapper.text()).toContain('Cargo registrado.')
    expect(wrapper.findAll('tbody tr')).toHaveLength(1)
    expect(document.activeElement?.id).toBe('case-charges-heading')
  })

  it('closes the dialog with Escape and gives the focus back to the button that opened it', async () => {
    await showSection(() => ({ body: { data: [CONVICTED], meta: { mayEdit: true, factsDate: '2024-06-01' } } }))
    const edit = document.getElementById('charge-edit-ch-1') as HTMLButtonElement
    edit.focus()
    edit.click()
    await flushPromises()
    const dialog = document.querySelector('[role="dialog"]') as HTMLElement
    expect(dialog.querySelector('h2')?.textContent).toBe('Editar cargo')
    // Editing: the party is not asked again; the sentence shows as years and months.
    expect(dialog.querySelector('#charge-party')).toBeNull()
    expect((dialog.querySelector('#charge-sentence-years') as HTMLInputElement).value).toBe('15')
    expect((dialog.querySelector('#charge-sentence-months') as HTMLInputElement).value).toBe('6')
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(document.activeElement).toBe(document.getElementById('charge-edit-ch-1'))
  })
})
