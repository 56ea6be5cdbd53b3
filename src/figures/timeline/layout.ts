/**
 * The timeline's layout: pure geometry, shared by validation (to say what does not fit) and
 * rendering. Dated events go to scale on an axis, undated ones in their own lane in the order
 * given. The figure takes the slide's figure box: larger type when there is room, labels in
 * more rows when events crowd, the axis broken over a long empty span before an error.
 */
import { ESTIMATE } from '../measure.ts'
import { lineHeight, MIN_TEXT_PX, num, SLIDE_FIGURE_BOX, slideScale, type TextBlock, type TextMeasure, textBlock, textWidth, wrapBalanced } from '../svg.ts'
import type { Path } from '../validate.ts'
import { type TimeAxis, timeAxis } from './axis.ts'
import { absorbTouching, type Cluster, type ClusterList, layoutLists, makeCluster, mergeRun } from './clusters.ts'
import { shortDate, type TimelineDate, timeOf } from './dates.ts'
import { clusterProblem, listProblem } from './messages.ts'
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
/** How far a cluster's bracket reaches past its first and last markers. */
export const BRACKET_PAD = 12

/** A cluster on the axis: its bracket from `x0` to `x1`, its label placed in the rows as `stand`. */
export interface PlacedCluster {
  cluster: Cluster
  x0: number
  x1: number
  /** Its events' markers. */
  xs: number[]
}

export interface DatedLane {
  top: number
  axisY: number
  lanes: boolean
  /** Labels in the rows: events', and clusters' stand-ins. */
  events: Placed[]
  clusters: PlacedCluster[]
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
  /** The clusters' detail, beneath the dated lane's labels. */
  lists: { top: number; items: ClusterList[] } | undefined
  problems: { path: Path; message: string; severity?: 'error' | 'warning' }[]
}

const NARROWER = [MAX_WRAP, 280, 240, 200, 170]
const quoted = (e: TimelineEvent) => `"${e.label}"`
const sumRows = (h: number[]) => h.reduce((a, b) => a + b, 0) + ROW_GAP * Math.max(0, h.length - 1)

function eventBlock(e: TimelineEvent, width: number, withDate: boolean, S: TimelineSizes, m: TextMeasure): TextBlock {
  return textBlock(
    [
      ...(withDate && e.date ? [{ lines: [shortDate(e.date)], size: S.date, bold: true, cls: 'fig-date' }] : []),
      { lines: wrapBalanced(e.label, S.label, width, true, m), size: S.label, bold: true, cls: 'fig-event-label' },
      { lines: e.note ? wrapBalanced(e.note, S.note, width, false, m) : [], size: S.note, cls: 'fig-event-note' },
    ],
    m,
  )
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

interface DatedResult {
  lane: Omit<DatedLane, 'top' | 'axisY' | 'ticks'>
  rows: Rows
  lists: ClusterList[]
  listHeight: number
  /** The clusters' list has no room: it is left out of the layout (the problem says so). */
  listFull?: boolean
  problem?: TimelineLayout['problems'][number]
}

/** From the lowest label under the axis to the clusters' detail. */
const LIST_SPACE = 10

/** A cluster's label in the rows: one bold run, wrapped like an event's. */
function clusterBlock(label: string, width: number, S: TimelineSizes, m: TextMeasure): TextBlock {
  return textBlock([{ lines: wrapBalanced(label, S.label, width, true, m), size: S.label, bold: true, cls: 'fig-event-label fig-cluster-label' }], m)
}

/**
 * Places the dated labels: unbroken axis first, then with long empty spans cut out; then, when
 * `gather` allows, with events too close to label gathered into clusters, fewest events first.
 */
function placeDated(
  events: TimelineEvent[],
  spec: TimelineSpec,
  S: TimelineSizes,
  budget: number,
  scale: number,
  lanes: boolean,
  gather: boolean,
  m: TextMeasure,
): DatedResult {
  const times = events.map((e) => timeOf(e.date as TimelineDate))
  const range = spec.range ? ([timeOf(spec.range[0]), timeOf(spec.range[1])] as const) : undefined
  const cuts = breakCandidates(times)
  const tries = [[], ...cuts.map((_, i) => cuts.slice(0, i + 1))]
  // Wrapping is the costly part, and each label is tried at the same few widths many times.
  const blocks = new Map<TimelineEvent, Map<number, TextBlock>>()
  const stands = new Set<TimelineEvent>()
  const block = (e: TimelineEvent, w: number): TextBlock => {
    const byWidth = blocks.get(e) ?? new Map<number, TextBlock>()
    blocks.set(e, byWidth)
    const b = byWidth.get(w) ?? (stands.has(e) ? clusterBlock(e.label, w, S, m) : eventBlock(e, w, true, S, m))
    byWidth.set(w, b)
    return b
  }
  /** One try: the axis broken after `breakAfter`, events in `runs` (a run of several is a cluster). */
  const attempt = (breakAfter: number[], runs: number[][]): DatedResult & { xs: number[]; items: TimelineEvent[] } => {
    const axis = timeAxis(times, AXIS_X0, AXIS_X1, { ...(range ? { range } : {}), breakAfter })
    const xs = times.map(axis.x)
    const clusters: PlacedCluster[] = []
    const items = runs.map((run) => {
      if (run.length === 1) return events[run[0] as number] as TimelineEvent
      const cluster = makeCluster(run.map((i) => events[i] as TimelineEvent))
      stands.add(cluster.stand)
      const cxs = run.map((i) => xs[i] ?? 0)
      clusters.push({ cluster, x0: cxs[0] ?? 0, x1: cxs[cxs.length - 1] ?? 0, xs: cxs })
      return cluster.stand
    })
    const itemXs = runs.map((run) => ((xs[run[0] as number] ?? 0) + (xs[run[run.length - 1] as number] ?? 0)) / 2)
    const lists = layoutLists(
      clusters.map((c) => c.cluster),
      TIMELINE_WIDTH,
      { text: S.note, heading: S.lane },
      m,
    )
    const listRoom = lists.height > 0 ? lists.height + LIST_SPACE : 0
    const rows = placeRows(items, itemXs, {
      widths: NARROWER.map((w) => w * scale),
      block,
      clamp: clampCentre,
      right: TIMELINE_WIDTH - PAD,
      budget: budget - listRoom,
    })
    const lane = { lanes, events: rows.placed, clusters, axis, x: axis.x }
    const result = { lane, rows, lists: lists.lists, listHeight: lists.height, xs, items }
    const unlisted = clusters.find((c) => !lists.lists.some((l) => l.cluster === c.cluster))
    const crowded = clusters.length > 0 && budget - listRoom < lineHeight(S.label) * 2
    const biggest = [...clusters].sort((a, b) => b.cluster.events.length - a.cluster.events.length)[0]
    const noList = unlisted ?? (crowded ? biggest : undefined)
    if (noList) return { ...result, lists: [], listHeight: 0, listFull: true, problem: listProblem(noList.cluster, lists.height, budget) }
    const failed = rows.failed[0]
    if (!failed) return result
    const first = clusters.find((c) => c.cluster.stand === failed)?.cluster.events[0] ?? failed
    return { ...result, problem: clusterProblem(events, xs, first) }
  }
  const single = events.map((_, i) => [i])
  let firstTry: DatedResult | undefined
  for (const breakAfter of tries) {
    const r = attempt(breakAfter, single)
    if (!r.problem) return r
    firstTry ??= r
  }
  if (!gather) return firstTry as DatedResult
  // Gathering: the label that finds no room joins its nearer neighbour (on the same piece of
  // axis) in a cluster, until every label fits; the axis that gathers the fewest events wins.
  let best: DatedResult | undefined
  let bestGathered = Infinity
  let listTry: DatedResult | undefined
  for (const breakAfter of tries) {
    const runs = single.map((r) => [...r])
    const sameSegment = (a: number, b: number) => !breakAfter.some((c) => a <= c && c < b)
    for (let step = 0; step < events.length; step++) {
      const r = attempt(breakAfter, runs)
      if (!r.problem) {
        const gathered = r.lane.clusters.reduce((n, c) => n + c.cluster.events.length, 0)
        if (gathered < bestGathered) [best, bestGathered] = [r, gathered]
        break
      }
      const failed = r.rows.failed[0]
      if (r.listFull || !failed) {
        listTry ??= r
        break
      }
      if (!mergeRun(runs, r.items.indexOf(failed), r.xs, sameSegment)) break
      absorbTouching(runs, r.xs, sameSegment)
    }
  }
  return best ?? listTry ?? (firstTry as DatedResult)
}

/** The undated lane: one row when every label fits its column in two lines, else alternating below and above. */
function placeUndated(
  events: TimelineEvent[],
  S: TimelineSizes,
  scale: number,
  problems: TimelineLayout['problems'],
  m: TextMeasure,
): { placed: Placed[]; aboveH: number; belowH: number } {
  const n = events.length
  const inset = 24
  const step = (TIMELINE_WIDTH - 2 * inset) / n
  const xs = events.map((_, i) => inset + step * (i + 0.5))
  const single = events.map((e) => eventBlock(e, step - GAP, false, S, m))
  const fitsOneRow = single.every((b) => b.width <= step - GAP && b.runs.every((r) => r.lines.length <= 2))
  const placed: Placed[] = []
  const lastRight = { below: -Infinity, above: -Infinity }
  events.forEach((e, i) => {
    const side: Placed['side'] = fitsOneRow || i % 2 === 0 ? 'below' : 'above'
    const xe = xs[i] ?? 0
    const narrower = NARROWER.map((w) => w * scale)
    const widths = fitsOneRow ? [step - GAP] : [Math.min(MAX_WRAP * scale, 2 * step - GAP), ...narrower.filter((w) => w < 2 * step - GAP)]
    for (const width of widths) {
      const block = fitsOneRow ? (single[i] as TextBlock) : eventBlock(e, width, false, S, m)
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
    const block = eventBlock(e, 170, false, S, m)
    placed.push({ event: e, x: xe, cx: clampCentre(xe, block.width), block, side, row: 0, top: 0, order: i + 1 })
  })
  const height = (side: Placed['side']) => Math.max(0, ...placed.filter((p) => p.side === side).map((p) => p.block.height))
  return { placed, aboveH: height('above'), belowH: height('below') }
}

/** The whole layout with type scaled by `scale`. */
function layoutAt(spec: TimelineSpec, scale: number, gather: boolean, m: TextMeasure): TimelineLayout {
  const S = Object.fromEntries(Object.entries(TIMELINE_SIZES).map(([k, v]) => [k, v * scale])) as TimelineSizes
  const problems: TimelineLayout['problems'] = []
  const datedEvents = spec.events.filter((e) => e.date).sort((a, b) => timeOf(a.date as TimelineDate) - timeOf(b.date as TimelineDate) || a.index - b.index)
  const undatedEvents = spec.events.filter((e) => !e.date)
  const lanes = datedEvents.length > 0 && undatedEvents.length > 0
  const und = undatedEvents.length ? placeUndated(undatedEvents, S, scale, problems, m) : undefined
  const undatedHeight = und ? 40 + (und.aboveH > 0 ? und.aboveH + UNDATED_GAP : 0) + 18 + UNDATED_GAP + und.belowH + 10 + 10 : 0
  const laneTitle = lanes ? 38 : 0
  const fixed = laneTitle + BELOW_GAP + 2
  const box = SLIDE_FIGURE_BOX.height
  let y = 0
  let dated: DatedLane | undefined
  let lists: TimelineLayout['lists']
  if (datedEvents.length) {
    const r = placeDated(datedEvents, spec, S, Math.max(box - undatedHeight - fixed - TICK_BAND, 160), scale, lanes, gather, m)
    if (r.problem) problems.push(r.problem)
    // The clusters' detail takes its height from the rows' room.
    const available = box - undatedHeight - fixed - (r.listHeight > 0 ? r.listHeight + LIST_SPACE : 0)
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
    // No tick within a cluster's bracket: it would read as one more event.
    for (const c of r.lane.clusters) stems.push([c.x0 - BRACKET_PAD, c.x1 + BRACKET_PAD])
    // The first tick label shown in each piece of the axis carries its year ("Mar 2022").
    const named = new Set<number>()
    const ticks = r.lane.axis.ticks.map((t) => {
      const text = named.has(t.segment) ? t.text : t.full
      const w = textWidth(text, S.tick, false, m) / 2 + 6
      const crossed = stems.some(([a = 0, b = 0]) => b >= t.x - w && a <= t.x + w)
      const label = !crossed && t.x - w >= PAD && t.x + w <= TIMELINE_WIDTH - PAD
      if (label) named.add(t.segment)
      return { x: t.x, text, label }
    })
    dated = { ...r.lane, top: y, axisY, ticks }
    y = axisY + (belowH > 0 ? belowGap + belowH : 14)
    if (r.lists.length) {
      lists = { top: y + LIST_SPACE, items: r.lists }
      y = lists.top + r.listHeight
    }
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
    if (lists) lists.top += shift
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
  return { width: TIMELINE_WIDTH, height, sizes: S, dated, undated, lists, problems }
}

/**
 * Where everything goes, at the largest type that fits the slide's box without a problem; events
 * are gathered into clusters only when no type size lets every label be drawn on its own.
 */
export function layoutTimeline(spec: TimelineSpec, m: TextMeasure = ESTIMATE): TimelineLayout {
  const tries = (gather: boolean): TimelineLayout => {
    let last: TimelineLayout | undefined
    for (const scale of TYPE_SCALES) {
      last = layoutAt(spec, scale, gather, m)
      if (last.problems.length === 0 && last.height <= SLIDE_FIGURE_BOX.height) return last
    }
    return last as TimelineLayout
  }
  const alone = tries(false)
  if (alone.problems.length === 0 && alone.height <= SLIDE_FIGURE_BOX.height) return alone
  const gathered = tries(true)
  const errors = (l: TimelineLayout) => l.problems.some((p) => (p.severity ?? 'error') === 'error')
  // A cluster is worth it when it draws without a problem; else the plainer figure's warning (or the cluster's error) stands.
  return gathered.problems.length === 0 || errors(alone) ? gathered : alone
}
