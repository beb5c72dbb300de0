import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { defineComponent, h } from 'vue'
import PlanPage from './PlanPage.vue'
import { i18n, setLanguage } from '../../i18n'
import { todayIso } from '../../i18n/format'
import { useAnnouncerStore } from '../../stores/announcer'
import { resettablePlugin } from '../../stores/reset'
import { fakeServer, getButton, getControl, signInForTest, type FakeRoute } from '../../test-support'
import type { Plan, PlanAnswer, PlanOptions, PlanTemplate } from './plan-api'

const Stub = defineComponent({ render: () => h('p', 'stub') })
const Root = defineComponent({ render: () => h(RouterView) })
const CASE_ID = 'doc-a'
const PLAN_PATH = `/api/cases/${CASE_ID}/plan`

const OPTIONS: PlanOptions = {
  team: [
    { documentId: 'u-lead', username: 'fiscal.demo1', teamRole: 'lead-prosecutor' },
    { documentId: 'u-inv', username: 'investigador.demo', teamRole: 'investigator' },
  ],
  agencies: [{ code: 'MT', name: 'Ministerio de Trabajo' }, { code: 'PN', name: 'Policía Nacional' }],
  countries: [{ code: 'ht', labelEs: 'Haití', labelEn: 'Haiti' }],
  people: [{ code: 'V-7KQ2M', role: 'victim-adult' }],
}

const PLAN: Plan = {
  documentId: 'plan-1',
  version: 3,
  templateKey: 'trabajo-forzoso',
  templateVersion: 1,
  updatedAt: '2026-11-28T15:00:00.000Z',
  updatedBy: { username: 'fiscal.demo1' },
  objective: 'Probar el trabajo forzoso.',
  hypotheses: [{ key: 'h-control', statement: 'Los trabajadores son retenidos por deudas.', basis: null, status: 'open', personCodes: [] }],
  lines: [{ key: 'l-condiciones', hypothesisKey: 'h-control', title: 'Condiciones de trabajo', description: null }],
  actions: [],
  resources: [],
  risks: [],
  authorisations: [],
  mlaRequests: [],
  informationNeeds: [],
}

const TEMPLATES: PlanTemplate[] = [
  { key: 'explotacion-sexual', version: 1, name: 'Trata con fines de explotación sexual', description: 'Explotación sexual.', caseTypes: ['trata'], counts: { hypotheses: 3, lines: 4, actions: 7, informationNeeds: 3 } },
  { key: 'trafico-maritimo', version: 1, name: 'Tráfico ilícito de migrantes por vía marítima', description: 'Viajes en yola.', caseTypes: ['trafico'], counts: { hypotheses: 2, lines: 3, actions: 5, informationNeeds: 2 } },
]

const answer = (data: Plan | null, canEdit = true): PlanAnswer => ({ data, meta: { canEdit, case: { documentId: CASE_ID, caseNumber: 'PETT-2026-00042', caseType: 'trafico' }, options: OPTIONS } })
const mounted: VueWrapper[] = []

async function showPlan(routes: { plan?: FakeRoute; templates?: FakeRoute; pdf?: FakeRoute }) {
  const server = fakeServer({
    [PLAN_PATH]: routes.plan ?? (() => ({ body: answer(PLAN) })),
    [`${PLAN_PATH}.pdf`]: routes.pdf ?? (() => ({ body: '%PDF-1.3' })),
    '/api/plan-templates': routes.templates ?? (() => ({ body: { data: TEMPLATES } })),
  })
  vi.stubGlobal('fetch', server.fetch)
  const pinia = createPinia()
  pinia.use(resettablePlugin)
  signInForTest(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/casos/:documentId/plan', name: 'case-plan', component: PlanPage },
      { path: '/casos/:documentId', name: 'case', component: Stub },
      { path: '/casos', name: 'cases', component: Stub },
    ],
  })
  await router.push(`/casos/${CASE_ID}/plan`)
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, pinia, server, sent: (method: string) => server.requests.filter((r) => r.method === method && r.url.pathname === PLAN_PATH) }
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the investigation plan page', () => {
  it('creates the plan from a training-manual template and shows it for editing', async () => {
    let created = false
    const { wrapper, server } = await showPlan({
      plan: (request) => {
        if (request.method === 'POST') {
          created = true
          return { status: 201, body: answer(PLAN) }
        }
        return { body: answer(null) }
      },
    })
    expect(wrapper.get('h1').text()).toContain('PETT-2026-00042')
    expect(wrapper.text()).toContain('Este caso todavía no tiene plan de investigación.')
    // A smuggling case: the smuggling template comes first and is chosen.
    expect(wrapper.findAll('input[type="radio"]').map((r) => (r.element as HTMLInputElement).value)).toEqual(['trafico-maritimo', 'explotacion-sexual', '-'])
    expect((wrapper.get('input[value="trafico-maritimo"]').element as HTMLInputElement).checked).toBe(true)
    await wrapper.get('input[value="explotacion-sexual"]').setValue(true)
    expect(wrapper.text()).toContain('3 hipótesis, 4 líneas, 7 diligencias, 3 necesidades de información')
    await getButton(wrapper, 'Crear el plan').trigger('click')
    await flushPromises()
    expect(created).toBe(true)
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({ data: { template: 'explotacion-sexual' } })
    expect(getControl(wrapper, 'Enunciado', '#plan-part-hypotheses').element.value).toBe('Los trabajadores son retenidos por deudas.')
    expect(wrapper.text()).toContain('Versión 3')
  })

  it('adds an action assigned to a team member and saves the whole plan with its version and ISO dates', async () => {
    const { wrapper, sent, pinia } = await showPlan({
      plan: (request) => (request.method === 'PUT' ? { body: answer({ ...PLAN, version: 4, actions: (request.body as { data: Plan }).data.actions }) } : { body: answer(PLAN) }),
    })
    await getButton(wrapper, 'Añadir diligencia').trigger('click')
    await flushPromises()
    const action = '#plan-part-actions'
    await getControl(wrapper, 'Descripción', action).setValue('Inspección conjunta de la finca.')
    await getControl(wrapper, 'Línea de investigación', action).setValue('l-condiciones')
    const responsible = getControl(wrapper, 'Responsable', action)
    expect(responsible.findAll('option').map((o) => o.text())).toContain('Equipo del caso: investigador.demo (Investigador(a))')
    await responsible.setValue('user:u-inv')
    await getControl(wrapper, 'Vence el', action).setValue('15/12/2026')
    await wrapper.get(`${action} input[type="checkbox"][value="V-7KQ2M"]`).setValue(true)
    const save = getButton(wrapper, 'Guardar el plan')
    ;(save.element as HTMLButtonElement).focus()
    await save.trigger('click')
    await flushPromises()

    const [put] = sent('PUT')
    const body = (put!.body as { data: Plan }).data
    expect(body.version).toBe(3)
    expect(body.hypotheses).toEqual([{ key: 'h-control', statement: 'Los trabajadores son retenidos por deudas.', basis: null, status: 'open', personCodes: [] }])
    expect(body.actions).toEqual([
      { key: expect.stringMatching(/^a-[a-z0-9]{8}$/), lineKey: 'l-condiciones', description: 'Inspección conjunta de la finca.', assigneeUser: 'u-inv', assigneeAgency: null, dueDate: '2026-12-15', status: 'planned', personCodes: ['V-7KQ2M'], note: null },
    ])
    expect(wrapper.text()).toContain('Versión 4')
    expect(useAnnouncerStore(pinia).message).toBe('Se guardó el plan (versión 4).')
    // The form stays where it was: the keyboard user is still on "Guardar el plan".
    expect(document.activeElement).toBe(getButton(wrapper, 'Guardar el plan').element)
    expect(getControl(wrapper, 'Descripción', '#plan-part-actions').element.value).toBe('Inspección conjunta de la finca.')
  })

  it('checks required boxes before sending, and places the server’s errors next to the box their path names', async () => {
    const message = 'Asigne la diligencia a un miembro activo del equipo del caso.'
    const { wrapper, sent } = await showPlan({
      plan: (request) =>
        request.method === 'PUT'
          ? { status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path: ['actions', '0', 'assigneeUser'], message }, { path: ['extra'], message: 'Campo desconocido: extra.' }] } } } }
          : { body: answer({ ...PLAN, actions: [{ key: 'a-1', lineKey: 'l-condiciones', description: 'Entrevistas.', assigneeUser: 'u-gone', assigneeAgency: null, dueDate: null, status: 'planned', personCodes: [], note: null }] }) },
    })
    await getButton(wrapper, 'Añadir hipótesis').trigger('click')
    await getButton(wrapper, 'Guardar el plan').trigger('click')
    await flushPromises()
    expect(sent('PUT')).toEqual([])
    const statement = getControl(wrapper, 'Enunciado', '#plan-part-hypotheses .row-group:nth-of-type(2)')
    expect(statement.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(statement.element)

    await getButton(wrapper, 'Quitar hipótesis 2').trigger('click')
    await getButton(wrapper, 'Guardar el plan').trigger('click')
    await flushPromises()
    expect(sent('PUT')).toHaveLength(1)
    const responsible = getControl(wrapper, 'Responsable', '#plan-part-actions')
    expect(responsible.attributes('aria-invalid')).toBe('true')
    expect(document.getElementById(responsible.attributes('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(message)
    expect(wrapper.get('.plan-form [role="alert"]').text()).toBe('Campo desconocido: extra.')
  })

  it('does not overwrite a newer version: it says so and reloads the plan on request', async () => {
    let reads = 0
    const { wrapper } = await showPlan({
      plan: (request) => {
        if (request.method === 'PUT') return { status: 409, body: { data: null, error: { status: 409, name: 'ConflictError', message: 'Otra persona guardó el plan.', details: { currentVersion: 4 } } } }
        reads += 1
        return { body: answer(reads > 1 ? { ...PLAN, version: 4, objective: 'Objetivo de otra persona.' } : PLAN) }
      },
    })
    await getControl(wrapper, 'Objetivo de la investigación').setValue('Mi cambio')
    await getButton(wrapper, 'Guardar el plan').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('Otra persona guardó el plan mientras usted lo editaba.')
    await getButton(wrapper, 'Volver a cargar el plan').trigger('click')
    await flushPromises()
    expect(reads).toBe(2)
    expect(getControl(wrapper, 'Objetivo de la investigación').element.value).toBe('Objetivo de otra persona.')
    expect(wrapper.text()).toContain('Versión 4')
  })

  it('warns of an authorisation about to expire, one expired and an overdue action, in words', async () => {
    const shift = (days: number) => {
      const [y, m, d] = todayIso().split('-').map(Number)
      const iso = new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)
      return { iso, shown: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` }
    }
    const auth = (kind: string, expires: number) => ({ key: `j-${kind}`, kind, description: null, court: null, reference: null, requestedOn: shift(-40).iso, grantedOn: shift(-30).iso, expiresOn: shift(expires).iso, lineKey: null })
    const { wrapper } = await showPlan({
      plan: () => ({
        body: answer({
          ...PLAN,
          authorisations: [auth('search', 3), auth('interception', -2), auth('bank-records', 60)],
          actions: [
            { key: 'a-1', lineKey: 'l-condiciones', description: 'Entrevistas.', assigneeUser: null, assigneeAgency: 'MT', dueDate: shift(-1).iso, status: 'planned', personCodes: [], note: null },
            { key: 'a-2', lineKey: 'l-condiciones', description: 'Hecha.', assigneeUser: null, assigneeAgency: 'MT', dueDate: shift(-9).iso, status: 'done', personCodes: [], note: null },
          ],
        }),
      }),
    })
    const items = wrapper.findAll('.warnings li').map((li) => li.text())
    expect(items).toEqual([
      `⚠ La autorización A1 (Allanamiento) vence el ${shift(3).shown}: quedan 3 días.`,
      `⚠ La autorización A2 (Interceptación de comunicaciones) venció el ${shift(-2).shown}: toda diligencia posterior carece de cobertura judicial.`,
      `⚠ La diligencia D1 venció el ${shift(-1).shown} y sigue pendiente.`,
    ])
  })

  it('shows the plan read-only to a team member who may not change it', async () => {
    const { wrapper } = await showPlan({ plan: () => ({ body: answer(PLAN, false) }) })
    expect(wrapper.text()).toContain('solo el procurador(a) titular y los fiscales del equipo pueden cambiarlo')
    expect(wrapper.get('fieldset.plan-fields').attributes('disabled')).toBeDefined()
    expect(wrapper.findAll('button').some((b) => b.text() === 'Guardar el plan')).toBe(false)
    expect(wrapper.findAll('button').some((b) => b.text() === 'Descargar PDF')).toBe(true)
  })

  it('downloads the PDF and says the download is on the record', async () => {
    const created: Blob[] = []
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (blob: Blob) => (created.push(blob), 'blob:x'), revokeObjectURL: () => undefined }))
    const { wrapper, server } = await showPlan({})
    await getButton(wrapper, 'Descargar PDF').trigger('click')
    await flushPromises()
    expect(server.requests.some((r) => r.url.pathname === `${PLAN_PATH}.pdf`)).toBe(true)
    expect(created).toHaveLength(1)
    expect(wrapper.text()).toContain('La descarga queda registrada en la bitácora.')
  })

  it('a case out of reach is not found, without saying whether it exists', async () => {
    const { wrapper } = await showPlan({ plan: () => ({ status: 404, body: { data: null, error: { status: 404, name: 'NotFoundError', message: 'No se encontró el caso o no tiene acceso a él.' } } }) })
    expect(wrapper.find('.plan-page').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('PETT-2026-00042')
  })

  it('speaks English after switching language', async () => {
    setLanguage('en')
    const { wrapper } = await showPlan({})
    expect(wrapper.text()).toContain('Investigation and intelligence plan')
    expect(wrapper.findAll('legend').map((l) => l.text())).toEqual(expect.arrayContaining(['Hypotheses', 'Lines of inquiry', 'Judicial authorisations', 'Intelligence plan: information needs']))
  })
})
