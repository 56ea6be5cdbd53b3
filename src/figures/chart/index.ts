/**
 * The `chart` figure kind: bar or line charts of one series or several, every value labelled on
 * its bar or point; the unit names the value axis; flat, no 3-D.
 *
 * ```chart
 * title: "Dams completed each decade"
 * type: bar                  # or line
 * unit: "dams"
 * data: { "1990s": 3, "2000s": 8, "2010s": 21 }   # or a list of { label, value }
 * # or several series: series: { Exports: { "2022": 74, "2024": 51 }, Imports: { … } }
 * # stacked: true · orientation: horizontal · highlight: "2024" · source: "…"
 * ```
 */
import type { FigureKind } from '../kinds.ts'
import type { TextMeasure } from '../measure.ts'
import { layoutChart } from './layout.ts'
import { renderChart, unlabelledSegments } from './render.ts'
import { CHART_KEYS, type ChartSpec, parseChart, pathOf } from './spec.ts'

export { CHART_HEIGHT, CHART_SIZES, CHART_WIDTH, formatValue, layoutChart, niceStep } from './layout.ts'
export { chartText, renderChart } from './render.ts'
export { CHART_KEYS, CHART_TYPES, type ChartSeries, type ChartSpec, type ChartType } from './spec.ts'

/** The spec with what keeps it from being drawn well: schema issues, then layout problems at the YAML that causes them. */
export function validateChart(data: unknown, measure?: TextMeasure) {
  const { spec, issues } = parseChart(data)
  if (!spec) return { issues }
  const layout = layoutChart(spec, measure)
  for (const p of layout.problems) {
    issues.list.push({
      path: p.at ? pathOf(data, spec, p.at.i, p.at.s, p.at.leaf) : (p.path ?? []),
      message: p.message,
      ...(p.severity ? { severity: p.severity } : {}),
    })
  }
  for (const m of unlabelledSegments(spec, layout)) {
    issues.warn(
      pathOf(data, spec, m.i, m.s, 'value'),
      `the ${spec.series[m.s]?.name ?? ''} segment of "${spec.categories[m.i] ?? ''}" (${m.label}) is too small to hold its value, so the chart shows it unlabelled (the text equivalent has it): consider grouped bars`,
    )
  }
  return issues.ok ? { spec, issues } : { issues }
}

export const chartFigure: FigureKind<ChartSpec> = {
  name: 'chart',
  keys: CHART_KEYS,
  validate(data, measure) {
    const { spec, issues } = validateChart(data, measure)
    return spec ? { spec, issues: issues.list } : { issues: issues.list }
  },
  render: renderChart,
}
