// Fixtures of the people area's component tests: a person page answer, an obviously fictional
// identity (the family name says so, the cédula starts with 000, the e-mail domain is .invalid),
// and the person page mounted against a fake server.
import { vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView, type RouteRecordRaw } from 'vue-router'
import { defineComponent, h } from 'vue'
import PersonPage from './PersonPage.vue'
import { useIdentityStore } from './identity-store'
import { i18n } from '../../i18n'
import { resettablePlugin } from '../../stores/reset'
import { CODE_LISTS_BODY, fakeServer, signInForTest, type FakeRoute } from '../../test-support'
import type { Identity, PersonProfile } from './people-api'

export const CODE = 'V-7KQ2M'

export const IDENTITY: Identity = {
  givenNames: 'Yokasta',
  familyNames: 'Peña Báez (ficticia)',
  aliases: ['La Flaca'],
  documents: [{ kind: 'cedula', number: '000-0000001-1', country: 'do' }],
  dateOfBirth: '1994-05-17',
  phones: ['829-555-0101'],
  email: 'persona1@ejemplo.invalid',
  addresses: ['Calle Ficticia 12, sector Demo'],
  nextOfKin: [{ name: 'Rosa Peña (ficticia)', relationship: 'madre', phone: '809-555-0102' }],
}

export function personProfile(overrides: Partial<PersonProfile> = {}): PersonProfile {
  return {
    documentId: 'person-doc-1',
    code: CODE,
    personKind: 'natural',
    sex: 'f',
    nationality: 'do',
    birthYear: 1994,
    isDemo: true,
    parties: [
      {
        documentId: 'party-1',
        role: 'victim-adult',
        schemeRole: null,
        isPublicOfficial: false,
        since: '2025-03-14',
        case: { documentId: 'doc-a', caseNumber: 'PETT-2025-00042', title: '[DEMO] Captación en Santiago', stage: 'investigation' },
      },
    ],
    victimProfile: {
      sex: 'f',
      ageAtIdentification: 30,
      isMinor: false,
      nationality: 'do',
      exploitationForms: ['explotacion-sexual'],
      controlMethods: [],
      labourSector: null,
      identificationDate: '2025-03-14',
      identifiedBy: { name: 'Policía Nacional', code: 'PN' },
      indicators: [],
    },
    identity: { recorded: true, canReveal: true, canEdit: true },
    ...overrides,
  }
}

const Stub = defineComponent({ render: () => h('p', 'stub page') })

/** The portal's routes around the page under test, with stubs for the others. */
export function routerWith(name: string, path: string, component: RouteRecordRaw['component']) {
  const others: RouteRecordRaw[] = [
    { path: '/casos', name: 'cases', component: Stub },
    { path: '/casos/:documentId', name: 'case', component: Stub },
    { path: '/personas/buscar', name: 'person-search', component: Stub },
    { path: '/personas/:code', name: 'person', component: Stub },
  ]
  return createRouter({
    history: createMemoryHistory(),
    routes: [{ path, name, component: component! }, ...others.filter((route) => route.name !== name)],
  })
}

const Root = defineComponent({ render: () => h(RouterView) })
const PERSON = `/api/people/by-code/${CODE}`
const mountedPages: VueWrapper[] = []

export type PersonAnswers = Partial<Record<'profile' | 'reveal' | 'reveals' | 'identity' | 'files' | 'victimProfile' | 'agencies', FakeRoute>>

/** Agencies as GET /api/agencies answers them (fields code and name). */
export const AGENCIES = [
  { id: 1, documentId: 'ag-1', code: 'CONANI', name: 'Consejo Nacional para la Niñez y la Adolescencia' },
  { id: 2, documentId: 'ag-2', code: 'PN', name: 'Policía Nacional' },
]

/** /personas/V-7KQ2M in a signed-in portal; each answer defaults to a happy one. */
export async function showPersonPage(answers: PersonAnswers = {}) {
  const server = fakeServer({
    '/api/code-lists': () => ({ body: CODE_LISTS_BODY }),
    [PERSON]: answers.profile ?? (() => ({ body: { data: personProfile() } })),
    [`${PERSON}/reveal`]: answers.reveal ?? (() => ({ body: { data: { code: CODE, identity: IDENTITY, closesInSeconds: 120 } } })),
    [`${PERSON}/reveals`]: answers.reveals ?? (() => ({ body: { data: [] } })),
    [`${PERSON}/identity`]: answers.identity ?? (() => ({ body: { data: { code: CODE, saved: true, possibleDuplicates: [] } } })),
    [`${PERSON}/files`]: answers.files ?? (() => ({ body: { data: [] } })),
    [`${PERSON}/victim-profile`]: answers.victimProfile ?? (() => ({ status: 500 })),
    // No form published for victim profiles: "Datos adicionales" stays out of the page.
    '/api/forms/': () => ({ body: { data: null, meta: { versions: [] } } }),
    '/api/agencies': answers.agencies ?? (() => ({ body: { data: AGENCIES, meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: AGENCIES.length } } } })),
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  pinia.use(resettablePlugin)
  signInForTest(pinia)
  const router = routerWith('person', '/personas/:code', PersonPage)
  await router.push(`/personas/${CODE}`)
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  mountedPages.push(wrapper)
  await flushPromises()
  return { wrapper, router, pinia, server, store: useIdentityStore(pinia), sent: (method: string) => server.requests.filter((request) => request.method === method) }
}

export function unmountPersonPages(): void {
  mountedPages.splice(0).forEach((wrapper) => wrapper.unmount())
}
