/**
 * A chart drawn from its layout: gridlines and a zero line, every bar or point labelled with its
 * value, a key (bars) or the series' names at the lines' ends, the highlight, and the source.
 */

import { leadingMagnitude } from '../../text/magnitudes.ts'
import type { FigureRender } from '../kinds.ts'
import { attrs, drawBlock, num, svgDocument, type TextBlock, type TextMeasure, text, textWidth } from '../svg.ts'
import { CHART_SIZES, type ChartLayout, endLabelOffset, formatValue, layoutChart, type Mark } from './layout.ts'
import type { ChartSpec } from './spec.ts'

type Box = { x0: number; x1: number; y0: number; y1: number }
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1

/**
 * Where the lines' value labels go (the text's anchor, centred on its point's x): over each point
 * (under it when negative), unless a line runs through the label there; then under it, or further
 * over or under. A label never covers a point or an earlier label, and stays in the plot.
 */
function lineLabels(spec: ChartSpec, l: ChartLayout): Map<Mark, { x: number; y: number }> {
  const S = CHART_SIZES
  const points = l.marks.map((m) => [m.x0, m.y0] as const)
  const segments = spec.series.flatMap((_, s) => {
    const own = l.marks.filter((m) => m.s === s)
    return own.slice(1).map((b, k) => [own[k] as Mark, b] as const)
  })
  const placed: Box[] = []
  const out = new Map<Mark, { x: number; y: number }>()
  for (const m of l.marks) {
    const half = textWidth(m.label, S.value, true, l.measure) / 2 + 4
    const boxAt = (x: number, base: number): Box => ({ x0: x - half, x1: x + half, y0: base - S.value * 0.8 - 3, y1: base + S.value * 0.2 + 3 })
    const crossings = (box: Box): number => {
      let hits = 0
      for (const [a, b] of segments) {
        for (let k = 0; k <= 40; k++) {
          const x = a.x0 + ((b.x0 - a.x0) * k) / 40
          const y = a.y0 + ((b.y0 - a.y0) * k) / 40
          if (x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1) hits++
        }
      }
      return hits
    }
    const clear = (box: Box) =>
      box.x0 >= l.plot.x0 - 4 &&
      box.x1 <= l.plot.x1 + 4 &&
      box.y0 >= 0 &&
      box.y1 <= l.plot.y1 &&
      // (Labels keep a word space apart, so two values never read as one.)
      !placed.some((q) => overlaps({ ...q, x0: q.x0 - 8, x1: q.x1 + 8 }, box)) &&
      !points.some(([px, py]) => (px !== m.x0 || py !== m.y0) && overlaps(box, { x0: px - 8, x1: px + 8, y0: py - 8, y1: py + 8 }))
    const yv = m.y0
    const over = [yv - 12, yv - 36, yv - 60]
    const under = [yv + 30, yv + 54]
    const ys = m.value < 0 ? [under[0], over[0], under[1], over[1], over[2]] : [over[0], under[0], over[1], under[1], over[2]]
    const candidates = ys.map((y) => ({ x: m.x0, y: y as number }))
    const best = candidates.find((c) => clear(boxAt(c.x, c.y)) && crossings(boxAt(c.x, c.y)) === 0) ?? (candidates[0] as { x: number; y: number })
    placed.push(boxAt(best.x, best.y))
    out.set(m, best)
  }
  return out
}

/** A bar's value label: over (under when negative) a plain bar, inside a stacked segment, after a horizontal bar's end. */
function barLabel(spec: ChartSpec, m: Mark, tm: TextMeasure): { x: number; y: number; anchor: 'middle' | 'start' | 'end'; inside: boolean } | undefined {
  const S = CHART_SIZES
  const w = textWidth(m.label, S.value, true, tm)
  if (spec.orientation === 'horizontal') {
    const cy = (m.y0 + m.y1) / 2 + S.value * 0.35
    if (spec.stacked) return m.x1 - m.x0 >= w + 12 && m.y1 - m.y0 >= S.value ? { x: (m.x0 + m.x1) / 2, y: cy, anchor: 'middle', inside: true } : undefined
    return m.value < 0 ? { x: m.x0 - 8, y: cy, anchor: 'end', inside: false } : { x: m.x1 + 8, y: cy, anchor: 'start', inside: false }
  }
  const cx = (m.x0 + m.x1) / 2
  if (spec.stacked)
    return m.y1 - m.y0 >= S.value + 6 && m.x1 - m.x0 >= w + 8 ? { x: cx, y: (m.y0 + m.y1) / 2 + S.value * 0.35, anchor: 'middle', inside: true } : undefined
  return m.value < 0 ? { x: cx, y: m.y1 + 30, anchor: 'middle', inside: false } : { x: cx, y: m.y0 - 12, anchor: 'middle', inside: false }
}

/** Stacked segments too short to hold their value: labelled nowhere on the chart (the text equivalent has them). */
export function unlabelledSegments(spec: ChartSpec, l: ChartLayout): Mark[] {
  return spec.type === 'bar' && spec.stacked ? l.marks.filter((m) => m.value !== 0 && !barLabel(spec, m, l.measure)) : []
}

const isHighlighted = (spec: ChartSpec, m: Mark): boolean =>
  !!spec.highlight && spec.categories[m.i] === spec.highlight.at && (spec.highlight.series === undefined || spec.series[m.s]?.name === spec.highlight.series)

function markClass(spec: ChartSpec, m: Mark, base: string): string {
  const own = `${base} fig-series-${m.s}`
  if (!spec.highlight) return own
  // One series: the highlighted bar turns red. Several: the rest step back.
  if (spec.series.length === 1) return isHighlighted(spec, m) ? `${own} fig-highlight fig-highlight-single` : own
  return `${own} ${isHighlighted(spec, m) ? 'fig-highlight' : 'fig-dim'}`
}

function axes(spec: ChartSpec, l: ChartLayout): string[] {
  const S = CHART_SIZES
  const { x0, x1, y0, y1 } = l.plot
  const out: string[] = ['<g class="fig-chart-axes">']
  if (spec.unit) out.push(text(spec.unit === '%' ? 'percent' : spec.unit, 0, 26, 'fig-axis-title', { size: S.axis }))
  for (const tv of l.ticks) {
    const at = l.scale(tv)
    if (spec.orientation === 'horizontal') {
      out.push(`<path${attrs({ class: tv === 0 ? 'fig-baseline' : 'fig-grid', d: `M${at} ${y0}V${y1}` })}/>`)
      out.push(text(formatValue(tv, spec.unit), at, y1 + 14 + S.tick * 0.8, 'fig-tick-label', { anchor: 'middle', size: S.tick }))
    } else {
      out.push(`<path${attrs({ class: tv === 0 ? 'fig-baseline' : 'fig-grid', d: `M${x0} ${at}H${x1}` })}/>`)
      out.push(text(formatValue(tv, spec.unit), x0 - 10, at + 7, 'fig-tick-label', { anchor: 'end', size: S.tick }))
    }
  }
  out.push('</g>')
  return out
}

/** The key for several series of bars: a swatch and the name of each, in a row. */
function key(spec: ChartSpec, l: ChartLayout): string[] {
  if (l.keyTop === undefined) return []
  const S = CHART_SIZES
  const out: string[] = ['<g class="fig-key">']
  let x = l.plot.x0
  for (const [s, series] of spec.series.entries()) {
    out.push(`<rect${attrs({ class: `fig-swatch fig-series-${s}`, x, y: l.keyTop + 4, width: 20, height: 20 })}/>`)
    out.push(text(series.name, x + 28, l.keyTop + 21, 'fig-key-label', { size: S.key }))
    x += 28 + textWidth(series.name, S.key, false, l.measure) + 28
  }
  out.push('</g>')
  return out
}

/** The series' names right of the lines' last points, spread so they never touch. */
function endLabels(spec: ChartSpec, l: ChartLayout): string[] {
  if (spec.type !== 'line' || spec.series.length < 2) return []
  const S = CHART_SIZES
  const last = spec.series.map((s, j) => ({ name: s.name, j, m: l.marks.filter((m) => m.s === j).at(-1) as Mark }))
  const order = [...last].sort((a, b) => a.m.y0 - b.m.y0)
  let floor = -Infinity
  const ys = new Map<number, number>()
  for (const e of order) {
    const y = Math.max(e.m.y0 + 8, floor + S.key + 6)
    ys.set(e.j, y)
    floor = y
  }
  return last.map((e) =>
    text(e.name, e.m.x0 + endLabelOffset(e.m.label, l.measure), ys.get(e.j) ?? e.m.y0, `fig-series-name fig-series-text-${e.j}`, { size: S.key }),
  )
}

/** The text equivalent: the kind of chart, its unit, every label with its value, the highlight. */
export function chartText(spec: ChartSpec): string {
  const unit = spec.unit && spec.unit !== '%' ? ` ${spec.unit}` : ''
  const many = spec.series.length > 1
  const kind =
    spec.type === 'line'
      ? many
        ? `Line chart of ${spec.series.length} series`
        : 'Line chart'
      : `${spec.stacked && many ? 'Stacked' : many ? 'Grouped' : ''} ${spec.orientation === 'horizontal' ? 'horizontal ' : ''}bar chart`
          .trim()
          .replace(/^./, (c) => c.toUpperCase())
  const about = [spec.unit && spec.unit !== '%' ? `in ${spec.unit}` : spec.unit === '%' ? 'in percent' : '', spec.xLabel ? `by ${spec.xLabel}` : '']
    .filter(Boolean)
    .join(', ')
  const items = many
    ? spec.series.map((s) => `${s.name}: ${spec.categories.map((c, i) => `${c} ${formatValue(s.values[i] ?? 0, spec.unit)}${unit}`).join(', ')}`).join('; ')
    : spec.categories.map((c, i) => `${c}: ${formatValue(spec.series[0]?.values[i] ?? 0, spec.unit)}${unit}`).join('; ')
  const hl = spec.highlight ? ` Highlighted: ${spec.highlight.at}${spec.highlight.series ? ` (${spec.highlight.series})` : ''}.` : ''
  return `${kind}${about ? `, ${about}` : ''}. ${items}.${hl}${spec.source ? ` Source: ${spec.source}${/[.!?]$/.test(spec.source) ? '' : '.'}` : ''}`
}

/** The chart's data for editions that rebuild it natively (the PPTX's editable chart). */
export function chartData(spec: ChartSpec): string {
  const { type, stacked, orientation, unit, xLabel, source, categories, series, title, highlight } = spec
  return JSON.stringify({ title, type, stacked, orientation, unit: unit ?? '', xLabel, source, categories, series, highlight })
}

export function renderChart(spec: ChartSpec, id: string, tm?: TextMeasure): FigureRender {
  const l = layoutChart(spec, tm)
  const S = CHART_SIZES
  const { x0, x1, y1 } = l.plot
  const out = axes(spec, l)
  out.push(...key(spec, l))
  out.push('<g class="fig-chart-data">')
  const labels = spec.type === 'line' ? lineLabels(spec, l) : undefined
  if (spec.type === 'line') {
    for (const j of spec.series.keys()) {
      const own = l.marks.filter((m) => m.s === j)
      out.push(`<path${attrs({ class: `fig-line fig-series-${j}`, d: own.map((m, k) => `${k === 0 ? 'M' : 'L'}${num(m.x0)} ${num(m.y0)}`).join('') })}/>`)
    }
  }
  for (const m of l.marks) {
    const category = spec.categories[m.i] ?? ''
    out.push(`<g${attrs({ class: 'fig-datum', 'data-label': category, 'data-series': spec.series[m.s]?.name || undefined, 'data-value': String(m.value) })}>`)
    if (spec.type === 'bar') {
      const thin =
        spec.orientation === 'horizontal'
          ? { x: m.x0, y: m.y0, width: Math.max(1, m.x1 - m.x0), height: m.y1 - m.y0 }
          : { x: m.x0, y: m.y0, width: m.x1 - m.x0, height: Math.max(1, m.y1 - m.y0) }
      out.push(`<rect${attrs({ class: markClass(spec, m, 'fig-bar'), ...thin })}/>`)
      const at = barLabel(spec, m, l.measure)
      if (at) out.push(text(m.label, at.x, at.y, at.inside ? 'fig-value fig-value-inside' : 'fig-value', { anchor: at.anchor, size: S.value }))
    } else {
      out.push(`<circle${attrs({ class: markClass(spec, m, 'fig-point'), cx: m.x0, cy: m.y0, r: 7 })}/>`)
      const at = labels?.get(m) ?? { x: m.x0, y: m.y0 - 12 }
      out.push(text(m.label, at.x, at.y, 'fig-value', { anchor: 'middle', size: S.value }))
    }
    // Each category's label once, with its first series' mark.
    if (m.s === 0) {
      const block = l.categories[m.i] as TextBlock
      if (spec.orientation === 'horizontal') out.push(drawBlock(block, l.categoryWidth, l.plot.y0 + l.band * (m.i + 0.5) - block.height / 2, 'end'))
      else out.push(drawBlock(block, x0 + l.band * (m.i + 0.5), y1 + 10))
    }
    out.push('</g>')
  }
  out.push(...endLabels(spec, l))
  out.push('</g>')
  let yText = spec.orientation === 'horizontal' ? y1 + 14 + S.tick + 10 + 22 : y1 + 10 + Math.max(...l.categories.map((c) => c.height)) + 28
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
  const names = spec.series.map((s) => s.name).filter(Boolean)
  const claims = [
    spec.title,
    ...(unitClaim ? [unitClaim] : []),
    ...(spec.xLabel ? [spec.xLabel] : []),
    ...(spec.source ? [spec.source] : []),
    ...names,
    ...spec.categories.flatMap((c, i) => [c, ...spec.series.map((s) => valueClaim(formatValue(s.values[i] ?? 0, spec.unit)))]),
  ]
  return {
    svg: svgDocument({
      name: 'chart',
      id,
      width: l.width,
      height: l.height,
      title: spec.title,
      desc,
      body: out.join(''),
      data: { 'data-chart': chartData(spec) },
    }),
    text: desc,
    claims,
  }
}
