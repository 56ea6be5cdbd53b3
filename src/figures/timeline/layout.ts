/**
 * The timeline's layout: pure geometry, shared by validation (to say what does not fit) and
 * rendering. Dated events go to scale on an axis, undated ones in their own lane in the order
 * given. The figure takes the slide's figure box: larger type when there is room, labels in
 * more rows when events crowd, the axis broken over a long empty span before an error.
 */
import { MIN_TEXT_PX, num, SLIDE_FIGURE_BOX, slideScale, type TextBlock, textBlock, textWidth, wrapBalanced } from '../svg.ts'
import type { Path } from '../validate.ts'
import { type TimeAxis, timeAxis } from './axis.ts'
import { shortDate, type TimelineDate, timeOf } from './dates.ts'
import { GAP, type Placed, placeRows, ROW_GAP, type Rows } from './rows.ts'
import type { TimelineEvent, TimelineSpec } from './spec.ts'

export type { Placed } from './rows.ts'

/** Type sizes in px; the figure is drawn at the slide's figure width, so 1 unit shows as 1 slide px. */
export const TIMELINE_SIZES = { lane: 24, date: 26, label: 24, note: 22, tick: 22, order: 22 } as const
export type TimelineSizes = { [K in keyof typeof TIMELINE_SIZES]: number }
export const TIMELINE_WIDTH = SLIDE_FIGURE_BOX.width
export const PAD = 6
const MAX_WRAP = 330
export const AXIS_X0 = 24
export const AXIS_X1 = TIMELINE_WIDTH - 34
/** From the axis to the labels above it, past the tick labels' band; to the labels under it. */
const TICK_BAND = 34
const ABOVE_GAP = 22
const BELOW_GAP = 20
/** From the undated line to its labels (past the numbered circles). */
export const UNDATED_GAP = 24
/** Most a stem grows when the figure has height to spare. */
const MAX_STRETCH = 60
/** Type scales tried, largest first: a sparse timeline gets larger type. */
const TYPE_SCALES = [1.25, 1.125, 1]
/** Markers closer than this belong to one cluster, for the message when labels cannot be placed. */
const CLUSTER_PX = 120

export interface DatedLane {
  top: number
  axisY: number
  lanes: boolean
  events: Placed[]
  axis: TimeAxis
  /** Tick labels shown (those no stem passes through). */
  ticks: { x: number; text: string; label: boolean }[]
  x: (t: number) => number
}

export interface TimelineLayout {
  width: number
  height: number
  sizes: TimelineSizes
  dated: DatedLane | undefined
  undated: { top: number; axisY: number; bottom: number; events: Placed[] } | undefined
  problems: { path: Path; message: string; severity?: 'error' | 'warning' }[]
}

const NARROWER = [MAX_WRAP, 280, 240, 200, 170]
const quoted = (e: TimelineEvent) => `"${e.label}"`
const sumRows = (h: number[]) => h.reduce((a, b) => a + b, 0) + ROW_GAP * Math.max(0, h.length - 1)

function eventBlock(e: TimelineEvent, width: number, withDate: boolean, S: TimelineSizes): TextBlock {
  return textBlock([
    ...(withDate && e.date ? [{ lines: [shortDate(e.date)], size: S.date, bold: true, cls: 'fig-date' }] : []),
    { lines: wrapBalanced(e.label, S.label, width, true), size: S.label, bold: true, cls: 'fig-event-label' },
    { lines: e.note ? wrapBalanced(e.note, S.note, width) : [], size: S.note, cls: 'fig-event-note' },
  ])
}

const clampCentre = (x: number, w: number): number => Math.min(Math.max(x, PAD + w / 2), TIMELINE_WIDTH - PAD - w / 2)

/** Gaps between events long enough to cut out of the axis, longest first (at most two). */
function breakCandidates(times: readonly number[]): number[] {
  const span = (times[times.length - 1] ?? 0) - (times[0] ?? 0)
  return times
    .slice(1)
    .map((t, i) => ({ i, gap: t - (times[i] ?? t) }))
    .filter((g) => g.gap >= span * 0.3 && g.gap >= 1)
    .sort((a, b) => b.gap - a.gap)
    .slice(0, 2)
    .map((g) => g.i)
}

/** What to say when events cannot all be labelled: the cluster they sit in, the span, the fix. */
function clusterProblem(events: readonly TimelineEvent[], xs: readonly number[], failed: TimelineEvent): TimelineLayout['problems'][number] {
  const k = events.indexOf(failed)
  let a = k
  let b = k
  while (a > 0 && (xs[a] ?? 0) - (xs[a - 1] ?? 0) < CLUSTER_PX) a--
  while (b < events.length - 1 && (xs[b + 1] ?? 0) - (xs[b] ?? 0) < CLUSTER_PX) b++
  const first = events[a] as TimelineEvent
  const last = events[b] as TimelineEvent
  const y0 = events[0]?.date?.year ?? 0
  const y1 = events[events.length - 1]?.date?.year ?? 0
  const span = y1 > y0 ? `${y0}–${y1}` : String(y0)
  const short = (e: TimelineEvent) => (e.label.length > 28 ? `"${e.label.slice(0, 26).trimEnd()}…"` : quoted(e))
  const names = events.slice(a, b + 1).map(short)
  const labels = names.length > 3 ? `${names.slice(0, 3).join(', ')}, …` : names.join(', ')
  if (b === a) {
    return {
      path: ['events', failed.index, 'label'],
      message: `no room to label ${quoted(failed)} (${failed.date?.raw}) beside its neighbours, even in four rows a side: shorten this label${failed.note ? ' or its note' : ''} (or a neighbour's), or leave an event out`,
    }
  }
  const px = Math.max(1, Math.round((xs[b] ?? 0) - (xs[a] ?? 0)))
  return {
    path: ['events', first.index, 'date'],
    message: `${b - a + 1} events from ${shortDate(first.date as TimelineDate)} to ${shortDate(last.date as TimelineDate)} (${labels}) fall within ${px} px of a ${span} axis: too close to label, even in four rows a side and with empty years cut out of the axis. Give them a timeline of their own on the next slide (keeping one of them here), leave some out, or cut their labels and notes to a few words`,
  }
}

interface DatedResult {
  lane: Omit<DatedLane, 'top' | 'axisY' | 'ticks'>
  rows: Rows
  problem?: TimelineLayout['problems'][number]
}

/** Places the dated labels: unbroken axis first, then with long empty spans cut out. */
function placeDated(events: TimelineEvent[], spec: TimelineSpec, S: TimelineSizes, budget: number, scale: number, lanes: boolean): DatedResult {
  const times = events.map((e) => timeOf(e.date as TimelineDate))
  const range = spec.range ? ([timeOf(spec.range[0]), timeOf(spec.range[1])] as const) : undefined
  const cuts = breakCandidates(times)
  const tries = [[], ...cuts.map((_, i) => cuts.slice(0, i + 1))]
  let firstTry: DatedResult | undefined
  // Wrapping is the costly part, and each label is tried at the same few widths many times.
  const blocks = new Map<string, TextBlock>()
  const block = (e: TimelineEvent, w: number): TextBlock => {
    const key = `${e.index} ${w}`
    const b = blocks.get(key) ?? eventBlock(e, w, true, S)
    blocks.set(key, b)
    return b
  }
  for (const breakAfter of tries) {
    const axis = timeAxis(times, AXIS_X0, AXIS_X1, { ...(range ? { range } : {}), breakAfter })
    const xs = times.map(axis.x)
    const rows = placeRows(events, xs, {
      widths: NARROWER.map((w) => w * scale),
      block,
      clamp: clampCentre,
      right: TIMELINE_WIDTH - PAD,
      budget,
    })
    const result: DatedResult = { lane: { lanes, events: rows.placed, axis, x: axis.x }, rows }
    const failed = rows.failed[0]
    if (!failed) return result
    firstTry ??= { ...result, problem: clusterProblem(events, xs, failed) }
  }
  return firstTry as DatedResult
}

/** The undated lane: one row when every label fits its column in two lines, else alternating below and above. */
function placeUndated(
  events: TimelineEvent[],
  S: TimelineSizes,
  scale: number,
  problems: TimelineLayout['problems'],
): { placed: Placed[]; aboveH: number; belowH: number } {
  const n = events.length
  const inset = 24
  const step = (TIMELINE_WIDTH - 2 * inset) / n
  const xs = events.map((_, i) => inset + step * (i + 0.5))
  const single = events.map((e) => eventBlock(e, step - GAP, false, S))
  const fitsOneRow = single.every((b) => b.width <= step - GAP && b.runs.every((r) => r.lines.length <= 2))
  const placed: Placed[] = []
  const lastRight = { below: -Infinity, above: -Infinity }
  events.forEach((e, i) => {
    const side: Placed['side'] = fitsOneRow || i % 2 === 0 ? 'below' : 'above'
    const xe = xs[i] ?? 0
    const narrower = NARROWER.map((w) => w * scale)
    const widths = fitsOneRow ? [step - GAP] : [Math.min(MAX_WRAP * scale, 2 * step - GAP), ...narrower.filter((w) => w < 2 * step - GAP)]
    for (const width of widths) {
      const block = fitsOneRow ? (single[i] as TextBlock) : eventBlock(e, width, false, S)
      const cx = clampCentre(xe, block.width)
      if (cx - block.width / 2 >= lastRight[side] + GAP) {
        placed.push({ event: e, x: xe, cx, block, side, row: 0, top: 0, order: i + 1 })
        lastRight[side] = cx + block.width / 2
        return
      }
    }
    problems.push({
      path: ['events', e.index, 'label'],
      message: `no room to label undated event ${i + 1}, ${quoted(e)}, beside its neighbours: shorten this label${e.note ? ' or its note' : ''} (or a neighbour's), or leave an event out`,
    })
    const block = eventBlock(e, 170, false, S)
    placed.push({ event: e, x: xe, cx: clampCentre(xe, block.width), block, side, row: 0, top: 0, order: i + 1 })
  })
  const height = (side: Placed['side']) => Math.max(0, ...placed.filter((p) => p.side === side).map((p) => p.block.height))
  return { placed, aboveH: height('above'), belowH: height('below') }
}

/** The whole layout with type scaled by `scale`. */
function layoutAt(spec: TimelineSpec, scale: number): TimelineLayout {
  const S = Object.fromEntries(Object.entries(TIMELINE_SIZES).map(([k, v]) => [k, v * scale])) as TimelineSizes
  const problems: TimelineLayout['problems'] = []
  const datedEvents = spec.events.filter((e) => e.date).sort((a, b) => timeOf(a.date as TimelineDate) - timeOf(b.date as TimelineDate) || a.index - b.index)
  const undatedEvents = spec.events.filter((e) => !e.date)
  const lanes = datedEvents.length > 0 && undatedEvents.length > 0
  const und = undatedEvents.length ? placeUndated(undatedEvents, S, scale, problems) : undefined
  const undatedHeight = und ? 40 + (und.aboveH > 0 ? und.aboveH + UNDATED_GAP : 0) + 18 + UNDATED_GAP + und.belowH + 10 + 10 : 0
  const laneTitle = lanes ? 38 : 0
  const fixed = laneTitle + BELOW_GAP + 2
  const box = SLIDE_FIGURE_BOX.height
  let y = 0
  let dated: DatedLane | undefined
  if (datedEvents.length) {
    const available = box - undatedHeight - fixed
    const r = placeDated(datedEvents, spec, S, Math.max(available - TICK_BAND, 160), scale, lanes)
    if (r.problem) problems.push(r.problem)
    const aboveH = sumRows(r.rows.heights.above)
    const belowH = sumRows(r.rows.heights.below)
    // Tick labels get a band of their own under labels above the axis when there is room for
    // it; else they hide where those labels sit.
    const band = aboveH === 0 || available - aboveH - ABOVE_GAP - belowH >= TICK_BAND
    let spare = Math.max(0, available - belowH - (aboveH > 0 ? aboveH + ABOVE_GAP + (band ? TICK_BAND : 0) : TICK_BAND))
    const stretchAbove = aboveH > 0 ? Math.min(MAX_STRETCH, spare / 2) : 0
    const stretchBelow = belowH > 0 ? Math.min(MAX_STRETCH, spare / 2) : 0
    spare -= stretchAbove + stretchBelow
    const aboveGap = ABOVE_GAP + (band ? TICK_BAND : 0) + stretchAbove
    const belowGap = BELOW_GAP + stretchBelow
    const axisY = y + laneTitle + Math.max(TICK_BAND, aboveH > 0 ? aboveH + aboveGap : 0)
    const rowStart = (side: 'below' | 'above', row: number) => r.rows.heights[side].slice(0, row).reduce((s, h) => s + h + ROW_GAP, 0)
    for (const p of r.rows.placed) {
      p.top = p.side === 'below' ? axisY + belowGap + rowStart('below', p.row) : axisY - aboveGap - rowStart('above', p.row) - p.block.height
    }
    // A tick label hides where a stem to a label above passes through it (or that label, with no band).
    const stems = r.rows.placed
      .filter((p) => p.side === 'above')
      .map((p) =>
        band
          ? [Math.min(p.x, p.cx - p.block.width / 2 + 8), Math.max(p.x, p.cx - p.block.width / 2 + 8)]
          : [p.cx - p.block.width / 2, p.cx + p.block.width / 2],
      )
    // The first tick label shown in each piece of the axis carries its year ("Mar 2022").
    const named = new Set<number>()
    const ticks = r.lane.axis.ticks.map((t) => {
      const text = named.has(t.segment) ? t.text : t.full
      const w = textWidth(text, S.tick) / 2 + 6
      const crossed = stems.some(([a = 0, b = 0]) => b >= t.x - w && a <= t.x + w)
      const label = !crossed && t.x - w >= PAD && t.x + w <= TIMELINE_WIDTH - PAD
      if (label) named.add(t.segment)
      return { x: t.x, text, label }
    })
    dated = { ...r.lane, top: y, axisY, ticks }
    y = axisY + (belowH > 0 ? belowGap + belowH : 14)
  }
  let undated: TimelineLayout['undated']
  if (und) {
    const top = y + (dated ? 10 : 0)
    // The lane's heading sits on the box's top edge, like a legend.
    const axisY = top + 40 + (und.aboveH > 0 ? und.aboveH + UNDATED_GAP : 0) + 18
    for (const p of und.placed) p.top = p.side === 'below' ? axisY + UNDATED_GAP : axisY - UNDATED_GAP - p.block.height
    const bottom = axisY + UNDATED_GAP + und.belowH + 10
    undated = { top, axisY, bottom, events: und.placed }
    y = bottom
  }
  const content = Math.ceil(y + 2)
  // Height to spare stays in the figure, split above and below, so it fills the slide's box.
  const height = Math.max(content, box)
  const shift = Math.floor((height - content) / 2)
  if (shift > 0) {
    if (dated) {
      dated.top += shift
      dated.axisY += shift
      for (const p of dated.events) p.top += shift
    }
    if (undated) {
      undated.top += shift
      undated.axisY += shift
      undated.bottom += shift
      for (const p of undated.events) p.top += shift
    }
  }
  const smallest = Math.min(...Object.values(S)) * slideScale(TIMELINE_WIDTH, height)
  if (smallest < MIN_TEXT_PX - 0.01) {
    const all = [...(dated?.events ?? []), ...(undated?.events ?? [])].sort((a, b) => b.block.height - a.block.height || a.event.index - b.event.index)
    const tallest = all.filter((p) => p.block.runs.reduce((k, r) => k + r.lines.length, 0) > 2).slice(0, 3)
    const which = tallest.length ? `: shorten the longest labels and notes (${tallest.map((p) => quoted(p.event)).join(', ')}),` : ':'
    problems.push({
      path: ['events'],
      severity: 'warning',
      message: `the timeline is ${height} px tall, more than the ${box} px a slide has for it, so its smallest text would show at ${num(smallest)} px, under the ${MIN_TEXT_PX} px minimum${which} or split the events over two slides`,
    })
  }
  return { width: TIMELINE_WIDTH, height, sizes: S, dated, undated, problems }
}

/** Where everything goes, at the largest type that fits the slide's box without a problem. */
export function layoutTimeline(spec: TimelineSpec): TimelineLayout {
  let last: TimelineLayout | undefined
  for (const scale of TYPE_SCALES) {
    last = layoutAt(spec, scale)
    if (last.problems.length === 0 && last.height <= SLIDE_FIGURE_BOX.height) return last
  }
  return last as TimelineLayout
}
