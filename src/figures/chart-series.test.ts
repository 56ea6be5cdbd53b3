/** Charts of several series: grouped, stacked, horizontal, lines; the highlight; their errors. */
import { describe, expect, it } from 'vitest'
import { type ChartSpec, chartFigure, layoutChart } from './chart/index.ts'
import { MIN_TEXT_PX, slideScale, textWidth, viewBoxOf } from './svg.ts'
import { findAll, hasClass, overlaps, parseXml, textBoxes, textOf } from './xml-check.ts'

const ARMS = {
  title: 'Arms exports',
  type: 'bar',
  unit: 'units',
  series: { Northland: { '2022': 74, '2024': 51 }, Southland: { '2022': 2, '2024': -1 } },
  highlight: '2024',
  source: 'IISS',
}

function spec(data: unknown): ChartSpec {
  const r = chartFigure.validate(data)
  expect(r.issues).toEqual([])
  if (!r.spec) throw new Error('no spec')
  return r.spec
}
const issuesOf = (data: unknown) => chartFigure.validate(data).issues.map((i) => `${JSON.stringify(i.path)} ${i.severity ?? 'error'}: ${i.message}`)
const datums = (svg: string) =>
  findAll(parseXml(svg), hasClass('fig-datum')).map((d) => [d.attrs['data-series'], d.attrs['data-label'], findAll(d, hasClass('fig-value')).map(textOf)[0]])

describe('charts of several series', () => {
  it('draws grouped bars, each labelled, a key naming the series, the highlight on its category', () => {
    const out = chartFigure.render(spec(ARMS), 'c')
    expect(datums(out.svg)).toEqual([
      ['Northland', '2022', '74'],
      ['Southland', '2022', '2'],
      ['Northland', '2024', '51'],
      ['Southland', '2024', '-1'],
    ])
    const root = parseXml(out.svg)
    expect(findAll(root, hasClass('fig-key-label')).map(textOf)).toEqual(['Northland', 'Southland'])
    const bars = findAll(root, hasClass('fig-bar'))
    expect(bars.map((b) => (b.attrs.class ?? '').includes('fig-highlight'))).toEqual([false, false, true, true])
    expect(bars.map((b) => (b.attrs.class ?? '').includes('fig-dim'))).toEqual([true, true, false, false])
    // The negative bar hangs below the zero line, its value under it.
    const zero = Number(/M\S+ (\S+)H/.exec(findAll(root, hasClass('fig-baseline'))[0]?.attrs.d ?? '')?.[1])
    expect(Number(bars[3]?.attrs.y)).toBeCloseTo(zero, 5)
    expect(out.text).toBe(
      'Grouped bar chart, in units. Northland: 2022 74 units, 2024 51 units; Southland: 2022 2 units, 2024 -1 units. Highlighted: 2024. Source: IISS.',
    )
    expect(out.claims).toEqual(['Arms exports', 'units', 'IISS', 'Northland', 'Southland', '2022', '74', '2', '2024', '51', '-1'])
    expect(JSON.parse(/data-chart="([^"]*)"/.exec(out.svg)?.[1]?.replace(/&quot;/g, '"') ?? '{}')).toMatchObject({
      type: 'bar',
      categories: ['2022', '2024'],
      series: [
        { name: 'Northland', values: [74, 51] },
        { name: 'Southland', values: [2, -1] },
      ],
    })
  })

  it('highlights one value of one series', () => {
    const out = chartFigure.render(spec({ ...ARMS, highlight: { series: 'Southland', at: '2024' } }), 'c')
    const bars = findAll(parseXml(out.svg), hasClass('fig-bar'))
    expect(bars.map((b) => (b.attrs.class ?? '').includes('fig-highlight'))).toEqual([false, false, false, true])
    expect(out.text).toContain('Highlighted: 2024 (Southland).')
  })

  it('stacks bars: each segment starts where the last ended, labelled inside when it fits', () => {
    const s = spec({ title: 'T', stacked: true, series: { A: { x: 30, y: 10 }, B: { x: 20, y: 40 } } })
    const l = layoutChart(s)
    const [ax, bx] = l.marks.filter((m) => m.i === 0)
    expect(ax?.y0).toBeCloseTo(bx?.y1 ?? 0, 5)
    expect(l.domain.hi).toBeGreaterThanOrEqual(50)
    expect(findAll(parseXml(chartFigure.render(s, 'c').svg), hasClass('fig-value-inside')).map(textOf)).toEqual(['30', '20', '10', '40'])
  })

  it('lays long category names out horizontally, each label beside its bar', () => {
    const s = spec({
      title: 'T',
      orientation: 'horizontal',
      unit: 'ships',
      data: { 'Sevastopol naval base': 12, 'Novorossiysk, the new base': 30, 'Ochamchire (planned)': 2 },
    })
    const svg = chartFigure.render(s, 'c').svg
    const boxes = textBoxes(parseXml(svg), textWidth)
    expect(overlaps(boxes)).toEqual([])
    const bars = findAll(parseXml(svg), hasClass('fig-bar')).map((b) => Number(b.attrs.width))
    expect((bars[0] ?? 0) / (bars[1] ?? 1)).toBeCloseTo(12 / 30, 2)
  })

  it.each([
    ['grouped', ARMS],
    ['stacked', { ...ARMS, stacked: true, series: { Northland: { '2022': 74, '2024': 51 }, Southland: { '2022': 20, '2024': 30 } } }],
    ['horizontal', { ...ARMS, orientation: 'horizontal' }],
    ['two lines', { title: 'T', type: 'line', unit: '%', series: { A: { Q1: 3, Q2: 9, Q3: 16, Q4: 24 }, B: { Q1: 9, Q2: 9, Q3: 10, Q4: 11 } } }],
  ])('%s: text at least 22 px on the slide, inside the frame, no overlaps', (_, data) => {
    const svg = chartFigure.render(spec(data), 'c').svg
    const box = viewBoxOf(svg)
    const boxes = textBoxes(parseXml(svg), textWidth)
    expect(overlaps(boxes)).toEqual([])
    for (const b of boxes) {
      expect(b.x0, b.text).toBeGreaterThanOrEqual(-0.5)
      expect(b.x1, b.text).toBeLessThanOrEqual(box.width + 0.5)
      expect(b.y1, b.text).toBeLessThanOrEqual(box.height + 0.5)
      expect(b.size * slideScale(box.width, box.height), b.text).toBeGreaterThanOrEqual(MIN_TEXT_PX - 0.01)
    }
  })

  it('names a series missing a value, an unknown highlight, and options that do not fit the type', () => {
    expect(issuesOf({ title: 'T', series: { A: { x: 1, y: 2 }, B: { x: 3 } } })).toEqual([
      expect.stringMatching(/^\["series","B"\] error: the series "B" has no value for "y": give one \(0 if there was none\)/),
    ])
    expect(issuesOf({ ...ARMS, highlight: '2023' })).toEqual([
      expect.stringMatching(/^\["highlight"\] error: "highlight" names "2023", which is not one of the chart's labels \(2022, 2024\)/),
    ])
    expect(issuesOf({ title: 'T', type: 'line', orientation: 'horizontal', stacked: true, data: { a: 1 } })).toEqual([
      expect.stringMatching(/^\["orientation"\] error: "orientation: horizontal" is for bar charts/),
      expect.stringMatching(/^\["stacked"\] error: "stacked" is for bar charts/),
    ])
    expect(issuesOf({ title: 'T', data: { a: 1 }, series: { A: { a: 1 } } })).toEqual([
      expect.stringMatching(/^\["series"\] error: give "data" \(one series\) or "series" \(several\), not both/),
    ])
    expect(issuesOf({ title: 'T', series: Object.fromEntries(['A', 'B', 'C', 'D', 'E'].map((n) => [n, { x: 1 }])) })).toEqual([
      expect.stringMatching(/^\["series"\] error: "series" has 5 series, more than the 4/),
    ])
  })
})
