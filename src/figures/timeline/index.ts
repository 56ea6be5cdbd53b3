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
import { attrs, drawBlock, svgDocument, text } from '../svg.ts'
import { longDate, shortDate, type TimelineDate } from './dates.ts'
import { AXIS_X0, AXIS_X1, type DatedLane, layoutTimeline, PAD, TIMELINE_WIDTH, type TimelineLayout, type TimelineSizes } from './layout.ts'
import { TIMELINE_KEYS, type TimelineEvent, type TimelineSpec, validateTimeline } from './spec.ts'

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
    out.push(`<path${attrs({ class: 'fig-tick', d: `M${t.x} ${d.axisY - 8}V${d.axisY + 8}` })}/>`)
    if (t.label) out.push(text(t.text, t.x, d.axisY - 14, 'fig-tick-label', { anchor: 'middle', size: S.tick }))
  }
  for (const p of d.events) {
    out.push(`<g${attrs({ class: 'fig-event', 'data-date': p.event.date?.raw })}>`)
    // From the marker to the label: straight out, or slanted to the corner of a label moved
    // right of its marker (not one only kept inside the frame).
    const left = p.cx - p.block.width / 2
    const moved = p.x < left
    const end = p.side === 'below' ? p.top - 4 : p.top + p.block.height + 2
    out.push(`<path${attrs({ class: 'fig-stem', d: moved ? `M${p.x} ${d.axisY}L${left + 8} ${end}` : `M${p.x} ${d.axisY}V${end}` })}/>`)
    out.push(drawBlock(p.block, p.cx, p.top))
    out.push(`<circle${attrs({ class: 'fig-marker', cx: p.x, cy: d.axisY, r: 9 })}/>`)
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

/** The text equivalent: every date, label and note, in the figure's order. */
export function timelineText(spec: TimelineSpec): string {
  const layout = layoutTimeline(spec)
  const dated = layout.dated?.events.map((p) => `${longDate(p.event.date as TimelineDate)}: ${withNote(p.event)}`) ?? []
  const undated = layout.undated?.events.map((p) => `${p.order}. ${withNote(p.event)}`) ?? []
  const parts: string[] = []
  if (dated.length && undated.length)
    parts.push(`Timeline in two lanes. ${sentence(spec.datedLabel)} ${dated.join(' ')}`, `${sentence(spec.undatedLabel)} ${undated.join(' ')}`)
  else if (dated.length) parts.push(`Timeline, to scale${breaksText(layout.dated)}. ${dated.join(' ')}`)
  else parts.push(`Timeline. ${sentence(spec.undatedLabel)} ${undated.join(' ')}`)
  return parts.join(' ')
}

/** Renders a valid spec: the SVG document, its text equivalent and the strings it draws. */
export function renderTimeline(spec: TimelineSpec, id: string): FigureRender {
  const layout = layoutTimeline(spec)
  const desc = timelineText(spec)
  const body = (layout.dated ? renderDated(layout.dated, spec, layout.sizes) : '') + (layout.undated ? renderUndated(layout.undated, spec, layout.sizes) : '')
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

/** The `timeline` figure kind. */
export const timelineFigure: FigureKind<TimelineSpec> = {
  name: 'timeline',
  keys: TIMELINE_KEYS,
  validate(data) {
    const { spec, issues } = validateTimeline(data)
    return spec ? { spec, issues: issues.list } : { issues: issues.list }
  },
  render: renderTimeline,
}
