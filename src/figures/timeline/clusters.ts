/**
 * Clusters: events too close to label one by one, even in four rows a side and with empty
 * years cut out, are gathered under a bracket on the axis with one label ("4 events, Feb–May
 * 2022"); each event's date, label and note is listed beneath the axis in a compact box.
 */
import { lineHeight, type TextMeasure, textWidth, wrapBalanced } from '../svg.ts'
import { shortDate, type TimelineDate } from './dates.ts'
import type { TimelineEvent } from './spec.ts'

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Events gathered under one bracket, and the stand-in that takes their place in the rows. */
export interface Cluster {
  /** In time order. */
  events: TimelineEvent[]
  /** Placed in the rows like an event: its label is the cluster's ("4 events, Feb–May 2022"). */
  stand: TimelineEvent
}

const dateOf = (e: TimelineEvent): TimelineDate => e.date as TimelineDate
const monthOf = (d: TimelineDate): string => (d.month === undefined ? String(d.year) : `${MON[d.month - 1]} ${d.year}`)

/**
 * The span a cluster covers, as printed: "Feb–May 2022", "Mar 2022", "Nov 2021–Feb 2022",
 * "2014–2016" (months when every event has one, else years).
 */
export function spanText(events: readonly TimelineEvent[]): string {
  const a = dateOf(events[0] as TimelineEvent)
  const b = dateOf(events[events.length - 1] as TimelineEvent)
  const months = events.every((e) => dateOf(e).month !== undefined)
  if (!months) return a.year === b.year ? String(a.year) : `${a.year}–${b.year}`
  if (a.year === b.year && a.month === b.month) return monthOf(a)
  return a.year === b.year ? `${MON[(a.month ?? 1) - 1]}–${monthOf(b)}` : `${monthOf(a)}–${monthOf(b)}`
}

/** The dates a cluster's label prints, each whole ("Feb 2022", "May 2022"), for the fidelity check. */
export function spanClaims(events: readonly TimelineEvent[]): string[] {
  const a = dateOf(events[0] as TimelineEvent)
  const b = dateOf(events[events.length - 1] as TimelineEvent)
  const months = events.every((e) => dateOf(e).month !== undefined)
  const ends = months ? [monthOf(a), monthOf(b)] : [String(a.year), String(b.year)]
  return [...new Set(ends)]
}

/** "4 events, Feb–May 2022". */
export const clusterLabel = (events: readonly TimelineEvent[]): string => `${events.length} events, ${spanText(events)}`

/** A cluster of consecutive events (in time order); its stand-in sits at their first date. */
export function makeCluster(events: TimelineEvent[]): Cluster {
  const first = events[0] as TimelineEvent
  return { events, stand: { label: clusterLabel(events), index: first.index, date: dateOf(first) } }
}

/** One line of the detail list: the date, then the label and note wrapped beside it. */
export interface ListEntry {
  event: TimelineEvent
  date: string
  /** Left edge of the date and of the label, and top edge, relative to the list's box. */
  x: number
  textX: number
  top: number
  label: string[]
  note: string[]
}

/** The detail of one cluster: a box with the cluster's label as its heading, then its events. */
export interface ClusterList {
  cluster: Cluster
  heading: string
  /** Top of this box relative to the top of all lists. */
  top: number
  height: number
  entries: ListEntry[]
}

/** Sizes the list uses: the note size (the smallest) for every line, the lane size for headings. */
export interface ListSizes {
  text: number
  heading: number
}

const COL_GAP = 28
const DATE_GAP = 12
const INSET = 20
/** From the box's top to the first entry: the heading sits on the top edge, like a legend. */
const HEAD = 40
const BOTTOM = 12
/** Between one cluster's box and the next. */
export const LIST_GAP = 14

/** Entries in `cols` columns (down, then across), each row as tall as its tallest entry. */
function inColumns(
  events: readonly TimelineEvent[],
  width: number,
  cols: number,
  S: ListSizes,
  m: TextMeasure,
): { entries: ListEntry[]; height: number } | undefined {
  const colW = (width - 2 * INSET - COL_GAP * (cols - 1)) / cols
  const per = Math.ceil(events.length / cols)
  const lh = lineHeight(S.text)
  const entries: ListEntry[] = []
  let height = 0
  for (let c = 0; c < cols; c++) {
    const col = events.slice(c * per, (c + 1) * per)
    const dates = col.map((e) => shortDate(dateOf(e)))
    const dateW = Math.max(0, ...dates.map((d) => textWidth(d, S.text, true, m)))
    const room = colW - dateW - DATE_GAP
    if (room < 120) return undefined
    let y = 0
    for (const [i, e] of col.entries()) {
      const label = wrapBalanced(e.label, S.text, room, true, m)
      const note = e.note ? wrapBalanced(e.note, S.text, room, false, m) : []
      if (label.some((l) => textWidth(l, S.text, true, m) > room + 0.5) || note.some((l) => textWidth(l, S.text, false, m) > room + 0.5)) return undefined
      const x = INSET + c * (colW + COL_GAP)
      entries.push({ event: e, date: dates[i] ?? '', x, textX: x + dateW + DATE_GAP, top: y, label, note })
      y += lh * (label.length + note.length) + 4
    }
    height = Math.max(height, y)
  }
  return { entries, height }
}

/** The detail boxes for `clusters`, stacked, `width` wide: the shortest, in the fewest columns. */
export function layoutLists(clusters: readonly Cluster[], width: number, S: ListSizes, m: TextMeasure): { lists: ClusterList[]; height: number } {
  const lists: ClusterList[] = []
  let top = 0
  for (const cluster of clusters) {
    // The shortest box leaves the rows the most room; at equal height, fewer columns read better.
    const fits = [1, 2, 3].map((cols) => inColumns(cluster.events, width, cols, S, m)).filter((r) => r !== undefined)
    const best = fits.reduce<(typeof fits)[number] | undefined>((b, r) => (!b || r.height < b.height - 1 ? r : b), undefined)
    if (!best) continue
    const height = HEAD + best.height + BOTTOM
    lists.push({ cluster, heading: cluster.stand.label, top, height, entries: best.entries.map((e) => ({ ...e, top: e.top + HEAD })) })
    top += height + LIST_GAP
  }
  return { lists, height: Math.max(0, top - LIST_GAP) }
}

/** Merges run `k` with the nearer of its neighbours on the same piece of axis; false when it has none. */
export function mergeRun(runs: number[][], k: number, xs: readonly number[], sameSegment: (a: number, b: number) => boolean): boolean {
  const run = runs[k] as number[]
  const first = run[0] as number
  const last = run[run.length - 1] as number
  const prev = runs[k - 1]
  const next = runs[k + 1]
  const gapPrev = prev && sameSegment(prev[prev.length - 1] as number, first) ? (xs[first] ?? 0) - (xs[prev[prev.length - 1] as number] ?? 0) : Infinity
  const gapNext = next && sameSegment(last, next[0] as number) ? (xs[next[0] as number] ?? 0) - (xs[last] ?? 0) : Infinity
  if (gapPrev === Infinity && gapNext === Infinity) return false
  if (gapPrev <= gapNext) runs.splice(k - 1, 2, [...(prev as number[]), ...run])
  else runs.splice(k, 2, [...run, ...(next as number[])])
  return true
}

/** Markers closer than this to a cluster's end look part of it: they join it. */
const TOUCHING = 30

/** Gathers into each cluster the lone events whose markers touch its ends, so no marker sits against a bracket it is not part of. */
export function absorbTouching(runs: number[][], xs: readonly number[], sameSegment: (a: number, b: number) => boolean): void {
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k] as number[]
    if (run.length < 2) continue
    const prev = runs[k - 1]
    const next = runs[k + 1]
    const first = run[0] as number
    const last = run[run.length - 1] as number
    if (prev?.length === 1 && sameSegment(prev[0] as number, first) && (xs[first] ?? 0) - (xs[prev[0] as number] ?? 0) < TOUCHING) {
      runs.splice(k - 1, 2, [...prev, ...run])
      k -= 2
    } else if (next?.length === 1 && sameSegment(last, next[0] as number) && (xs[next[0] as number] ?? 0) - (xs[last] ?? 0) < TOUCHING) {
      runs.splice(k, 2, [...run, ...next])
      k -= 1
    }
  }
}
