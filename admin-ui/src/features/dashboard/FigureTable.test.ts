import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import FigureTable from './FigureTable.vue'
import { i18n, setLanguage } from '../../i18n'
import { CASES_BY_STAGE } from './test-fixtures'
import { barsByRow, columnTotalBars, hasWithheld, isEmptyTable, wrapLabel } from './chart-data'
import { barLabel } from './figure-labels'

describe('the table alternative of a chart', () => {
  it('shows every figure as the API wrote it: a withheld one as <5 or x, never 0', () => {
    setLanguage('es')
    const wrapper = mount(FigureTable, {
      props: { table: CASES_BY_STAGE.data, caption: 'Casos por etapa procesal', rowsName: 'Etapa', columnsName: 'Tipo' },
      global: { plugins: [i18n] },
    })
    expect(wrapper.get('caption').text()).toBe('Casos por etapa procesal')
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Etapa \\ Tipo', 'TRAFFICKING', 'SMUGGLING', 'Total'])
    const rows = wrapper.findAll('tbody tr').map((tr) => [tr.get('th').text(), ...tr.findAll('td .figure').map((cell) => cell.text())])
    expect(rows).toEqual([
      ['INVESTIGATION', '12', '<5', 'x'],
      ['TRIAL', '7', 'x', 'x'],
    ])
    expect(wrapper.findAll('tbody th').every((th) => th.attributes('scope') === 'row')).toBe(true)
    expect(wrapper.get('tfoot').text()).toContain('19')
    expect(wrapper.get('tfoot').text()).toContain('25')
    // Withheld cells are marked (hatched) and spoken as withheld; no cell says 0.
    expect(wrapper.findAll('td.withheld')).toHaveLength(4)
    expect(wrapper.get('td.withheld .sr-only').text()).toBe('dato protegido, menos de <5')
    expect(wrapper.findAll('td').some((td) => td.text().startsWith('0'))).toBe(false)
  })
})

describe('an indicator as chart series', () => {
  it('leaves a withheld figure out of the bars and writes its text at the bar instead', () => {
    const model = barsByRow(CASES_BY_STAGE.data)
    expect(model.categories).toEqual(['INVESTIGATION', 'TRIAL'])
    expect(model.series.map((s) => s.values)).toEqual([
      [12, 7],
      [null, null],
    ])
    expect(barLabel(model, 0)).toBe('x')
    const totals = columnTotalBars(CASES_BY_STAGE.data, 'Casos')
    expect(totals.series[0]!.values).toEqual([19, 6])
    expect(barLabel(totals, 1)).toBe('6')
  })

  it('marks with * a published total whose bar has a withheld part', () => {
    const withPart = { ...CASES_BY_STAGE.data, rowTotals: [{ value: 14, suppressed: null, text: '14' }, CASES_BY_STAGE.data.rowTotals[1]!] }
    expect(barLabel(barsByRow(withPart), 0)).toBe('14 *')
  })

  it('writes a long category in lines so the axis shows it whole', () => {
    expect(wrapLabel('Audiencia preliminar / procedimiento preparatorio', 26)).toEqual(['Audiencia preliminar /', 'procedimiento preparatorio'])
  })

  it('tells an empty table (a published zero total) from a withheld one', () => {
    expect(isEmptyTable(CASES_BY_STAGE.data)).toBe(false)
    expect(hasWithheld(CASES_BY_STAGE.data)).toBe(true)
    expect(isEmptyTable({ ...CASES_BY_STAGE.data, total: { value: null, suppressed: 'primary', text: '<5' } })).toBe(false)
  })
})
