import { describe, expect, it } from 'vitest'
import { TIMELINE_EVENTS } from './timeline-data.ts'
import { datedEvents, renderTimeline, UNDATED_LABEL_WIDTH, UNDATED_LANE_TITLE, undatedEvents, undatedLines, TIMELINE_SIZES } from './timeline.ts'
import { textWidth } from './svg.ts'
import { findAll, hasClass, parseXml, textOf, visibleTexts } from './xml-check.ts'

const RE_YEAR = /\b(19|20)\d\d\b/
const root = parseXml(renderTimeline('A timeline.', 't'))
const [datedLane, undatedLane, ...rest] = findAll(root, hasClass('fig-lane'))

describe('timeline data', () => {
  it('dates only what the article dates: 1991 and 2013', () => {
    expect(TIMELINE_EVENTS.filter((e) => e.date !== undefined).map((e) => e.date)).toEqual(['1991', '2013'])
  })

  it('puts no year in undated labels or notes', () => {
    for (const e of undatedEvents()) expect(`${e.label} ${e.note ?? ''}`).not.toMatch(RE_YEAR)
  })

  it('keeps labels to six words at most', () => {
    for (const e of TIMELINE_EVENTS) expect(e.label.split(/\s+/).length, e.label).toBeLessThanOrEqual(6)
  })

  it('numbers each lane 1..n without gaps', () => {
    expect(datedEvents().map((e) => e.order)).toEqual([1, 2])
    expect(undatedEvents().map((e) => e.order)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('orders the undated events as the article implies', () => {
    const order = undatedEvents().map((e) => e.label)
    const at = (s: string) => order.findIndex((l) => l.includes(s))
    expect(at('Assad')).toBeLessThan(at('Israel resumes strikes'))
    expect(at('defense pact')).toBeLessThan(at('Israel resumes strikes'))
    expect(at('Israel resumes strikes')).toBeLessThan(at('no nuclear talks'))
    expect(order[order.length - 1]).toContain('no nuclear talks')
  })
})

describe('timeline figure', () => {
  it('has exactly two lanes: dated, then undated', () => {
    expect(rest).toHaveLength(0)
    expect(datedLane?.attrs.class).toContain('fig-dated')
    expect(undatedLane?.attrs.class).toContain('fig-undated')
  })

  it('shows each dated event with its year', () => {
    const events = findAll(datedLane!, hasClass('fig-event'))
    expect(events.map((e) => e.attrs['data-date'])).toEqual(['1991', '2013'])
    for (const [i, e] of events.entries()) {
      const texts = visibleTexts(e)
      const event = datedEvents()[i]!
      expect(texts).toContain(event.date)
      expect(texts).toContain(event.label)
    }
  })

  it('draws every undated event in the undated lane, in order, under its title', () => {
    const texts = visibleTexts(undatedLane!)
    expect(texts[0]).toBe(UNDATED_LANE_TITLE)
    const events = findAll(undatedLane!, hasClass('fig-event'))
    expect(events.map((e) => e.attrs['data-order'])).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(events.map((e) => visibleTexts(e)[1])).toEqual(undatedEvents().map((e) => e.label))
    for (const e of events) expect(e.attrs['data-date']).toBeUndefined()
    // And none of them leaks into the dated lane.
    const dated = visibleTexts(datedLane!).join(' ')
    for (const e of undatedEvents()) expect(dated).not.toContain(e.label)
  })

  it('has no year anywhere in the undated lane', () => {
    expect(textOf(undatedLane!)).not.toMatch(RE_YEAR)
    for (const text of visibleTexts(undatedLane!)) expect(text).not.toMatch(RE_YEAR)
  })

  it('wraps undated labels to fit their column, in at most three lines', () => {
    for (const e of undatedEvents()) {
      const { label, note } = undatedLines(e)
      expect(label.length, e.label).toBeLessThanOrEqual(3)
      expect(note.length).toBeLessThanOrEqual(2)
      for (const line of label) expect(textWidth(line, TIMELINE_SIZES.label, true)).toBeLessThanOrEqual(UNDATED_LABEL_WIDTH)
      for (const line of note) expect(textWidth(line, TIMELINE_SIZES.note)).toBeLessThanOrEqual(UNDATED_LABEL_WIDTH)
    }
  })
})
