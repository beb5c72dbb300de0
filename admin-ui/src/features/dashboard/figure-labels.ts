// A Chart.js plugin that writes each bar's figure at its end: the published total, or the withheld
// text ("<5", "x") where no bar can be drawn, with "*" when part of the bar is withheld. The chart is
// then readable without colour and a withheld figure never looks like an empty bar.
import type { Chart, Plugin } from 'chart.js'
import type { BarModel } from './chart-data'

export const WITHHELD_PART_MARK = '*'

/** The label at the end of category i's bar. */
export function barLabel(model: BarModel, index: number): string {
  const total = model.totals[index]
  if (!total) return ''
  return model.withheldParts[index] && total.suppressed === null ? `${total.text} ${WITHHELD_PART_MARK}` : total.text
}

export function figureLabels(model: () => BarModel, font: string): Plugin<'bar'> {
  return {
    id: 'pettFigureLabels',
    afterDatasetsDraw(chart: Chart<'bar'>) {
      const current = model()
      const horizontal = chart.options.indexAxis === 'y'
      const valueScale = horizontal ? chart.scales.x : chart.scales.y
      const indexScale = horizontal ? chart.scales.y : chart.scales.x
      if (!valueScale || !indexScale) return
      const { ctx } = chart
      ctx.save()
      ctx.font = font
      ctx.fillStyle = '#10253f'
      ctx.textBaseline = horizontal ? 'middle' : 'bottom'
      ctx.textAlign = horizontal ? 'left' : 'center'
      current.categories.forEach((_, i) => {
        const text = barLabel(current, i)
        if (!text) return
        // The end of the stack: the farthest end of any visible segment, else the axis.
        let end = valueScale.getPixelForValue(0)
        chart.data.datasets.forEach((_, d) => {
          const meta = chart.getDatasetMeta(d)
          if (meta.hidden) return
          const bar = meta.data[i] as unknown as { x: number; y: number } | undefined
          const raw = chart.data.datasets[d]!.data[i]
          if (!bar || raw === null || raw === undefined) return
          end = horizontal ? Math.max(end, bar.x) : Math.min(end, bar.y)
        })
        // By category index, not by tick: a tick list may skip categories.
        const at = indexScale.getPixelForValue(i)
        if (horizontal) ctx.fillText(text, end + 4, at)
        else ctx.fillText(text, at, end - 3)
      })
      ctx.restore()
    },
  }
}
