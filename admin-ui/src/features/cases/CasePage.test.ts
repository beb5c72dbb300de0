import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import CasePage from './CasePage.vue'
import { i18n, setLanguage } from '../../i18n'
import { CODE_LISTS_BODY, fakeServer, signInForTest, type FakeRoute } from '../../test-support'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const Root = defineComponent({ render: () => h(RouterView) })

const CASE = {
  documentId: 'doc-a',
  caseNumber: 'PETT-2025-00042',
  title: '[DEMO] Captación en Santiago',
  caseType: 'trata',
  stage: 'investigation',
  origin: 'denuncia',
  intakeDate: '2025-03-14',
  factsDate: '2025-01-02',
  province: 'santiago',
  municipality: 'Tamboril',
  year: 2025,
  priority: 'high',
  risk: 'high',
  isComplex: false,
  exploitationForms: [],
  palermoActs: [],
  palermoMeans: [],
  smugglingRoute: null,
  summary: 'Hechos de prueba.',
  isDemo: true,
  parties: [
    { documentId: 'p1', role: 'victim-adult', isPublicOfficial: false, person: { documentId: 'x1', code: 'V-7KQ2M', personKind: 'natural' } },
  ],
  agencies: [{ documentId: 'a1', code: 'PN', name: 'Policía Nacional', kind: 'police' }],
}

const TEAM_ACCESS = { canSeePeople: true, canAddPeople: true, canEdit: true, canBreakGlass: false, grants: [] }

/** The workflow sections (stage, checklists, deadlines), the evidence register and the referrals are tested on their own: here the server has none. */
const NO_WORKFLOW: Record<string, FakeRoute> = Object.fromEntries(
  ['transitions', 'moves', 'checklists', 'deadlines', 'evidence', 'referrals'].map((part) => [`/api/cases/doc-a/${part}`, () => ({ status: 404, body: { data: null, error: { status: 404, message: 'Not Found' } } })]),
)

async function showCase(answer: FakeRoute, accessAnswer: FakeRoute = () => ({ body: { data: TEAM_ACCESS } })) {
  const server = fakeServer({
    '/api/code-lists': () => ({ body: CODE_LISTS_BODY }),
    '/api/cases/': answer,
    ...NO_WORKFLOW,
    '/api/cases/doc-a/charges': () => ({ body: { data: [], meta: { mayEdit: true, factsDate: '2025-01-02' } } }),
    '/api/access/cases/': accessAnswer,
    // No form published for cases: "Datos adicionales" stays out of the page.
    '/api/forms/': () => ({ body: { data: null, meta: { versions: [] } } }),
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/casos', name: 'cases', component: Stub },
      { path: '/casos/:documentId', name: 'case', component: CasePage },
      { path: '/personas/:code', name: 'person', component: Stub },
    ],
  })
  await router.push('/casos/doc-a')
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] } })
  mounted.push(wrapper)
  await flushPromises()
  return wrapper
}

const mounted: VueWrapper[] = []

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
})

describe('case page', () => {
  it('shows the header, the summary, the parties by code and the agencies', async () => {
    const wrapper = await showCase(() => ({ body: { data: CASE } }))
    expect(wrapper.get('h1').text()).toContain('PETT-2025-00042')
    expect(wrapper.findAll('h2').map((heading) => heading.text())).toEqual(['Resumen', 'Intervinientes', 'Cargos', 'Instituciones'])
    expect(wrapper.text()).toContain('Trata de personas')
    expect(wrapper.text()).toContain('Etapa procesal: Investigación')
    expect(wrapper.text()).toContain('DEMO')
    expect(wrapper.text()).toContain('14/03/2025')
    expect(wrapper.text()).toContain('Alta')
    expect(wrapper.text()).toContain('V-7KQ2M')
    expect(wrapper.text()).toContain('Policía Nacional')
    expect(document.title).toBe('Caso PETT-2025-00042 · PETT')
  })

  it('asks for the case and its emergency-access status together', async () => {
    let accessAsked = ''
    await showCase(
      () => ({ body: { data: CASE } }),
      (request) => {
        accessAsked = request.url.pathname
        return { body: { data: TEAM_ACCESS } }
      },
    )
    expect(accessAsked).toBe('/api/access/cases/doc-a/emergency-access')
  })

  it('a failed emergency-access status is a failed page, not a page without its flag', async () => {
    const wrapper = await showCase(() => ({ body: { data: CASE } }), () => 'network-down')
    expect(wrapper.text()).toContain('No se pudo conectar con el servidor.')
    expect(wrapper.text()).not.toContain('PETT-2025-00042')
  })

  it('shows the labels in English after switching language', async () => {
    const wrapper = await showCase(() => ({ body: { data: CASE } }))
    setLanguage('en')
    await flushPromises()
    expect(wrapper.findAll('h2').map((heading) => heading.text())).toEqual(['Summary', 'Parties', 'Charges', 'Agencies'])
    expect(wrapper.text()).toContain('Trafficking in persons')
  })

  it('links each party to the person page by code', async () => {
    const wrapper = await showCase(() => ({ body: { data: CASE } }))
    const link = wrapper.findAll('a').find((candidate) => candidate.text() === 'V-7KQ2M')
    expect(link?.attributes('href')).toBe('/personas/V-7KQ2M')
  })

  it('"Añadir persona" opens the form, and after adding, the case is read again and says which code the person got', async () => {
    let parties = CASE.parties
    const added = { documentId: 'p2', role: 'witness', isPublicOfficial: false, person: { documentId: 'x2', code: 'T-NEW22', personKind: 'natural' } }
    const wrapper = await showCase((request) => {
      if (request.method === 'POST') {
        parties = [...CASE.parties, added]
        return { status: 201, body: { data: { party: 'p2', person: { code: 'T-NEW22', documentId: 'x2' } } } }
      }
      return { body: { data: { ...CASE, parties } } }
    })
    await wrapper.findAll('button').find((button) => button.text().endsWith('Añadir persona'))!.trigger('click')
    // The form is a lazy chunk.
    await vi.waitFor(() => expect(wrapper.find('#add-person-heading').exists()).toBe(true))
    expect(wrapper.get('#add-person-heading').text()).toBe('Añadir persona al caso')
    const role = wrapper.findAll('label').find((label) => label.text() === 'Rol en el caso')!
    await wrapper.get(`[id="${role.attributes('for')}"]`).setValue('witness')
    await wrapper.get('.add-person form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('.add-person').exists()).toBe(false)
    expect(wrapper.text()).toContain('Se añadió la persona T-NEW22 al caso.')
    expect(wrapper.findAll('a').map((link) => link.text())).toContain('T-NEW22')
  })

  it('does not offer "Añadir persona" to a team member whose role may not add people', async () => {
    const wrapper = await showCase(() => ({ body: { data: CASE } }), () => ({ body: { data: { ...TEAM_ACCESS, canAddPeople: false } } }))
    expect(wrapper.findAll('a').map((link) => link.text())).toContain('V-7KQ2M')
    expect(wrapper.findAll('button').some((button) => button.text().endsWith('Añadir persona'))).toBe(false)
  })

  it('a 404 gives the neutral message that does not say whether the case exists', async () => {
    const wrapper = await showCase(() => ({ status: 404, body: { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found' } } }))
    expect(wrapper.text()).toContain('No se encontró el caso o no tiene acceso a él.')
    expect(wrapper.text()).not.toContain('Not Found')
  })

  it('a network failure offers "Reintentar"', async () => {
    let down = true
    const wrapper = await showCase(() => (down ? 'network-down' : { body: { data: CASE } }))
    expect(wrapper.text()).toContain('No se pudo conectar con el servidor.')
    down = false
    await wrapper.findAll('button').find((button) => button.text() === 'Reintentar')!.trigger('click')
    await flushPromises()
    expect(wrapper.get('h1').text()).toContain('PETT-2025-00042')
  })
})
