import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { setLanguage } from '../../i18n'
import { todayIso } from '../../i18n/format'
import { useAnnouncerStore } from '../../stores/announcer'
import { getButton, getControl, type FakeRoute } from '../../test-support'
import { personProfile, showPersonPage, unmountPersonPages } from './test-fixtures'
import type { PersonProfile, PersonTask, VictimProfile } from './people-api'

/** A date `days` from today (Santo Domingo), as the server writes it and as a box shows it. */
function day(days: number): { iso: string; shown: string } {
  const [year, month, date] = todayIso().split('-').map(Number)
  const iso = new Date(Date.UTC(year!, month! - 1, date! + days)).toISOString().slice(0, 10)
  return { iso, shown: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` }
}

const base = personProfile()
const EDITABLE: VictimProfile = { ...base.victimProfile!, protectionMeasures: [], consents: [], serviceReferrals: [], wasCharged: false, wasDetained: false, wasDeported: false, alerts: [], canEdit: true }

function person(victimProfile: Partial<VictimProfile> = {}, tasks: PersonTask[] = []): PersonProfile {
  return { ...base, victimProfile: { ...EDITABLE, ...victimProfile }, tasks }
}

async function showPerson(save: FakeRoute, shown = person()) {
  const page = await showPersonPage({ profile: () => ({ body: { data: shown } }), victimProfile: save })
  return { ...page, saved: () => page.sent('PUT') }
}

async function edit(wrapper: VueWrapper, part: string) {
  // "Editar" on screen; its accessible name says which part.
  await wrapper.get(`button[aria-label="Editar: ${part}"]`).trigger('click')
  // The form's code is a chunk of its own, loaded on the first "Editar".
  await vi.dynamicImportSettled()
  await flushPromises()
}

const saveButton = (wrapper: VueWrapper) => getButton(wrapper, 'Guardar cambios')

beforeEach(() => setLanguage('es'))
afterEach(() => {
  unmountPersonPages()
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('editing the victim profile', () => {
  it('records a protection measure that expires in 5 days and shows the server’s expiry warning in words', async () => {
    const start = day(-10)
    const expiry = day(5)
    const measure = { measureType: 'alejamiento', authority: 'Juzgado de la Instrucción (ficticio)', startDate: start.iso, expiryDate: expiry.iso }
    const answer = { ...EDITABLE, protectionMeasures: [measure], alerts: [{ kind: 'measure-expiring', measureType: 'alejamiento', expiryDate: expiry.iso, daysLeft: 5 }], tasks: [] }
    const { wrapper, saved, pinia } = await showPerson(() => ({ body: { data: answer } }))
    expect(wrapper.text()).toContain('No hay medidas de protección registradas.')

    await edit(wrapper, 'Medidas de protección')
    expect(document.activeElement?.textContent).toContain('Añadir medida de protección')
    await getButton(wrapper, 'Añadir medida de protección').trigger('click')
    await flushPromises()
    const type = getControl(wrapper, 'Tipo de medida')
    expect(document.activeElement).toBe(type.element)
    await type.setValue('alejamiento')
    await getControl(wrapper, 'Autoridad que la dictó').setValue(measure.authority)
    await getControl(wrapper, 'Fecha de inicio').setValue(start.shown)
    await getControl(wrapper, 'Fecha de vencimiento').setValue(expiry.shown)
    await saveButton(wrapper).trigger('click')
    await flushPromises()

    expect(saved()).toHaveLength(1)
    expect(saved()[0]?.body).toEqual({ data: { protectionMeasures: [measure] } })
    expect(wrapper.find('.profile-form').exists()).toBe(false)
    const warning = wrapper.get('.warnings')
    expect(warning.text()).toContain(`La medida de protección «Orden de alejamiento del agresor» vence el ${expiry.shown}: quedan 5 días.`)
    expect(warning.text()).toContain('⚠')
    expect(wrapper.get('table[aria-labelledby="victim-protectionMeasures-heading"]').text()).toContain('Por vencer')
    expect(wrapper.text()).toContain('Cambios guardados.')
    expect(document.activeElement?.id).toBe('victim-protectionMeasures-edit')
    await flushPromises()
    expect(useAnnouncerStore(pinia).message).toBe('Se guardaron los cambios de «Medidas de protección».')
  })

  it('places the server’s errors next to the box their path names, and the rest on top', async () => {
    const message = 'El vencimiento no puede ser anterior a el inicio.'
    const measure = { measureType: 'albergue', authority: 'Juzgado', startDate: day(-3).iso, expiryDate: day(30).iso }
    const { wrapper } = await showPerson(
      () => ({
        status: 400,
        body: {
          data: null,
          error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path: ['protectionMeasures', '0', 'expiryDate'], message }, { path: ['isDemo'], message: 'No puede cambiar el campo isDemo.' }] } },
        },
      }),
      person({ protectionMeasures: [measure] }),
    )
    await edit(wrapper, 'Medidas de protección')
    await saveButton(wrapper).trigger('click')
    await flushPromises()
    const expiry = getControl(wrapper, 'Fecha de vencimiento')
    expect(expiry.attributes('aria-invalid')).toBe('true')
    expect(document.getElementById(expiry.attributes('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(message)
    expect(document.activeElement).toBe(expiry.element)
    expect(wrapper.get('.profile-form [role="alert"]').text()).toBe('No puede cambiar el campo isDemo.')
    await expiry.setValue(day(40).shown)
    expect(expiry.attributes('aria-invalid')).toBeUndefined()
  })

  it('adds and removes rows, drops the rows left blank, and refuses an incomplete one before sending', async () => {
    const { wrapper, saved } = await showPerson(() => ({ body: { data: { ...EDITABLE, tasks: [] } } }))
    await edit(wrapper, 'Consentimientos')
    for (let count = 0; count < 3; count += 1) await getButton(wrapper, 'Añadir consentimiento').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('.row-group legend').map((legend) => legend.text())).toEqual(['Consentimiento 1', 'Consentimiento 2', 'Consentimiento 3'])
    await getControl(wrapper, 'Finalidad', '.row-group:nth-of-type(2)').setValue('shelter')
    await getButton(wrapper, 'Quitar consentimiento 1').trigger('click')
    await flushPromises()
    expect(document.activeElement?.id).toBe('profile-add-consents')
    expect(wrapper.findAll('.row-group')).toHaveLength(2)

    await saveButton(wrapper).trigger('click')
    await flushPromises()
    expect(saved()).toEqual([])
    // The blank third row is gone; the first now lacks its date.
    expect(wrapper.findAll('.row-group')).toHaveLength(1)
    const given = getControl(wrapper, 'Fecha de otorgamiento')
    expect(given.attributes('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(given.element)
    expect(wrapper.text()).toContain('Este campo es obligatorio.')

    await given.setValue(day(-1).shown)
    await saveButton(wrapper).trigger('click')
    await flushPromises()
    expect(saved()[0]?.body).toEqual({ data: { consents: [{ purpose: 'shelter', scope: null, givenOn: day(-1).iso, withdrawnOn: null }] } })
  })

  it('"Cancelar" drops the changes and gives the focus back to "Editar"', async () => {
    const { wrapper, saved } = await showPerson(() => ({ status: 500 }))
    await edit(wrapper, 'Alertas de no punición')
    await getControl(wrapper, 'Fue detenida').setValue(true)
    await getButton(wrapper, 'Cancelar').trigger('click')
    await flushPromises()
    expect(saved()).toEqual([])
    expect(wrapper.find('.profile-form').exists()).toBe(false)
    expect(document.activeElement?.id).toBe('victim-nonPunishment-edit')
  })

  it('marks a minor victim with the agency that identified her; the answer’s CONANI task and the header flag appear', async () => {
    const due = day(1)
    const answer = { ...EDITABLE, isMinor: true, identifiedBy: { code: 'CONANI', name: 'Consejo Nacional para la Niñez y la Adolescencia' }, tasks: [{ kind: 'conani-notification', dueDate: due.iso, status: 'open', agency: { code: 'CONANI', name: 'Consejo Nacional para la Niñez y la Adolescencia' } }] }
    const { wrapper, saved } = await showPerson(() => ({ body: { data: answer } }))
    expect(wrapper.find('.flag').exists()).toBe(false)
    expect(wrapper.text()).toContain('No hay tareas para esta persona.')
    await edit(wrapper, 'Identificación')
    const agency = getControl(wrapper, 'Identificada por')
    expect(agency.findAll('option').map((option) => option.text())).toEqual(['No consta', 'Consejo Nacional para la Niñez y la Adolescencia (CONANI)', 'Policía Nacional (PN)'])
    await agency.setValue('CONANI')
    await getControl(wrapper, 'Víctima menor de edad').setValue(true)
    await saveButton(wrapper).trigger('click')
    await flushPromises()
    expect(saved()[0]?.body).toMatchObject({ data: { identifiedBy: 'CONANI', isMinor: true, identificationDate: '2025-03-14', ageAtIdentification: 30 } })
    expect(wrapper.get('.flag').text()).toContain('Víctima menor de edad')
    expect(wrapper.get('.tasks').text()).toContain(`Notificar a CONANI — vence el ${due.shown} — Pendiente`)
  })

  it('a reader who may not change the profile sees no "Editar"', async () => {
    const { wrapper } = await showPerson(() => ({ status: 500 }), person({ canEdit: false }))
    expect(wrapper.findAll('button').map((button) => button.text())).not.toContain('Editar')
    expect(wrapper.findAll('h3').map((heading) => heading.text())).toEqual(expect.arrayContaining(['Identificación', 'Explotación y control', 'Medidas de protección']))
  })
})

describe('the victim profile on record', () => {
  it('says plainly whether each consent is current or was withdrawn, and when', async () => {
    const consents = [
      { purpose: 'data-sharing', scope: 'CONANI y albergue', givenOn: '2099-03-02', withdrawnOn: null },
      { purpose: 'shelter', scope: null, givenOn: '2099-03-02', withdrawnOn: '2099-03-10' },
    ]
    const { wrapper } = await showPerson(() => ({ status: 500 }), person({ consents }))
    const rows = wrapper.findAll('table[aria-labelledby="victim-consents-heading"] tbody tr').map((row) => row.text())
    expect(rows[0]).toContain('Vigente')
    expect(rows[1]).toContain('Retirado el 10/03/2099')
  })
})

describe('"Tareas"', () => {
  it('lists each task with its due date and status, and marks an overdue one in words', async () => {
    const conani = { code: 'CONANI', name: 'Consejo Nacional para la Niñez y la Adolescencia' }
    const tasks: PersonTask[] = [
      { kind: 'conani-notification', dueDate: day(-2).iso, status: 'open', agency: conani },
      { kind: 'conani-notification', dueDate: day(-30).iso, status: 'done', agency: conani },
    ]
    const { wrapper } = await showPerson(() => ({ status: 500 }), person({ isMinor: true }, tasks))
    expect(wrapper.findAll('h2').map((heading) => heading.text())).toEqual(['Datos de la persona', 'Tareas', 'Casos', 'Perfil de víctima', 'Identidad'])
    const [overdue, done] = wrapper.findAll('.tasks li')
    expect(overdue!.text()).toContain(`Notificar a CONANI — venció el ${day(-2).shown} — Pendiente — ⚠ Vencida`)
    expect(overdue!.text()).toContain('Institución: Consejo Nacional para la Niñez y la Adolescencia (CONANI)')
    expect(done!.text()).toContain(`vence el ${day(-30).shown} — Cumplida`)
    expect(done!.text()).not.toContain('Vencida')
  })
})
