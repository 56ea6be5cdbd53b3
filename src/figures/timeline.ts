/**
 * The timeline figure: a dated lane with the two years the article gives, and a separate, clearly
 * labelled lane for the events it leaves undated, in the order it implies and with no scale.
 */
import { TIMELINE_EVENTS, type TimelineEvent } from './timeline-data.ts'
import { attrs, joinDesc, svgDocument, text, wrapBalanced } from './svg.ts'

export const TIMELINE_WIDTH = 1100
export const TIMELINE_HEIGHT = 424

export const UNDATED_LANE_TITLE = 'Undated in the article — shown in the order it implies'
const DATED_LANE_TITLE = 'Dated in the article'

/** Type sizes in px at the intended 1100 px display width. */
export const TIMELINE_SIZES = { laneTitle: 21, year: 30, label: 21, note: 19, number: 19 } as const
const LABEL_LINE = 25
const NOTE_LINE = 23

const DATED_X = [170, 640] as const
const DATED_AXIS_Y = 92
const UNDATED_BOX = { y: 178, height: 240 } as const
const UNDATED = { y: 250, x0: 104, step: 178, labelWidth: 170 } as const

function byOrder(a: TimelineEvent, b: TimelineEvent): number {
  return a.order - b.order
}

export const datedEvents = (): TimelineEvent[] => TIMELINE_EVENTS.filter((e) => e.date !== undefined).sort(byOrder)
export const undatedEvents = (): TimelineEvent[] => TIMELINE_EVENTS.filter((e) => e.date === undefined).sort(byOrder)

function arrowHead(x: number, y: number, cls: string): string {
  return `<path${attrs({ class: cls, d: `M${x - 14} ${y - 8}L${x} ${y}L${x - 14} ${y + 8}` })}/>`
}

function renderDatedLane(): string {
  const out: string[] = ['<g class="fig-lane fig-dated">']
  out.push(text(DATED_LANE_TITLE, 24, 26, 'fig-lane-title'))
  const axisY = DATED_AXIS_Y
  out.push(`<path${attrs({ class: 'fig-axis', d: `M40 ${axisY}H1060` })}/>`)
  out.push(arrowHead(1062, axisY, 'fig-axis-arrow'))
  datedEvents().forEach((event, i) => {
    const x = DATED_X[i] ?? DATED_X[1] + 300 * i
    out.push(`<g${attrs({ class: 'fig-event', 'data-order': String(event.order), 'data-date': event.date })}>`)
    out.push(text(event.date ?? '', x, axisY - 22, 'fig-year'))
    out.push(`<circle${attrs({ class: 'fig-marker', cx: x + 9, cy: axisY, r: 9 })}/>`)
    out.push(text(event.label, x, axisY + 36, 'fig-event-label'))
    if (event.note) out.push(text(event.note, x, axisY + 36 + LABEL_LINE + 1, 'fig-event-note'))
    out.push('</g>')
  })
  out.push('</g>')
  return out.join('')
}

/** Wrapped lines of one undated event (exported so tests can check the layout fits). */
export function undatedLines(event: TimelineEvent): { label: string[]; note: string[] } {
  return {
    label: wrapBalanced(event.label, TIMELINE_SIZES.label, UNDATED.labelWidth, true),
    note: event.note ? wrapBalanced(event.note, TIMELINE_SIZES.note, UNDATED.labelWidth) : [],
  }
}

export const UNDATED_LABEL_WIDTH = UNDATED.labelWidth

function renderUndatedLane(): string {
  const out: string[] = ['<g class="fig-lane fig-undated">']
  out.push(`<rect${attrs({ class: 'fig-undated-box', x: 12, y: UNDATED_BOX.y, width: 1076, height: UNDATED_BOX.height, rx: 10 })}/>`)
  out.push(text(UNDATED_LANE_TITLE, 36, UNDATED_BOX.y + 32, 'fig-lane-title'))
  const events = undatedEvents()
  out.push(`<path${attrs({ class: 'fig-axis fig-axis-undated', d: `M40 ${UNDATED.y}H1060` })}/>`)
  out.push(arrowHead(1062, UNDATED.y, 'fig-axis-arrow'))
  events.forEach((event, i) => {
    const x = UNDATED.x0 + UNDATED.step * i
    const { label, note } = undatedLines(event)
    out.push(`<g${attrs({ class: 'fig-event', 'data-order': String(event.order) })}>`)
    out.push(`<circle${attrs({ class: 'fig-marker-undated', cx: x, cy: UNDATED.y, r: 17 })}/>`)
    out.push(text(String(event.order), x, UNDATED.y + 7, 'fig-order', { anchor: 'middle' }))
    const labelY = UNDATED.y + 44
    out.push(text(label, x, labelY, 'fig-event-label', { anchor: 'middle', lineHeight: LABEL_LINE }))
    if (note.length > 0) {
      const noteY = labelY + LABEL_LINE * (label.length - 1) + NOTE_LINE + 6
      out.push(text(note, x, noteY, 'fig-event-note', { anchor: 'middle', lineHeight: NOTE_LINE }))
    }
    out.push('</g>')
  })
  out.push('</g>')
  return out.join('')
}

function timelineDetails(): string {
  const dated = datedEvents()
    .map((e) => `${e.date}: ${e.label}${e.note ? ` (${e.note})` : ''}.`)
    .join(' ')
  const undated = undatedEvents()
    .map((e) => `${e.order}. ${e.label}${e.note ? ` (${e.note})` : ''}.`)
    .join(' ')
  return `Timeline in two lanes. ${DATED_LANE_TITLE}: ${dated} ${UNDATED_LANE_TITLE}, without dates: ${undated}`
}

/** Renders the timeline figure. */
export function renderTimeline(alt: string, id: string): string {
  return svgDocument({
    name: 'timeline',
    id,
    width: TIMELINE_WIDTH,
    height: TIMELINE_HEIGHT,
    title: 'Timeline: the two dated events and the undated sequence',
    desc: joinDesc(alt, timelineDetails()),
    body: renderDatedLane() + renderUndatedLane(),
  })
}
