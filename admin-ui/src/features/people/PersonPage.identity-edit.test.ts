import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { setLanguage } from '../../i18n'
import { getButton, getControl, type FakeRoute } from '../../test-support'
import { CODE, IDENTITY, personProfile, showPersonPage, unmountPersonPages } from './test-fixtures'

async function showPerson(save: FakeRoute, profile = personProfile()) {
  const shown = await showPersonPage({ identity: save, profile: () => ({ body: { data: profile } }) })
  return { ...shown, saved: () => shown.sent('PUT') }
}

async function openForEditing(wrapper: VueWrapper) {
  await getButton(wrapper, 'Editar identidad').trigger('click')
  await flushPromises()
  const reason = document.querySelector<HTMLTextAreaElement>('[role="dialog"] textarea')!
  reason.value = 'Corregir el número de cédula mal escrito.'
  reason.dispatchEvent(new Event('input'))
  await wrapper.get('[role="dialog"] form').trigger('submit')
  await flushPromises()
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  unmountPersonPages()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('"Editar identidad"', () => {
  it('opens the identity with a reason, fills the form with it, saves the correction and shows possible duplicates by code only', async () => {
    const { wrapper, saved, store } = await showPerson(() => ({ body: { data: { code: CODE, saved: true, possibleDuplicates: [{ code: 'V-ABCDE', reasons: ['document'] }] } } }))
    await openForEditing(wrapper)
    expect(document.activeElement?.id).toBe('identity-form-heading')
    expect(wrapper.get('#identity-form-heading').text()).toBe(`Editar identidad de ${CODE}`)
    expect(getControl(wrapper, 'Nombres').element.value).toBe('Yokasta')
    expect(getControl(wrapper, 'Fecha de nacimiento').element.value).toBe('17/05/1994')
    expect(getControl(wrapper, 'Número', '.row-group').element.value).toBe('000-0000001-1')
    expect(getControl(wrapper, 'Alias 1').element.value).toBe('La Flaca')
    expect(getControl(wrapper, 'Nombres').attributes('autocomplete')).toBe('off')

    await getControl(wrapper, 'Número', '.row-group').setValue('000-0000001-2')
    await getButton(wrapper, 'Guardar identidad').trigger('click')
    await flushPromises()
    expect(saved()).toHaveLength(1)
    expect(saved()[0]?.body).toEqual({ identity: { ...IDENTITY, documents: [{ kind: 'cedula', number: '000-0000001-2', country: 'do' }] } })
    expect(wrapper.find('.identity-form').exists()).toBe(false)
    expect(store.editing).toBeNull()
    expect(wrapper.text()).toContain('Identidad guardada.')
    const warning = wrapper.get('.alert-warning')
    expect(warning.text()).toContain('Posibles duplicados')
    expect(warning.text()).toContain('V-ABCDE: mismo número de documento')
    expect(warning.get('a').attributes('href')).toBe('/personas/V-ABCDE')
    expect(wrapper.text()).not.toContain('Yokasta')
  })

  it('places the server’s errors next to the box of the row they name, and the rest on top', async () => {
    const message = 'Debe ser un texto de hasta 40 caracteres.'
    const { wrapper } = await showPerson(() => ({
      status: 400,
      body: {
        data: null,
        error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path: ['identity', 'documents', '0', 'number'], message }, { path: ['identity', 'photo'], message: 'Campo desconocido en la identidad: photo.' }] } },
      },
    }))
    await openForEditing(wrapper)
    await wrapper.get('.identity-form form').trigger('submit')
    await flushPromises()
    const number = getControl(wrapper, 'Número', '.row-group')
    expect(number.attributes('aria-invalid')).toBe('true')
    expect(document.getElementById(number.attributes('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(message)
    expect(document.activeElement).toBe(number.element)
    expect(wrapper.get('.identity-form [role="alert"]').text()).toBe('Campo desconocido en la identidad: photo.')
    // Typing in the box clears the server's word on it.
    await number.setValue('000-0000001-3')
    expect(number.attributes('aria-invalid')).toBeUndefined()
  })

  it('refuses an incomplete document row before sending, and drops rows left blank', async () => {
    const { wrapper, saved } = await showPerson(() => ({ body: { data: { code: CODE, saved: true, possibleDuplicates: [] } } }))
    await openForEditing(wrapper)
    await getButton(wrapper, 'Añadir teléfono').trigger('click')
    expect(document.activeElement).toBe(getControl(wrapper, 'Teléfono 2').element)
    await getButton(wrapper, 'Añadir documento').trigger('click')
    await getControl(wrapper, 'Número', '.row-group:nth-of-type(2)').setValue('FX1234567')
    await wrapper.get('.identity-form form').trigger('submit')
    await flushPromises()
    expect(saved()).toEqual([])
    expect(wrapper.findAll('label').some((label) => label.text() === 'Teléfono 2')).toBe(false)
    const kind = getControl(wrapper, 'Tipo de documento', '.row-group:nth-of-type(2)')
    expect(kind.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(kind.element)
    expect(wrapper.text()).toContain('Elija una opción de la lista.')

    await getButton(wrapper, 'Quitar documento 2').trigger('click')
    expect(document.activeElement?.id).toBe('identity-add-documents')
    await wrapper.get('.identity-form form').trigger('submit')
    await flushPromises()
    expect(saved()).toHaveLength(1)
  })

  it('"Registrar identidad" opens an empty form without a reason when none is recorded; "Cancelar" drops it', async () => {
    const { wrapper, server, store } = await showPerson(() => ({ status: 500 }), personProfile({ identity: { recorded: false, canReveal: true, canEdit: true } }))
    expect(wrapper.text()).toContain('Esta persona no tiene identidad registrada.')
    expect(wrapper.findAll('button').map((item) => item.text())).not.toContain('Ver identidad')
    await getButton(wrapper, 'Registrar identidad').trigger('click')
    await flushPromises()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(server.requests.some((request) => request.url.pathname.endsWith('/reveal'))).toBe(false)
    expect(wrapper.get('#identity-form-heading').text()).toBe(`Registrar identidad de ${CODE}`)
    await getControl(wrapper, 'Nombres').setValue('Rosa')
    await getButton(wrapper, 'Cancelar').trigger('click')
    await flushPromises()
    expect(store.editing).toBeNull()
    expect(document.activeElement?.textContent?.trim()).toBe('Registrar identidad')
  })
})
