import { describe, expect, it } from 'vitest'
import { issuesOf, LITHIUM, MEKONG, PLATE, SAHEL, specOf } from '../../../tests/support/map-examples.ts'
import { MIN_TEXT_PX, slideScale } from '../svg.ts'
import { findAll, hasClass, parseXml, textOf } from '../xml-check.ts'
import { mapFigure, renderMapSpec } from './index.ts'
import { rectsOverlap, segmentHitsRect } from './labels.ts'
import { CREDIT, MAP_HEIGHT } from './layout.ts'

const fixtures: Array<[string, string]> = [
  ['Mekong', MEKONG],
  ['lithium triangle', LITHIUM],
  ['Lake Chad', SAHEL],
  ['River Plate', PLATE],
  [
    'Bering Strait',
    `title: "Across the date line"\ncountries: [Russia, United States]\nplaces:\n  - { name: Anadyr, at: [177.5, 64.73] }\n  - { name: Nome, at: [-165.4, 64.5] }`,
  ],
]

describe.each(fixtures)('map of the %s', (_, yaml) => {
  const spec = specOf(yaml)
  const out = renderMapSpec(spec, 'fig')
  const root = parseXml(out.svg)

  it('is byte-identical when drawn again', () => {
    expect(mapFigure.render(spec, 'fig').svg).toBe(out.svg)
    expect(renderMapSpec(specOf(yaml), 'fig').svg).toBe(out.svg)
  })

  it('is an accessible SVG: title is the author’s, desc is the text equivalent', () => {
    expect(out.text).not.toContain(spec.title)
    expect(root.name).toBe('svg')
    expect(root.attrs.role).toBe('img')
    const title = findAll(root, (e) => e.name === 'title')[0]
    const desc = findAll(root, (e) => e.name === 'desc')[0]
    expect(title && textOf(title)).toBe(spec.title)
    expect(desc && textOf(desc)).toBe(out.text)
  })

  it('fills every highlighted country with its colour', () => {
    for (const c of spec.countries) {
      const paths = findAll(root, (e) => e.name === 'path' && e.attrs['data-key'] === c.key)
      expect(paths, c.name).toHaveLength(1)
      expect(paths[0]?.attrs.class).toContain(`fig-hl-${c.colour}`)
      expect((paths[0]?.attrs.d ?? '').length, c.name).toBeGreaterThan(100)
    }
  })

  it('marks and labels every place, inside the frame', () => {
    const circles = findAll(root, (e) => e.name === 'circle' && hasClass('fig-point')(e) && Number(e.attrs.cx) <= out.panelWidth)
    expect(circles).toHaveLength(spec.places.length)
    for (const c of circles) {
      expect(Number(c.attrs.cx)).toBeGreaterThan(0)
      expect(Number(c.attrs.cx)).toBeLessThan(out.panelWidth)
      expect(Number(c.attrs.cy)).toBeGreaterThan(0)
      expect(Number(c.attrs.cy)).toBeLessThan(MAP_HEIGHT)
    }
    const keys = out.labels.map((l) => l.key)
    for (const i of spec.places.keys()) expect(keys).toContain(`place:${i}`)
    for (const i of spec.seas.keys()) expect(keys).toContain(`sea:${i}`)
  })

  it('names every highlighted country on the map or in the key', () => {
    const texts = findAll(root, (e) => e.name === 'text')
      .map(textOf)
      .join(' | ')
      .toLowerCase()
    for (const c of spec.countries) expect(texts, c.name).toContain(c.name.toLowerCase())
  })

  it('keeps labels inside the frame, apart from each other and off the place markers', () => {
    const frame = { x0: 0, y0: 0, x1: out.panelWidth, y1: MAP_HEIGHT }
    for (const l of out.labels) {
      expect(l.forced, l.key).toBeUndefined()
      expect(l.box.x0, l.key).toBeGreaterThanOrEqual(frame.x0 + 4)
      expect(l.box.y0, l.key).toBeGreaterThanOrEqual(frame.y0 + 4)
      expect(l.box.x1, l.key).toBeLessThanOrEqual(frame.x1 - 4)
      expect(l.box.y1, l.key).toBeLessThanOrEqual(frame.y1 - 4)
    }
    for (const [i, a] of out.labels.entries()) {
      for (const b of out.labels.slice(i + 1)) expect(rectsOverlap(a.box, b.box), `${a.key} overlaps ${b.key}`).toBe(false)
      for (const c of findAll(root, (e) => e.name === 'circle' && Number(e.attrs.cx) <= out.panelWidth)) {
        const [x, y] = [Number(c.attrs.cx), Number(c.attrs.cy)]
        const own = a.leader
          ? Math.hypot(a.leader[0][0] - x, a.leader[0][1] - y) < 12
          : x >= a.box.x0 - 12 && x <= a.box.x1 + 12 && y >= a.box.y0 - 12 && y <= a.box.y1 + 12
        if (own && a.key.startsWith('place:')) continue
        expect(x > a.box.x0 - 3 && x < a.box.x1 + 3 && y > a.box.y0 - 3 && y < a.box.y1 + 3, `${a.key} covers a marker`).toBe(false)
      }
      // A leader crosses no other label.
      if (a.leader)
        for (const b of out.labels) if (b !== a) expect(segmentHitsRect(a.leader[0], a.leader[1], b.box), `${a.key}'s leader crosses ${b.key}`).toBe(false)
    }
  })

  it('draws every text at 22 px or more on the 1280×720 slide', () => {
    const sizes = [...out.svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(sizes.length).toBeGreaterThan(spec.places.length)
    const scale = slideScale(out.width, MAP_HEIGHT)
    for (const s of sizes) expect(s * scale).toBeGreaterThanOrEqual(MIN_TEXT_PX)
    // The figure fits the slide's figure box: it is never scaled down.
    expect(scale).toBeGreaterThanOrEqual(1)
  })

  it('says in words what it shows, and claims every string it draws (no coordinates)', () => {
    // The compiler puts the title before the text; the text says what is drawn.
    expect(out.claims[0]).toBe(spec.title)
    expect(out.text.startsWith('Map highlighting ')).toBe(spec.countries.length > 0)
    for (const c of spec.countries) {
      expect(out.text).toContain(c.name)
      if (c.note) expect(out.text).toContain(c.note)
    }
    // A context country is named in the text exactly when its name is drawn.
    for (const c of spec.context) expect(out.text.includes(c.name), c.name).toBe(out.labels.some((l) => l.key === `context:${c.key}`))
    for (const p of [...spec.places, ...spec.seas, ...spec.labels]) {
      expect(out.text).toContain(p.note ? `${p.name} (${p.note})` : p.name)
      expect(out.claims).toContain(p.name)
      if (p.note) expect(out.claims).toContain(p.note)
      for (const v of p.at) expect(out.claims.join(' ')).not.toContain(String(v))
      expect(out.claims.join(' ')).not.toMatch(/Natural Earth|world-atlas/)
    }
    for (const c of spec.countries) expect(out.claims).toContain(c.name)
    // Every text drawn is claimed, word for word, but for the tool's own data credit.
    const claimed = out.claims.join(' ').toLowerCase()
    for (const t of findAll(root, (e) => e.name === 'tspan').map(textOf)) if (!CREDIT.includes(t)) expect(claimed, t).toContain(t.toLowerCase())
  })
})

describe('a crowded map', () => {
  // Ten places, a sea and a free label along the Danube: more than fits beside every point.
  const spec = specOf(`
title: "Capitals on the Danube and beyond"
countries: [Austria, Slovakia, Hungary, Serbia, Romania, Bulgaria]
context: [Germany, Croatia]
places:
  - { name: Vienna, at: [16.37, 48.21] }
  - { name: Bratislava, at: [17.11, 48.15] }
  - { name: Budapest, at: [19.04, 47.5] }
  - { name: Belgrade, at: [20.46, 44.82] }
  - { name: Bucharest, at: [26.1, 44.43] }
  - { name: Sofia, at: [23.32, 42.7] }
  - { name: Ruse, at: [25.97, 43.85], note: "bridge to Giurgiu" }
  - { name: Linz, at: [14.29, 48.31] }
  - { name: Novi Sad, at: [19.84, 45.27] }
  - { name: Constanța, at: [28.63, 44.17], note: "Black Sea port" }
seas:
  - { name: Black Sea, at: [31, 43.5] }
`)
  const out = renderMapSpec(spec, 'x')

  it('labels every place and every highlighted country, inside the frame, none forced', () => {
    const keys = out.labels.map((l) => l.key)
    for (const i of spec.places.keys()) expect(keys).toContain(`place:${i}`)
    for (const l of out.labels) {
      expect(l.forced, l.key).toBeUndefined()
      expect(l.box.x0).toBeGreaterThanOrEqual(4)
      expect(l.box.x1).toBeLessThanOrEqual(out.panelWidth - 4)
      expect(l.box.y1).toBeLessThanOrEqual(MAP_HEIGHT - 4)
    }
    for (const [i, a] of out.labels.entries()) for (const b of out.labels.slice(i + 1)) expect(rectsOverlap(a.box, b.box), `${a.key} / ${b.key}`).toBe(false)
  })

  it('refuses a place given twice on one spot, at the second', () => {
    const issues = issuesOf(`title: x\ncountries: [Austria]\nplaces:\n  - { name: Vienna, at: [16.37, 48.21] }\n  - { name: Wien, at: [16.37, 48.21] }`)
    expect(issues.map((i) => i.path)).toEqual([['places', 1]])
    expect(issues[0]?.message).toContain('same spot')
  })
})

describe('a map highlights what its spec names, and nothing else', () => {
  it.each([MEKONG, LITHIUM, SAHEL, PLATE])('%#', (yaml) => {
    const spec = specOf(yaml)
    const root = parseXml(renderMapSpec(spec, 'x').svg)
    const highlighted = findAll(root, (e) => e.name === 'path' && /\bfig-hl-/.test(e.attrs.class ?? '')).map((e) => e.attrs['data-key'])
    expect(new Set(highlighted)).toEqual(new Set(spec.countries.map((c) => c.key)))
  })
})

describe('map key', () => {
  it('shows groups and the marker’s meaning, and leaves the key out when labels say it all', () => {
    const sahel = parseXml(renderMapSpec(specOf(SAHEL), 'x').svg)
    const key = findAll(sahel, hasClass('fig-key'))[0]
    expect(key).toBeDefined()
    const keyText = key
      ? findAll(key, (e) => e.name === 'text')
          .map(textOf)
          .join(' ')
      : ''
    expect(keyText).toContain('Lake Chad Basin')
    expect(keyText).toContain('on the lake')
    expect(findAll(sahel, (e) => e.name === 'rect' && hasClass('fig-hl-blue')(e) && hasClass('fig-swatch')(e))).toHaveLength(1)
    const mekong = parseXml(renderMapSpec(specOf(MEKONG), 'x').svg)
    expect(findAll(mekong, hasClass('fig-key'))).toHaveLength(0)
  })
})
