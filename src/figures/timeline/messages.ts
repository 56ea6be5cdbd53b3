/** What the timeline says when it cannot draw its dated events: the events at fault, their span, the fix. */
import type { Path } from '../validate.ts'
import { type Cluster, clusterLabel } from './clusters.ts'
import { shortDate, type TimelineDate } from './dates.ts'
import type { TimelineEvent } from './spec.ts'

/** Markers closer than this belong to one cluster, for the message when labels cannot be placed. */
const CLUSTER_PX = 120

export interface Problem {
  path: Path
  message: string
  severity?: 'error' | 'warning'
}

const quoted = (e: TimelineEvent) => `"${e.label}"`

/** What to say when events cannot all be labelled: the cluster they sit in, the span, the fix. */
export function clusterProblem(events: readonly TimelineEvent[], xs: readonly number[], failed: TimelineEvent): Problem {
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

/** What to say when a cluster's detail has no room beneath the axis: the cluster, the span, the fix. */
export function listProblem(c: Cluster, need: number, room: number): Problem {
  const first = c.events[0] as TimelineEvent
  const last = c.events[c.events.length - 1] as TimelineEvent
  return {
    path: ['events', first.index, 'date'],
    message: `${c.events.length} events from ${shortDate(first.date as TimelineDate)} to ${shortDate(last.date as TimelineDate)} are too close to label one by one, so they are gathered under a bracket ("${clusterLabel(c.events)}"), but the list of their dates and labels needs ${Math.ceil(need)} px beneath the axis and the figure has ${Math.max(0, Math.floor(room))} px. Give them a timeline of their own on the next slide (keeping one of them here), leave some out, or cut their labels and notes to a few words`,
  }
}
