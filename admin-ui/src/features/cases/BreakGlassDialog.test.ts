import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import BreakGlassDialog from './BreakGlassDialog.vue'
import { i18n, setLanguage } from '../../i18n'
import { fakeServer, signInForTest, type FakeRoute } from '../../test-support'
import type { Me } from '../../stores/session'

const CHIEF: Me = {
  id: 1,
  username: 'titular.demo',
  role: 'chief-prosecutor',
  roleName: 'Procurador(a) adjunto(a) / Titular',
  can: { createCase: true, seeAllCases: true },
}
const GOOD_REASON = 'Operativo en curso: riesgo inminente para víctimas menores.'
const mounted: VueWrapper[] = []

function showDialog(answer: FakeRoute) {
  const server = fakeServer({ '/api/access/break-glass': answer })
  vi.stubGlobal('fetch', server.fetch)
  signInForTest(createPinia(), CHIEF)
  const wrapper = mount(BreakGlassDialog, { props: { caseId: 'doc-a' }, global: { plugins: [i18n] }, attachTo: document.body })
  mounted.push(wrapper)
  return { wrapper, server }
}

function button(wrapper: VueWrapper, name: string) {
  const found = wrapper.findAll('button').find((candidate) => candidate.text() === name)
  if (!found) throw new Error(`no button «${name}»`)
  return found
}

function reasonField(wrapper: VueWrapper) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === 'Motivo')
  if (!label) throw new Error('no label «Motivo»')
  return wrapper.get<HTMLTextAreaElement>(`#${label.attributes('for')}`)
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the emergency-access dialog', () => {
  it('is a labelled modal dialog that explains itself and starts on "Motivo"', async () => {
    const { wrapper } = showDialog(() => ({ status: 201, body: { data: { case: 'doc-a', expiresAt: '2099-03-16T14:30:00.000Z' } } }))
    await flushPromises()
    const dialog = wrapper.get('[role="dialog"]')
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(document.getElementById(dialog.attributes('aria-labelledby')!)?.textContent).toBe('Acceso excepcional')
    expect(document.getElementById(dialog.attributes('aria-describedby')!)?.textContent).toBe(
      'Quedará registrado, el equipo del caso podrá verlo y vence en 24 horas.',
    )
    expect(document.activeElement).toBe(reasonField(wrapper).element)
    expect(reasonField(wrapper).attributes('required')).toBeDefined()
    expect(wrapper.text()).toContain('obligatorio')
    expect(wrapper.text()).toContain('0 de 1,000 caracteres')
  })

  it('a reason shorter than 20 characters blocks "Confirmar acceso" and says how to fix it next to the field', async () => {
    const { wrapper, server } = showDialog(() => ({ status: 201, body: { data: { case: 'doc-a', expiresAt: '2099-03-16T14:30:00.000Z' } } }))
    await reasonField(wrapper).setValue('Urgente')
    expect(wrapper.text()).toContain('7 de 1,000 caracteres')
    await button(wrapper, 'Confirmar acceso').trigger('click')
    await flushPromises()
    expect(server.requests.filter((request) => request.method === 'POST')).toEqual([])
    const field = reasonField(wrapper)
    expect(field.attributes('aria-invalid')).toBe('true')
    const errorId = field.attributes('aria-describedby')!.split(' ')[0]!
    expect(document.getElementById(errorId)?.textContent).toBe('Escriba al menos 20 caracteres.')
    expect(document.activeElement).toBe(field.element)
    expect(wrapper.emitted('granted')).toBeUndefined()
  })

  it('an empty reason asks for one', async () => {
    const { wrapper, server } = showDialog(() => ({ status: 201 }))
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(server.requests).toEqual([])
    expect(wrapper.text()).toContain('Escriba el motivo del acceso excepcional, con al menos 20 caracteres.')
  })

  it('sends the trimmed reason for this case and reports until when the access lasts', async () => {
    const { wrapper, server } = showDialog(() => ({ status: 201, body: { data: { case: 'doc-a', expiresAt: '2099-03-16T14:30:00.000Z' } } }))
    await reasonField(wrapper).setValue(`  ${GOOD_REASON}  `)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const posted = server.requests.find((request) => request.method === 'POST')
    expect(posted?.url.pathname).toBe('/api/access/break-glass')
    expect(posted?.body).toEqual({ case: 'doc-a', reason: GOOD_REASON })
    expect(wrapper.emitted('granted')).toEqual([['2099-03-16T14:30:00.000Z']])
  })

  it('places the server refusal of the reason next to "Motivo" and keeps the dialog open', async () => {
    const message = 'Indique el motivo del acceso excepcional (de 20 a 1000 caracteres).'
    const { wrapper } = showDialog(() => ({
      status: 400,
      body: { data: null, error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path: ['reason'], message }] } } },
    }))
    await reasonField(wrapper).setValue(GOOD_REASON)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const field = reasonField(wrapper)
    expect(field.attributes('aria-invalid')).toBe('true')
    const errorId = field.attributes('aria-describedby')!.split(' ')[0]!
    expect(document.getElementById(errorId)?.textContent).toBe(message)
    expect(wrapper.get('[role="alert"]').text()).toBe('')
    expect(document.activeElement).toBe(field.element)
    expect(wrapper.emitted('granted')).toBeUndefined()
    // Typing again clears the server's message.
    await field.setValue(`${GOOD_REASON} Más detalle.`)
    expect(wrapper.text()).not.toContain(message)
  })

  it('a refusal that is not about the reason shows in the dialog alert', async () => {
    const message = 'Solo el procurador(a) titular puede pedir acceso excepcional.'
    const { wrapper } = showDialog(() => ({ status: 403, body: { data: null, error: { status: 403, name: 'PolicyError', message } } }))
    await reasonField(wrapper).setValue(GOOD_REASON)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const alert = wrapper.get('[role="alert"]')
    expect(alert.text()).toBe(message)
    expect(document.activeElement).toBe(alert.element)
  })

  it('a network failure says so and lets the user try again', async () => {
    const { wrapper } = showDialog(() => 'network-down')
    await reasonField(wrapper).setValue(GOOD_REASON)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('No se pudo conectar con el servidor.')
    expect(button(wrapper, 'Confirmar acceso').attributes('disabled')).toBeUndefined()
  })

  it('Escape and "Cancelar" cancel', async () => {
    const { wrapper } = showDialog(() => ({ status: 201 }))
    await reasonField(wrapper).trigger('keydown', { key: 'Escape' })
    expect(wrapper.emitted('cancel')).toHaveLength(1)
    await button(wrapper, 'Cancelar').trigger('click')
    expect(wrapper.emitted('cancel')).toHaveLength(2)
  })

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const { wrapper } = showDialog(() => ({ status: 201 }))
    await flushPromises()
    const cancel = button(wrapper, 'Cancelar')
    ;(cancel.element as HTMLElement).focus()
    await cancel.trigger('keydown', { key: 'Tab' })
    expect(document.activeElement).toBe(reasonField(wrapper).element)
    await reasonField(wrapper).trigger('keydown', { key: 'Tab', shiftKey: true })
    expect(document.activeElement).toBe(cancel.element)
  })

  it('speaks English after switching language', async () => {
    const { wrapper } = showDialog(() => ({ status: 201 }))
    setLanguage('en')
    await flushPromises()
    expect(wrapper.get('h2').text()).toBe('Emergency access')
    expect(wrapper.findAll('label').map((label) => label.text())).toEqual(['Reason'])
    expect(wrapper.findAll('button').map((item) => item.text())).toEqual(['Confirm access', 'Cancel'])
  })
})
