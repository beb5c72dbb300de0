import { describe, expect, it } from 'vitest'
import { answerText, answersToSend, CONTROL_OF, controlFor, toAnswer, toControlValue, type Words } from './form-fields'
import type { FormFieldDef, PublishedForm } from './forms-api'

const words: Words = { yes: 'Sí', no: 'No', choose: 'Elija…', inactive: (l) => `${l} (inactivo)`, personHint: 'Código', dateTimeHint: 'Hora RD' }
const f = (key: string, type: FormFieldDef['type'], extra: Partial<FormFieldDef> = {}): FormFieldDef => ({ key, type, labelEs: `E ${key}`, labelEn: `L ${key}`, ...extra })

const form: PublishedForm = {
  target: 'case',
  version: 2,
  definition: {
    key: 'extra',
    target: 'case',
    version: 2,
    sections: [{ key: 'main', titleEs: 'Principal', titleEn: 'Main', fields: [
      f('minor', 'yes-no'),
      f('school', 'short-text', { required: true, showWhen: { field: 'minor', in: [true] } }),
      f('signs', 'multiple-choice', { codeList: 'signs' }),
      f('kind', 'single-choice', { codeList: 'signs' }),
      f('hours', 'integer'),
      f('debt', 'decimal'),
      f('at', 'date-time'),
      f('recruiter', 'person-ref'),
    ] }],
  },
  codeLists: { signs: [{ code: 'lock', labelEs: 'Encierro', labelEn: 'Confinement', active: true }, { code: 'debt', labelEs: 'Deudas', labelEn: 'Debts', active: false }] },
}
const field = (key: string) => form.definition.sections[0]!.fields.find((x) => x.key === key)!

describe('drawing a published form', () => {
  it('maps every field type to one control', () => {
    expect(CONTROL_OF).toMatchObject({ 'short-text': 'text', 'long-text': 'textarea', integer: 'text', 'date-time': 'datetime', 'yes-no': 'select', 'multiple-choice': 'checkboxes' })
  })

  it('names each control by its answer’s place on the server, in the current language, with the right keyboard', () => {
    expect(controlFor(field('hours'), form, undefined, 'es', words)).toMatchObject({ name: 'custom.hours', kind: 'text', label: 'E hours', inputmode: 'numeric' })
    expect(controlFor(field('debt'), form, undefined, 'en', words)).toMatchObject({ label: 'L debt', inputmode: 'decimal' })
    expect(controlFor(field('recruiter'), form, undefined, 'es', words).hint).toBe('Código')
    expect(controlFor(field('minor'), form, undefined, 'es', words).options).toEqual([{ value: 'true', label: 'Sí' }, { value: 'false', label: 'No' }])
  })

  it('offers active codes, and an inactive one only to a record that already holds it, marked', () => {
    expect(controlFor(field('signs'), form, undefined, 'es', words).options).toEqual([{ value: 'lock', label: 'Encierro' }])
    expect(controlFor(field('signs'), form, ['debt'], 'es', words).options).toEqual([{ value: 'lock', label: 'Encierro' }, { value: 'debt', label: 'Deudas (inactivo)' }])
  })
})

describe('answers and control values', () => {
  it('converts stored answers to control values and back', () => {
    expect(toControlValue(field('minor'), true)).toBe('true')
    expect(toAnswer(field('minor'), 'false')).toBe(false)
    expect(toControlValue(field('hours'), 12)).toBe('12')
    expect(toAnswer(field('hours'), ' 12 ')).toBe(12)
    expect(toAnswer(field('debt'), '1500,5')).toBe(1500.5)
    expect(toAnswer(field('recruiter'), 'i-7kq2m')).toBe('I-7KQ2M')
    expect(toControlValue(field('signs'), null)).toEqual([])
    expect(toAnswer(field('signs'), [])).toBeUndefined()
    expect(toAnswer(field('hours'), '')).toBeUndefined()
  })

  it('sends what does not read as its type as typed, so the server names the problem', () => {
    expect(toAnswer(field('hours'), 'doce')).toBe('doce')
    expect(toAnswer(field('debt'), '1.2.3')).toBe('1.2.3')
  })

  it('reads a date and time in office time (UTC-4) and sends it with its zone', () => {
    expect(toControlValue(field('at'), '2026-03-01T18:30:00.000Z')).toBe('2026-03-01T14:30')
    expect(toAnswer(field('at'), '2026-03-01T14:30')).toBe('2026-03-01T14:30:00-04:00')
  })

  it('sends only the answers of fields that show', () => {
    expect(answersToSend(form, { minor: 'false', school: 'Escuela X', hours: '3' })).toEqual({ minor: false, hours: 3 })
    expect(answersToSend(form, { minor: 'true', school: 'Escuela X' })).toEqual({ minor: true, school: 'Escuela X' })
  })

  it('shows a stored answer in words with the labels of its version', () => {
    expect(answerText(field('signs'), ['lock', 'debt'], form, 'es', words)).toBe('Encierro, Deudas (inactivo)')
    expect(answerText(field('minor'), false, form, 'en', words)).toBe('No')
    expect(answerText(field('kind'), 'gone', form, 'es', words)).toBe('gone')
  })
})
