import { describe, expect, it } from 'vitest'
import { emptyNewCase, placeServerErrors, toNewCaseBody, validateNewCase, type NewCaseValues } from './new-case-form'

const TODAY = '2026-03-20'

function valid(overrides: Partial<NewCaseValues> = {}): NewCaseValues {
  return {
    ...emptyNewCase(),
    title: '[DEMO] Red de captación en Bávaro',
    caseType: 'trata',
    origin: 'denuncia',
    intakeDate: '14/03/2026',
    province: 'la-altagracia',
    ...overrides,
  }
}

describe('new case rules', () => {
  it('a complete form has no problem', () => {
    expect(validateNewCase(valid(), TODAY)).toEqual({})
  })

  it('an empty form asks for title, type, origin, intake date and province', () => {
    expect(validateNewCase(emptyNewCase(), TODAY)).toEqual({
      title: { key: 'required' },
      caseType: { key: 'chooseOne' },
      origin: { key: 'chooseOne' },
      intakeDate: { key: 'required' },
      province: { key: 'chooseOne' },
    })
  })

  it('a title needs 5 to 200 characters, spaces at the ends not counted', () => {
    expect(validateNewCase(valid({ title: '  abcd  ' }), TODAY).title).toEqual({ key: 'minLength', params: { min: 5 } })
    expect(validateNewCase(valid({ title: 'abcde' }), TODAY).title).toBeUndefined()
    expect(validateNewCase(valid({ title: 'x'.repeat(201) }), TODAY).title).toEqual({ key: 'maxLength', params: { max: 200 } })
    expect(validateNewCase(valid({ title: 'x'.repeat(200) }), TODAY).title).toBeUndefined()
  })

  it('the intake date must be a real dd/mm/aaaa date', () => {
    expect(validateNewCase(valid({ intakeDate: '2026-03-14' }), TODAY).intakeDate).toEqual({ key: 'dateFormat' })
    expect(validateNewCase(valid({ intakeDate: '31/02/2026' }), TODAY).intakeDate).toEqual({ key: 'dateFormat' })
  })

  it('the intake date may be today but not in the future', () => {
    expect(validateNewCase(valid({ intakeDate: '20/03/2026' }), TODAY).intakeDate).toBeUndefined()
    expect(validateNewCase(valid({ intakeDate: '21/03/2026' }), TODAY).intakeDate).toEqual({ key: 'dateInFuture' })
  })

  it('the date of the facts is optional but cannot follow the intake date', () => {
    expect(validateNewCase(valid({ factsDate: '' }), TODAY).factsDate).toBeUndefined()
    expect(validateNewCase(valid({ factsDate: '14/03/2026' }), TODAY).factsDate).toBeUndefined()
    expect(validateNewCase(valid({ factsDate: '15/03/2026' }), TODAY).factsDate).toEqual({ key: 'factsAfterIntake' })
    expect(validateNewCase(valid({ factsDate: '3/2026' }), TODAY).factsDate).toEqual({ key: 'dateFormat' })
  })

  it('municipality and summary have a maximum length', () => {
    expect(validateNewCase(valid({ municipality: 'm'.repeat(101) }), TODAY).municipality).toEqual({
      key: 'maxLength',
      params: { max: 100 },
    })
    expect(validateNewCase(valid({ summary: 's'.repeat(5001) }), TODAY).summary).toEqual({
      key: 'maxLength',
      params: { max: 5000 },
    })
    expect(validateNewCase(valid({ summary: 's'.repeat(5000) }), TODAY).summary).toBeUndefined()
  })

  it('priority and risk only take their known values', () => {
    expect(validateNewCase(valid({ priority: 'urgent', risk: 'high' }), TODAY)).toEqual({})
    expect(validateNewCase(valid({ priority: 'critical' }), TODAY).priority).toEqual({ key: 'chooseOne' })
    expect(validateNewCase(valid({ risk: '' }), TODAY).risk).toEqual({ key: 'chooseOne' })
  })
})

describe('new case request body', () => {
  it('sends ISO dates and leaves empty optional fields out', () => {
    expect(toNewCaseBody(valid({ title: '  Caso de prueba  ' }))).toEqual({
      title: 'Caso de prueba',
      caseType: 'trata',
      origin: 'denuncia',
      intakeDate: '2026-03-14',
      province: 'la-altagracia',
      priority: 'medium',
      risk: 'medium',
      isComplex: false,
    })
  })

  it('sends the optional fields that were filled in', () => {
    const body = toNewCaseBody(
      valid({
        factsDate: '02/01/2026',
        municipality: ' Higüey ',
        exploitationForms: ['trabajo-forzoso'],
        palermoActs: ['captacion'],
        palermoMeans: ['engano'],
        smugglingRoute: 'mar',
        isComplex: true,
        summary: 'Hechos.',
      }),
    )
    expect(body).toMatchObject({
      factsDate: '2026-01-02',
      municipality: 'Higüey',
      exploitationForms: ['trabajo-forzoso'],
      palermoActs: ['captacion'],
      palermoMeans: ['engano'],
      smugglingRoute: 'mar',
      isComplex: true,
      summary: 'Hechos.',
    })
    expect(Object.values(body)).not.toContain(null)
    expect(Object.values(body)).not.toContain('')
  })
})

describe('server errors', () => {
  it('go next to their field by the first element of the path; unknown paths stay general', () => {
    const placed = placeServerErrors([
      { path: ['title'], message: 'El título es obligatorio.' },
      { path: ['intakeDate'], message: 'Fecha inválida.' },
      { path: ['custom', 'x'], message: 'Otro problema.' },
      { path: [], message: 'Sin campo.' },
    ])
    expect(placed.fields).toEqual({ title: 'El título es obligatorio.', intakeDate: 'Fecha inválida.' })
    expect(placed.general).toEqual(['Otro problema.', 'Sin campo.'])
  })
})
