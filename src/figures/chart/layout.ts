/**
 * Where everything of a chart goes: the value axis (round steps), the bands of the categories,
 * each bar or point, the key for several series, and what does not fit (a located problem).
 * Vertical bars and lines share one layout; horizontal bars turn it on its side.
 */
import { ESTIMATE } from '../measure.ts'
import { MIN_TEXT_PX, num, SLIDE_FIGURE_BOX, slideScale, type TextBlock, type TextMeasure, textBlock, textWidth, wrapBalanced } from '../svg.ts'
import type { Path } from '../validate.ts'
import type { ChartSpec } from './spec.ts'

/** Type sizes in px; the figure is drawn at the slide's figure width, so 1 unit shows as 1 slide px. */
export const CHART_SIZES = { value: 24, category: 23, tick: 22, axis: 22, source: 22, key: 22 } as const
export const CHART_WIDTH = SLIDE_FIGURE_BOX.width
export const CHART_HEIGHT = 400

/** `1234.5` → `1,234.5`; a `%` unit is written after the number. */
export function formatValue(value: number, unit?: string): string {
  const [int = '', frac] = String(Math.abs(value)).split('.')
  const grouped = int.length > 4 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int
  return `${value < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}${unit === '%' ? '%' : ''}`
}

/** Round step for about five gridlines: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0)) return 1
  const raw = span / target
  const pow = 10 ** Math.floor(Math.log10(raw))
  return ([1, 2, 2.5, 5, 10].find((m) => m * pow >= raw) ?? 10) * pow
}

/** How far right of a line's last point its series' name starts: clear of the point's value label, centred over it. */
export function endLabelOffset(lastValue: string, tm: TextMeasure): number {
  return Math.max(14, textWidth(lastValue, CHART_SIZES.value, true, tm) / 2 + 8)
}

/** One bar (or one point of a line): category `i`, series `s`, in figure units. */
export interface Mark {
  i: number
  s: number
  value: number
  label: string
  /** Bars: the rectangle. Points: x0 = x1 = cx, y0 = y1 = cy. */
  x0: number
  x1: number
  y0: number
  y1: number
}

export interface LayoutProblem {
  /** Category and series the problem is about; none: the chart as a whole. */
  at?: { i: number; s: number; leaf: 'label' | 'value' }
  path?: Path
  message: string
  severity?: 'error' | 'warning'
}

export interface ChartLayout {
  width: number
  height: number
  plot: { x0: number; x1: number; y0: number; y1: number }
  domain: { lo: number; hi: number; step: number }
  ticks: number[]
  /** The value axis: a value's y (vertical) or x (horizontal) in figure units. */
  scale: (v: number) => number
  band: number
  /** Category labels, drawn under the bands (vertical) or beside them (horizontal). */
  categories: TextBlock[]
  /** Width of the category column of a horizontal chart. */
  categoryWidth: number
  marks: Mark[]
  /** The key's row top, when the chart has several series of bars. */
  keyTop?: number
  /** Room kept right of a multi-series line for the series' names. */
  endLabelWidth: number
  problems: LayoutProblem[]
  /** The widths the text was laid out with (the value labels are placed with them too). */
  measure: TextMeasure
}

/** The value axis: lo, hi and step round; stacked bars by their sums. */
function domainOf(spec: ChartSpec): { lo: number; hi: number; step: number; ticks: number[] } {
  const n = spec.categories.length
  const all = spec.series.flatMap((s) => s.values)
  let min = Math.min(0, ...all)
  let max = Math.max(0, ...all)
  if (spec.stacked) {
    const sums = (sign: 1 | -1) =>
      Array.from({ length: n }, (_, i) => spec.series.reduce((t, s) => t + (Math.sign(s.values[i] ?? 0) === sign ? (s.values[i] ?? 0) : 0), 0))
    min = Math.min(0, ...sums(-1))
    max = Math.max(0, ...sums(1))
  }
  const step = niceStep(max - min || 1)
  const lo = Math.floor(min / step) * step - (min < 0 && spec.orientation === 'vertical' ? step : 0) // room under a negative bar for its value
  const hi = Math.max(Math.ceil(max / step) * step, lo + step)
  const ticks: number[] = []
  for (let k = 0; k <= Math.round((hi - lo) / step); k++) ticks.push(Number((lo + k * step).toPrecision(12)))
  return { lo, hi, step, ticks }
}

/** Bars' (or points') positions along the category axis: the band of category i, split between series. */
function slots(spec: ChartSpec, band: number): { offset: number; width: number }[] {
  const k = spec.series.length
  if (spec.type === 'line') return spec.series.map(() => ({ offset: band / 2, width: 0 }))
  if (spec.stacked || k === 1) {
    const w = Math.min(band * 0.64, 160)
    return spec.series.map(() => ({ offset: (band - w) / 2, width: w }))
  }
  const group = Math.min(band * 0.86, 150 * k)
  const slot = group / k
  return spec.series.map((_, s) => ({ offset: (band - group) / 2 + slot * s + slot * 0.06, width: slot * 0.88 }))
}

export function layoutChart(spec: ChartSpec, tm: TextMeasure = ESTIMATE): ChartLayout {
  return spec.orientation === 'horizontal' ? layoutHorizontal(spec, tm) : layoutVertical(spec, tm)
}

const KEY_ROW = 36

function layoutVertical(spec: ChartSpec, tm: TextMeasure): ChartLayout {
  const S = CHART_SIZES
  const problems: LayoutProblem[] = []
  const { lo, hi, step, ticks } = domainOf(spec)
  const tickW = Math.max(...ticks.map((t) => textWidth(formatValue(t, spec.unit), S.tick, false, tm)))
  const multiLine = spec.type === 'line' && spec.series.length > 1
  const endLabelWidth = multiLine
    ? Math.max(...spec.series.map((s) => endLabelOffset(formatValue(s.values.at(-1) ?? 0, spec.unit), tm) + textWidth(s.name, S.key, true, tm))) + 4
    : 0
  const x0 = Math.ceil(tickW + 18)
  const x1 = CHART_WIDTH - 8 - endLabelWidth
  const n = spec.categories.length
  const band = (x1 - x0) / n
  const what = spec.type === 'bar' ? 'bar' : 'point'
  const categories = spec.categories.map((label, i) => {
    const b = textBlock([{ lines: wrapBalanced(label, S.category, band - 10, false, tm), size: S.category, cls: 'fig-category' }], tm)
    if (b.width > band - 4 || (b.runs[0]?.lines.length ?? 0) > 2) {
      problems.push({
        at: { i, s: 0, leaf: 'label' },
        message: `the label "${label}" does not fit under its ${what} (${Math.floor(band)} px for each of ${n} labels): shorten it, show fewer values, or use orientation: horizontal`,
      })
    }
    return b
  })
  const catH = Math.max(...categories.map((c) => c.height))
  const bottomRows = (spec.xLabel ? 32 : 0) + (spec.source ? 32 : 0)
  const keyTop = spec.type === 'bar' && spec.series.length > 1 ? 40 : undefined
  const y0 = 40 + (keyTop !== undefined ? KEY_ROW : 0) + 34 // the unit's row, the key, room for a value over the tallest bar
  const y1 = CHART_HEIGHT - 14 - catH - bottomRows
  const scale = (v: number): number => y1 - ((v - lo) / (hi - lo)) * (y1 - y0)
  const zero = scale(Math.max(lo, Math.min(0, hi)))
  const marks: Mark[] = []
  const bars = slots(spec, band)
  for (let i = 0; i < n; i++) {
    let up = 0
    let down = 0
    spec.series.forEach((s, j) => {
      const v = s.values[i] ?? 0
      const slot = bars[j] ?? { offset: 0, width: 0 }
      const left = x0 + band * i + slot.offset
      const label = formatValue(v, spec.unit)
      if (spec.type === 'line') {
        const cy = scale(v)
        marks.push({ i, s: j, value: v, label, x0: left, x1: left, y0: cy, y1: cy })
      } else if (spec.stacked) {
        const from = v >= 0 ? up : down
        const to = from + v
        if (v >= 0) up = to
        else down = to
        marks.push({ i, s: j, value: v, label, x0: left, x1: left + slot.width, y0: Math.min(scale(from), scale(to)), y1: Math.max(scale(from), scale(to)) })
      } else {
        const yv = scale(v)
        marks.push({ i, s: j, value: v, label, x0: left, x1: left + slot.width, y0: Math.min(yv, zero), y1: Math.max(yv, zero) })
      }
      const room = spec.type === 'line' ? band - 4 : spec.stacked || spec.series.length === 1 ? band - 4 : slot.width / 0.88 - 2
      if (textWidth(label, S.value, true, tm) > room) {
        problems.push({
          at: { i, s: j, leaf: 'value' },
          message: `the value ${label} is too wide to label on its ${what} with ${n * (spec.stacked || spec.type === 'line' ? 1 : spec.series.length)} side by side: show fewer values, round them, or use orientation: horizontal`,
        })
      }
    })
  }
  checkSmallest(problems)
  return {
    measure: tm,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    plot: { x0, x1, y0, y1 },
    domain: { lo, hi, step },
    ticks,
    scale,
    band,
    categories,
    categoryWidth: 0,
    marks,
    ...(keyTop !== undefined ? { keyTop } : {}),
    endLabelWidth,
    problems,
  }
}

function layoutHorizontal(spec: ChartSpec, tm: TextMeasure): ChartLayout {
  const S = CHART_SIZES
  const problems: LayoutProblem[] = []
  const { lo, hi, step, ticks } = domainOf(spec)
  const n = spec.categories.length
  const maxCat = CHART_WIDTH * 0.4
  const categories = spec.categories.map((label, i) => {
    const b = textBlock([{ lines: wrapBalanced(label, S.category, maxCat, false, tm), size: S.category, cls: 'fig-category' }], tm)
    if (b.width > maxCat + 1)
      problems.push({
        at: { i, s: 0, leaf: 'label' },
        message: `the label "${label}" is wider than the ${Math.floor(maxCat)} px a horizontal chart gives its labels: shorten it`,
      })
    return b
  })
  const categoryWidth = Math.max(...categories.map((c) => c.width))
  const valueW = Math.max(...spec.series.flatMap((s) => s.values.map((v) => textWidth(formatValue(v, spec.unit), S.value, true, tm))))
  const keyTop = spec.series.length > 1 ? 40 : undefined
  const y0 = 40 + (keyTop !== undefined ? KEY_ROW : 0)
  const bottomRows = 14 + S.tick + 10 + (spec.xLabel ? 32 : 0) + (spec.source ? 32 : 0)
  const y1 = CHART_HEIGHT - bottomRows
  const hasNegative = spec.series.some((s) => s.values.some((v) => v < 0))
  const x0 = Math.ceil(categoryWidth + 16 + (hasNegative ? valueW + 8 : 0))
  const x1 = CHART_WIDTH - 8 - valueW - 10
  const scale = (v: number): number => x0 + ((v - lo) / (hi - lo)) * (x1 - x0)
  const zero = scale(Math.max(lo, Math.min(0, hi)))
  const band = (y1 - y0) / n
  const bars = slots(spec, band)
  const marks: Mark[] = []
  for (let i = 0; i < n; i++) {
    let right = 0
    let left = 0
    spec.series.forEach((s, j) => {
      const v = s.values[i] ?? 0
      const slot = bars[j] ?? { offset: 0, width: 0 }
      const top = y0 + band * i + slot.offset
      const label = formatValue(v, spec.unit)
      let a = Math.min(scale(v), zero)
      let b = Math.max(scale(v), zero)
      if (spec.stacked) {
        const from = v >= 0 ? right : left
        const to = from + v
        if (v >= 0) right = to
        else left = to
        a = Math.min(scale(from), scale(to))
        b = Math.max(scale(from), scale(to))
      }
      marks.push({ i, s: j, value: v, label, x0: a, x1: b, y0: top, y1: top + slot.width })
    })
  }
  if (band < S.category * 1.25 || (bars[0]?.width ?? 0) < S.value * 0.9) {
    problems.push({
      path: [],
      message: `${n} labels${spec.series.length > 1 && !spec.stacked ? ` × ${spec.series.length} series` : ''} leave ${Math.floor(band)} px a row, too little to label each bar: show fewer, or stack the series`,
    })
  }
  checkSmallest(problems)
  return {
    measure: tm,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    plot: { x0, x1, y0, y1 },
    domain: { lo, hi, step },
    ticks,
    scale,
    band,
    categories,
    categoryWidth,
    marks,
    ...(keyTop !== undefined ? { keyTop } : {}),
    endLabelWidth: 0,
    problems,
  }
}

function checkSmallest(problems: LayoutProblem[]): void {
  const smallest = Math.min(...Object.values(CHART_SIZES)) * slideScale(CHART_WIDTH, CHART_HEIGHT)
  if (smallest < MIN_TEXT_PX - 0.01)
    problems.push({
      path: [],
      severity: 'warning',
      message: `the chart's smallest text would show at ${num(smallest)} px, under the ${MIN_TEXT_PX} px minimum`,
    })
}
