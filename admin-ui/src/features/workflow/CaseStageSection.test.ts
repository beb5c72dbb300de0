import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import CaseStageSection from './CaseStageSection.vue'
import { i18n, setLanguage } from '../../i18n'
import { useAnnouncerStore } from '../../stores/announcer'
import { PROSECUTOR, fakeServer, getButton, signInForTest, type FakeRequest, type FakeRoute } from '../../test-support'
import type { Me } from '../../stores/session'
import { STEP_NOT_DONE, TO_ARCHIVE_BLOCKED, TO_INVESTIGATION, stageOptions } from './test-fixtures'

const CHIEF: Me = { id: 9, username: 'titular.demo', role: 'chief-prosecutor', roleName: 'Procurador(a) adjunto(a) / Titular', can: { createCase: true, seeAllCases: true } }

const MOVES = {
  data: [
    {
      movedAt: '2026-03-14T15:30:00.000Z',
      from: { code: 'intake', label: 'Denuncia' },
      to: { code: 'investigation', label: 'Investigación' },
      movedBy: { displayName: 'Fiscal Demo 1' },
      reason: 'Hay indicios suficientes.',
      overridden: [{ code: 'step-not-done', message: 'Falta completar el paso «intake-register» del protocolo.' }],
    },
  ],
  meta: { pagination: { page: 1, pageSize: 10, pageCount: 1, total: 1 } },
}

const mounted: VueWrapper[] = []

async function showStage(transitions: FakeRoute, me: Me = PROSECUTOR) {
  const server = fakeServer({
    '/api/cases/doc-a/transitions': transitions,
    '/api/cases/doc-a/moves': () => ({ body: MOVES }),
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia, me)
  const wrapper = mount(CaseStageSection, {
    props: { caseId: 'doc-a', revision: 0 },
    global: { plugins: [pinia, i18n], stubs: { teleport: true } },
    attachTo: document.body,
  })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server, announcer: useAnnouncerStore(pinia) }
}

const posts = (requests: FakeRequest[]) => requests.filter((request) => request.method === 'POST')

async function typeReason(wrapper: VueWrapper, text: string) {
  await wrapper.get('#move-reason').setValue(text)
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('Etapa y protocolo', () => {
  it('shows the stage, the workflow and its version, the allowed moves as buttons and the blocked ones with the server’s reasons', async () => {
    const { wrapper } = await showStage(() => ({ body: stageOptions([TO_INVESTIGATION, TO_ARCHIVE_BLOCKED]) }))
    expect(wrapper.get('h2').text()).toBe('Etapa y protocolo')
    expect(wrapper.text()).toContain('Denuncia / querella / de oficio')
    expect(wrapper.text()).toContain('Flujo general del proceso penal, versión 2')
    expect(wrapper.text()).toContain('fijada en su último cambio de etapa')
    expect(getButton(wrapper, 'Pasar a «Investigación preliminar»').exists()).toBe(true)
    const blocked = wrapper.get('.blocked-step')
    expect(blocked.text()).toContain('Cerrado')
    expect(blocked.text()).toContain('Bloqueada')
    expect(blocked.text()).toContain('Solo pueden hacer este paso: Procurador(a) titular.')
    // A block the caller may not override has no button at all.
    expect(blocked.find('button').exists()).toBe(false)
    // The history of moves, with who, why and what was overridden.
    expect(wrapper.text()).toContain('Historial de etapas')
    expect(wrapper.text()).toContain('Fiscal Demo 1')
    expect(wrapper.text()).toContain('Bloqueos superados:')
  })

  it('says when a newer version of the workflow exists, and when the case is not pinned yet', async () => {
    const newer = await showStage(() => ({ body: stageOptions([], { workflow: { key: 'flujo-general', name: 'Flujo general', version: 1, latestVersion: 3, pinned: true } }) }))
    expect(newer.wrapper.text()).toContain('la versión vigente es la 3')
    expect(newer.wrapper.text()).toContain('Desde esta etapa el flujo no prevé otras etapas.')
    const unpinned = await showStage(() => ({ body: stageOptions([], { workflow: { key: 'flujo-general', name: 'Flujo general', version: 3, latestVersion: 3, pinned: false } }) }))
    expect(unpinned.wrapper.text()).toContain('quedará fijada en su primer cambio de etapa')
  })

  it('moves the case with a reason: the dialog asks for it, sends it, closes, and tells the page and the screen reader', async () => {
    const { wrapper, server, announcer } = await showStage((request) =>
      request.method === 'POST'
        ? { status: 201, body: { data: { from: 'intake', stage: 'investigation', movedAt: '2026-03-14T16:00:00.000Z', workflow: { key: 'flujo-general', version: 2 }, overridden: [] } } }
        : { body: stageOptions([TO_INVESTIGATION]) },
    )
    await getButton(wrapper, 'Pasar a «Investigación preliminar»').trigger('click')
    await flushPromises()
    const dialog = wrapper.get('[role="dialog"]')
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(dialog.get('h2').text()).toBe('Pasar el caso a «Investigación preliminar»')
    expect(document.activeElement?.id).toBe('move-reason')
    // No override box on an allowed move.
    expect(dialog.find('input[type="checkbox"]').exists()).toBe(false)

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#move-reason-error').text()).toContain('Indique por qué cambia la etapa del caso (al menos 5 caracteres).')
    expect(posts(server.requests)).toHaveLength(0)

    await typeReason(wrapper, '  Hay indicios suficientes.  ')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(posts(server.requests).map((request) => request.body)).toEqual([{ to: 'investigation', reason: 'Hay indicios suficientes.' }])
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
    expect(wrapper.emitted('moved')?.[0]?.[0]).toMatchObject({ stage: 'investigation' })
    await flushPromises()
    expect(announcer.message).toBe('El caso pasó a la etapa «Investigación preliminar».')
  })

  it('records how the stage ends when the server offers outcomes, and puts its word on the outcome next to the box', async () => {
    let refuse = true
    const outcomes = [{ code: 'acusacion', label: 'Acusación' }, { code: 'archivo-provisional', label: 'Archivo provisional' }]
    const { wrapper, server } = await showStage((request) => {
      if (request.method !== 'POST') return { body: stageOptions([TO_INVESTIGATION], { outcomes }) }
      if (refuse) {
        refuse = false
        return { status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: 'x', details: { errors: [{ path: ['outcome'], message: '«archivo-provisional» no es un resultado de la etapa actual del caso.' }] } } } }
      }
      return { status: 201, body: { data: { from: 'conclusive-act', stage: 'closed', movedAt: '2026-03-14T16:00:00.000Z', workflow: { key: 'flujo-general', version: 2 }, overridden: [] } } }
    })
    await getButton(wrapper, 'Pasar a «Investigación preliminar»').trigger('click')
    await flushPromises()
    const select = wrapper.get<HTMLSelectElement>('#move-outcome')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Sin resultado que registrar', 'Acusación', 'Archivo provisional'])
    await select.setValue('archivo-provisional')
    await typeReason(wrapper, 'Archivo provisional por falta de pruebas.')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#move-outcome-error').text()).toContain('no es un resultado de la etapa actual')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(posts(server.requests).map((request) => request.body)).toEqual([
      { to: 'investigation', reason: 'Archivo provisional por falta de pruebas.', outcome: 'archivo-provisional' },
      { to: 'investigation', reason: 'Archivo provisional por falta de pruebas.', outcome: 'archivo-provisional' },
    ])
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
  })

  it('a refusal (409) lists the server’s reasons in the dialog, which stays open', async () => {
    const { wrapper } = await showStage((request) =>
      request.method === 'POST'
        ? { status: 409, body: { data: null, error: { status: 409, name: 'ConflictError', message: 'No se puede mover el caso: Falta completar el paso «intake-register» del protocolo.', details: { reasons: [STEP_NOT_DONE] } } } }
        : { body: stageOptions([TO_INVESTIGATION]) },
    )
    await getButton(wrapper, 'Pasar a «Investigación preliminar»').trigger('click')
    await typeReason(wrapper, 'Hay indicios suficientes.')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const alert = wrapper.get('[role="dialog"] [role="alert"]')
    expect(alert.text()).toContain('No se pudo mover el caso:')
    expect(alert.text()).toContain('Falta completar el paso «intake-register» del protocolo.')
    expect(document.activeElement).toBe(alert.element)
    expect(wrapper.emitted('moved')).toBeUndefined()
  })

  it('the server’s word on the reason stands next to the field; Escape cancels and gives the focus back', async () => {
    const { wrapper } = await showStage((request) =>
      request.method === 'POST'
        ? { status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: 'x', details: { errors: [{ path: ['reason'], message: 'Indique en «reason» por qué se mueve el caso.' }] } } } }
        : { body: stageOptions([TO_INVESTIGATION]) },
    )
    const opener = getButton(wrapper, 'Pasar a «Investigación preliminar»')
    ;(opener.element as HTMLButtonElement).focus()
    await opener.trigger('click')
    await typeReason(wrapper, 'Motivo válido.')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#move-reason-error').text()).toContain('Indique en «reason» por qué se mueve el caso.')
    expect(wrapper.get('#move-reason').attributes('aria-invalid')).toBe('true')
    await wrapper.get('[role="dialog"]').trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
    expect(document.activeElement?.textContent).toContain('Pasar a «Investigación preliminar»')
  })

  it('the chief prosecutor may pass a block: the box must be ticked and the reason be at least 20 characters', async () => {
    const blocked = { to: 'investigation', label: 'Investigación preliminar', allowed: false, canOverride: true, reasons: [STEP_NOT_DONE] }
    const { wrapper, server } = await showStage(
      (request) =>
        request.method === 'POST'
          ? { status: 201, body: { data: { from: 'intake', stage: 'investigation', movedAt: '2026-03-14T16:00:00.000Z', workflow: { key: 'flujo-general', version: 2 }, overridden: [STEP_NOT_DONE] } } }
          : { body: stageOptions([blocked]) },
      CHIEF,
    )
    expect(wrapper.get('.blocked-step').text()).toContain('Falta completar el paso «intake-register» del protocolo.')
    await getButton(wrapper, 'Pasar a «Investigación preliminar» por encima del bloqueo').trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="dialog"]').text()).toContain('Este cambio está bloqueado:')

    await typeReason(wrapper, 'Urgencia.')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#move-override-error').text()).toContain('Marque «Pasar por encima del bloqueo»')
    expect(posts(server.requests)).toHaveLength(0)

    await wrapper.get('input[type="checkbox"]').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('#move-reason-error').text()).toContain('Para pasar por encima de un bloqueo, escriba al menos 20 caracteres.')
    expect(posts(server.requests)).toHaveLength(0)

    await typeReason(wrapper, 'Víctima en riesgo inminente; el registro se completa hoy.')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(posts(server.requests).map((request) => request.body)).toEqual([
      { to: 'investigation', reason: 'Víctima en riesgo inminente; el registro se completa hoy.', override: true },
    ])
    expect(wrapper.emitted('moved')).toHaveLength(1)
  })

  it('tells the page whether the caller may change the case, from the server’s reasons', async () => {
    const cannot = { ...TO_INVESTIGATION, allowed: false, reasons: [{ code: 'cannot-edit-case', params: {}, overridable: false, message: 'Solo el procurador(a) titular y los fiscales del equipo del caso pueden cambiar su etapa.' }] }
    const { wrapper } = await showStage(() => ({ body: stageOptions([cannot]) }))
    expect(wrapper.emitted('editable')?.at(-1)).toEqual([false])
    expect(wrapper.findAll('button').filter((button) => button.text().startsWith('Pasar a'))).toHaveLength(0)
  })

  it('is absent for whom the server refuses it, and offers to retry when it cannot be reached', async () => {
    const refused = await showStage(() => ({ status: 403, body: { data: null, error: { status: 403, message: 'x' } } }))
    expect(refused.wrapper.find('section').exists()).toBe(false)
    const down = await showStage(() => 'network-down')
    expect(down.wrapper.get('[role="alert"]').text()).toContain('No se pudo conectar')
    expect(getButton(down.wrapper, 'Reintentar').exists()).toBe(true)
  })
})
