/**
 * The `chart` block's schema: one series (`data:`) or several (`series:`), bar or line, grouped
 * or stacked, vertical or horizontal bars, one highlighted category (or one value of one series).
 */
import { Issues, isRecord, oneOf, type Path, record, str } from '../validate.ts'

export type ChartType = 'bar' | 'line'
export const CHART_TYPES: readonly ChartType[] = ['bar', 'line']
export type Orientation = 'vertical' | 'horizontal'
export const ORIENTATIONS: readonly Orientation[] = ['vertical', 'horizontal']

export interface ChartSeries {
  /** '' for the one series of `data:` (no key is drawn then). */
  name: string
  /** One value per category, in the categories' order. */
  values: number[]
}

export interface ChartSpec {
  title: string
  type: ChartType
  /** What the values count or measure (`dams`, `%`, `billion USD`): names the value axis and the text equivalent. */
  unit?: string
  /** What the labels are (`Decade`): names the category axis. */
  xLabel?: string
  source?: string
  categories: string[]
  series: ChartSeries[]
  /** Bars of several series on top of each other rather than side by side. */
  stacked: boolean
  orientation: Orientation
  /** The category (and, with several series, optionally the one series) that carries the point. */
  highlight?: { at: string; series?: string }
}

export const CHART_KEYS = ['title', 'type', 'unit', 'xLabel', 'source', 'data', 'series', 'stacked', 'orientation', 'highlight'] as const
const POINT_KEYS = ['label', 'value'] as const
/** The largest value a chart labels and scales (a million billion). */
const MAX_VALUE = 1e15
export const MAX_POINTS = 24
/** Series a chart can tell apart by colour. */
export const MAX_SERIES = 4

interface Point {
  label: string
  value: number
}

function point(label: unknown, value: unknown, path: Path, labelPath: Path, issues: Issues): Point | undefined {
  const l = typeof label === 'string' || typeof label === 'number' ? String(label).trim() : ''
  if (l === '') return issues.error(labelPath, `each value needs a label (text); got ${JSON.stringify(label)}`)
  if (l.length > 40) return issues.error(labelPath, `the label "${l}" is ${l.length} characters, over the 40 a chart can show under its bar: shorten it`)
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const hint =
      typeof value === 'string' && /\d/.test(value)
        ? ` (write the number alone, e.g. ${value.replace(/[^\d.-]/g, '') || '12'}, and put the unit in "unit")`
        : ''
    return issues.error(path, `the value for "${l}" must be a number; got ${JSON.stringify(value ?? null)}${hint}`)
  }
  // Past this a value cannot be labelled (and the axis steps overflow to Infinity): use a unit.
  if (Math.abs(value) > MAX_VALUE)
    return issues.error(
      path,
      `the value for "${l}" is ${value}, beyond the ${MAX_VALUE.toExponential(0)} a chart can label: give it in a larger unit (e.g. "billion USD") and divide`,
    )
  return { label: l, value }
}

/** A mapping of label: value, or a list of { label, value }, at `path`. */
function points(raw: unknown, path: Path, issues: Issues): Point[] | undefined {
  let out: (Point | undefined)[]
  if (Array.isArray(raw)) {
    out = raw.map((item, i) => {
      const p = [...path, i]
      const r = record(item, p, POINT_KEYS, issues, 'a data item')
      return r ? point(r.label, r.value, [...p, 'value'], [...p, 'label'], issues) : undefined
    })
  } else if (isRecord(raw)) {
    out = Object.entries(raw).map(([label, value]) => point(label, value, [...path, label], [...path, label], issues))
  } else {
    return issues.error(path, `"${path.join('.')}" must be a mapping of label: value or a list of { label, value }; got ${JSON.stringify(raw)}`)
  }
  if (!out.every((p) => p !== undefined)) return undefined
  const seen = new Set<string>()
  for (const [i, p] of (out as Point[]).entries()) {
    if (seen.has(p.label))
      issues.error([...path, Array.isArray(raw) ? i : p.label], `the label "${p.label}" appears twice: each bar or point needs its own label`)
    seen.add(p.label)
  }
  if (out.length === 0) issues.error(path, `"${path.join('.')}" is empty: give at least one label and value`)
  return out as Point[]
}

/** Several series: every series has a value for every category, in the order first written. */
function manySeries(raw: unknown, issues: Issues): { categories: string[]; series: ChartSeries[] } | undefined {
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    return issues.error(
      ['series'],
      `"series" must be a mapping of series name: its values, e.g. { Exports: { "2022": 74, "2024": 51 }, Imports: { "2022": 2, "2024": -1 } }; got ${JSON.stringify(raw)}`,
    )
  }
  const names = Object.keys(raw)
  if (names.length > MAX_SERIES)
    return issues.error(['series'], `"series" has ${names.length} series, more than the ${MAX_SERIES} a chart can tell apart by colour: split the chart`)
  const parsed = names.map((name) => ({ name, pts: points(raw[name], ['series', name], issues) }))
  if (parsed.some((p) => !p.pts)) return undefined
  const categories = [...new Set(parsed.flatMap((p) => (p.pts ?? []).map((x) => x.label)))]
  const series = parsed.map(({ name, pts }) => {
    const byLabel = new Map((pts ?? []).map((x) => [x.label, x.value]))
    const missing = categories.filter((c) => !byLabel.has(c))
    if (missing.length)
      issues.error(
        ['series', name],
        `the series "${name}" has no value for ${missing.map((m) => `"${m}"`).join(', ')}: give one (0 if there was none), so no bar or point is left out silently`,
      )
    return { name, values: categories.map((c) => byLabel.get(c) ?? 0) }
  })
  return { categories, series }
}

function highlightOf(raw: unknown, categories: readonly string[], series: readonly ChartSeries[], issues: Issues): ChartSpec['highlight'] | undefined {
  if (raw === undefined || raw === null) return undefined
  const at = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : isRecord(raw) ? raw.at : undefined
  const name = isRecord(raw) ? raw.series : undefined
  if (isRecord(raw)) record(raw, ['highlight'], ['at', 'series'], issues, '"highlight"')
  if (typeof at !== 'string' && typeof at !== 'number')
    return issues.error(['highlight'], `"highlight" must be a category, e.g. "2024", or { series: Exports, at: "2024" }; got ${JSON.stringify(raw)}`)
  const cat = String(at)
  if (!categories.includes(cat))
    return issues.error(['highlight'], `"highlight" names "${cat}", which is not one of the chart's labels (${categories.join(', ')})`)
  if (name === undefined) return { at: cat }
  if (typeof name !== 'string' || !series.some((s) => s.name === name)) {
    return issues.error(
      ['highlight', 'series'],
      `"highlight.series" must be one of the series (${series.map((s) => s.name).join(', ')}); got ${JSON.stringify(name)}`,
    )
  }
  return { at: cat, series: name }
}

/** The spec, or the issues that keep it from being drawn (layout problems are added by the caller). */
export function parseChart(data: unknown): { spec?: ChartSpec; issues: Issues } {
  const issues = new Issues()
  const top = record(data, [], CHART_KEYS, issues, 'a chart')
  if (!top) return { issues }
  const title = str(top, 'title', [], issues, { required: true, max: 140 })
  const type = oneOf(top, 'type', [], issues, CHART_TYPES, 'bar')
  const orientation = oneOf(top, 'orientation', [], issues, ORIENTATIONS, 'vertical')
  const unit = str(top, 'unit', [], issues, { max: 30 })
  const xLabel = str(top, 'xLabel', [], issues, { max: 40 })
  const source = str(top, 'source', [], issues, { max: 120 })
  const stacked = top.stacked === undefined ? false : top.stacked
  if (typeof stacked !== 'boolean') issues.error(['stacked'], `"stacked" must be true or false; got ${JSON.stringify(stacked)}`)
  let shape: { categories: string[]; series: ChartSeries[] } | undefined
  if (top.data !== undefined && top.series !== undefined) issues.error(['series'], 'give "data" (one series) or "series" (several), not both')
  else if (top.series !== undefined) shape = manySeries(top.series, issues)
  else if (top.data === undefined || top.data === null)
    issues.error([], '"data" is required: a mapping of label: value, e.g. { "1990s": 3, "2000s": 8 }, or a list of { label, value }; or "series" for several')
  else {
    const pts = points(top.data, ['data'], issues)
    if (pts) shape = { categories: pts.map((p) => p.label), series: [{ name: '', values: pts.map((p) => p.value) }] }
  }
  if (shape) {
    const count = shape.categories.length * (type === 'bar' && stacked !== true ? shape.series.length : 1)
    if (shape.categories.length > MAX_POINTS || count > MAX_POINTS) {
      issues.error(
        [top.series !== undefined ? 'series' : 'data'],
        `"${top.series !== undefined ? 'series' : 'data'}" has ${count} ${count > shape.categories.length ? 'bars' : 'values'}, more than the ${MAX_POINTS} a chart on a slide can label: group them, or split the chart`,
      )
    }
  }
  if (type === 'line' && orientation === 'horizontal') issues.error(['orientation'], '"orientation: horizontal" is for bar charts: a line runs left to right')
  if (type === 'line' && stacked === true) issues.error(['stacked'], '"stacked" is for bar charts: lines of several series are drawn over one another')
  const highlight = shape ? highlightOf(top.highlight, shape.categories, shape.series, issues) : undefined
  if (!issues.ok || title === undefined || type === undefined || orientation === undefined || !shape) return { issues }
  const spec: ChartSpec = {
    title,
    type,
    categories: shape.categories,
    series: shape.series,
    stacked: stacked === true,
    orientation,
    ...(unit ? { unit } : {}),
    ...(xLabel ? { xLabel } : {}),
    ...(source ? { source } : {}),
    ...(highlight ? { highlight } : {}),
  }
  return { spec, issues }
}

/** Where a layout problem about category `i` (and series `s`) points in the author's YAML. */
export function pathOf(data: unknown, spec: ChartSpec, i: number, s: number, leaf: 'label' | 'value'): Path {
  const top = isRecord(data) ? data : {}
  const label = spec.categories[i] ?? ''
  if (top.series !== undefined) return ['series', spec.series[s]?.name ?? '', label]
  return Array.isArray(top.data) ? ['data', i, leaf] : ['data', label]
}
