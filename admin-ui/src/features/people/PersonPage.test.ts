import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { setLanguage } from '../../i18n'
import { resetAllStores } from '../../stores/reset'
import { useAnnouncerStore } from '../../stores/announcer'
import { FAKE_CLOCK, getButton, type FakeRoute } from '../../test-support'
import { CODE, IDENTITY, personProfile, showPersonPage, unmountPersonPages, type PersonAnswers } from './test-fixtures'

const REASON = 'Preparar la audiencia de mañana con la víctima.'
const REVEALS = [
  { revealedAt: '2099-03-15T14:30:00.000Z', reason: 'Citación para declarar.', username: 'victimas.demo', role: 'victim-officer' },
]

async function showPerson(answers: PersonAnswers = {}) {
  const shown = await showPersonPage({ reveals: () => ({ body: { data: REVEALS } }), ...answers })
  return { ...shown, posts: () => shown.sent('POST') }
}

const reasonField = () => document.querySelector<HTMLTextAreaElement>('[role="dialog"] textarea')!

async function reveal(wrapper: VueWrapper, reason = REASON) {
  await getButton(wrapper, 'Ver identidad').trigger('click')
  await flushPromises()
  reasonField().value = reason
  reasonField().dispatchEvent(new Event('input'))
  await wrapper.get('[role="dialog"] form').trigger('submit')
  await flushPromises()
}

beforeEach(() => setLanguage('es'))
afterEach(() => {
  unmountPersonPages()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('the person page', () => {
  it('shows the person by code, their cases as links and the victim profile, with only the code in the title', async () => {
    const { wrapper } = await showPerson()
    expect(wrapper.get('h1').text()).toContain(CODE)
    expect(document.title).toBe(`Persona ${CODE} · PETT`)
    expect(wrapper.findAll('h2').map((heading) => heading.text())).toEqual(['Datos de la persona', 'Casos', 'Perfil de víctima', 'Identidad'])
    const caseLink = wrapper.findAll('a').find((link) => link.text() === 'PETT-2025-00042')
    expect(caseLink?.attributes('href')).toBe('/casos/doc-a')
    expect(wrapper.text()).toContain('Femenino')
    expect(wrapper.text()).toContain('Dominicana')
    expect(wrapper.text()).toContain('Policía Nacional (PN)')
    expect(wrapper.text()).not.toContain(IDENTITY.givenNames!)
  })

  it('warns of protection measures about to expire or expired, in words and not by colour alone', async () => {
    const measures = [
      { measureType: 'albergue', authority: 'Juzgado de la Instrucción', startDate: '2099-01-10', expiryDate: '2099-03-20' },
      { measureType: 'alejamiento', authority: 'Juzgado de la Instrucción', startDate: '2098-01-10', expiryDate: '2098-12-31' },
    ]
    const alerts = [
      { kind: 'measure-expiring', measureType: 'albergue', expiryDate: '2099-03-20', daysLeft: 5 },
      { kind: 'measure-expired', measureType: 'alejamiento', expiryDate: '2098-12-31', daysLeft: -74 },
    ]
    const base = personProfile()
    const { wrapper } = await showPerson({
      profile: () => ({ body: { data: { ...base, victimProfile: { ...base.victimProfile, protectionMeasures: measures, consents: [], alerts } } } }),
    })
    expect(wrapper.text()).toContain('La medida de protección «Alojamiento en albergue seguro» vence el 20/03/2099: quedan 5 días.')
    expect(wrapper.text()).toContain('La medida de protección «Orden de alejamiento del agresor» venció el 31/12/2098.')
    expect(wrapper.findAll('h3').map((heading) => heading.text())).toEqual(expect.arrayContaining(['Medidas de protección', 'Consentimientos']))
    expect(wrapper.text()).toContain('Por vencer')
    expect(wrapper.text()).toContain('Vencida')
    expect(wrapper.text()).toContain('No hay consentimientos registrados.')
  })

  it('a 404 gives the neutral message that does not say whether the person exists', async () => {
    const { wrapper } = await showPerson({ profile: () => ({ status: 404, body: { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found' } } }) })
    expect(wrapper.text()).toContain('No se encontró la persona o no tiene acceso a ella.')
    expect(wrapper.text()).not.toContain('Not Found')
  })

  it('a network failure offers "Reintentar"', async () => {
    let down = true
    const { wrapper } = await showPerson({ profile: () => (down ? 'network-down' : { body: { data: personProfile() } }) })
    expect(wrapper.text()).toContain('No se pudo conectar con el servidor.')
    down = false
    await getButton(wrapper, 'Reintentar').trigger('click')
    await flushPromises()
    expect(wrapper.get('h1').text()).toContain(CODE)
  })

  it('a reader who may not open the identity is told so plainly, with no button and no record of openings', async () => {
    const { wrapper, server } = await showPerson({ profile: () => ({ body: { data: personProfile({ identity: { recorded: true, canReveal: false, canEdit: false } }) } }) })
    expect(wrapper.text()).toContain('Su función en los casos de esta persona no le permite ver su identidad.')
    expect(wrapper.findAll('button').map((item) => item.text())).not.toContain('Ver identidad')
    expect(server.requests.some((request) => request.url.pathname.endsWith('/reveals'))).toBe(false)
  })

  it('speaks English after switching language', async () => {
    const { wrapper } = await showPerson()
    setLanguage('en')
    await flushPromises()
    expect(wrapper.findAll('h2').map((heading) => heading.text())).toEqual(['Person details', 'Cases', 'Victim profile', 'Identity'])
    expect(wrapper.findAll('button').map((item) => item.text())).toEqual(['View identity', 'Edit identity', 'Upload file'])
    expect(document.title).toBe(`Person ${CODE} · PETT`)
  })

  it('"Quién vio la identidad" lists the date, the user, the role and the reason', async () => {
    const { wrapper } = await showPerson()
    const table = wrapper.get('table[aria-labelledby="identity-reveals-heading"]')
    expect(table.text()).toContain('15/03/2099 10:30')
    expect(table.text()).toContain('victimas.demo')
    expect(table.text()).toContain('Oficial de atención a víctimas')
    expect(table.text()).toContain('Citación para declarar.')
  })
})

describe('"Ver identidad"', () => {
  it('asks for the reason in a labelled modal dialog over an inert page, and refuses one under 10 characters next to the field', async () => {
    const { wrapper, posts } = await showPerson()
    await getButton(wrapper, 'Ver identidad').trigger('click')
    await flushPromises()
    const dialog = document.querySelector('[role="dialog"]')!
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Ver identidad')
    expect(document.querySelector(`label[for="${reasonField().id}"]`)?.textContent).toBe('Motivo')
    expect(document.activeElement).toBe(reasonField())
    expect(wrapper.get('article').attributes('inert')).toBeDefined()

    reasonField().value = 'corto'
    reasonField().dispatchEvent(new Event('input'))
    await wrapper.get('[role="dialog"] form').trigger('submit')
    await flushPromises()
    expect(posts()).toEqual([])
    expect(reasonField().getAttribute('aria-invalid')).toBe('true')
    const errorId = reasonField().getAttribute('aria-describedby')!.split(' ')[0]!
    expect(document.getElementById(errorId)?.textContent).toBe('Escriba al menos 10 caracteres.')
    expect(wrapper.text()).toContain('5 de 500 caracteres')
  })

  it('places the server refusal of the reason next to "Motivo", and any other refusal in the dialog alert', async () => {
    const message = 'Indique el motivo para ver la identidad (de 10 a 500 caracteres).'
    let answer: ReturnType<FakeRoute> = { status: 400, body: { data: null, error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path: ['reason'], message }] } } } }
    const { wrapper } = await showPerson({ reveal: () => answer })
    await reveal(wrapper)
    const errorId = reasonField().getAttribute('aria-describedby')!.split(' ')[0]!
    expect(document.getElementById(errorId)?.textContent).toBe(message)
    expect(document.activeElement).toBe(reasonField())

    const refusal = 'Su función en los casos de esta persona no permite ver su identidad.'
    answer = { status: 403, body: { data: null, error: { status: 403, name: 'PolicyError', message: refusal } } }
    await wrapper.get('[role="dialog"] form').trigger('submit')
    await flushPromises()
    const alert = document.querySelector('[role="dialog"] [role="alert"]')!
    expect(alert.textContent).toBe(refusal)
    expect(document.activeElement).toBe(alert)
    expect(wrapper.text()).not.toContain(IDENTITY.familyNames!)
  })

  it('sends the trimmed reason, shows the identity with a countdown, and closes it by itself, clearing it from memory', async () => {
    vi.useFakeTimers(FAKE_CLOCK)
    const { wrapper, server, store, posts, pinia } = await showPerson()
    await reveal(wrapper, `  ${REASON}  `)
    expect(posts()[0]?.body).toEqual({ reason: REASON })
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    const panel = wrapper.get('.identity-panel')
    expect(panel.text()).toContain('Identidad de V-7KQ2M')
    expect(panel.text()).toContain('Yokasta')
    expect(panel.text()).toContain('000-0000001-1')
    expect(panel.text()).toContain('Cédula de identidad y electoral')
    expect(panel.text()).toContain('17/05/1994')
    expect(panel.get('[role="timer"]').text()).toContain('Se cerrará en 2:00')
    expect(document.activeElement?.id).toBe('identity-panel-heading')
    expect(document.title).not.toContain('Yokasta')
    // The record of openings is read again after this one.
    expect(server.requests.filter((request) => request.url.pathname.endsWith('/reveals'))).toHaveLength(2)

    vi.advanceTimersByTime(90_000)
    await flushPromises()
    expect(wrapper.get('[role="timer"]').text()).toContain('Se cerrará en 0:30')
    expect(useAnnouncerStore(pinia).message).toBe('La identidad se cerrará en 30 segundos.')

    vi.advanceTimersByTime(30_000)
    await flushPromises()
    expect(wrapper.find('.identity-panel').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Yokasta')
    expect(store.revealed).toBeNull()
    expect(useAnnouncerStore(pinia).message).toBe('Identidad cerrada.')
    expect(document.activeElement?.textContent?.trim()).toBe('Ver identidad')
  })

  it('"Cerrar" closes the identity at once and gives the focus back to "Ver identidad"', async () => {
    const { wrapper, store } = await showPerson()
    await reveal(wrapper)
    await getButton(wrapper, 'Cerrar').trigger('click')
    await flushPromises()
    expect(store.revealed).toBeNull()
    expect(wrapper.text()).not.toContain('Yokasta')
    expect(document.activeElement?.textContent?.trim()).toBe('Ver identidad')
  })

  it('Escape cancels the dialog and gives the focus back to the button that opened it', async () => {
    const { wrapper, posts } = await showPerson()
    const opener = getButton(wrapper, 'Ver identidad')
    ;(opener.element as HTMLElement).focus()
    await opener.trigger('click')
    await flushPromises()
    reasonField().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(document.activeElement).toBe(opener.element)
    expect(posts()).toEqual([])
  })

  it('leaving the page drops the opened identity', async () => {
    const { wrapper, router, store } = await showPerson()
    await reveal(wrapper)
    expect(store.revealed?.identity.givenNames).toBe('Yokasta')
    await router.push('/casos')
    await flushPromises()
    expect(store.revealed).toBeNull()
  })

  it('signing out (every store reset) drops the opened identity from the screen and from memory', async () => {
    const { wrapper, store, pinia } = await showPerson()
    await reveal(wrapper)
    resetAllStores(pinia)
    await flushPromises()
    expect(store.revealed).toBeNull()
    expect(wrapper.text()).not.toContain('Yokasta')
  })
})
