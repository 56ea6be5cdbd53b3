import { describe, expect, it } from 'vitest'
import { extractClaims } from '../../check/fidelity.ts'
import { fontSizes, MIN_TEXT_PX, SLIDE_FIGURE_BOX, slideScale, textWidth, viewBoxOf } from '../svg.ts'
import { findAll, hasClass, overlaps, parseXml, textBoxes, textOf } from '../xml-check.ts'
import { niceTicks } from './axis.ts'
import { longDate, parseDate, shortDate } from './dates.ts'
import { timelineFigure } from './index.ts'
import { layoutTimeline, TIMELINE_SIZES, TIMELINE_WIDTH } from './layout.ts'
import type { TimelineSpec } from './spec.ts'

/** A made-up river basin, in the shape of a real briefing: two dated events, six undated. */
const BASIN = {
  title: 'The dams came faster than the agreements',
  datedLabel: 'Dated in the report',
  undatedLabel: 'Undated in the report — in its order',
  events: [
    { date: '1995-04', label: 'Basin agreement signed', note: 'four riparian states' },
    { date: 2012, label: 'Upstream dam starts work', note: 'the first on the main stem' },
    { label: 'Flow data shared', note: 'monthly, not daily' },
    { label: 'Fish stocks fall', note: '“sharply”, says the report' },
    { label: 'Second dam approved' },
    { label: 'Farmers protest downstream', note: 'delta salinity rises' },
    { label: 'New joint commission', note: 'no veto over dams' },
    { label: 'Talks on a drought plan', note: 'still under way' },
  ],
}

/** Crowded on purpose: two dated events close in time (labels above and below the axis), ten events in all. */
const DENSE = {
  title: 'A crowded decade',
  events: [
    { date: '2001-03', label: 'Treaty signed', note: 'after nine years of talks' },
    { date: '2001-06-15', label: 'First joint survey' },
    { date: '2005-09', label: 'Commission meets', note: 'no quorum' },
    { date: '2009-12-31', label: 'Treaty review', note: 'postponed' },
    { label: 'Dam upstream' },
    { label: 'Protests in the delta' },
    { label: 'Court case' },
    { label: 'Mediation offered', note: 'declined' },
    { label: 'Emergency releases', note: 'in the drought' },
    { label: 'Data portal opens' },
  ],
}

function spec(data: unknown): TimelineSpec {
  const r = timelineFigure.validate(data)
  const errors = r.issues.filter((i) => (i.severity ?? 'error') === 'error')
  expect(errors).toEqual([])
  if (!r.spec) throw new Error('no spec')
  return r.spec
}

const issuesOf = (data: unknown) => timelineFigure.validate(data).issues.map((i) => `${JSON.stringify(i.path)} ${i.severity ?? 'error'}: ${i.message}`)

/** The 2014 + spring 2022 timeline a stranger could not draw, even with one-word labels. */
const SPRING = {
  title: 'T',
  events: [
    { date: '2014', label: 'Crimea' },
    { date: '2022-02-24', label: 'Invasion' },
    { date: '2022-03', label: 'Talks' },
    { date: '2022-04', label: 'Bucha' },
    { date: '2022-05', label: 'Mariupol' },
  ],
}

/**
 * 2014, then six events in spring 2022, three of them in five days: more than four rows a side
 * and an axis break can label one by one (failed before: "6 events … fall within 20 px").
 */
const SPRING_SIX = {
  title: 'T',
  events: [
    { date: '2014-03', label: 'Crimea annexed' },
    { date: '2022-03-16', label: 'Mariupol theatre bombed', note: 'hundreds were sheltering' },
    { date: '2022-03-29', label: 'Peace talks in Istanbul end without result' },
    { date: '2022-03-31', label: 'Grain ships blocked in Odesa' },
    { date: '2022-04-02', label: 'Russian troops leave the Kyiv region' },
    { date: '2022-04-14', label: 'Cruiser Moskva is sunk by two Neptune missiles', note: 'the fleet flagship' },
    { date: '2022-05-17', label: 'Mariupol falls after the Azovstal siege', note: 'after eighty-six days' },
  ],
}

/** Eight labels in eight weeks: more than one row a side holds. */
const WEEKLY = {
  title: 'T',
  events: ['01-01', '01-08', '01-15', '01-22', '01-29', '02-05', '02-12', '02-19'].map((d, i) => ({ date: `2001-${d}`, label: `Event ${i}, a longer label` })),
}

/** Twelve long labels in eleven days between two events 35 years apart. */
const CROWD = {
  title: 'T',
  events: [
    { date: '1990', label: 'Start' },
    { date: '2025', label: 'End' },
    ...Array.from({ length: 12 }, (_, i) => ({
      date: `2010-01-${i + 10}`,
      label: `Event ${i} with a label that goes on and on for many words`,
      note: 'and a note that runs on',
    })),
  ],
}

/** A burst of three events in two years and one decades later: the third label has no room over its marker. */
const BURST = {
  title: 'From strategy to joint venture',
  events: [
    { date: '2023-04', label: 'National Lithium Strategy', note: 'announced' },
    { date: '2024', label: 'Deal agreed' },
    { date: '2025', label: 'Start' },
    { date: '2060', label: 'End' },
  ],
}

describe('timeline dates', () => {
  it('reads YYYY, YYYY-MM and YYYY-MM-DD (and a bare year YAML read as a number)', () => {
    expect(parseDate('1995')).toEqual({ raw: '1995', year: 1995 })
    expect(parseDate(1995)).toEqual({ raw: '1995', year: 1995 })
    expect(parseDate('1995-04')).toEqual({ raw: '1995-04', year: 1995, month: 4 })
    expect(parseDate('2024-02-29')).toEqual({ raw: '2024-02-29', year: 2024, month: 2, day: 29 })
    expect(shortDate({ raw: '1995-04-12', year: 1995, month: 4, day: 12 })).toBe('12 Apr 1995')
    expect(longDate({ raw: '1995-04', year: 1995, month: 4 })).toBe('April 1995')
  })

  it.each([
    ['1995-13', /month 13/],
    ['2023-02-29', /February 2023 has 28 days/],
    ['95', /not a date/],
    ['April 1995', /not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD"/],
    ['1995/04', /not a date/],
  ])('refuses %j, saying how to write it', (raw, message) => {
    const d = parseDate(raw)
    expect(typeof d).toBe('string')
    expect(d).toMatch(message)
  })
})

describe('timeline validation', () => {
  it('accepts a briefing-shaped timeline without a problem', () => {
    expect(issuesOf(BASIN)).toEqual([])
  })

  it('locates a bad date, a missing label and a misspelt key (with the closest valid one)', () => {
    const issues = issuesOf({ title: 'T', events: [{ date: '2013-13', label: 'A' }, { note: 'no label' }, { date: '2001', lable: 'B' }] })
    expect(issues).toEqual([
      expect.stringMatching(/^\["events",0,"date"\] error: "date" "2013-13" has month 13/),
      expect.stringMatching(/^\["events",1\] error: "label" is required/),
      expect.stringMatching(/^\["events",2,"lable"\] error: unknown key "lable": did you mean "label"\?/),
      expect.stringMatching(/^\["events",2\] error: "label" is required/),
    ])
  })

  it('needs a title and at least one event; events must be a list of mappings', () => {
    expect(issuesOf({ events: [] })).toEqual([
      expect.stringMatching(/^\[\] error: "title" is required/),
      expect.stringMatching(/^\["events"\] error: "events" needs at least 1 item/),
    ])
    expect(issuesOf({ title: 'T', events: 'x' })).toEqual([expect.stringMatching(/^\["events"\] error: "events" must be a list/)])
    expect(issuesOf({ title: 'T', events: ['just text'] })).toEqual([
      expect.stringMatching(/^\["events",0\] error: an event must be a mapping of date, label, note/),
    ])
    expect(issuesOf('title: T')).toEqual([expect.stringMatching(/^\[\] error: a timeline must be a mapping/)])
  })

  it('names the cluster, the span and the fix when even a cluster cannot be drawn', () => {
    // Twelve long labels in eleven days on a 35-year axis: no rows or axis break can hold them,
    // and gathered under a bracket their list is taller than the figure.
    const issues = timelineFigure.validate(CROWD).issues
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toEqual(['events', 2, 'date'])
    expect(issues[0]?.message).toMatch(
      /^12 events from 10 Jan 2010 to 21 Jan 2010 are too close to label one by one, so they are gathered under a bracket \("12 events, Jan 2010"\), but the list of their dates and labels needs \d+ px beneath the axis and the figure has \d+ px/,
    )
    expect(issues[0]?.message).toMatch(/a timeline of their own on the next slide/)
  })

  it('draws 2014 and four events in spring 2022, cutting the empty years out of the axis', () => {
    // Failed before: "no room to label "Bucha" beside "Talks"", blaming the labels.
    expect(issuesOf(SPRING)).toEqual([])
    const layout = layoutTimeline(spec(SPRING))
    const segments = layout.dated?.axis.segments ?? []
    expect(segments).toHaveLength(2)
    expect(segments[1]?.x0 ?? 0, 'the four events of 2022 get most of the axis').toBeLessThan(TIMELINE_WIDTH / 3)
    const out = timelineFigure.render(spec(SPRING), 's')
    expect(out.text).toMatch(/^Timeline, to scale, the axis broken between 2014 and 2022\. 2014: Crimea\./)
    expect(findAll(parseXml(out.svg), hasClass('fig-axis-break'))).toHaveLength(1)
    const ticks = findAll(parseXml(out.svg), hasClass('fig-tick-label')).map(textOf)
    expect(ticks[0]).toBe('2014')
    expect(ticks[1], 'the first month shown names its year').toMatch(/^(Mar|Apr) 2022$/)
  })

  it('gathers events too close to label into a cluster: a bracket on the axis, their detail listed beneath it', () => {
    expect(issuesOf(SPRING_SIX)).toEqual([])
    const layout = layoutTimeline(spec(SPRING_SIX))
    const clusters = layout.dated?.clusters ?? []
    expect(clusters).toHaveLength(1)
    const [c] = clusters
    const gathered = SPRING_SIX.events.slice(2, 5)
    expect(c?.cluster.events.map((e) => e.label)).toEqual(gathered.map((e) => e.label))
    expect(c?.cluster.stand.label).toBe('3 events, Mar–Apr 2022')
    // The others keep their own labels, and the axis keeps its break.
    expect(layout.dated?.events.map((p) => p.event.label)).toEqual([
      'Crimea annexed',
      'Mariupol theatre bombed',
      '3 events, Mar–Apr 2022',
      'Cruiser Moskva is sunk by two Neptune missiles',
      'Mariupol falls after the Azovstal siege',
    ])
    expect(layout.dated?.axis.segments).toHaveLength(2)

    const out = timelineFigure.render(spec(SPRING_SIX), 'c')
    const root = parseXml(out.svg)
    // Every event keeps its marker, to scale; the bracket reaches past the first and last of the cluster's.
    expect(findAll(root, hasClass('fig-marker'))).toHaveLength(SPRING_SIX.events.length)
    const [bracket, ...more] = findAll(root, hasClass('fig-bracket'))
    expect(more).toEqual([])
    const [bx0 = 0, bx1 = 0] = (bracket?.attrs.d?.match(/^M([\d.]+) [\d.]+V[\d.]+H([\d.]+)V[\d.]+$/) ?? []).slice(1).map(Number)
    expect(bx0, bracket?.attrs.d).toBeLessThan(c?.x0 ?? 0)
    expect(bx1, bracket?.attrs.d).toBeGreaterThan(c?.x1 ?? 0)
    expect(findAll(root, hasClass('fig-cluster-label')).map(textOf)).toEqual(['3 events, Mar–Apr 2022'])
    // The list: each gathered event's date, label and note, under a heading naming the cluster.
    const lists = findAll(root, hasClass('fig-cluster-lists'))[0] as never
    expect(findAll(lists, hasClass('fig-legend')).map(textOf)).toEqual(['3 events, Mar–Apr 2022'])
    const entries = findAll(lists, hasClass('fig-cluster-entry'))
    expect(entries.map((e) => findAll(e, hasClass('fig-date')).map(textOf).join())).toEqual(['29 Mar 2022', '31 Mar 2022', '2 Apr 2022'])
    expect(entries.map((e) => findAll(e, hasClass('fig-event-label')).map(textOf).join())).toEqual(gathered.map((e) => e.label))

    // The text equivalent says what is drawn: the cluster's label, then its list, in time order.
    expect(out.text).toContain(
      '16 March 2022: Mariupol theatre bombed (hundreds were sheltering). A bracket on the axis gathers 3 events, Mar–Apr 2022, listed beneath the axis: 29 March 2022: Peace talks in Istanbul end without result. 31 March 2022: Grain ships blocked in Odesa. 2 April 2022: Russian troops leave the Kyiv region. 14 April 2022: Cruiser Moskva',
    )
    const drawn = findAll(root, (e) => e.name === 'text' && !/fig-(date|tick-label)/.test(e.attrs.class ?? '')).map(textOf)
    for (const t of drawn) expect(out.text, t).toContain(t)

    // Claims: the span as whole dates ("Mar 2022"), not the count; the list's dates, labels and notes.
    expect(out.claims).toEqual(expect.arrayContaining(['Mar 2022', 'Apr 2022', '29 Mar 2022', '2 Apr 2022', ...gathered.map((e) => e.label)]))
    expect(out.claims.filter((t) => /events/.test(t))).toEqual([])
    const lines = out.claims.map((text) => ({ pos: { file: 'f.md', line: 1, column: 1 }, text, blockStart: true, notes: false }))
    const checked = extractClaims(lines, 'f.md', 'timeline figure')
    expect(checked.filter((k) => k.kind === 'name' && /^(Mar|Apr|May)$/.test(k.text))).toEqual([])
    expect(checked.filter((k) => k.kind === 'date').map((k) => k.text)).toEqual(expect.arrayContaining(['Mar 2022', 'Apr 2022', '31 Mar 2022']))
  })

  it('keeps "range" and the axis break when it gathers a cluster', () => {
    const layout = layoutTimeline(spec({ ...SPRING_SIX, range: ['2013', '2022-06'] }))
    const segs = layout.dated?.axis.segments ?? []
    expect(segs).toHaveLength(2)
    expect([segs[0]?.t0, segs[1]?.t1]).toEqual([2013, 2022 + 5 / 12])
    expect(layout.dated?.clusters.length).toBeGreaterThan(0)
  })

  it('takes further rows before giving up: eight labels in eight weeks', () => {
    expect(issuesOf(WEEKLY)).toEqual([])
    const events = layoutTimeline(spec(WEEKLY)).dated?.events ?? []
    expect(Math.max(...events.map((p) => p.row))).toBeGreaterThan(0)
    // A stem to an outer row passes between the labels of the nearer rows.
    for (const p of events.filter((q) => q.row > 0)) {
      for (const q of events.filter((r) => r.side === p.side && r.row < p.row)) {
        const inside = p.x >= q.cx - q.block.width / 2 && p.x <= q.cx + q.block.width / 2
        expect(inside, `${p.event.label} crosses ${q.event.label}`).toBe(false)
      }
    }
  })

  it("fills the slide's figure box, with larger type when a timeline is sparse", () => {
    const layout = layoutTimeline(spec({ title: 'T', events: BASIN.events.slice(0, 2) }))
    expect(layout.height).toBe(SLIDE_FIGURE_BOX.height)
    expect(layout.sizes.label).toBeGreaterThan(TIMELINE_SIZES.label)
    const [a] = layout.dated?.events ?? []
    expect(a?.top ?? 0, 'the labels sit in the middle of the height, not in a strip at the top').toBeGreaterThan(150)
  })

  it('puts ticks on round years of the span, and on months within a year', () => {
    const years = layoutTimeline(
      spec({
        title: 'T',
        events: [
          { date: '2011', label: 'A' },
          { date: '2018-06', label: 'B' },
          { date: '2025', label: 'C' },
        ],
      }),
    )
    const texts = (years.dated?.ticks ?? []).map((t) => t.text)
    expect(texts).toEqual(['2015', '2020', '2025'])
    expect(niceTicks(2010, 2026, 7).map((t) => t.text)).toEqual(['2010', '2015', '2020', '2025'])
    expect(niceTicks(1890, 2030, 4).map((t) => t.text)).toEqual(['1900', '1950', '2000'])
    expect(niceTicks(2022 + 1 / 24, 2022.45, 6).map((t) => t.text)).toEqual(['Feb 2022', 'Mar', 'Apr', 'May', 'Jun'])
    expect(niceTicks(2021.8, 2022.3, 3).map((t) => t.text)).toEqual(['Nov 2021', 'Jan 2022', 'Mar'])
  })

  it('sets the axis from "range", and locates a bad range or an event outside it', () => {
    const layout = layoutTimeline(
      spec({
        title: 'T',
        range: [2010, 2026],
        events: [
          { date: '2014', label: 'A' },
          { date: '2019', label: 'B' },
        ],
      }),
    )
    const [seg] = layout.dated?.axis.segments ?? []
    expect([seg?.t0, seg?.t1]).toEqual([2010, 2026])
    expect((layout.dated?.ticks ?? []).map((t) => t.text)).toEqual(['2015', '2020', '2025'])
    const events = [{ date: '2014', label: 'A' }]
    expect(issuesOf({ title: 'T', range: [2026, 2010], events })).toEqual([
      expect.stringMatching(/^\["range"\] error: "range" \[2026, 2010\] must start before it ends/),
    ])
    expect(issuesOf({ title: 'T', range: 2010, events })).toEqual([expect.stringMatching(/^\["range"\] error: "range" must be a list of two dates/)])
    expect(issuesOf({ title: 'T', range: [2010, 'soon'], events })).toEqual([expect.stringMatching(/^\["range",1\] error: "range" "soon" is not a date/)])
    expect(issuesOf({ title: 'T', range: [2015, 2020], events })).toEqual([
      expect.stringMatching(/^\["events",0,"date"\] error: "A" \(2014\) lies outside "range" \[2015, 2020\]: widen the range/),
    ])
  })

  it('moves a label along its row, on a slanted leader, when a burst of events leaves no room over its marker', () => {
    // Three events in two years, then one decades later (a stranger's deck: failed before).
    const s = spec(BURST)
    expect(timelineFigure.validate(BURST).issues).toEqual([])
    const events = layoutTimeline(s).dated?.events ?? []
    const start = events.find((p) => p.event.label === 'Start')
    expect(start).toBeDefined()
    if (!start) return
    const left = start.cx - start.block.width / 2
    expect(left, 'its label sits right of its marker').toBeGreaterThan(start.x)
    expect(left - start.x, 'not far from it').toBeLessThanOrEqual(160)
    // Labels on one side of the axis keep apart; the leader goes from the marker to the label's corner.
    for (const side of ['below', 'above'] as const) {
      const row = events.filter((p) => p.side === side).map((p) => [p.cx - p.block.width / 2, p.cx + p.block.width / 2] as const)
      for (let i = 1; i < row.length; i++) expect(row[i]?.[0] ?? 0).toBeGreaterThanOrEqual((row[i - 1]?.[1] ?? 0) + 22)
    }
    const svg = timelineFigure.render(s, 'b').svg
    const startGroup = findAll(parseXml(svg), (e) => e.attrs['data-date'] === '2025')[0]
    const stem = findAll(startGroup as never, hasClass('fig-stem'))[0]
    const [x0, , x1] = (stem?.attrs.d?.match(/^M([\d.]+) ([\d.]+)L([\d.]+) ([\d.]+)$/) ?? []).slice(1).map(Number)
    expect(x0, stem?.attrs.d).toBeCloseTo(start.x, 0)
    expect(x1, stem?.attrs.d).toBeCloseTo(left + 8, 0)
  })

  it('warns, naming the longest labels, when the figure would be too tall to show text at 22 px', () => {
    const tall = {
      title: 'T',
      events: [
        {
          date: '1990',
          label: 'A label long enough to wrap onto several lines of the lane here',
          note: 'and a note that is long enough to wrap onto more lines too',
        },
        { date: '1990-03', label: 'Another long label that wraps onto several lines as well', note: 'and a long note below it that also wraps onto lines' },
        ...[1, 2, 3].map((n) => ({
          label: `Undated ${n} with a long label that wraps onto many lines in its column`,
          note: 'with a note that is long enough to wrap onto lines as well',
        })),
      ],
    }
    const w = timelineFigure.validate(tall).issues.filter((i) => i.severity === 'warning')
    expect(w).toHaveLength(1)
    expect(w[0]?.message).toMatch(/too tall|more than the 420 px/)
    expect(w[0]?.message).toMatch(/shorten the longest labels and notes \("/)
  })
})

describe('timeline figure', () => {
  const basin = spec(BASIN)
  const out = timelineFigure.render(basin, 't')
  const root = parseXml(out.svg)

  it('draws dated events to scale on a time axis, in date order', () => {
    const layout = layoutTimeline(basin)
    const [a, b] = layout.dated?.events ?? []
    expect(a?.event.label).toBe('Basin agreement signed')
    expect(b?.event.label).toBe('Upstream dam starts work')
    const x = layout.dated?.x ?? ((t: number) => t)
    expect(a?.x).toBeCloseTo(x(1995 + 3 / 12), 5)
    expect(b?.x).toBeCloseTo(x(2012), 5)
    // Year ticks on the axis show the scale, evenly spaced.
    const ticks = layout.dated?.ticks ?? []
    expect(ticks.length).toBeGreaterThanOrEqual(3)
    const gaps = ticks.slice(1).map((t, i) => t.x - (ticks[i]?.x ?? 0))
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0] ?? 0, 5)
  })

  it('puts undated events in their own lane, numbered in the order given, without dates', () => {
    const [dated, undated] = findAll(root, hasClass('fig-lane'))
    expect(dated?.attrs.class).toContain('fig-dated')
    expect(undated?.attrs.class).toContain('fig-undated')
    const events = findAll(undated as never, hasClass('fig-event'))
    expect(events.map((e) => e.attrs['data-order'])).toEqual(['1', '2', '3', '4', '5', '6'])
    expect(findAll(undated as never, hasClass('fig-event-label')).map(textOf)).toEqual(BASIN.events.slice(2).map((e) => e.label))
    expect(findAll(undated as never, hasClass('fig-date'))).toEqual([])
    expect(textOf(findAll(undated as never, hasClass('fig-lane-title'))[0] as never)).toBe(BASIN.undatedLabel)
  })

  it('names the figure with the title and describes every date, label and note', () => {
    expect(textOf(findAll(root, (e) => e.name === 'title')[0] as never)).toBe(BASIN.title)
    const desc = textOf(findAll(root, (e) => e.name === 'desc')[0] as never)
    expect(desc).toBe(out.text)
    expect(out.text).toContain('April 1995: Basin agreement signed (four riparian states).')
    expect(out.text).toContain('2012: Upstream dam starts work (the first on the main stem).')
    for (const e of BASIN.events) {
      expect(out.text).toContain(e.label)
      if (e.note) expect(out.text).toContain(e.note)
    }
    expect(out.text).toMatch(/1\. Flow data shared \(monthly, not daily\)\. 2\. Fish stocks fall/)
  })

  it('lists every label, note and date as claims, and no tick years (they are scale, not facts)', () => {
    expect(out.claims).toEqual(
      expect.arrayContaining(['Apr 1995', '2012', 'Basin agreement signed', 'four riparian states', 'Talks on a drought plan', BASIN.title]),
    )
    const ticks = findAll(root, hasClass('fig-tick-label')).map(textOf)
    expect(ticks).toContain('2000')
    for (const t of ticks.filter((t) => t !== '2012')) expect(out.claims).not.toContain(t)
  })

  it('is deterministic', () => {
    expect(timelineFigure.render(spec(BASIN), 't').svg).toBe(out.svg)
  })

  it.each([
    ['briefing-shaped', BASIN],
    ['dense', DENSE],
    ['undated only', { title: 'T', events: DENSE.events.filter((e) => !e.date) }],
    ['dated only', { title: 'T', events: DENSE.events.filter((e) => e.date) }],
    ['one event', { title: 'T', events: [{ date: '2020-02-02', label: 'Only one' }] }],
    ['a burst, then one far off', BURST],
    ['2014, then spring 2022', SPRING],
    ['2014, then six events in spring 2022: a cluster', SPRING_SIX],
    ['a cluster with a range', { ...SPRING_SIX, range: ['2013', '2022-06'] }],
    ['eight labels in eight weeks', WEEKLY],
    ['a range wider than the events', { title: 'T', range: [1990, 2030], events: BURST.events.slice(0, 3) }],
  ])('%s: every text is at least 22 px on the slide, inside the frame, and no two overlap', (_, data) => {
    const s = spec(data)
    const svg = timelineFigure.render(s, 'd').svg
    const box = viewBoxOf(svg)
    const scale = slideScale(box.width, box.height)
    const sizes = fontSizes(svg)
    expect(sizes.length).toBe(findAll(parseXml(svg), (e) => e.name === 'text').length)
    expect(Math.min(...sizes) * scale).toBeGreaterThanOrEqual(MIN_TEXT_PX)
    const boxes = textBoxes(parseXml(svg), textWidth)
    for (const b of boxes) {
      expect(b.x0, b.text).toBeGreaterThanOrEqual(0)
      expect(b.x1, b.text).toBeLessThanOrEqual(box.width)
      expect(b.y0, b.text).toBeGreaterThanOrEqual(0)
      expect(b.y1, b.text).toBeLessThanOrEqual(box.height)
    }
    expect(overlaps(boxes).map(([a, b]) => `${a.text} / ${b.text}`)).toEqual([])
  })
})
