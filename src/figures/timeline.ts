/**
 * The `timeline` figure kind. Dated events are drawn to scale on a time axis; events the source
 * leaves undated get their own, clearly labelled lane, in the order the author gives, with no
 * scale. Labels are wrapped, kept inside the frame and apart from each other; when there is no
 * room the author is told which event to shorten.
 *
 * ```timeline
 * title: "The dams came faster than the agreements"
 * events:
 *   - { date: "1995-04", label: "Mekong Agreement signed" }
 *   - { label: "Talks on data sharing" }      # undated
 * ```
 */
import type { FigureKind, FigureRender } from './kinds.ts'
import { attrs, drawBlock, MIN_TEXT_PX, num, SLIDE_FIGURE_BOX, slideScale, svgDocument, text, textBlock, textWidth, wrapBalanced, type TextBlock } from './svg.ts'
import { Issues, list, record, str, type Path } from './validate.ts'

export interface TimelineDate {
  /** As the author wrote it: `1995`, `1995-04` or `1995-04-12`. */
  raw: string
  year: number
  month?: number
  day?: number
}

export interface TimelineEvent {
  date?: TimelineDate
  label: string
  note?: string
  /** Position in the author's list (for messages and the undated order). */
  index: number
}

export interface TimelineSpec {
  title: string
  events: TimelineEvent[]
  /** Heading of the dated lane (drawn only when there are undated events too). */
  datedLabel: string
  /** Heading of the undated lane. */
  undatedLabel: string
}

export const TIMELINE_KEYS = ['title', 'events', 'datedLabel', 'undatedLabel'] as const
const EVENT_KEYS = ['date', 'label', 'note'] as const
export const DEFAULT_DATED_LABEL = 'Dated, to scale'
export const DEFAULT_UNDATED_LABEL = 'Undated, in the order given'
const MAX_EVENTS = 14

/** Type sizes in px; the figure is drawn at the slide's figure width, so 1 unit shows as 1 slide px. */
export const TIMELINE_SIZES = { lane: 24, date: 26, label: 24, note: 22, tick: 22, order: 22 } as const
export const TIMELINE_WIDTH = SLIDE_FIGURE_BOX.width
const PAD = 6
const GAP = 22
const MAX_WRAP = 330
/** How far right of its marker a label may be moved when its neighbours leave no room above it. */
const MAX_SHIFT = 160
const AXIS_X0 = 24
/** From the dated axis to the labels under it; from the undated line to its labels (past the numbered circles). */
const BELOW_GAP = 20
const UNDATED_GAP = 24
const AXIS_X1 = TIMELINE_WIDTH - 34

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (YAML reads a bare year as a number); an error message otherwise. */
export function parseDate(value: unknown): TimelineDate | string {
  const raw = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined
  const m = raw === undefined ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(raw)
  const hint = 'write "YYYY", "YYYY-MM" or "YYYY-MM-DD" (e.g. "1995", "1995-04", "1995-04-12"), or leave "date" out for an undated event'
  if (!raw || !m) return `"date" ${raw === undefined ? `must be text, not ${JSON.stringify(value)}` : `"${raw}" is not a date`}: ${hint}`
  const year = Number(m[1])
  const month = m[2] === undefined ? undefined : Number(m[2])
  const day = m[3] === undefined ? undefined : Number(m[3])
  if (month !== undefined && (month < 1 || month > 12)) return `"date" "${raw}" has month ${m[2]}: months run 01 to 12`
  if (month !== undefined && day !== undefined) {
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
    if (day < 1 || day > days) return `"date" "${raw}" has day ${m[3]}, but ${MONTHS[month - 1]} ${year} has ${days} days`
  }
  return { raw, year, ...(month !== undefined ? { month } : {}), ...(day !== undefined ? { day } : {}) }
}

/** The date as drawn: `1995`, `Apr 1995`, `12 Apr 1995`. */
export function shortDate(d: TimelineDate): string {
  if (d.month === undefined) return String(d.year)
  const mon = (MONTHS[d.month - 1] ?? '').slice(0, 3)
  return d.day === undefined ? `${mon} ${d.year}` : `${d.day} ${mon} ${d.year}`
}

/** The date in words, for the text equivalent: `April 1995`. */
export function longDate(d: TimelineDate): string {
  if (d.month === undefined) return String(d.year)
  const mon = MONTHS[d.month - 1] ?? ''
  return d.day === undefined ? `${mon} ${d.year}` : `${d.day} ${mon} ${d.year}`
}

/** Years as a number, for the scale. */
function timeOf(d: TimelineDate): number {
  return d.year + ((d.month ?? 1) - 1) / 12 + ((d.day ?? 1) - 1) / 365
}

function validateEvent(v: unknown, path: Path, issues: Issues, index: number): TimelineEvent | undefined {
  const e = record(v, path, EVENT_KEYS, issues, 'an event')
  if (!e) return undefined
  const label = str(e, 'label', path, issues, { required: true, max: 90 })
  const note = str(e, 'note', path, issues, { max: 90 })
  let date: TimelineDate | undefined
  if (e.date !== undefined && e.date !== null) {
    const d = parseDate(e.date)
    if (typeof d === 'string') issues.error([...path, 'date'], d)
    else date = d
  }
  if (label === undefined || (e.date !== undefined && e.date !== null && date === undefined)) return undefined
  return { label, index, ...(note !== undefined ? { note } : {}), ...(date ? { date } : {}) }
}

export function validateTimeline(data: unknown): { spec?: TimelineSpec; issues: Issues } {
  const issues = new Issues()
  const top = record(data, [], TIMELINE_KEYS, issues, 'a timeline')
  if (!top) return { issues }
  const title = str(top, 'title', [], issues, { required: true, max: 140 })
  const datedLabel = str(top, 'datedLabel', [], issues, { max: 60 }) ?? DEFAULT_DATED_LABEL
  const undatedLabel = str(top, 'undatedLabel', [], issues, { max: 60 }) ?? DEFAULT_UNDATED_LABEL
  let n = 0
  const events = list(top, 'events', [], issues, (v, path) => validateEvent(v, path, issues, n++), { max: MAX_EVENTS })
  if (!issues.ok || title === undefined || events === undefined) return { issues }
  const spec: TimelineSpec = { title, events, datedLabel, undatedLabel }
  const layout = layoutTimeline(spec)
  for (const p of layout.problems) issues.list.push(p)
  return issues.ok ? { spec, issues } : { issues }
}

// ---------------------------------------------------------------------------------------------
// Layout: pure geometry, shared by validation (to say what does not fit) and rendering.

interface Placed {
  event: TimelineEvent
  x: number
  /** Centre of the label: over its marker, moved inward near the frame's edge, or right of it in a burst of events. */
  cx: number
  block: TextBlock
  side: 'below' | 'above'
  /** 1-based position in the undated lane. */
  order?: number
}

export interface TimelineLayout {
  width: number
  height: number
  dated: { top: number; axisY: number; lanes: boolean; events: Placed[]; ticks: { year: number; x: number; label: boolean }[]; x: (t: number) => number } | undefined
  undated: { top: number; axisY: number; bottom: number; events: Placed[] } | undefined
  problems: { path: Path; message: string; severity?: 'error' | 'warning' }[]
}

function eventBlock(e: TimelineEvent, width: number, withDate: boolean): TextBlock {
  const S = TIMELINE_SIZES
  return textBlock([
    ...(withDate && e.date ? [{ lines: [shortDate(e.date)], size: S.date, bold: true, cls: 'fig-date' }] : []),
    { lines: wrapBalanced(e.label, S.label, width, true), size: S.label, bold: true, cls: 'fig-event-label' },
    { lines: e.note ? wrapBalanced(e.note, S.note, width) : [], size: S.note, cls: 'fig-event-note' },
  ])
}

const clampCentre = (x: number, w: number): number => Math.min(Math.max(x, PAD + w / 2), TIMELINE_WIDTH - PAD - w / 2)
const NARROWER = [MAX_WRAP, 280, 240, 200, 170]
const quoted = (e: TimelineEvent) => `"${e.label}"`

/** Where everything goes. Problems name the event to shorten when labels cannot be kept apart. */
export function layoutTimeline(spec: TimelineSpec): TimelineLayout {
  const problems: TimelineLayout['problems'] = []
  const datedEvents = spec.events.filter((e) => e.date).sort((a, b) => timeOf(a.date as TimelineDate) - timeOf(b.date as TimelineDate) || a.index - b.index)
  const undatedEvents = spec.events.filter((e) => !e.date)
  const lanes = datedEvents.length > 0 && undatedEvents.length > 0
  let y = 0
  let dated: TimelineLayout['dated']
  if (datedEvents.length) {
    const times = datedEvents.map((e) => timeOf(e.date as TimelineDate))
    const lo = Math.min(...times)
    const hi = Math.max(...times)
    const span = hi - lo
    const pad = span === 0 ? 1 : Math.max(0.4, span * 0.07)
    const t0 = lo - pad
    const t1 = hi + pad
    const x = (t: number): number => AXIS_X0 + ((t - t0) / (t1 - t0)) * (AXIS_X1 - AXIS_X0)
    // Labels in time order: below the axis where there is room, else above it, else narrower;
    // else (a burst of events close in time) moved right along its row, as little as it takes
    // and at most MAX_SHIFT, on a slanted leader from its marker.
    const placed: Placed[] = []
    const lastRight = { below: -Infinity, above: -Infinity }
    let prev: TimelineEvent | undefined
    for (const [i, e] of datedEvents.entries()) {
      const xe = x(times[i] ?? 0)
      let done = false
      for (const width of NARROWER) {
        const block = eventBlock(e, width, true)
        const cx = clampCentre(xe, block.width)
        const left = cx - block.width / 2
        const side = left >= lastRight.below + GAP ? 'below' : left >= lastRight.above + GAP ? 'above' : undefined
        if (side) {
          placed.push({ event: e, x: xe, cx, block, side })
          lastRight[side] = cx + block.width / 2
          done = true
          break
        }
      }
      for (const width of done ? [] : NARROWER) {
        const block = eventBlock(e, width, true)
        const moved = (['below', 'above'] as const)
          .map((side) => ({ side, cx: lastRight[side] + GAP + block.width / 2 }))
          .filter((m) => m.cx - xe <= MAX_SHIFT && m.cx + block.width / 2 <= TIMELINE_WIDTH - PAD)
          .sort((a, b) => a.cx - b.cx)[0]
        if (moved) {
          placed.push({ event: e, x: xe, cx: moved.cx, block, side: moved.side })
          lastRight[moved.side] = moved.cx + block.width / 2
          done = true
          break
        }
      }
      if (!done) {
        problems.push({
          path: ['events', e.index, 'label'],
          message: `no room to label ${quoted(e)} (${e.date?.raw}) beside ${prev ? quoted(prev) : 'its neighbours'}, which are close in time: shorten this label${e.note ? ' or its note' : ''}, or leave one of the events out`,
        })
        const block = eventBlock(e, NARROWER[NARROWER.length - 1] ?? 170, true)
        placed.push({ event: e, x: xe, cx: clampCentre(xe, block.width), block, side: 'below' })
      }
      prev = e
    }
    const aboveH = Math.max(0, ...placed.filter((p) => p.side === 'above').map((p) => p.block.height))
    const belowH = Math.max(0, ...placed.filter((p) => p.side === 'below').map((p) => p.block.height))
    const top = y
    const ticksTop = top + (lanes ? 38 : 0)
    // Labels above the axis take the tick row's place (ticks under them go unlabelled).
    const axisY = ticksTop + Math.max(34, aboveH > 0 ? aboveH + 22 : 0)
    // Year ticks every 1, 2, 5, 10, … years, at least 90 px apart, labelled where no label sits above.
    const perYear = (AXIS_X1 - AXIS_X0) / (t1 - t0)
    const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => s * perYear >= 90) ?? 1000
    const ticks: { year: number; x: number; label: boolean }[] = []
    for (let yr = Math.ceil(t0 / step) * step; yr <= t1; yr += step) {
      const xt = x(yr)
      if (xt < AXIS_X0 + 10 || xt > AXIS_X1 - 10) continue
      const w = textWidth(String(yr), TIMELINE_SIZES.tick) / 2 + 8
      const hidden = placed.some((p) => p.side === 'above' && Math.abs(p.cx - xt) < p.block.width / 2 + w)
      ticks.push({ year: yr, x: xt, label: !hidden && xt - w >= PAD && xt + w <= TIMELINE_WIDTH - PAD })
    }
    dated = { top, axisY, lanes, events: placed, ticks, x }
    y = axisY + (belowH > 0 ? BELOW_GAP + belowH : 14)
  }
  let undated: TimelineLayout['undated']
  if (undatedEvents.length) {
    const top = y + (dated ? 10 : 0)
    const n = undatedEvents.length
    const inset = 24
    const step = (TIMELINE_WIDTH - 2 * inset) / n
    const xs = undatedEvents.map((_, i) => inset + step * (i + 0.5))
    // One row when every label fits its column in two lines; otherwise labels alternate below and
    // above the line, so each may use two columns' width.
    const single = undatedEvents.map((e) => eventBlock(e, step - GAP, false))
    const fitsOneRow = single.every((b) => b.width <= step - GAP && b.runs.every((r) => r.lines.length <= 2))
    const placed: Placed[] = []
    const lastRight = { below: -Infinity, above: -Infinity }
    undatedEvents.forEach((e, i) => {
      const side: Placed['side'] = fitsOneRow || i % 2 === 0 ? 'below' : 'above'
      const xe = xs[i] ?? 0
      const widths = fitsOneRow ? [step - GAP] : [Math.min(MAX_WRAP, 2 * step - GAP), ...NARROWER.filter((w) => w < 2 * step - GAP)]
      let ok = false
      for (const width of widths) {
        const block = fitsOneRow ? (single[i] as TextBlock) : eventBlock(e, width, false)
        const cx = clampCentre(xe, block.width)
        if (cx - block.width / 2 >= lastRight[side] + GAP) {
          placed.push({ event: e, x: xe, cx, block, side, order: i + 1 })
          lastRight[side] = cx + block.width / 2
          ok = true
          break
        }
      }
      if (!ok) {
        problems.push({
          path: ['events', e.index, 'label'],
          message: `no room to label undated event ${i + 1}, ${quoted(e)}, beside its neighbours: shorten this label${e.note ? ' or its note' : ''} (or a neighbour's), or leave an event out`,
        })
        const block = eventBlock(e, 170, false)
        placed.push({ event: e, x: xe, cx: clampCentre(xe, block.width), block, side, order: i + 1 })
      }
    })
    const aboveH = Math.max(0, ...placed.filter((p) => p.side === 'above').map((p) => p.block.height))
    const belowH = Math.max(0, ...placed.filter((p) => p.side === 'below').map((p) => p.block.height))
    // The lane's heading sits on the box's top edge, like a legend.
    const axisY = top + 40 + (aboveH > 0 ? aboveH + UNDATED_GAP : 0) + 18
    const bottom = axisY + UNDATED_GAP + belowH + 10
    undated = { top, axisY, bottom, events: placed }
    y = bottom
  }
  const height = Math.ceil(y + 2)
  const scale = slideScale(TIMELINE_WIDTH, height)
  const smallest = Math.min(...Object.values(TIMELINE_SIZES)) * scale
  if (smallest < MIN_TEXT_PX - 0.01) {
    const all = [...(dated?.events ?? []), ...(undated?.events ?? [])].sort((a, b) => b.block.height - a.block.height || a.event.index - b.event.index)
    const tallest = all.filter((p) => p.block.runs.reduce((k, r) => k + r.lines.length, 0) > 2).slice(0, 3)
    const which = tallest.length ? `: shorten the longest labels and notes (${tallest.map((p) => quoted(p.event)).join(', ')}),` : ':'
    problems.push({
      path: ['events'],
      severity: 'warning',
      message: `the timeline is ${height} px tall, more than the ${SLIDE_FIGURE_BOX.height} px a slide has for it, so its smallest text would show at ${num(smallest)} px, under the ${MIN_TEXT_PX} px minimum${which} or split the events over two slides`,
    })
  }
  return { width: TIMELINE_WIDTH, height, dated, undated, problems }
}

// ---------------------------------------------------------------------------------------------
// Rendering

function arrowHead(x: number, y: number): string {
  return `<path${attrs({ class: 'fig-axis-arrow', d: `M${x - 14} ${y - 8}L${x} ${y}L${x - 14} ${y + 8}` })}/>`
}

function renderDated(d: NonNullable<TimelineLayout['dated']>, spec: TimelineSpec): string {
  const out: string[] = ['<g class="fig-lane fig-dated">']
  if (d.lanes) out.push(text(spec.datedLabel, PAD, d.top + 26, 'fig-lane-title', { size: TIMELINE_SIZES.lane }))
  out.push(`<path${attrs({ class: 'fig-axis', d: `M${AXIS_X0 - 14} ${d.axisY}H${AXIS_X1 + 14}` })}/>`)
  out.push(arrowHead(AXIS_X1 + 16, d.axisY))
  for (const t of d.ticks) {
    out.push(`<path${attrs({ class: 'fig-tick', d: `M${t.x} ${d.axisY - 8}V${d.axisY + 8}` })}/>`)
    if (t.label) out.push(text(String(t.year), t.x, d.axisY - 14, 'fig-tick-label', { anchor: 'middle', size: TIMELINE_SIZES.tick }))
  }
  for (const p of d.events) {
    out.push(`<g${attrs({ class: 'fig-event', 'data-date': p.event.date?.raw })}>`)
    // From the marker to the label: straight up or down, or slanted to the corner of a label
    // moved right of its marker (not one only kept inside the frame).
    const left = p.cx - p.block.width / 2
    const moved = p.x < left
    const stem = (y: number) => `<path${attrs({ class: 'fig-stem', d: moved ? `M${p.x} ${d.axisY}L${left + 8} ${y}` : `M${p.x} ${d.axisY}V${y}` })}/>`
    if (p.side === 'below') {
      const top = d.axisY + BELOW_GAP
      if (moved || Math.abs(p.cx - p.x) > 1) out.push(stem(top - 4))
      out.push(drawBlock(p.block, p.cx, top))
    } else {
      const bottom = d.axisY - 22
      out.push(stem(bottom + 2))
      out.push(drawBlock(p.block, p.cx, bottom - p.block.height))
    }
    out.push(`<circle${attrs({ class: 'fig-marker', cx: p.x, cy: d.axisY, r: 9 })}/>`)
    out.push('</g>')
  }
  out.push('</g>')
  return out.join('')
}

function renderUndated(u: NonNullable<TimelineLayout['undated']>, spec: TimelineSpec): string {
  const out: string[] = ['<g class="fig-lane fig-undated">']
  out.push(`<rect${attrs({ class: 'fig-undated-box', x: 1, y: u.top + 14, width: TIMELINE_WIDTH - 2, height: u.bottom - u.top - 15, rx: 10 })}/>`)
  out.push(text(spec.undatedLabel, 20, u.top + 22, 'fig-lane-title fig-legend', { size: TIMELINE_SIZES.lane }))
  out.push(`<path${attrs({ class: 'fig-axis fig-axis-undated', d: `M20 ${u.axisY}H${TIMELINE_WIDTH - 26}` })}/>`)
  out.push(arrowHead(TIMELINE_WIDTH - 22, u.axisY))
  for (const p of u.events) {
    out.push(`<g${attrs({ class: 'fig-event', 'data-order': String(p.order) })}>`)
    if (p.side === 'below') out.push(drawBlock(p.block, p.cx, u.axisY + UNDATED_GAP))
    else out.push(drawBlock(p.block, p.cx, u.axisY - UNDATED_GAP - p.block.height))
    out.push(`<circle${attrs({ class: 'fig-marker-undated', cx: p.x, cy: u.axisY, r: 17 })}/>`)
    out.push(text(String(p.order), p.x, u.axisY + 8, 'fig-order', { anchor: 'middle', size: TIMELINE_SIZES.order }))
    out.push('</g>')
  }
  out.push('</g>')
  return out.join('')
}

const sentence = (s: string): string => (/[.!?…]["”’)]?$/.test(s) ? s : `${s}.`)
const withNote = (e: TimelineEvent): string => sentence(e.note ? `${e.label} (${e.note})` : e.label)

/** The text equivalent: every date, label and note, in the figure's order. */
export function timelineText(spec: TimelineSpec): string {
  const layout = layoutTimeline(spec)
  const dated = layout.dated?.events.map((p) => `${longDate(p.event.date as TimelineDate)}: ${withNote(p.event)}`) ?? []
  const undated = layout.undated?.events.map((p) => `${p.order}. ${withNote(p.event)}`) ?? []
  const parts: string[] = []
  if (dated.length && undated.length) parts.push(`Timeline in two lanes. ${sentence(spec.datedLabel)} ${dated.join(' ')}`, `${sentence(spec.undatedLabel)} ${undated.join(' ')}`)
  else if (dated.length) parts.push(`Timeline, to scale. ${dated.join(' ')}`)
  else parts.push(`Timeline. ${sentence(spec.undatedLabel)} ${undated.join(' ')}`)
  return parts.join(' ')
}

export function renderTimeline(spec: TimelineSpec, id: string): FigureRender {
  const layout = layoutTimeline(spec)
  const desc = timelineText(spec)
  const body = (layout.dated ? renderDated(layout.dated, spec) : '') + (layout.undated ? renderUndated(layout.undated, spec) : '')
  const claims = [spec.title]
  if (layout.dated?.lanes) claims.push(spec.datedLabel)
  if (layout.undated) claims.push(spec.undatedLabel)
  for (const p of [...(layout.dated?.events ?? []), ...(layout.undated?.events ?? [])]) {
    if (p.event.date) claims.push(shortDate(p.event.date))
    claims.push(p.event.label, ...(p.event.note ? [p.event.note] : []))
  }
  return {
    svg: svgDocument({ name: 'timeline', id, width: layout.width, height: layout.height, title: spec.title, desc, body }),
    text: desc,
    claims,
  }
}

export const timelineFigure: FigureKind<TimelineSpec> = {
  name: 'timeline',
  keys: TIMELINE_KEYS,
  validate(data) {
    const { spec, issues } = validateTimeline(data)
    return spec ? { spec, issues: issues.list } : { issues: issues.list }
  },
  render: renderTimeline,
}

