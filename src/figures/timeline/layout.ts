/**
 * The timeline's layout: pure geometry, shared by validation (to say what does not fit) and
 * rendering. Dated events go to scale on an axis, undated ones in their own lane in the order
 * given; labels are wrapped and kept inside the frame and apart.
 */
import { MIN_TEXT_PX, num, SLIDE_FIGURE_BOX, slideScale, type TextBlock, textBlock, textWidth, wrapBalanced } from '../svg.ts'
import type { Path } from '../validate.ts'
import { shortDate, type TimelineDate, timeOf } from './dates.ts'
import type { TimelineEvent, TimelineSpec } from './spec.ts'

/** Type sizes in px; the figure is drawn at the slide's figure width, so 1 unit shows as 1 slide px. */
export const TIMELINE_SIZES = { lane: 24, date: 26, label: 24, note: 22, tick: 22, order: 22 } as const
export const TIMELINE_WIDTH = SLIDE_FIGURE_BOX.width
export const PAD = 6
const GAP = 22
const MAX_WRAP = 330
/** How far right of its marker a label may be moved when its neighbours leave no room above it. */
const MAX_SHIFT = 160
export const AXIS_X0 = 24
/** From the dated axis to the labels under it; from the undated line to its labels (past the numbered circles). */
export const BELOW_GAP = 20
export const UNDATED_GAP = 24
export const AXIS_X1 = TIMELINE_WIDTH - 34

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
  dated:
    | { top: number; axisY: number; lanes: boolean; events: Placed[]; ticks: { year: number; x: number; label: boolean }[]; x: (t: number) => number }
    | undefined
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
