import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import PersonSearchPage from './PersonSearchPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { CODE_LISTS_BODY, PROSECUTOR, fakeServer, signInForTest, getControl, type FakeRoute } from '../../test-support'
import type { Me } from '../../stores/session'
import { routerWith } from './test-fixtures'

const Root = defineComponent({ render: () => h(RouterView) })
const FOUND = [
  { code: 'V-7KQ2M', reasons: ['document'], personKind: 'natural', sex: 'f', nationality: 'do', cases: [{ caseNumber: 'PETT-2025-00042', documentId: 'doc-a', role: 'victim-adult' }] },
]
const mounted: VueWrapper[] = []

async function showSearch(answer: FakeRoute, me: Me = PROSECUTOR) {
  const server = fakeServer({ '/api/code-lists': () => ({ body: CODE_LISTS_BODY }), '/api/people/search': answer })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia, me)
  const router = routerWith('person-search', '/personas/buscar', PersonSearchPage)
  await router.push('/personas/buscar')
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  const searches = () => server.requests.filter((request) => request.url.pathname === '/api/people/search')
  return { wrapper, router, searches }
}

async function searchBy(wrapper: VueWrapper, choice: 'document' | 'name') {
  await wrapper.findAll<HTMLInputElement>('input[type="radio"]').find((radio) => radio.element.value === choice)!.setValue(true)
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('"Buscar persona"', () => {
  it('searches by document number in a POST body, never in the address, and lists codes and cases as links', async () => {
    const { wrapper, router, searches } = await showSearch(() => ({ body: { data: FOUND } }))
    expect(wrapper.get('h1').text()).toBe('Buscar persona')
    expect(document.title).toBe('Buscar persona · PETT')
    await getControl(wrapper, 'Número de documento').setValue('000-0000001-1')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(searches()).toHaveLength(1)
    expect(searches()[0]!.method).toBe('POST')
    expect(searches()[0]!.body).toEqual({ documentNumber: '000-0000001-1' })
    expect(searches()[0]!.url.search).toBe('')
    expect(router.currentRoute.value.fullPath).toBe('/personas/buscar')
    expect(wrapper.text()).toContain('Se encontró 1 persona.')
    const links = wrapper.findAll('tbody a')
    expect(links.map((link) => [link.text(), link.attributes('href')])).toEqual([
      ['V-7KQ2M', '/personas/V-7KQ2M'],
      ['PETT-2025-00042', '/casos/doc-a'],
    ])
    expect(wrapper.get('tbody li').text()).toBe('PETT-2025-00042 como Víctima adulta')
    expect(wrapper.text()).toContain('mismo número de documento')
    expect(getControl(wrapper, 'Número de documento').attributes('autocomplete')).toBe('off')
  })

  it('searches by name, with the year of birth when given, and checks the year before sending', async () => {
    const { wrapper, searches } = await showSearch(() => ({ body: { data: [] } }))
    await searchBy(wrapper, 'name')
    await getControl(wrapper, 'Nombre completo').setValue('  Yokasta Peña  ')
    await getControl(wrapper, 'Año de nacimiento').setValue('94')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(searches()).toEqual([])
    const year = getControl(wrapper, 'Año de nacimiento')
    expect(year.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(year.element)

    await year.setValue('1994')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(searches()[0]!.body).toEqual({ name: 'Yokasta Peña', birthYear: 1994 })
    expect(wrapper.text()).toContain('Ninguna persona coincide.')
  })

  it('an empty search asks for the document number next to its box', async () => {
    const { wrapper, searches } = await showSearch(() => ({ body: { data: [] } }))
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(searches()).toEqual([])
    const number = getControl(wrapper, 'Número de documento')
    expect(number.attributes('aria-invalid')).toBe('true')
    expect(document.getElementById(number.attributes('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('Escriba el número de documento.')
  })

  it('a network failure offers "Reintentar", which sends the same search again', async () => {
    let down = true
    const { wrapper, searches } = await showSearch(() => (down ? 'network-down' : { body: { data: FOUND } }))
    await getControl(wrapper, 'Número de documento').setValue('000-0000001-1')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('No se pudo conectar con el servidor.')
    down = false
    await getControl(wrapper, 'Número de documento').setValue('')
    await wrapper.findAll('button').find((button) => button.text() === 'Reintentar')!.trigger('click')
    await flushPromises()
    expect(searches().map((request) => request.body)).toEqual([{ documentNumber: '000-0000001-1' }, { documentNumber: '000-0000001-1' }])
    expect(wrapper.text()).toContain('V-7KQ2M')
  })

  it('a role that may not search people is told so', async () => {
    const { wrapper } = await showSearch(() => ({ body: { data: [] } }), { ...PROSECUTOR, role: 'statistician', roleName: 'Estadístico(a)' })
    expect(wrapper.text()).toContain('Su rol no permite buscar personas.')
    expect(wrapper.find('form').exists()).toBe(false)
  })
})
