/**
 * The timeline's spec: events with optional dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), checked
 * into a `TimelineSpec` with every problem located at its path, including labels that cannot be
 * kept apart (found by laying the timeline out).
 */
import { Issues, list, type Path, record, str } from '../validate.ts'
import { parseDate, type TimelineDate, timeOf } from './dates.ts'

/** An event as the author listed it. */
export interface TimelineEvent {
  date?: TimelineDate
  label: string
  note?: string
  /** Position in the author's list (for messages and the undated order). */
  index: number
}

/** A valid timeline: what `validateTimeline` returns and the renderer draws. */
export interface TimelineSpec {
  title: string
  events: TimelineEvent[]
  /** Heading of the dated lane (drawn only when there are undated events too). */
  datedLabel: string
  /** Heading of the undated lane. */
  undatedLabel: string
  /** The axis's ends, when the author sets them (`range: [2010, 2026]`). */
  range?: readonly [TimelineDate, TimelineDate]
}

/** Top-level keys of a timeline block. */
export const TIMELINE_KEYS = ['title', 'events', 'datedLabel', 'undatedLabel', 'range'] as const
const EVENT_KEYS = ['date', 'label', 'note'] as const
export const DEFAULT_DATED_LABEL = 'Dated, to scale'
export const DEFAULT_UNDATED_LABEL = 'Undated, in the order given'
const MAX_EVENTS = 14

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

/** `range: [2010, 2026]`: two dates, the first earlier; the axis runs from the one to the other. */
function validateRange(v: unknown, issues: Issues): readonly [TimelineDate, TimelineDate] | undefined {
  if (v === undefined || v === null) return undefined
  const hint = 'write "range: [2010, 2026]" (a start and an end, "YYYY" or "YYYY-MM")'
  if (!Array.isArray(v) || v.length !== 2) return issues.error(['range'], `"range" must be a list of two dates: ${hint}`)
  const [a, b] = v.map((d, i) => {
    const r = parseDate(d)
    if (typeof r === 'string') issues.error(['range', i], r.replace('"date"', '"range"').replace(/, or leave "date" out.*$/, ''))
    return typeof r === 'string' ? undefined : r
  })
  if (!a || !b) return undefined
  if (timeOf(a) >= timeOf(b)) return issues.error(['range'], `"range" [${a.raw}, ${b.raw}] must start before it ends: ${hint}`)
  return [a, b]
}

/** Checks a timeline block's data into a spec; a spec only when there are no errors (whether it fits is the layout's: index.ts). */
export function validateTimeline(data: unknown): { spec?: TimelineSpec; issues: Issues } {
  const issues = new Issues()
  const top = record(data, [], TIMELINE_KEYS, issues, 'a timeline')
  if (!top) return { issues }
  const title = str(top, 'title', [], issues, { required: true, max: 140 })
  const datedLabel = str(top, 'datedLabel', [], issues, { max: 60 }) ?? DEFAULT_DATED_LABEL
  const undatedLabel = str(top, 'undatedLabel', [], issues, { max: 60 }) ?? DEFAULT_UNDATED_LABEL
  let n = 0
  const events = list(top, 'events', [], issues, (v, path) => validateEvent(v, path, issues, n++), { max: MAX_EVENTS })
  const range = validateRange(top.range, issues)
  if (!issues.ok || title === undefined || events === undefined) return { issues }
  const spec: TimelineSpec = { title, events, datedLabel, undatedLabel, ...(range ? { range } : {}) }
  if (range) {
    const [a, b] = range
    for (const e of events) {
      const t = e.date && timeOf(e.date)
      if (t !== undefined && (t < timeOf(a) || t > timeOf(b))) {
        issues.error(
          ['events', e.index, 'date'],
          `"${e.label}" (${e.date?.raw}) lies outside "range" [${a.raw}, ${b.raw}]: widen the range to include it, or leave "range" out to fit the axis to the events`,
        )
      }
    }
    if (!issues.ok) return { issues }
  }
  return { spec, issues }
}
