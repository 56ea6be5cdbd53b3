/**
 * The `chart` figure kind: a bar or line chart of labelled values. Every value is labelled on its
 * bar or point, so no legend is needed; the unit names the value axis; flat, no 3-D.
 *
 * ```chart
 * title: "Dams completed each decade"
 * type: bar                  # or line
 * unit: "dams"
 * data: { "1990s": 3, "2000s": 8, "2010s": 21 }   # or a list of { label, value }
 * ```
 */
import type { FigureKind, FigureRender } from './kinds.ts'
import { attrs, drawBlock, MIN_TEXT_PX, num, SLIDE_FIGURE_BOX, slideScale, svgDocument, text, textBlock, textWidth, wrapBalanced, type TextBlock } from './svg.ts'
import { Issues, isRecord, oneOf, record, str, type Path } from './validate.ts'
import { leadingMagnitude } from '../text/magnitudes.ts'

export type ChartType = 'bar' | 'line'
export const CHART_TYPES: readonly ChartType[] = ['bar', 'line']

export interface ChartPoint {
  label: string
  value: number
}

export interface ChartSpec {
  title: string
  type: ChartType
  /** What the values count or measure (`dams`, `%`, `billion USD`): names the value axis and the text equivalent. */
  unit?: string
  /** What the labels are (`Decade`): names the category axis. */
  xLabel?: string
  source?: string
  data: ChartPoint[]
}

export const CHART_KEYS = ['title', 'type', 'unit', 'xLabel', 'source', 'data'] as const
const POINT_KEYS = ['label', 'value'] as const
/** The largest value a chart labels and scales (a million billion). */
const MAX_VALUE = 1e15
const MAX_POINTS = 24

/** Type sizes in px; the figure is drawn at the slide's figure width, so 1 unit shows as 1 slide px. */
export const CHART_SIZES = { value: 24, category: 23, tick: 22, axis: 22, source: 22 } as const
export const CHART_WIDTH = SLIDE_FIGURE_BOX.width
export const CHART_HEIGHT = 400

/** `1234.5` → `1,234.5`; a `%` unit is written after the number. */
export function formatValue(value: number, unit?: string): string {
  const [int = '', frac] = String(Math.abs(value)).split('.')
  const grouped = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int
  return `${value < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}${unit === '%' ? '%' : ''}`
}

function point(label: unknown, value: unknown, path: Path, labelPath: Path, issues: Issues): ChartPoint | undefined {
  const l = typeof label === 'string' || typeof label === 'number' ? String(label).trim() : ''
  if (l === '') return issues.error(labelPath, `each value needs a label (text); got ${JSON.stringify(label)}`)
  if (l.length > 40) return issues.error(labelPath, `the label "${l}" is ${l.length} characters, over the 40 a chart can show under its bar: shorten it`)
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const hint = typeof value === 'string' && /\d/.test(value) ? ` (write the number alone, e.g. ${value.replace(/[^\d.-]/g, '') || '12'}, and put the unit in "unit")` : ''
    return issues.error(path, `the value for "${l}" must be a number; got ${JSON.stringify(value ?? null)}${hint}`)
  }
  // Past this a value cannot be labelled (and the axis steps overflow to Infinity): use a unit.
  if (Math.abs(value) > MAX_VALUE) return issues.error(path, `the value for "${l}" is ${value}, beyond the ${MAX_VALUE.toExponential(0)} a chart can label: give it in a larger unit (e.g. "billion USD") and divide`)
  return { label: l, value }
}

export function validateChart(data: unknown): { spec?: ChartSpec; issues: Issues } {
  const issues = new Issues()
  const top = record(data, [], CHART_KEYS, issues, 'a chart')
  if (!top) return { issues }
  const title = str(top, 'title', [], issues, { required: true, max: 140 })
  const type = oneOf(top, 'type', [], issues, CHART_TYPES, 'bar')
  const unit = str(top, 'unit', [], issues, { max: 30 })
  const xLabel = str(top, 'xLabel', [], issues, { max: 40 })
  const source = str(top, 'source', [], issues, { max: 120 })
  const raw = top.data
  let points: ChartPoint[] | undefined
  if (raw === undefined || raw === null) issues.error([], '"data" is required: a mapping of label: value, e.g. { "1990s": 3, "2000s": 8 }, or a list of { label, value }')
  else if (Array.isArray(raw)) {
    const out = raw.map((item, i) => {
      const path = ['data', i]
      const r = record(item, path, POINT_KEYS, issues, 'a data item')
      return r ? point(r.label, r.value, [...path, 'value'], [...path, 'label'], issues) : undefined
    })
    if (out.every((p) => p !== undefined)) points = out as ChartPoint[]
  } else if (isRecord(raw)) {
    const out = Object.entries(raw).map(([label, value]) => point(label, value, ['data', label], ['data', label], issues))
    if (out.every((p) => p !== undefined)) points = out as ChartPoint[]
  } else issues.error(['data'], `"data" must be a mapping of label: value or a list of { label, value }; got ${JSON.stringify(raw)}`)
  if (points && points.length === 0) issues.error(['data'], '"data" is empty: give at least one label and value')
  if (points && points.length > MAX_POINTS) issues.error(['data'], `"data" has ${points.length} values, more than the ${MAX_POINTS} a chart on a slide can label: group them, or split the chart`)
  const seen = new Set<string>()
  for (const [i, p] of (points ?? []).entries()) {
    if (seen.has(p.label)) issues.error(['data', Array.isArray(raw) ? i : p.label], `the label "${p.label}" appears twice: each bar or point needs its own label`)
    seen.add(p.label)
  }
  if (!issues.ok || title === undefined || type === undefined || !points) return { issues }
  const spec: ChartSpec = { title, type, data: points, ...(unit ? { unit } : {}), ...(xLabel ? { xLabel } : {}), ...(source ? { source } : {}) }
  for (const p of layoutChart(spec).problems) issues.list.push({ ...p, path: Array.isArray(raw) || p.index === undefined ? p.path : ['data', spec.data[p.index]?.label ?? ''] })
  return issues.ok ? { spec, issues } : { issues }
}

// ---------------------------------------------------------------------------------------------
// Layout

/** Round step for about five gridlines: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0)) return 1
  const raw = span / target
  const pow = 10 ** Math.floor(Math.log10(raw))
  return ([1, 2, 2.5, 5, 10].find((m) => m * pow >= raw) ?? 10) * pow
}

export interface ChartLayout {
  width: number
  height: number
  plot: { x0: number; x1: number; y0: number; y1: number }
  domain: { lo: number; hi: number; step: number }
  y: (v: number) => number
  band: number
  categories: TextBlock[]
  values: string[]
  problems: { path: Path; message: string; index?: number; severity?: 'error' | 'warning' }[]
}

export function layoutChart(spec: ChartSpec): ChartLayout {
  const S = CHART_SIZES
  const problems: ChartLayout['problems'] = []
  const values = spec.data.map((p) => formatValue(p.value, spec.unit))
  const min = Math.min(0, ...spec.data.map((p) => p.value))
  const max = Math.max(0, ...spec.data.map((p) => p.value))
  const step = niceStep(max - min || 1)
  const lo = Math.floor(min / step) * step - (min < 0 ? step : 0) // room under a negative bar for its value
  const hi = Math.max(Math.ceil(max / step) * step, lo + step)
  const ticks: number[] = []
  for (let v = lo; v <= hi + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)))
  const tickW = Math.max(...ticks.map((t) => textWidth(formatValue(t, spec.unit), S.tick)))
  const x0 = Math.ceil(tickW + 18)
  const x1 = CHART_WIDTH - 8
  const n = spec.data.length
  const band = (x1 - x0) / n
  const categories = spec.data.map((p, i) => {
    const b = textBlock([{ lines: wrapBalanced(p.label, S.category, band - 10), size: S.category, cls: 'fig-category' }])
    if (b.width > band - 4 || b.runs[0]?.lines.length !== undefined && (b.runs[0]?.lines.length ?? 0) > 2) {
      problems.push({ path: ['data', i, 'label'], index: i, message: `the label "${p.label}" does not fit under its ${spec.type === 'bar' ? 'bar' : 'point'} (${Math.floor(band)} px for each of ${n} values): shorten it or show fewer values` })
    }
    return b
  })
  values.forEach((v, i) => {
    if (textWidth(v, S.value, true) > band - 4) problems.push({ path: ['data', i, 'value'], index: i, message: `the value ${v} is too wide to label on its ${spec.type === 'bar' ? 'bar' : 'point'} with ${n} values side by side: show fewer values, or round them` })
  })
  const catH = Math.max(...categories.map((c) => c.height))
  const bottomRows = (spec.xLabel ? 32 : 0) + (spec.source ? 32 : 0)
  const y0 = 40 + 34 // the unit's row, then room for a value label over the tallest bar
  const y1 = CHART_HEIGHT - 14 - catH - bottomRows
  const y = (v: number): number => y1 - ((v - lo) / (hi - lo)) * (y1 - y0)
  const smallest = Math.min(...Object.values(S)) * slideScale(CHART_WIDTH, CHART_HEIGHT)
  if (smallest < MIN_TEXT_PX - 0.01) problems.push({ path: [], severity: 'warning', message: `the chart's smallest text would show at ${num(smallest)} px, under the ${MIN_TEXT_PX} px minimum` })
  return { width: CHART_WIDTH, height: CHART_HEIGHT, plot: { x0, x1, y0, y1 }, domain: { lo, hi, step }, y, band, categories, values, problems }
}

// ---------------------------------------------------------------------------------------------
// Rendering

/**
 * Where a line chart's value labels go (the text's anchor point, centred): over each point (under
 * it when negative), unless the line to or from a neighbour runs through the label there; then
 * under it, or further over or under (a steep fall runs through a label set just over a point).
 * A label never covers a point or an earlier label, and stays in the plot.
 */
function lineLabels(spec: ChartSpec, l: ChartLayout, centres: readonly number[]): { x: number; y: number }[] {
  const S = CHART_SIZES
  const pts = spec.data.map((d, j) => [centres[j] ?? 0, l.y(d.value)] as const)
  type Box = { x0: number; x1: number; y0: number; y1: number }
  const placed: Box[] = []
  const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
  return spec.data.map((p, i) => {
    const [cx, yv] = pts[i] ?? [0, 0]
    const half = textWidth(l.values[i] ?? '', S.value, true) / 2 + 4
    const boxAt = (x: number, base: number): Box => ({ x0: x - half, x1: x + half, y0: base - S.value * 0.8 - 3, y1: base + S.value * 0.2 + 3 })
    const crossings = (box: Box): number => {
      let hits = 0
      for (const j of [i - 1, i]) {
        const a = pts[j]
        const b = pts[j + 1]
        if (!a || !b) continue
        for (let k = 0; k <= 40; k++) {
          const x = a[0] + ((b[0] - a[0]) * k) / 40
          const y = a[1] + ((b[1] - a[1]) * k) / 40
          if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) hits++
        }
      }
      return hits
    }
    const clear = (box: Box) =>
      box.x0 >= l.plot.x0 - 4 && box.x1 <= l.plot.x1 + 4 && box.y0 >= 0 && box.y1 <= l.plot.y1 &&
      // (Labels keep a word space apart, so two values never read as one.)
      !placed.some((q) => overlaps({ ...q, x0: q.x0 - 8, x1: q.x1 + 8 }, box)) &&
      !pts.some(([px, py], j) => j !== i && overlaps(box, { x0: px - 8, x1: px + 8, y0: py - 8, y1: py + 8 }))
    // Always centred on the point's x (a label to one side could be read as the next point's),
    // over or under it, further away when the line runs through the nearer place.
    const over = [yv - 12, yv - 36, yv - 60]
    const under = [yv + 30, yv + 54]
    const ys = p.value < 0 ? [under[0], over[0], under[1], over[1], over[2]] : [over[0], under[0], over[1], under[1], over[2]]
    const candidates = ys.map((y) => ({ x: cx, y: y as number }))
    const fallback = candidates[0] as { x: number; y: number }
    const best = candidates.find((c) => clear(boxAt(c.x, c.y)) && crossings(boxAt(c.x, c.y)) === 0) ?? fallback
    placed.push(boxAt(best.x, best.y))
    return best
  })
}

/** The text equivalent: the kind of chart, its unit and every label with its value. */
export function chartText(spec: ChartSpec): string {
  const unit = spec.unit && spec.unit !== '%' ? ` ${spec.unit}` : ''
  const kind = spec.type === 'bar' ? 'Bar chart' : 'Line chart'
  const about = [spec.unit && spec.unit !== '%' ? `in ${spec.unit}` : spec.unit === '%' ? 'in percent' : '', spec.xLabel ? `by ${spec.xLabel}` : ''].filter(Boolean).join(', ')
  const items = spec.data.map((p) => `${p.label}: ${formatValue(p.value, spec.unit)}${unit}`).join('; ')
  return `${kind}${about ? `, ${about}` : ''}. ${items}.${spec.source ? ` Source: ${spec.source}${/[.!?]$/.test(spec.source) ? '' : '.'}` : ''}`
}

export function renderChart(spec: ChartSpec, id: string): FigureRender {
  const l = layoutChart(spec)
  const S = CHART_SIZES
  const { x0, x1, y0, y1 } = l.plot
  const out: string[] = ['<g class="fig-chart-axes">']
  if (spec.unit) out.push(text(spec.unit === '%' ? 'percent' : spec.unit, 0, 26, 'fig-axis-title', { size: S.axis }))
  for (let v = l.domain.lo; v <= l.domain.hi + l.domain.step / 1e6; v += l.domain.step) {
    const tv = Number(v.toPrecision(12))
    const yy = l.y(tv)
    out.push(`<path${attrs({ class: tv === 0 ? 'fig-baseline' : 'fig-grid', d: `M${x0} ${yy}H${x1}` })}/>`)
    out.push(text(formatValue(tv, spec.unit), x0 - 10, yy + 7, 'fig-tick-label', { anchor: 'end', size: S.tick }))
  }
  out.push('</g><g class="fig-chart-data">')
  const zero = l.y(Math.max(l.domain.lo, Math.min(0, l.domain.hi)))
  const centres = spec.data.map((_, i) => x0 + l.band * (i + 0.5))
  const labels = spec.type === 'line' ? lineLabels(spec, l, centres) : undefined
  if (spec.type === 'line') out.push(`<path${attrs({ class: 'fig-line', d: spec.data.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(centres[i] ?? 0)} ${num(l.y(p.value))}`).join('') })}/>`)
  spec.data.forEach((p, i) => {
    const cx = centres[i] ?? 0
    const yv = l.y(p.value)
    out.push(`<g${attrs({ class: 'fig-datum', 'data-label': p.label, 'data-value': String(p.value) })}>`)
    if (spec.type === 'bar') {
      const w = Math.min(l.band * 0.64, 160)
      out.push(`<rect${attrs({ class: 'fig-bar', x: cx - w / 2, y: Math.min(yv, zero), width: w, height: Math.max(1, Math.abs(zero - yv)) })}/>`)
    } else {
      out.push(`<circle${attrs({ class: 'fig-point', cx, cy: yv, r: 7 })}/>`)
    }
    const below = p.value < 0
    const at = labels?.[i] ?? { x: cx, y: below ? yv + 30 : yv - 12 }
    out.push(text(l.values[i] ?? '', at.x, at.y, 'fig-value', { anchor: 'middle', size: S.value }))
    out.push(drawBlock(l.categories[i] as TextBlock, cx, y1 + 10))
    out.push('</g>')
  })
  out.push('</g>')
  let yText = y1 + 10 + Math.max(...l.categories.map((c) => c.height)) + 28
  if (spec.xLabel) {
    out.push(text(spec.xLabel, (x0 + x1) / 2, yText, 'fig-axis-title', { anchor: 'middle', size: S.axis }))
    yText += 32
  }
  if (spec.source) out.push(text(`Source: ${spec.source}`, 0, yText, 'fig-source', { size: S.source }))
  const desc = chartText(spec)
  // A unit that starts with a magnitude ("thousand tonnes") scales every value: claimed as
  // "26 thousand", which the fidelity check finds as 26,000 in the source too.
  const magnitude = leadingMagnitude(spec.unit ?? '')
  const unitClaim = magnitude ? magnitude.rest : spec.unit
  const valueClaim = (v: string) => (magnitude && v ? `${v} ${magnitude.word}` : v)
  const claims = [spec.title, ...(unitClaim ? [unitClaim] : []), ...(spec.xLabel ? [spec.xLabel] : []), ...(spec.source ? [spec.source] : []), ...spec.data.flatMap((p, i) => [p.label, valueClaim(l.values[i] ?? '')])]
  return {
    svg: svgDocument({ name: 'chart', id, width: l.width, height: l.height, title: spec.title, desc, body: out.join('') }),
    text: desc,
    claims,
  }
}

export const chartFigure: FigureKind<ChartSpec> = {
  name: 'chart',
  keys: CHART_KEYS,
  validate(data) {
    const { spec, issues } = validateChart(data)
    return spec ? { spec, issues: issues.list } : { issues: issues.list }
  },
  render: renderChart,
}

