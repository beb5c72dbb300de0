import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import CasePage from './CasePage.vue'
import { i18n, setLanguage } from '../../i18n'
import { CODE_LISTS_BODY, FAKE_CLOCK, fakeServer, signInForTest, PROSECUTOR, type FakeRoute } from '../../test-support'
import type { Me } from '../../stores/session'
import type { EmergencyAccess, EmergencyGrant } from './case-api'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const Root = defineComponent({ render: () => h(RouterView) })

const CHIEF: Me = {
  id: 1,
  username: 'titular.demo',
  role: 'chief-prosecutor',
  roleName: 'Procurador(a) adjunto(a) / Titular',
  can: { createCase: true, seeAllCases: true },
}

const PARTIES = [
  { documentId: 'p1', role: 'victim-adult', isPublicOfficial: false, person: { documentId: 'x1', code: 'V-7KQ2M', personKind: 'natural' } },
]

function caseWith(parties: unknown[]) {
  return {
    documentId: 'doc-a',
    caseNumber: 'PETT-2025-00042',
    title: '[DEMO] Captación en Santiago',
    caseType: 'trata',
    stage: 'investigation',
    origin: 'denuncia',
    intakeDate: '2025-03-14',
    factsDate: null,
    province: 'santiago',
    municipality: null,
    year: 2025,
    priority: 'high',
    risk: null,
    isComplex: false,
    exploitationForms: [],
    palermoActs: [],
    palermoMeans: [],
    smugglingRoute: null,
    summary: null,
    isDemo: true,
    parties,
    agencies: [],
  }
}

const REASON = 'Operativo en curso: riesgo inminente para víctimas menores.'
// 14:30 UTC is 10:30 in Santo Domingo (UTC−4, no daylight saving).
const EXPIRES = '2099-03-16T14:30:00.000Z'
const GRANT: EmergencyGrant = { grantedAt: '2099-03-15T14:30:00.000Z', expiresAt: EXPIRES, active: true, reason: REASON, by: 'chief-prosecutor' }
const OUTSIDE: EmergencyAccess = { canSeePeople: false, canAddPeople: false, canEdit: false, canBreakGlass: true, grants: [] }
const mounted: VueWrapper[] = []

interface Scene {
  me?: Me
  caseAnswer?: FakeRoute
  access: () => EmergencyAccess
  breakGlass?: FakeRoute
}

/** The workflow sections (stage, checklists, deadlines) are tested on their own: here the server has none. */
const NO_WORKFLOW: Record<string, FakeRoute> = Object.fromEntries(
  ['transitions', 'moves', 'checklists', 'deadlines'].map((part) => [`/api/cases/doc-a/${part}`, () => ({ status: 404, body: { data: null, error: { status: 404, message: 'Not Found' } } })]),
)

async function showCase(scene: Scene) {
  const server = fakeServer({
    '/api/code-lists': () => ({ body: CODE_LISTS_BODY }),
    '/api/cases/': scene.caseAnswer ?? (() => ({ body: { data: caseWith(scene.access().canSeePeople ? PARTIES : []) } })),
    '/api/access/cases/': () => ({ body: { data: scene.access() } }),
    ...NO_WORKFLOW,
    '/api/forms/': () => ({ body: { data: null, meta: { versions: [] } } }),
    '/api/access/break-glass': scene.breakGlass ?? (() => ({ status: 403 })),
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  signInForTest(pinia, scene.me ?? CHIEF)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/casos', name: 'cases', component: Stub },
      { path: '/casos/:documentId', name: 'case', component: CasePage },
      { path: '/personas/:code', name: 'person', component: Stub },
    ],
  })
  await router.push('/casos/doc-a')
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, server }
}

function button(wrapper: VueWrapper, name: string) {
  return wrapper.findAll('button').find((candidate) => candidate.text() === name)
}

function reasonField(wrapper: VueWrapper) {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === 'Motivo')
  if (!label) throw new Error('no label «Motivo»')
  return wrapper.get(`#${label.attributes('for')}`)
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.useRealTimers()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('case page: emergency access', () => {
  it('the chief prosecutor outside the team is told why there are no parties, and may ask for emergency access', async () => {
    const { wrapper } = await showCase({ access: () => OUTSIDE })
    const parties = wrapper.get('section[aria-labelledby="case-parties-heading"]')
    expect(parties.text()).toContain('Usted ve el resumen de este caso, pero no sus intervinientes: no forma parte del equipo.')
    expect(parties.find('table').exists()).toBe(false)
    expect(parties.text()).not.toContain('todavía no tiene intervinientes')
    expect(button(wrapper, 'Solicitar acceso excepcional')).toBeDefined()
  })

  it('no button when the server does not allow emergency access', async () => {
    const { wrapper } = await showCase({ access: () => ({ canSeePeople: false, canAddPeople: false, canEdit: false, canBreakGlass: false, grants: [] }) })
    expect(wrapper.text()).toContain('no forma parte del equipo')
    expect(button(wrapper, 'Solicitar acceso excepcional')).toBeUndefined()
  })

  it('a team member sees the parties, with no notice and no button', async () => {
    const { wrapper } = await showCase({ me: PROSECUTOR, access: () => ({ canSeePeople: true, canAddPeople: true, canEdit: true, canBreakGlass: false, grants: [] }) })
    expect(wrapper.text()).toContain('V-7KQ2M')
    expect(wrapper.text()).not.toContain('no forma parte del equipo')
    expect(button(wrapper, 'Solicitar acceso excepcional')).toBeUndefined()
  })

  it('granting access closes the dialog, confirms until when, and reloads the case so the parties appear', async () => {
    let granted = false
    const { wrapper, server } = await showCase({
      access: () => (granted ? { canSeePeople: true, canAddPeople: true, canEdit: true, canBreakGlass: false, grants: [GRANT] } : OUTSIDE),
      breakGlass: () => {
        granted = true
        return { status: 201, body: { data: { case: 'doc-a', expiresAt: EXPIRES } } }
      },
    })
    expect(wrapper.text()).not.toContain('V-7KQ2M')

    await button(wrapper, 'Solicitar acceso excepcional')!.trigger('click')
    const dialog = wrapper.get('[role="dialog"]')
    expect(dialog.attributes('aria-modal')).toBe('true')
    expect(wrapper.get('article').attributes('inert')).toBeDefined()
    await reasonField(wrapper).setValue(REASON)
    await button(wrapper, 'Confirmar acceso')!.trigger('click')
    await flushPromises()

    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
    expect(wrapper.get('article').attributes('inert')).toBeUndefined()
    const status = wrapper.get('section[aria-labelledby="case-parties-heading"] [role="status"]')
    expect(status.attributes('aria-live')).toBe('polite')
    expect(status.text()).toBe('Acceso excepcional concedido hasta el 16/03/2099 10:30.')
    expect(wrapper.get('section[aria-labelledby="case-parties-heading"] table').text()).toContain('V-7KQ2M')
    expect(wrapper.text()).not.toContain('no forma parte del equipo')
    expect(wrapper.get('header').text()).toContain('Acceso excepcional vigente hasta 16/03/2099 10:30')
    expect(document.activeElement?.id).toBe('case-parties-heading')
    // The case and its status were read twice: on arrival and after the grant.
    expect(server.requests.filter((request) => request.url.pathname === '/api/cases/doc-a')).toHaveLength(2)
    expect(server.requests.filter((request) => request.url.pathname.endsWith('/emergency-access'))).toHaveLength(2)
  })

  it('Escape closes the dialog without asking, and gives the focus back to the button', async () => {
    const { wrapper, server } = await showCase({ access: () => OUTSIDE })
    const opener = button(wrapper, 'Solicitar acceso excepcional')!
    ;(opener.element as HTMLElement).focus()
    await opener.trigger('click')
    await flushPromises()
    expect(document.activeElement).toBe(reasonField(wrapper).element)
    await reasonField(wrapper).trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
    expect(document.activeElement).toBe(button(wrapper, 'Solicitar acceso excepcional')!.element)
    expect(server.requests.some((request) => request.method === 'POST')).toBe(false)
  })

  it('flags an emergency access in force in the header and lists it in the summary for the case team', async () => {
    const expired: EmergencyGrant = { ...GRANT, grantedAt: '2025-01-10T12:00:00.000Z', expiresAt: '2025-01-11T12:00:00.000Z', active: false, reason: 'Consulta anterior por otra operación conjunta.' }
    const { wrapper } = await showCase({ me: PROSECUTOR, access: () => ({ canSeePeople: true, canAddPeople: true, canEdit: true, canBreakGlass: false, grants: [expired, GRANT] }) })
    const flag = wrapper.get('header .flag')
    expect(flag.get('strong').text()).toBe('Acceso excepcional vigente hasta 16/03/2099 10:30')
    expect(flag.get('.flag-icon').attributes('aria-hidden')).toBe('true')

    const summary = wrapper.get('section[aria-labelledby="case-summary-heading"]')
    expect(summary.get('h3#case-emergency-access-heading').text()).toBe('Accesos excepcionales')
    const rows = summary.findAll('tbody tr').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(rows).toEqual([
      ['15/03/2099 10:30', '16/03/2099 10:30', REASON, 'Vigente'],
      ['10/01/2025 08:00', '11/01/2025 08:00', 'Consulta anterior por otra operación conjunta.', 'Vencido'],
    ])
  })

  it('past accesses are listed without the flag', async () => {
    const expired: EmergencyGrant = { ...GRANT, expiresAt: '2025-01-11T12:00:00.000Z', grantedAt: '2025-01-10T12:00:00.000Z', active: false }
    const { wrapper } = await showCase({ me: PROSECUTOR, access: () => ({ canSeePeople: true, canAddPeople: true, canEdit: true, canBreakGlass: false, grants: [expired] }) })
    expect(wrapper.find('header .flag').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('vigente hasta')
    expect(wrapper.text()).toContain('Accesos excepcionales')
  })

  it('shows no list and no flag when there has been no emergency access', async () => {
    const { wrapper } = await showCase({ me: PROSECUTOR, access: () => ({ canSeePeople: true, canAddPeople: true, canEdit: true, canBreakGlass: false, grants: [] }) })
    expect(wrapper.text()).not.toContain('Accesos excepcionales')
    expect(wrapper.find('h3#case-emergency-access-heading').exists()).toBe(false)
    expect(wrapper.find('header .flag').exists()).toBe(false)
  })

  it('when the access in force ends, the case is read again and the parties go away', async () => {
    vi.useFakeTimers(FAKE_CLOCK)
    vi.setSystemTime(new Date('2026-03-15T13:00:00.000Z'))
    let open = true
    const soon: EmergencyGrant = { ...GRANT, grantedAt: '2026-03-14T14:00:00.000Z', expiresAt: '2026-03-15T14:00:00.000Z' }
    const { wrapper } = await showCase({
      access: () => (open ? { canSeePeople: true, canAddPeople: true, canEdit: true, canBreakGlass: false, grants: [soon] } : { canSeePeople: false, canAddPeople: false, canEdit: false, canBreakGlass: true, grants: [{ ...soon, active: false }] }),
    })
    // Ends today: the time alone.
    expect(wrapper.get('header .flag').text()).toContain('Acceso excepcional vigente hasta 10:00')
    expect(wrapper.text()).toContain('V-7KQ2M')

    open = false
    await vi.advanceTimersByTimeAsync(60 * 60_000 + 10_000)
    await flushPromises()
    expect(wrapper.find('header .flag').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('V-7KQ2M')
    expect(wrapper.text()).toContain('no forma parte del equipo')
    expect(wrapper.text()).toContain('Vencido')
  })

  it('speaks English after switching language', async () => {
    const { wrapper } = await showCase({ access: () => ({ ...OUTSIDE, grants: [GRANT] }) })
    setLanguage('en')
    await flushPromises()
    expect(wrapper.text()).toContain('You can see the summary of this case, but not its parties: you are not on the case team.')
    expect(button(wrapper, 'Request emergency access')).toBeDefined()
    expect(wrapper.get('header .flag').text()).toContain('Emergency access in force until 16/03/2099 10:30')
    expect(wrapper.text()).toContain('Emergency accesses')
  })
})
