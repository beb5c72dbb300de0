import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import FormPreviewPage from './FormPreviewPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { configureHttp } from '../../api/http'
import { fakeServer, getControl, type FakeRoute } from '../../test-support'

const DRAFT = {
  target: 'victim-profile', version: 3, name: 'Datos adicionales de la víctima',
  codeLists: {},
  definition: { key: 'extra', target: 'victim-profile', version: 3, sections: [{ key: 'main', titleEs: 'Principal', titleEn: 'Main', fields: [
    { key: 'minor', type: 'yes-no', labelEs: 'Hay víctimas menores', labelEn: 'Child victims' },
    { key: 'school', type: 'short-text', labelEs: 'Escuela notificada', labelEn: 'School', required: true, showWhen: { field: 'minor', in: [true] } },
  ] }] },
}

const mounted: VueWrapper[] = []
async function show(preview: FakeRoute, check: FakeRoute = () => ({ body: { data: { ok: true, message: 'Las respuestas cumplen el formulario.' } } })) {
  const server = fakeServer({ '/api/forms/preview/check': check, '/api/forms/preview': preview })
  vi.stubGlobal('fetch', server.fetch)
  configureHttp({ getToken: () => null, getLanguage: () => 'es-DO', renewToken: async () => 'ended' })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/vista-previa/formulario', component: FormPreviewPage }] })
  await router.push('/vista-previa/formulario?token=abc.123.sig')
  const wrapper = mount(FormPreviewPage, { global: { plugins: [createPinia(), i18n, router] } })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server }
}

beforeEach(() => {
  setLanguage('es')
  sessionStorage.clear()
})
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  vi.unstubAllGlobals()
})

describe('the preview of a draft form', () => {
  it('draws the draft with its conditions, says nothing is saved, and asks the server to check the answers', async () => {
    const { wrapper, server } = await show(() => ({ body: { data: DRAFT } }))
    expect(server.requests[0]!.url.searchParams.get('token')).toBe('abc.123.sig')
    expect(wrapper.text()).toContain('Nada de lo que escriba aquí se guarda')
    expect(wrapper.get('h1').text()).toBe('Datos adicionales de la víctima')
    expect(wrapper.find('[data-field="custom.school"]').exists()).toBe(false)
    await getControl(wrapper, 'Hay víctimas menores').setValue('true')
    expect(wrapper.find('[data-field="custom.school"]').exists()).toBe(true)
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['Comprobar respuestas'])
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    const check = server.requests.find((r) => r.url.pathname === '/api/forms/preview/check')!
    expect(check.method).toBe('POST')
    expect(check.body).toEqual({ data: { custom: { minor: true } } })
    expect(wrapper.text()).toContain('Las respuestas cumplen el formulario.')
  })

  it('shows the server’s check next to the field', async () => {
    const { wrapper } = await show(() => ({ body: { data: DRAFT } }), () => ({ status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message: '«Escuela notificada» es obligatorio.', details: { errors: [{ path: ['custom', 'school'], message: '«Escuela notificada» es obligatorio.' }] } } } }))
    await getControl(wrapper, 'Hay víctimas menores').setValue('true')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-field="custom.school"] .error').text()).toBe('«Escuela notificada» es obligatorio.')
  })

  it('says when the link is no longer valid', async () => {
    const { wrapper } = await show(() => ({ status: 404, body: { data: null, error: { status: 404, name: 'NotFoundError', message: 'Este enlace de vista previa ya no vale: ábralo otra vez desde el panel de administración.' } } }))
    expect(wrapper.get('[role="alert"]').text()).toContain('ya no vale')
  })
})
