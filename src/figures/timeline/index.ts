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
import type { FigureKind, FigureRender } from '../kinds.ts'
import { attrs, drawBlock, lineHeight, svgDocument, type TextMeasure, text } from '../svg.ts'
import { spanClaims } from './clusters.ts'
import { longDate, shortDate, type TimelineDate } from './dates.ts'
import { AXIS_X0, AXIS_X1, BRACKET_PAD, type DatedLane, layoutTimeline, PAD, TIMELINE_WIDTH, type TimelineLayout, type TimelineSizes } from './layout.ts'
import { TIMELINE_KEYS, type TimelineEvent, type TimelineSpec, validateTimeline } from './spec.ts'

/** How far from the axis a cluster's bracket runs (its ends reach back to 10 px). */
const BRACKET_OUT = 16

function arrowHead(x: number, y: number): string {
  return `<path${attrs({ class: 'fig-axis-arrow', d: `M${x - 14} ${y - 8}L${x} ${y}L${x - 14} ${y + 8}` })}/>`
}

function renderDated(d: DatedLane, spec: TimelineSpec, S: TimelineSizes): string {
  const out: string[] = ['<g class="fig-lane fig-dated">']
  if (d.lanes) out.push(text(spec.datedLabel, PAD, d.top + 26, 'fig-lane-title', { size: S.lane }))
  const segs = d.axis.segments
  segs.forEach((s, i) => {
    const x0 = i === 0 ? AXIS_X0 - 14 : s.x0 - 6
    const x1 = i === segs.length - 1 ? AXIS_X1 + 14 : s.x1 + 6
    out.push(`<path${attrs({ class: 'fig-axis', d: `M${x0} ${d.axisY}H${x1}` })}/>`)
    // A break: two slashes across the gap where empty years are cut out.
    if (i > 0) {
      const bx = (s.x0 + (segs[i - 1]?.x1 ?? s.x0)) / 2
      const slash = (x: number) => `M${x - 5} ${d.axisY + 12}L${x + 5} ${d.axisY - 12}`
      out.push(`<path${attrs({ class: 'fig-axis-break', d: `${slash(bx - 6)}${slash(bx + 6)}` })}/>`)
    }
  })
  out.push(arrowHead(AXIS_X1 + 16, d.axisY))
  for (const t of d.ticks) {
    // A tick mark between a cluster's markers would read as one more event.
    if (d.clusters.some((c) => t.x >= c.x0 - BRACKET_PAD && t.x <= c.x1 + BRACKET_PAD)) continue
    out.push(`<path${attrs({ class: 'fig-tick', d: `M${t.x} ${d.axisY - 8}V${d.axisY + 8}` })}/>`)
    if (t.label) out.push(text(t.text, t.x, d.axisY - 14, 'fig-tick-label', { anchor: 'middle', size: S.tick }))
  }
  for (const p of d.events) {
    const c = d.clusters.find((k) => k.cluster.stand === p.event)
    const dates = c ? c.cluster.events.map((e) => e.date?.raw).join(' ') : p.event.date?.raw
    out.push(`<g${attrs({ class: c ? 'fig-event fig-cluster' : 'fig-event', 'data-date': dates })}>`)
    // From the marker (or a cluster's bracket) to the label: straight out, or slanted to the
    // corner of a label moved right of its marker (not one only kept inside the frame).
    const left = p.cx - p.block.width / 2
    const moved = p.x < left
    const end = p.side === 'below' ? p.top - 4 : p.top + p.block.height + 2
    const dir = p.side === 'below' ? 1 : -1
    const from = c ? d.axisY + dir * BRACKET_OUT : d.axisY
    out.push(`<path${attrs({ class: 'fig-stem', d: moved ? `M${p.x} ${from}L${left + 8} ${end}` : `M${p.x} ${from}V${end}` })}/>`)
    out.push(drawBlock(p.block, p.cx, p.top))
    if (c) {
      // The bracket: from just past the first marker to just past the last, on the label's side.
      const [x0, x1] = [c.x0 - BRACKET_PAD, c.x1 + BRACKET_PAD]
      const y0 = d.axisY + dir * 10
      out.push(`<path${attrs({ class: 'fig-bracket', d: `M${x0} ${y0}V${from}H${x1}V${y0}` })}/>`)
      for (const x of c.xs) out.push(`<circle${attrs({ class: 'fig-marker', cx: x, cy: d.axisY, r: 7 })}/>`)
    } else out.push(`<circle${attrs({ class: 'fig-marker', cx: p.x, cy: d.axisY, r: 9 })}/>`)
    out.push('</g>')
  }
  out.push('</g>')
  return out.join('')
}

function renderUndated(u: NonNullable<TimelineLayout['undated']>, spec: TimelineSpec, S: TimelineSizes): string {
  const out: string[] = ['<g class="fig-lane fig-undated">']
  out.push(`<rect${attrs({ class: 'fig-undated-box', x: 1, y: u.top + 14, width: TIMELINE_WIDTH - 2, height: u.bottom - u.top - 15, rx: 10 })}/>`)
  out.push(text(spec.undatedLabel, 20, u.top + 22, 'fig-lane-title fig-legend', { size: S.lane }))
  out.push(`<path${attrs({ class: 'fig-axis fig-axis-undated', d: `M20 ${u.axisY}H${TIMELINE_WIDTH - 26}` })}/>`)
  out.push(arrowHead(TIMELINE_WIDTH - 22, u.axisY))
  for (const p of u.events) {
    out.push(`<g${attrs({ class: 'fig-event', 'data-order': String(p.order) })}>`)
    out.push(drawBlock(p.block, p.cx, p.top))
    out.push(`<circle${attrs({ class: 'fig-marker-undated', cx: p.x, cy: u.axisY, r: 17 })}/>`)
    out.push(text(String(p.order), p.x, u.axisY + 8, 'fig-order', { anchor: 'middle', size: S.order }))
    out.push('</g>')
  }
  out.push('</g>')
  return out.join('')
}

/** The clusters' detail: a box per cluster, its label as the heading, then each event's date, label and note. */
function renderLists(lists: NonNullable<TimelineLayout['lists']>, S: TimelineSizes): string {
  const out: string[] = ['<g class="fig-cluster-lists">']
  const lh = lineHeight(S.note)
  for (const l of lists.items) {
    const top = lists.top + l.top
    out.push(`<rect${attrs({ class: 'fig-cluster-box', x: 1, y: top + 14, width: TIMELINE_WIDTH - 2, height: l.height - 14, rx: 10 })}/>`)
    out.push(text(l.heading, 20, top + 22, 'fig-lane-title fig-legend', { size: S.lane }))
    for (const e of l.entries) {
      const y = top + e.top + lh * 0.8
      out.push(`<g${attrs({ class: 'fig-cluster-entry', 'data-date': e.event.date?.raw })}>`)
      out.push(text(e.date, e.x, y, 'fig-date', { size: S.note }))
      out.push(text(e.label, e.textX, y, 'fig-event-label', { size: S.note, lineHeight: lh }))
      if (e.note.length) out.push(text(e.note, e.textX, y + lh * e.label.length, 'fig-event-note', { size: S.note, lineHeight: lh }))
      out.push('</g>')
    }
  }
  out.push('</g>')
  return out.join('')
}

const sentence = (s: string): string => (/[.!?…]["”’)]?$/.test(s) ? s : `${s}.`)
const withNote = (e: TimelineEvent): string => sentence(e.note ? `${e.label} (${e.note})` : e.label)

/** ", the axis broken between 2014 and 2022" when empty years are cut out of the axis. */
function breaksText(d: DatedLane | undefined): string {
  const segs = d?.axis.segments ?? []
  const cuts = segs.slice(1).map((s, i) => {
    const before = d?.events.filter((p) => p.x <= (segs[i]?.x1 ?? 0)).at(-1)?.event.date
    const after = d?.events.find((p) => p.x >= s.x0)?.event.date
    return before && after ? `${before.year} and ${after.year}` : ''
  })
  return cuts.length ? `, the axis broken between ${cuts.filter(Boolean).join(', and between ')}` : ''
}

/** A dated event in words: "April 1995: Basin agreement signed (four riparian states)." */
const datedText = (e: TimelineEvent): string => `${longDate(e.date as TimelineDate)}: ${withNote(e)}`

/** The text equivalent: every date, label and note, in the figure's order (a cluster as drawn: its label, then its list). */
export function timelineText(spec: TimelineSpec, layout: TimelineLayout): string {
  const clusterOf = (e: TimelineEvent) => layout.dated?.clusters.find((c) => c.cluster.stand === e)?.cluster
  const dated =
    layout.dated?.events.map((p) => {
      const c = clusterOf(p.event)
      return c ? `A bracket on the axis gathers ${c.stand.label}, listed beneath the axis: ${c.events.map(datedText).join(' ')}` : datedText(p.event)
    }) ?? []
  const undated = layout.undated?.events.map((p) => `${p.order}. ${withNote(p.event)}`) ?? []
  const parts: string[] = []
  if (dated.length && undated.length)
    parts.push(`Timeline in two lanes. ${sentence(spec.datedLabel)} ${dated.join(' ')}`, `${sentence(spec.undatedLabel)} ${undated.join(' ')}`)
  else if (dated.length) parts.push(`Timeline, to scale${breaksText(layout.dated)}. ${dated.join(' ')}`)
  else parts.push(`Timeline. ${sentence(spec.undatedLabel)} ${undated.join(' ')}`)
  return parts.join(' ')
}

/** Renders a valid spec: the SVG document, its text equivalent and the strings it draws. */
export function renderTimeline(spec: TimelineSpec, id: string, measure?: TextMeasure): FigureRender {
  const layout = layoutTimeline(spec, measure)
  const desc = timelineText(spec, layout)
  const body =
    (layout.dated ? renderDated(layout.dated, spec, layout.sizes) : '') +
    (layout.lists ? renderLists(layout.lists, layout.sizes) : '') +
    (layout.undated ? renderUndated(layout.undated, spec, layout.sizes) : '')
  const claims = [spec.title]
  if (layout.dated?.lanes) claims.push(spec.datedLabel)
  if (layout.undated) claims.push(spec.undatedLabel)
  for (const p of [...(layout.dated?.events ?? []), ...(layout.undated?.events ?? [])]) {
    const c = layout.dated?.clusters.find((k) => k.cluster.stand === p.event)?.cluster
    // A cluster's label prints a count (the figure's, not the source's) and a span of dates:
    // the dates are claimed whole ("Feb 2022", "May 2022"), and its events as their list prints them.
    const events = c ? c.events : [p.event]
    if (c) claims.push(...spanClaims(c.events))
    for (const e of events) {
      if (e.date) claims.push(shortDate(e.date))
      claims.push(e.label, ...(e.note ? [e.note] : []))
    }
  }
  return {
    svg: svgDocument({ name: 'timeline', id, width: layout.width, height: layout.height, title: spec.title, desc, body }),
    text: desc,
    claims,
  }
}

/** The `timeline` figure kind. */
export const timelineFigure: FigureKind<TimelineSpec> = {
  name: 'timeline',
  keys: TIMELINE_KEYS,
  validate(data, measure) {
    const { spec, issues } = validateTimeline(data)
    if (!spec) return { issues: issues.list }
    // A valid spec that cannot be laid out legibly is an error at the event or cluster at fault.
    const problems = [...issues.list, ...layoutTimeline(spec, measure).problems]
    return problems.some((p) => (p.severity ?? 'error') === 'error') ? { issues: problems } : { spec, issues: problems }
  },
  render: renderTimeline,
}
