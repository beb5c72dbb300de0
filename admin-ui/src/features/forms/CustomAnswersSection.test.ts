import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import CustomAnswersSection from './CustomAnswersSection.vue'
import { i18n, setLanguage } from '../../i18n'
import { ApiError } from '../../api/http'
import { fakeServer, getButton, getControl, signInForTest } from '../../test-support'
import { forgetForms, type FormFieldDef, type PublishedForm } from './forms-api'

const f = (key: string, type: FormFieldDef['type'], labelEs: string, extra: Partial<FormFieldDef> = {}): FormFieldDef => ({ key, type, labelEs, labelEn: labelEs, ...extra })
const LISTS = { signs: [{ code: 'lock', labelEs: 'Encierro', labelEn: 'Confinement', active: true, sortOrder: 1 }, { code: 'debt', labelEs: 'Deudas', labelEn: 'Debts', active: false, sortOrder: 2 }] }

const V1: PublishedForm = {
  target: 'case', version: 1, codeLists: LISTS,
  definition: { key: 'extra', target: 'case', version: 1, sections: [{ key: 'main', titleEs: 'Principal', titleEn: 'Main', fields: [
    f('minor', 'yes-no', 'Hay menores (v1)'),
    f('signs', 'multiple-choice', 'Señales', { codeList: 'signs' }),
    f('nickname', 'short-text', 'Apodo del captador'),
  ] }] },
}
const V2: PublishedForm = {
  target: 'case', version: 2, codeLists: LISTS, retired: [V1.definition.sections[0]!.fields[2]!],
  definition: { key: 'extra', target: 'case', version: 2, sections: [{ key: 'main', titleEs: 'Principal', titleEn: 'Main', fields: [
    f('minor', 'yes-no', 'Hay víctimas menores'),
    f('school', 'short-text', 'Escuela notificada', { required: true, showWhen: { field: 'minor', in: [true] } }),
    f('signs', 'multiple-choice', 'Señales', { codeList: 'signs' }),
  ] }] },
}

const mounted: VueWrapper[] = []
async function show(props: Partial<{ answers: Record<string, unknown>; savedVersion: number | null; canEdit: boolean; save: (c: Record<string, unknown>) => Promise<void> }> = {}) {
  const server = fakeServer({ '/api/forms/case/versions/1': () => ({ body: { data: V1 } }), '/api/forms/case': () => ({ body: { data: V2, meta: { versions: [1, 2] } } }) })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const save = props.save ?? vi.fn(async () => undefined)
  const wrapper = mount(CustomAnswersSection, {
    props: { target: 'case', recordId: 'doc-1', answers: props.answers ?? { minor: false, signs: ['lock', 'debt'], nickname: 'El Flaco (ficticio)' }, savedVersion: props.savedVersion === undefined ? 1 : props.savedVersion, canEdit: props.canEdit ?? true, save },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, save, server }
}

beforeEach(() => {
  setLanguage('es')
  sessionStorage.clear()
  forgetForms()
})
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  vi.unstubAllGlobals()
})

async function openEditor(wrapper: VueWrapper) {
  await getButton(wrapper, 'Editar').trigger('click')
  await vi.dynamicImportSettled()
  await flushPromises()
}

const facts = (wrapper: VueWrapper) => wrapper.findAll('.fact').map((fact) => [fact.get('dt').text(), fact.get('dd').text()])

describe('Datos adicionales', () => {
  it('shows a record’s answers with the labels of the version it was saved under, inactive codes marked', async () => {
    const { wrapper } = await show()
    expect(wrapper.get('h2').text()).toBe('Datos adicionales')
    expect(wrapper.text()).toContain('Guardado con la versión 1 del formulario')
    expect(facts(wrapper)).toEqual([['Hay menores (v1)', 'No'], ['Señales', 'Encierro, Deudas (valor inactivo)'], ['Apodo del captador', 'El Flaco (ficticio)']])
  })

  it('shows nothing when no form exists and the record holds no answers', async () => {
    const server = fakeServer({ '/api/forms/case': () => ({ body: { data: null, meta: { versions: [] } } }) })
    vi.stubGlobal('fetch', server.fetch)
    const pinia = createPinia()
    signInForTest(pinia)
    const wrapper = mount(CustomAnswersSection, { props: { target: 'case', recordId: 'd', answers: null, savedVersion: null, canEdit: true, save: async () => undefined }, global: { plugins: [pinia, i18n] } })
    mounted.push(wrapper)
    await flushPromises()
    expect(wrapper.find('section').exists()).toBe(false)
  })

  it('has no Editar for someone who may not change the record', async () => {
    const { wrapper } = await show({ canEdit: false })
    expect(wrapper.findAll('button').map((b) => b.text())).not.toContain('Editar')
  })

  it('edits with the version in force: a condition shows its field as the user answers, retired answers stay read-only', async () => {
    const { wrapper, save } = await show()
    await openEditor(wrapper)
    expect(wrapper.find('[data-field="custom.school"]').exists()).toBe(false)
    await getControl(wrapper, 'Hay víctimas menores').setValue('true')
    expect(wrapper.find('[data-field="custom.school"]').exists()).toBe(true)
    await getControl(wrapper, 'Escuela notificada').setValue('Escuela ficticia')
    expect(wrapper.text()).toContain('Campos retirados del formulario (solo lectura)')
    expect(wrapper.text()).toContain('El Flaco (ficticio)')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(save).toHaveBeenCalledWith({ minor: true, school: 'Escuela ficticia', signs: ['lock', 'debt'] })
    expect(wrapper.find('form').exists()).toBe(false)
    expect(wrapper.text()).toContain('Datos adicionales guardados.')
  })

  it('puts the server’s message next to its field', async () => {
    const save = vi.fn(async () => {
      throw new ApiError(400, 'Hay 1 respuesta con errores.', [{ path: ['custom', 'school'], message: '«Escuela notificada» es obligatorio.' }])
    })
    const { wrapper } = await show({ save })
    await openEditor(wrapper)
    await getControl(wrapper, 'Hay víctimas menores').setValue('true')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-field="custom.school"] .error').text()).toBe('«Escuela notificada» es obligatorio.')
    expect(wrapper.find('form').exists()).toBe(true)
  })

  it('keeps a draft of unsaved answers in the tab, and gives it back after a reload', async () => {
    const first = await show()
    await openEditor(first.wrapper)
    await getControl(first.wrapper, 'Hay víctimas menores').setValue('true')
    await flushPromises()
    first.wrapper.unmount()
    mounted.splice(0)
    const second = await show()
    await openEditor(second.wrapper)
    expect(second.wrapper.text()).toContain('Se recuperó un borrador sin guardar')
    expect((getControl(second.wrapper, 'Hay víctimas menores').element as HTMLSelectElement).value).toBe('true')
  })
})
