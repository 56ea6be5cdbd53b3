import { describe, expect, it } from 'vitest'
import { layoutPillars, type PillarsSpec, pillarsFigure } from './pillars.ts'
import { fontSizes, MIN_TEXT_PX, slideScale, textWidth, viewBoxOf } from './svg.ts'
import { findAll, hasClass, overlaps, parseXml, textBoxes, textOf } from './xml-check.ts'

/** A made-up argument in the shape of a briefing's: four pillars, two points each. */
const ACCORD = {
  title: 'Four things hold the river accord up',
  roof: 'The river accord',
  pillars: [
    { name: 'Water', points: ['Shared flow data', 'Dry-season quotas'] },
    { name: 'Energy', points: ['Joint dam operation', 'Power sold at cost'] },
    { name: 'Money', points: ['A basin fund', 'Fees on 40% of cargo'] },
    { name: 'Law', points: ['A standing commission', 'Arbitration in Geneva'] },
  ],
  foundation: 'Mutual dependence on one river',
}

function spec(data: unknown): PillarsSpec {
  const r = pillarsFigure.validate(data)
  expect(r.issues).toEqual([])
  if (!r.spec) throw new Error('no spec')
  return r.spec
}
const issuesOf = (data: unknown) => pillarsFigure.validate(data).issues.map((i) => `${JSON.stringify(i.path)} ${i.severity ?? 'error'}: ${i.message}`)

describe('pillars validation', () => {
  it('locates missing keys, bad points and misspelt keys (with the closest valid one)', () => {
    expect(
      issuesOf({ title: 'T', roof: 'R', foundation: 'F', pillars: [{ name: 'A', pointz: ['x'] }, { name: 'B', points: ['ok', ''] }, { points: ['x'] }] }),
    ).toEqual([
      expect.stringMatching(/^\["pillars",0,"pointz"\] error: unknown key "pointz": did you mean "points"\?/),
      expect.stringMatching(/^\["pillars",0\] error: "points" is required/),
      expect.stringMatching(/^\["pillars",1,"points",1\] error: this point is empty/),
      expect.stringMatching(/^\["pillars",2\] error: "name" is required/),
    ])
    expect(issuesOf({ title: 'T', pillars: [{ name: 'A', points: ['x'] }] })).toEqual([
      expect.stringMatching(/^\[\] error: "roof" is required/),
      expect.stringMatching(/^\[\] error: "foundation" is required/),
    ])
  })

  it('takes one to five pillars', () => {
    const base = { title: 'T', roof: 'R', foundation: 'F' }
    const p = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `P${i}`, points: ['a point'] }))
    expect(issuesOf({ ...base, pillars: p(1) })).toEqual([])
    expect(issuesOf({ ...base, pillars: p(5) })).toEqual([])
    expect(issuesOf({ ...base, pillars: p(6) })).toEqual([expect.stringMatching(/^\["pillars",5\] error: "pillars" has 6 items, more than the 5/)])
    expect(issuesOf({ ...base, pillars: [] })).toEqual([expect.stringMatching(/needs at least 1 item/)])
  })

  it('says what to shorten when the roof does not fit, and warns when the pillars are too tall for 22 px text', () => {
    expect(issuesOf({ ...ACCORD, roof: 'A roof text that goes on well past the width of any pediment a slide holds' })).toEqual([
      expect.stringMatching(/^\["roof"\] error: "roof" is too long to fit in the roof at a legible size: shorten it to about \d+ characters/),
    ])
    const tall = {
      ...ACCORD,
      pillars: ACCORD.pillars.map((p) => ({
        ...p,
        points: ['A long point that wraps over several lines', 'Another long point that wraps as well', 'And a third one', 'And a fourth one to top it'],
      })),
    }
    expect(issuesOf(tall)).toEqual([
      expect.stringMatching(
        /^\["pillars"\] warning: the pillars figure is \d+ px tall, more than the 420 px .* use fewer or shorter points \(the tallest pillar is "/,
      ),
    ])
  })
})

describe('pillars figure', () => {
  const s = spec(ACCORD)
  const out = pillarsFigure.render(s, 'p')
  const root = parseXml(out.svg)

  it('draws every pillar in order with its name and points, the roof and the foundation', () => {
    const pillars = findAll(root, hasClass('fig-pillar'))
    expect(pillars.map((p) => p.attrs['data-pillar'])).toEqual(['Water', 'Energy', 'Money', 'Law'])
    pillars.forEach((p, i) => {
      expect(textOf(findAll(p, hasClass('fig-pillar-name'))[0] as never)).toBe(ACCORD.pillars[i]?.name)
      expect(findAll(p, hasClass('fig-pillar-point')).map(textOf)).toEqual(ACCORD.pillars[i]?.points)
    })
    expect(findAll(root, hasClass('fig-roof-text')).map(textOf)).toEqual([ACCORD.roof])
    expect(findAll(root, hasClass('fig-base-text')).map(textOf)).toEqual([ACCORD.foundation])
  })

  it('has a text equivalent with every name and point, named by the title; claims hold every text', () => {
    expect(out.text).toBe(
      'Diagram of a building. Roof: The river accord. It rests on 4 pillars. Water: Shared flow data. Dry-season quotas. Energy: Joint dam operation. Power sold at cost. Money: A basin fund. Fees on 40% of cargo. Law: A standing commission. Arbitration in Geneva. Foundation: Mutual dependence on one river.',
    )
    expect(textOf(findAll(root, (e) => e.name === 'title')[0] as never)).toBe(ACCORD.title)
    expect(textOf(findAll(root, (e) => e.name === 'desc')[0] as never)).toBe(out.text)
    expect(out.claims).toEqual([ACCORD.title, ACCORD.roof, ...ACCORD.pillars.flatMap((p) => [p.name, ...p.points]), ACCORD.foundation])
  })

  it('is deterministic', () => {
    expect(pillarsFigure.render(spec(ACCORD), 'p').svg).toBe(out.svg)
  })

  it.each([1, 2, 3, 4, 5])('with %i pillars: text at least 22 px on the slide, inside its shapes and the frame, no overlaps', (n) => {
    const data = { ...ACCORD, pillars: Array.from({ length: n }, (_, i) => ACCORD.pillars[i % 4] ?? ACCORD.pillars[0]) }
    const s = spec(data)
    const svg = pillarsFigure.render(s, 'p').svg
    const box = viewBoxOf(svg)
    expect(Math.min(...fontSizes(svg)) * slideScale(box.width, box.height)).toBeGreaterThanOrEqual(MIN_TEXT_PX)
    const boxes = textBoxes(parseXml(svg), textWidth)
    expect(overlaps(boxes).map(([a, b]) => `${a.text} / ${b.text}`)).toEqual([])
    const l = layoutPillars(s)
    for (const b of boxes) {
      expect(b.x0).toBeGreaterThanOrEqual(0)
      expect(b.x1).toBeLessThanOrEqual(box.width)
      if (b.cls === 'fig-pillar-point') {
        const c = l.columns.find((c) => Math.abs(c.cx - (b.x0 + b.x1) / 2) < 1)
        expect(c, b.text).toBeDefined()
        expect(b.x1 - b.x0, b.text).toBeLessThanOrEqual(l.shaft.width - 8)
        expect(b.y0).toBeGreaterThanOrEqual(l.shaft.top)
        expect(b.y1).toBeLessThanOrEqual(l.shaft.bottom)
      }
    }
  })
})
