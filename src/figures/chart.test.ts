import { describe, expect, it } from 'vitest'
import { type ChartSpec, chartFigure, formatValue, layoutChart, niceStep } from './chart/index.ts'
import { fontSizes, MIN_TEXT_PX, slideScale, textWidth, viewBoxOf } from './svg.ts'
import { findAll, hasClass, overlaps, parseXml, textBoxes, textOf } from './xml-check.ts'

const DAMS = {
  title: 'Dams completed each decade',
  type: 'bar',
  unit: 'dams',
  xLabel: 'Decade',
  source: 'Basin report, table 2',
  data: { '1970s': 1, '1980s': 2, '1990s': 3, '2000s': 8, '2010s': 21 },
}
const SHARE = {
  title: 'Share of cargo under fees',
  type: 'line',
  unit: '%',
  data: [
    { label: '2018', value: 12.5 },
    { label: '2019', value: 20 },
    { label: '2020', value: -4 },
    { label: '2021', value: 1250.75 },
  ],
}

function spec(data: unknown): ChartSpec {
  const r = chartFigure.validate(data)
  expect(r.issues).toEqual([])
  if (!r.spec) throw new Error('no spec')
  return r.spec
}
const issuesOf = (data: unknown) => chartFigure.validate(data).issues.map((i) => `${JSON.stringify(i.path)} ${i.severity ?? 'error'}: ${i.message}`)

describe('chart validation', () => {
  // 1.7e308 made the axis step overflow to Infinity, and the tick loop never ended.
  it('refuses a value too large to label, at its path, and stays bounded', () => {
    expect(issuesOf({ title: 'T', data: { a: 1.7e308, b: -1e16, c: 1e15 } })).toEqual([
      expect.stringMatching(/^\["data","a"\] error: the value for "a" is 1\.7e\+308, beyond the 1e\+15 a chart can label: give it in a larger unit/),
      expect.stringMatching(/^\["data","b"\] error: the value for "b" is -10000000000000000, beyond/),
    ])
    const { domain } = layoutChart(spec({ title: 'T', data: { c: 1e15, d: -1e15 } }))
    expect(Number.isFinite(domain.lo) && Number.isFinite(domain.hi) && (domain.hi - domain.lo) / domain.step < 50).toBe(true)
  })

  it('takes data as a mapping (order kept) or a list of { label, value }', () => {
    expect(spec(DAMS).categories).toEqual(['1970s', '1980s', '1990s', '2000s', '2010s'])
    expect(spec({ title: 'T', data: { b: 2, a: 1 } })).toMatchObject({ categories: ['b', 'a'], series: [{ name: '', values: [2, 1] }] })
    expect(spec(SHARE).series[0]?.values[2]).toBe(-4)
    expect(spec({ title: 'T', data: { a: 1 } }).type).toBe('bar')
  })

  it('locates a misspelt type, a value with its unit in it, a misspelt item key and a repeated label', () => {
    expect(issuesOf({ title: 'T', type: 'barr', data: { a: '12 dams', b: 3 } })).toEqual([
      expect.stringMatching(/^\["type"\] error: "type" must be one of bar, line; got "barr" \(did you mean "bar"\?\)/),
      expect.stringMatching(
        /^\["data","a"\] error: the value for "a" must be a number; got "12 dams" \(write the number alone, e\.g\. 12, and put the unit in "unit"\)/,
      ),
    ])
    expect(
      issuesOf({
        title: 'T',
        data: [
          { label: 'a', valeu: 1 },
          { label: 'a', value: 2 },
          { label: 'a', value: 3 },
        ],
      }),
    ).toEqual([
      expect.stringMatching(/^\["data",0,"valeu"\] error: unknown key "valeu": did you mean "value"\?/),
      expect.stringMatching(/^\["data",0,"value"\] error: the value for "a" must be a number; got null/),
    ])
    expect(
      issuesOf({
        title: 'T',
        data: [
          { label: 'a', value: 2 },
          { label: 'a', value: 3 },
        ],
      }),
    ).toEqual([expect.stringMatching(/^\["data",1\] error: the label "a" appears twice/)])
    expect(issuesOf({ title: 'T' })).toEqual([expect.stringMatching(/^\[\] error: "data" is required/)])
  })

  it('says which label to shorten, and refuses more values than a slide can label', () => {
    expect(issuesOf({ title: 'T', data: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`Category number ${i} with a long name`, i])) })[0]).toMatch(
      /^\["data","Category number 0 with a long name"\] error: the label "Category number 0 with a long name" does not fit under its bar/,
    )
    expect(issuesOf({ title: 'T', data: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, i])) })).toEqual([
      expect.stringMatching(/^\["data"\] error: "data" has 30 values, more than the 24/),
    ])
  })
})

describe('chart figure', () => {
  it('rounds the value axis to 1, 2, 2.5 or 5 × 10^n and formats values with their unit', () => {
    expect(niceStep(21)).toBe(5)
    expect(niceStep(0.7)).toBe(0.2)
    expect(niceStep(1300)).toBe(500)
    expect(formatValue(1250.75, '%')).toBe('1250.75%') // four digits stay ungrouped, like a year
    expect(formatValue(12500.5)).toBe('12,500.5')
    expect(formatValue(-4)).toBe('-4')
    expect(formatValue(12000000)).toBe('12,000,000')
  })

  it('labels every bar directly with its value, bars to scale from zero, with no legend', () => {
    const s = spec(DAMS)
    const root = parseXml(chartFigure.render(s, 'c').svg)
    const data = findAll(root, hasClass('fig-datum'))
    expect(
      data.map((d) => [d.attrs['data-label'], findAll(d, hasClass('fig-value')).map(textOf)[0], findAll(d, hasClass('fig-category')).map(textOf)[0]]),
    ).toEqual([
      ['1970s', '1', '1970s'],
      ['1980s', '2', '1980s'],
      ['1990s', '3', '1990s'],
      ['2000s', '8', '2000s'],
      ['2010s', '21', '2010s'],
    ])
    const bars = findAll(root, hasClass('fig-bar')).map((b) => Number(b.attrs.height))
    for (const [i, v] of [1, 2, 3, 8, 21].entries()) expect((bars[i] ?? 0) / (bars[4] ?? 1)).toBeCloseTo(v / 21, 2)
    expect(findAll(root, hasClass('fig-axis-title')).map(textOf)).toEqual(['dams', 'Decade'])
    expect(findAll(root, hasClass('fig-source')).map(textOf)).toEqual(['Source: Basin report, table 2'])
    expect(findAll(root, (e) => /legend/.test(e.attrs.class ?? ''))).toEqual([])
  })

  it('draws a line through the points, with a label on each, below the point when negative', () => {
    const s = spec(SHARE)
    const l = layoutChart(s)
    const root = parseXml(chartFigure.render(s, 'c').svg)
    expect(findAll(root, hasClass('fig-line'))).toHaveLength(1)
    const points = findAll(root, hasClass('fig-point'))
    expect(points).toHaveLength(4)
    const values = findAll(root, hasClass('fig-value'))
    expect(values.map(textOf)).toEqual(['12.5%', '20%', '-4%', '1250.75%'])
    expect(Number(values[2]?.attrs.y)).toBeGreaterThan(Number(points[2]?.attrs.cy))
    expect(Number(values[1]?.attrs.y)).toBeLessThan(Number(points[1]?.attrs.cy))
    expect(l.domain.lo).toBeLessThan(-4)
  })

  it("keeps a line off its value labels, each label centred on its own point's x, on a steep fall too", () => {
    const months = [25.5, 20.6, 13.2, 11, 8.8, 4.2, 4.6, 4, 4.2, 3.5, 2.7, 2.4, 2.7]
    const s = spec({ title: 'Monthly inflation', type: 'line', unit: '%', data: months.map((value, i) => ({ label: `M${i + 1}`, value })) })
    const root = parseXml(chartFigure.render(s, 'c').svg)
    const points = findAll(root, hasClass('fig-point')).map((c) => [Number(c.attrs.cx), Number(c.attrs.cy)] as const)
    const labels = textBoxes(root, textWidth).filter((b) => b.cls.includes('fig-value'))
    expect(labels.map((b) => b.text)).toEqual(months.map((v) => `${v}%`))
    labels.forEach((b, i) => {
      const [px] = points[i] ?? [0, 0]
      expect((b.x0 + b.x1) / 2, `label ${b.text} centred on its point`).toBeCloseTo(px, 5)
      // The line, sampled along each segment, never enters a label's box.
      for (let j = 0; j + 1 < points.length; j++) {
        const [ax, ay] = points[j] ?? [0, 0]
        const [bx, by] = points[j + 1] ?? [0, 0]
        for (let k = 0; k <= 50; k++) {
          const x = ax + ((bx - ax) * k) / 50
          const y = ay + ((by - ay) * k) / 50
          expect(x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1, `the line runs through ${b.text}`).toBe(false)
        }
      }
    })
    expect(overlaps(labels, -6), 'labels a word space apart').toEqual([])
  })

  it('has a text equivalent with every label and value, named by the title; claims hold them', () => {
    const out = chartFigure.render(spec(DAMS), 'c')
    expect(out.text).toBe(
      'Bar chart, in dams, by Decade. 1970s: 1 dams; 1980s: 2 dams; 1990s: 3 dams; 2000s: 8 dams; 2010s: 21 dams. Source: Basin report, table 2.',
    )
    expect(textOf(findAll(parseXml(out.svg), (e) => e.name === 'title')[0] as never)).toBe(DAMS.title)
    expect(out.claims).toEqual([DAMS.title, 'dams', 'Decade', 'Basin report, table 2', '1970s', '1', '1980s', '2', '1990s', '3', '2000s', '8', '2010s', '21'])
    expect(chartFigure.render(spec(SHARE), 'c').text).toBe('Line chart, in percent. 2018: 12.5%; 2019: 20%; 2020: -4%; 2021: 1250.75%.')
  })

  it('is deterministic', () => {
    expect(chartFigure.render(spec(DAMS), 'c').svg).toBe(chartFigure.render(spec(DAMS), 'c').svg)
  })

  it.each([
    ['bar', DAMS],
    ['line', SHARE],
    ['dense bar', { title: 'T', unit: 'ships', data: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`${i + 2000}`, (i * 37) % 101])) }],
  ])('%s: text at least 22 px on the slide, inside the frame, no overlaps', (_, data) => {
    const svg = chartFigure.render(spec(data), 'c').svg
    const box = viewBoxOf(svg)
    expect(Math.min(...fontSizes(svg)) * slideScale(box.width, box.height)).toBeGreaterThanOrEqual(MIN_TEXT_PX)
    const boxes = textBoxes(parseXml(svg), textWidth)
    for (const b of boxes) {
      expect(b.x0, b.text).toBeGreaterThanOrEqual(0)
      expect(b.x1, b.text).toBeLessThanOrEqual(box.width)
      expect(b.y1, b.text).toBeLessThanOrEqual(box.height)
    }
    expect(overlaps(boxes).map(([a, b]) => `${a.text} / ${b.text}`)).toEqual([])
  })
})
