import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import AddPersonForm from './AddPersonForm.vue'
import { i18n, setLanguage } from '../../i18n'
import { CODE_LISTS_BODY, fakeServer, signInForTest, getButton, getControl, type FakeRoute } from '../../test-support'
import { IDENTITY } from './test-fixtures'

const PARTIES = '/api/cases/doc-a/parties'
const DUPLICATE = {
  status: 409,
  body: {
    data: null,
    error: {
      status: 409,
      name: 'PossibleDuplicate',
      message: 'Puede que esta persona ya esté registrada.',
      details: { matches: [{ code: 'V-ABCDE', reasons: ['document'] }, { code: 'T-FGHJK', reasons: ['name-year'] }] },
    },
  },
}
const CREATED = { status: 201, body: { data: { party: 'party-9', person: { code: 'V-NEW22', documentId: 'person-9' } } } }
const mounted: VueWrapper[] = []

async function showForm(answer: FakeRoute) {
  const server = fakeServer({ '/api/code-lists': () => ({ body: CODE_LISTS_BODY }), [PARTIES]: answer })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const wrapper = mount(AddPersonForm, { props: { caseId: 'doc-a' }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  const sent = () => server.requests.filter((request) => request.method === 'POST').map((request) => (request.body as { data: unknown }).data)
  return { wrapper, sent }
}

/** A new adult victim with an identity: a name and a cédula. */
async function fillVictimWithIdentity(wrapper: VueWrapper) {
  await getControl(wrapper, 'Rol en el caso').setValue('victim-adult')
  await getControl(wrapper, 'Sexo').setValue('f')
  await getControl(wrapper, 'Año de nacimiento').setValue('1994')
  await getControl(wrapper, 'Registrar ahora la identidad').setValue(true)
  await getControl(wrapper, 'Nombres').setValue(IDENTITY.givenNames!)
  await getControl(wrapper, 'Apellidos').setValue(IDENTITY.familyNames!)
  await getButton(wrapper, 'Añadir documento').trigger('click')
  await getControl(wrapper, 'Tipo de documento').setValue('cedula')
  await getControl(wrapper, 'Número').setValue(IDENTITY.documents[0]!.number)
  await getControl(wrapper, 'País emisor').setValue('do')
}

const NEW_VICTIM = {
  role: 'victim-adult',
  person: { sex: 'f', birthYear: 1994 },
  identity: {
    givenNames: IDENTITY.givenNames,
    familyNames: IDENTITY.familyNames,
    aliases: [],
    documents: IDENTITY.documents,
    dateOfBirth: null,
    phones: [],
    email: null,
    addresses: [],
    nextOfKin: [],
  },
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('"Añadir persona"', () => {
  it('starts on its heading and asks for the role before sending anything', async () => {
    const { wrapper, sent } = await showForm(() => CREATED)
    expect(document.activeElement?.id).toBe('add-person-heading')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(sent()).toEqual([])
    const role = getControl(wrapper, 'Rol en el caso')
    expect(role.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(role.element)
    expect(wrapper.text()).toContain('Elija una opción de la lista.')
  })

  it('adds a new victim with an identity and says which code the person got', async () => {
    const { wrapper, sent } = await showForm(() => CREATED)
    await fillVictimWithIdentity(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(sent()).toEqual([NEW_VICTIM])
    expect(wrapper.emitted('added')).toEqual([['V-NEW22']])
  })

  it('adds a person already on record by code, without person details or identity', async () => {
    const { wrapper, sent } = await showForm(() => CREATED)
    await getControl(wrapper, 'Rol en el caso').setValue('witness')
    await wrapper.findAll<HTMLInputElement>('input[type="radio"]').find((radio) => radio.element.value === 'existing')!.setValue(true)
    await getControl(wrapper, 'Código de la persona').setValue(' v-abcde ')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(sent()).toEqual([{ role: 'witness', existingPerson: 'V-ABCDE' }])
  })

  it('a possible duplicate shows the codes only; "Usar persona existente" sends that code instead of the new person', async () => {
    let answer: ReturnType<FakeRoute> = DUPLICATE
    const { wrapper, sent } = await showForm(() => answer)
    await fillVictimWithIdentity(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const warning = wrapper.get('.duplicates')
    expect(warning.text()).toContain('Puede que esta persona ya esté registrada')
    expect(warning.text()).toContain('V-ABCDE: mismo número de documento')
    expect(warning.text()).toContain('T-FGHJK: mismo nombre y año de nacimiento')
    expect(warning.text()).not.toContain(IDENTITY.givenNames!)
    expect(document.activeElement?.id).toBe('add-person-duplicates-heading')
    expect(wrapper.emitted('added')).toBeUndefined()

    answer = CREATED
    await getButton(wrapper, 'Usar persona existente V-ABCDE').trigger('click')
    await flushPromises()
    expect(sent()).toEqual([NEW_VICTIM, { role: 'victim-adult', existingPerson: 'V-ABCDE' }])
    expect(wrapper.emitted('added')).toHaveLength(1)
  })

  it('"Es otra persona" sends the same request again, acknowledging the possible duplicates', async () => {
    let answer: ReturnType<FakeRoute> = DUPLICATE
    const { wrapper, sent } = await showForm(() => answer)
    await fillVictimWithIdentity(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    answer = CREATED
    await getButton(wrapper, 'Es otra persona').trigger('click')
    await flushPromises()
    expect(sent()).toEqual([NEW_VICTIM, { ...NEW_VICTIM, acknowledgeDuplicates: true }])
    expect(wrapper.emitted('added')).toEqual([['V-NEW22']])
  })

  it('changing the form after a warning withdraws it: the server must look again', async () => {
    const { wrapper } = await showForm(() => DUPLICATE)
    await fillVictimWithIdentity(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('.duplicates').exists()).toBe(true)
    await getControl(wrapper, 'Número').setValue('000-0000009-9')
    expect(wrapper.find('.duplicates').exists()).toBe(false)
  })

  it('places the server’s field errors next to their fields and a refusal of the team role on top', async () => {
    let answer: ReturnType<FakeRoute> = {
      status: 400,
      body: { data: null, error: { status: 400, name: 'ValidationError', message: 'Hay 1 campo con errores.', details: { errors: [{ path: ['identity', 'documents', '0', 'number'], message: 'Debe ser un texto de hasta 40 caracteres.' }] } } },
    }
    const { wrapper } = await showForm(() => answer)
    await fillVictimWithIdentity(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const number = getControl(wrapper, 'Número')
    expect(number.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(number.element)

    const refusal = 'Solo el fiscal del caso o el oficial de atención a víctimas del equipo pueden añadir personas al caso.'
    answer = { status: 403, body: { data: null, error: { status: 403, name: 'PolicyError', message: refusal } } }
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toBe(refusal)
  })
})
