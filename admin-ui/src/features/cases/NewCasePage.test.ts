import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { defineComponent, h } from 'vue'
import NewCasePage from './NewCasePage.vue'
import { i18n, setLanguage } from '../../i18n'
import { CODE_LISTS_BODY, fakeServer, signInForTest, type FakeRoute } from '../../test-support'

const DRAFT_KEY = 'pett.draft.new-case'
const Stub = defineComponent({ render: () => h('p', 'case page') })
const Root = defineComponent({ render: () => h(RouterView) })

async function showForm(create: FakeRoute) {
  const server = fakeServer({
    '/api/code-lists': () => ({ body: CODE_LISTS_BODY }),
    '/api/cases': create,
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/casos', name: 'cases', component: Stub },
      { path: '/casos/nuevo', name: 'case-new', component: NewCasePage },
      { path: '/casos/:documentId', name: 'case', component: Stub },
    ],
  })
  await router.push('/casos/nuevo')
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, server }
}

function byLabel(wrapper: VueWrapper, text: string) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text)
  if (!label) throw new Error(`no label «${text}»`)
  return wrapper.get(`#${label.attributes('for')}`)
}

async function fillValidForm(wrapper: VueWrapper) {
  await byLabel(wrapper, 'Título').setValue('[DEMO] Captación en Bávaro')
  await byLabel(wrapper, 'Tipo de caso').setValue('trata')
  await byLabel(wrapper, 'Origen').setValue('denuncia')
  await byLabel(wrapper, 'Fecha de entrada').setValue('14/03/2025')
  await byLabel(wrapper, 'Provincia').setValue('la-altagracia')
}

beforeEach(() => {
  setLanguage('es')
  sessionStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('Nuevo caso', () => {
  it('marks required fields in words and labels every field', async () => {
    const { wrapper } = await showForm(() => ({ status: 500 }))
    expect(wrapper.get('h1').text()).toBe('Nuevo caso')
    for (const label of ['Título', 'Tipo de caso', 'Origen', 'Fecha de entrada', 'Fecha de los hechos', 'Provincia', 'Municipio', 'Prioridad', 'Riesgo', 'Caso complejo', 'Resumen de los hechos']) {
      expect(byLabel(wrapper, label).element, label).toBeTruthy()
    }
    const titleRow = byLabel(wrapper, 'Título').element.closest('[data-field]')!
    expect(titleRow.textContent).toContain('obligatorio')
  })

  it('on submit, shows each problem next to its field and sends nothing', async () => {
    const { wrapper, server } = await showForm(() => ({ status: 201, body: { data: {} } }))
    await byLabel(wrapper, 'Fecha de entrada').setValue('31/02/2025')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const title = byLabel(wrapper, 'Título')
    expect(title.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get(`#${title.attributes('id')}-error`).text()).toBe('Este campo es obligatorio.')
    expect(wrapper.text()).toContain('Escriba la fecha como dd/mm/aaaa, por ejemplo 14/03/2026.')
    expect(document.activeElement).toBe(title.element)
    expect(server.requests.some((request) => request.method === 'POST')).toBe(false)
  })

  it('keeps a draft in sessionStorage and brings it back', async () => {
    const first = await showForm(() => ({ status: 500 }))
    await byLabel(first.wrapper, 'Título').setValue('Borrador pendiente')
    await flushPromises()
    expect(JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? '{}').title).toBe('Borrador pendiente')
    first.wrapper.unmount()

    const second = await showForm(() => ({ status: 500 }))
    expect((byLabel(second.wrapper, 'Título').element as HTMLInputElement).value).toBe('Borrador pendiente')
    expect(second.wrapper.text()).toContain('Se recuperó el borrador que no se había enviado.')
  })

  it('places the server’s field errors next to their fields', async () => {
    const { wrapper } = await showForm(() => ({
      status: 400,
      body: {
        data: null,
        error: {
          status: 400,
          name: 'ValidationError',
          message: 'Hay errores en el formulario.',
          details: { errors: [{ path: ['province'], message: 'La provincia no existe en la lista.', name: 'ValidationError' }] },
        },
      },
    }))
    await fillValidForm(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const province = byLabel(wrapper, 'Provincia')
    expect(wrapper.get(`#${province.attributes('id')}-error`).text()).toBe('La provincia no existe en la lista.')
    expect(document.activeElement).toBe(province.element)
    expect(sessionStorage.getItem(DRAFT_KEY)).not.toBeNull()
  })

  it('creates the case with ISO dates and no empty optional field, clears the draft and opens the case', async () => {
    const { wrapper, router, server } = await showForm(() => ({
      status: 201,
      body: { data: { documentId: 'new-doc', caseNumber: 'PETT-2025-00301' } },
    }))
    await fillValidForm(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const post = server.requests.find((request) => request.method === 'POST')!
    expect(post.body).toEqual({
      data: {
        title: '[DEMO] Captación en Bávaro',
        caseType: 'trata',
        origin: 'denuncia',
        intakeDate: '2025-03-14',
        province: 'la-altagracia',
        priority: 'medium',
        risk: 'medium',
        isComplex: false,
      },
    })
    expect(router.currentRoute.value.fullPath).toBe('/casos/new-doc')
    expect(sessionStorage.getItem(DRAFT_KEY)).toBeNull()
  })
})
