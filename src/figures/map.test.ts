import countries from 'world-atlas/countries-50m.json' with { type: 'json' }
import { geoContains } from 'd3-geo'
import { feature } from 'topojson-client'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { COUNTRY_TABLE } from './countries-table.ts'
import { computeCountryTable } from './countries-gen.ts'
import { closestName, resolveCountry } from './countries.ts'
import { decodeArcs, prepareTopology, simplifyArc, type Point } from './geo.ts'
import type { FigureIssue } from './kinds.ts'
import { autoExtent, CREDIT, MAP_HEIGHT, mapFigure, renderMapSpec, validateMap, type MapSpec } from './map.ts'
import { rectsOverlap, segmentHitsRect } from './map-labels.ts'
import { MIN_TEXT_PX, slideScale } from './svg.ts'
import { findAll, hasClass, parseXml, textOf } from './xml-check.ts'

/** Validates a YAML map body; fails the test with the issues when it is invalid. */
function specOf(yaml: string): MapSpec {
  const { spec, issues } = mapFigure.validate(parse(yaml))
  if (!spec) throw new Error(`invalid spec: ${JSON.stringify(issues)}`)
  return spec
}

function issuesOf(yaml: string): FigureIssue[] {
  const { spec, issues } = mapFigure.validate(parse(yaml))
  expect(spec).toBeUndefined()
  return issues
}

const MEKONG = `
title: "The Mekong: dams upstream, farmers downstream"
countries: [China, Laos, Thailand, Cambodia, Vietnam]
places:
  - { name: Xayaburi, at: [101.82, 19.25], note: "dam, 2019" }
  - { name: Phnom Penh, at: [104.92, 11.56] }
`

const LITHIUM = `
title: "The lithium triangle"
countries: [Argentina, BOL, CL]          # a name, an alpha-3 and an alpha-2 code
context: [Peru, Brazil, Paraguay]
places:
  - { name: Salar de Uyuni, at: [-67.49, -20.13], note: "largest salt flat" }
  - { name: Salar de Atacama, at: [-68.25, -23.5] }
  - { name: Buenos Aires, at: [-58.38, -34.6] }
seas:
  - { name: Pacific Ocean, at: [-78, -30] }
`

const SAHEL = `
title: "Lake Chad is shrinking"
countries:
  - { name: Chad, group: "Lake Chad Basin Commission" }
  - { name: NER, group: "Lake Chad Basin Commission" }
  - { name: 566, group: "Lake Chad Basin Commission" }
  - { name: Cameroon, group: "Lake Chad Basin Commission" }
  - { name: Sudan, colour: purple, note: "outside the basin" }
places:
  - { name: N'Djamena, at: [15.04, 12.13] }
  - { name: Maiduguri, at: [13.16, 11.83] }
labels:
  - { name: Lake Chad, at: [14.1, 13.2] }
marker: "City on the lake's shore"
`

/** A big country, a mid-sized one and a small one with a note, by the sea, with context (made up). */
const PLATE = `
title: "Brazil and Argentina share the River Plate basin"
countries:
  - Brazil
  - Argentina
  - { name: Uruguay, note: "between the two" }
context: [Paraguay, Bolivia, Chile]
seas:
  - { name: Atlantic Ocean, at: [-42, -32], note: "the basin's outlet" }
places:
  - { name: Buenos Aires, at: [-58.38, -34.6], note: "the main port" }
  - { name: Brasília, at: [-47.88, -15.79] }
marker: "Place named in the report"
`

describe('country names and codes', () => {
  it.each([
    ['Russia', '643'],
    ['russian federation', '643'],
    ['IRAN', '364'],
    ['IRN', '364'],
    ['ir', '364'],
    [364, '364'],
    ['051', '051'],
    ['USA', '840'],
    ['United States', '840'],
    ['U.S.', '840'],
    ['UK', '826'],
    ['Great Britain', '826'],
    ['Laos', '418'],
    ["Lao People's Democratic Republic", '418'],
    ['Viet Nam', '704'],
    ["Côte d'Ivoire", '384'],
    ['Cote d’Ivoire', '384'],
    ['Congo', '178'],
    ['DRC', '180'],
    ['Kosovo', 'Kosovo'],
  ])('%j is country %s', (input, key) => {
    const r = resolveCountry(input)
    expect('country' in r && r.country.key).toBe(key)
  })

  it('keeps the author’s spelling of a name, and gives the usual name for a code', () => {
    const named = resolveCountry('Türkiye')
    const coded = resolveCountry('USA')
    expect('country' in named && named.country.name).toBe('Türkiye')
    expect('country' in coded && coded.country.name).toBe('United States')
  })

  it.each([
    ['Laoss', 'Laos'],
    ['Germny', 'Germany'],
    ['Cambodja', 'Cambodia'],
    ['Argentinia', 'Argentina'],
  ])('suggests the closest name for %j', (input, near) => {
    const r = resolveCountry(input)
    expect('error' in r && r.suggestion).toBe(near)
    expect(closestName(input)).toBe(near)
  })

  it('says when a real country is too small for the 1:50m borders', () => {
    const r = resolveCountry('Gibraltar')
    expect('error' in r && r.error).toMatch(/too small .*mark it as a place/)
  })

  it('rejects a numeric code that names no country', () => {
    expect(resolveCountry(999)).toEqual({ error: 'no country has the ISO 3166 numeric code 999' })
  })

  it('has a table that matches the world-atlas borders it is built from', () => {
    expect(COUNTRY_TABLE).toEqual(computeCountryTable(countries))
  })
})

describe('map validation', () => {
  it('accepts the issue’s Mekong example', () => {
    const spec = specOf(MEKONG)
    expect(spec.countries.map((c) => c.key)).toEqual(['156', '418', '764', '116', '704'])
    expect(spec.places).toEqual([
      { name: 'Xayaburi', at: [101.82, 19.25], note: 'dam, 2019' },
      { name: 'Phnom Penh', at: [104.92, 11.56] },
    ])
    // Each its own colour, in palette order.
    expect(new Set(spec.countries.map((c) => c.colour)).size).toBe(5)
  })

  it('gives one colour to a group, and keeps an explicit colour', () => {
    const spec = specOf(SAHEL)
    const colours = spec.countries.map((c) => c.colour)
    expect(new Set(colours.slice(0, 4)).size).toBe(1)
    expect(colours[4]).toBe('purple')
    expect(colours[0]).not.toBe('purple')
  })

  it('locates an unknown country with the closest valid name', () => {
    const issues = issuesOf(`title: x\ncountries: [China, Laoss, Thailand]`)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toEqual(['countries', 1])
    expect(issues[0]?.message).toContain('unknown country "Laoss": did you mean "Laos"?')
  })

  it('locates an unknown country given as { name } at its name', () => {
    const issues = issuesOf(`title: x\ncountries:\n  - Chile\n  - { name: Germny, note: "x" }`)
    expect(issues.map((i) => i.path)).toEqual([['countries', 1, 'name']])
    expect(issues[0]?.message).toContain('"Germany"')
  })

  it('rejects a colour outside the palette, at the colour', () => {
    const issues = issuesOf(`title: x\ncountries: [{ name: Chad, colour: "#ff0000" }]`)
    expect(issues[0]?.path).toEqual(['countries', 0, 'colour'])
    expect(issues[0]?.message).toContain('blue, red')
  })

  it('rejects a country listed twice', () => {
    const issues = issuesOf(`title: x\ncountries: [Chad, TCD]\ncontext: [Niger, NE]`)
    expect(issues.map((i) => i.path)).toEqual([
      ['countries', 1],
      ['context', 1],
    ])
  })

  it('rejects more highlight colours than it can tell apart', () => {
    const issues = issuesOf(`title: x\ncountries: [FR, DE, ES, IT, PT, BE, NL, AT, CH]`)
    expect(issues.some((i) => i.path.join() === 'countries' && /group/.test(i.message))).toBe(true)
  })

  it.each([
    ['at: [200, 10]', /off the globe/],
    ['at: [10, -95]', /off the globe/],
    ['at: [101.82]', /\[longitude, latitude\]/],
    ['at: "101.82, 19.25"', /\[longitude, latitude\]/],
    ['at: [101.82, "19.25N"]', /two numbers/],
    ['at: { lon: 101.82, lat: 19.25 }', /\[longitude, latitude\]/],
  ])('locates an impossible coordinate (%s)', (at, message) => {
    const issues = issuesOf(`title: x\ncountries: [Laos]\nplaces:\n  - { name: A, at: [102, 18] }\n  - { name: B, ${at} }`)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toEqual(['places', 1, 'at'])
    expect(issues[0]?.message).toMatch(message)
  })

  it('spots [latitude, longitude] when the latitude is out of range', () => {
    const issues = issuesOf(`title: x\nplaces:\n  - { name: Xayaburi, at: [19.25, 101.82] }`)
    expect(issues[0]?.path).toEqual(['places', 0, 'at'])
    expect(issues[0]?.message).toContain('write [101.82, 19.25]')
  })

  it('spots [latitude, longitude] that lands far from the named countries', () => {
    const issues = issuesOf(`title: x\ncountries: [France, Germany]\nplaces:\n  - { name: Paris, at: [48.86, 2.35] }\n  - { name: Berlin, at: [13.4, 52.52] }`)
    expect(issues).toHaveLength(1)
    expect(issues[0]?.path).toEqual(['places', 0, 'at'])
    expect(issues[0]?.message).toContain('[longitude, latitude] = [2.35, 48.86]')
  })

  it('rejects a place outside an explicit extent, and a south above the north', () => {
    const outside = issuesOf(`title: x\nextent: [[95, 8], [112, 27]]\nplaces:\n  - { name: Tokyo, at: [139.7, 35.7] }`)
    expect(outside[0]?.path).toEqual(['places', 0, 'at'])
    expect(outside[0]?.message).toContain('outside the map\'s "extent"')
    const flipped = issuesOf(`title: x\nextent: [[95, 27], [112, 8]]\ncountries: [Laos]`)
    expect(flipped[0]?.path).toEqual(['extent'])
  })

  it('locates unknown and missing keys', () => {
    const typo = issuesOf(`title: x\ncountries: [Laos]\nplace:\n  - { name: A, at: [102, 18] }`)
    expect(typo[0]?.path).toEqual(['place'])
    expect(typo[0]?.message).toContain('did you mean "places"?')
    const inner = issuesOf(`title: x\nplaces:\n  - { name: A, at: [102, 18], nots: "y" }`)
    expect(inner[0]?.path).toEqual(['places', 0, 'nots'])
    expect(issuesOf(`countries: [Laos]`)[0]?.path).toEqual([])
    expect(issuesOf(`title: x`)[0]?.message).toMatch(/needs something to show/)
  })
})

describe('map extent', () => {
  const width = ([[w], [e]]: [[number, number], [number, number]]) => (e < w ? e + 360 - w : e - w)

  it('fits the named countries and places, with a margin', () => {
    const ext = autoExtent(specOf(MEKONG))
    const [[w, s], [e, n]] = ext
    expect(w).toBeLessThan(97.4) // Thailand's west
    expect(e).toBeGreaterThan(109.4) // Vietnam's east
    expect(s).toBeLessThan(8.6)
    expect(n).toBeGreaterThan(19.25)
    // China adds only its part near the others, not Manchuria.
    expect(e).toBeLessThan(125)
    expect(n).toBeLessThan(35)
  })

  it('keeps a vast country to the neighbourhood of the rest', () => {
    const ext = autoExtent(specOf(`title: x\ncountries: [Armenia, Russia]\nplaces:\n  - { name: Yerevan, at: [44.5, 40.18] }`))
    expect(width(ext)).toBeLessThan(30)
  })

  it('keeps a country bigger than all the rest together to its part near them, even as the rest grows', () => {
    // China is under twice the size of Vietnam, the Philippines and Malaysia together: whole, it
    // halved their scale (the frame ran from Xinjiang to Manchuria).
    const ext = autoExtent(specOf(`title: x\ncountries: [Philippines, China, Vietnam, Malaysia]\nplaces:\n  - { name: A, at: [117.76, 15.15] }\n  - { name: B, at: [115.87, 9.73] }`))
    const [[w, s], [e, n]] = ext
    expect(w).toBeLessThan(100) // Malaysia's west
    expect(e).toBeGreaterThan(126.5) // the Philippines' east
    expect(s).toBeLessThan(1) // Borneo's north coast, Malaysia's south
    expect(n).toBeLessThan(30) // China's south coast, not Beijing
  })

  it('leaves no highlighted country off the map for lying apart from the others', () => {
    // Smallest first, Denmark alone made the region, and Greenland, Canada and the United States
    // had no part near it: the map showed Denmark only.
    const spec = specOf(`title: x\ncountries: [Greenland, Denmark, Canada, United States]`)
    const [[w, s], [e, n]] = autoExtent(spec)
    for (const c of spec.countries) {
      const [[cw, cs], [ce, cn]] = c.bounds
      expect(cw < e && ce > w && cs < n && cn > s, c.name).toBe(true)
    }
  })

  it('warns, at the country, when a highlighted country is too big and too far to be drawn', () => {
    const { spec, issues } = mapFigure.validate(parse(`title: x\ncountries: [Mali, United States]\nplaces:\n  - { name: Bamako, at: [-8, 12.65] }`))
    expect(spec).toBeDefined()
    expect(issues).toHaveLength(1)
    expect(issues[0]?.severity).toBe('warning')
    expect(issues[0]?.path).toEqual(['countries', 1])
    expect(issues[0]?.message).toMatch(/^"United States" lies outside the map: .*set "extent" to take it in/)
    // With an extent that takes it in, nothing to say.
    expect(mapFigure.validate(parse(`title: x\ncountries: [Mali, United States]\nextent: [[-130, 5], [10, 55]]`)).issues).toEqual([])
  })

  it('crosses the 180° meridian when the places do', () => {
    const ext = autoExtent(specOf(`title: x\nplaces:\n  - { name: Anadyr, at: [177.5, 64.73] }\n  - { name: Nome, at: [-165.4, 64.5] }\n  - { name: Provideniya, at: [-173.2, 64.4] }`))
    expect(ext[0][0]).toBeGreaterThan(ext[1][0]) // west > east
    expect(width(ext)).toBeLessThan(40)
  })
})

const fixtures: Array<[string, string]> = [
  ['Mekong', MEKONG],
  ['lithium triangle', LITHIUM],
  ['Lake Chad', SAHEL],
  ['River Plate', PLATE],
  ['Bering Strait', `title: "Across the date line"\ncountries: [Russia, United States]\nplaces:\n  - { name: Anadyr, at: [177.5, 64.73] }\n  - { name: Nome, at: [-165.4, 64.5] }`],
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
    spec.places.forEach((_, i) => expect(keys).toContain(`place:${i}`))
    spec.seas.forEach((_, i) => expect(keys).toContain(`sea:${i}`))
  })

  it('names every highlighted country on the map or in the key', () => {
    const texts = findAll(root, (e) => e.name === 'text').map(textOf).join(' | ').toLowerCase()
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
        const own = a.leader ? Math.hypot(a.leader[0][0] - x, a.leader[0][1] - y) < 12 : x >= a.box.x0 - 12 && x <= a.box.x1 + 12 && y >= a.box.y0 - 12 && y <= a.box.y1 + 12
        if (own && a.key.startsWith('place:')) continue
        expect(x > a.box.x0 - 3 && x < a.box.x1 + 3 && y > a.box.y0 - 3 && y < a.box.y1 + 3, `${a.key} covers a marker`).toBe(false)
      }
      // A leader crosses no other label.
      if (a.leader) for (const b of out.labels) if (b !== a) expect(segmentHitsRect(a.leader[0], a.leader[1], b.box), `${a.key}'s leader crosses ${b.key}`).toBe(false)
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
    for (const c of [...spec.countries, ...spec.context]) {
      expect(out.text).toContain(c.name)
      if (c.note) expect(out.text).toContain(c.note)
    }
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
  - { name: Vienna, at: [16.37, 48.21] }
seas:
  - { name: Black Sea, at: [31, 43.5] }
`)
  const out = renderMapSpec(spec, 'x')

  it('still labels every place (a name given twice gets two labels) and every highlighted country, inside the frame', () => {
    const keys = out.labels.map((l) => l.key)
    spec.places.forEach((_, i) => expect(keys).toContain(`place:${i}`))
    for (const c of spec.countries) expect(keys).toContain(`country:${c.key}`)
    for (const l of out.labels) {
      expect(l.box.x0).toBeGreaterThanOrEqual(4)
      expect(l.box.x1).toBeLessThanOrEqual(out.panelWidth - 4)
      expect(l.box.y1).toBeLessThanOrEqual(MAP_HEIGHT - 4)
    }
  })

  it('overlaps labels only where it had to (the least-bad spot, marked forced)', () => {
    for (const [i, a] of out.labels.entries())
      for (const b of out.labels.slice(i + 1)) if (rectsOverlap(a.box, b.box)) expect(a.forced || b.forced, `${a.key} / ${b.key}`).toBe(true)
    expect(out.labels.filter((l) => l.forced).length).toBeLessThanOrEqual(2)
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
    const keyText = key ? findAll(key, (e) => e.name === 'text').map(textOf).join(' ') : ''
    expect(keyText).toContain('Lake Chad Basin')
    expect(keyText).toContain('on the lake')
    expect(findAll(sahel, (e) => e.name === 'rect' && hasClass('fig-hl-blue')(e) && hasClass('fig-swatch')(e))).toHaveLength(1)
    const mekong = parseXml(renderMapSpec(specOf(MEKONG), 'x').svg)
    expect(findAll(mekong, hasClass('fig-key'))).toHaveLength(0)
  })
})

describe('validateMap', () => {
  it('returns located issues and no spec for bad data', () => {
    const { spec, issues } = validateMap('not a mapping')
    expect(spec).toBeUndefined()
    expect(issues.list[0]?.path).toEqual([])
  })
})

describe('map geometry', () => {
  const prepared = prepareTopology(countries, { tolerance: 0.04, minArea: 0.02, region: [[10, 15], [90, 65]] })
  const country = (iso: string) => {
    const g = prepared.objects.countries.geometries.find((x) => x.id === iso)
    if (!g) throw new Error(iso)
    return feature(prepared, g)
  }

  it('keeps points inside the right countries after simplification', () => {
    expect(geoContains(country('643'), [49.12, 55.79])).toBe(true)
    expect(geoContains(country('051'), [44.5, 40.2])).toBe(true)
    expect(geoContains(country('364'), [53, 32])).toBe(true)
  })

  it('draws Crimea within Ukraine (internationally recognised borders)', () => {
    const crimea: Point = [34.1, 45.0]
    expect(geoContains(country('804'), crimea)).toBe(true)
    expect(geoContains(country('643'), crimea)).toBe(false)
  })

  it('leaves inland seas as water: no country covers the middle of the Caspian', () => {
    for (const g of prepared.objects.countries.geometries) {
      expect(geoContains(feature(prepared, g), [51, 42]), String(g.id)).toBe(false)
    }
  })
})

describe('simplifyArc', () => {
  it('keeps endpoints and drops points within tolerance', () => {
    const arc: Point[] = [
      [0, 0],
      [1, 0.001],
      [2, -0.001],
      [3, 0],
    ]
    expect(simplifyArc(arc, 0.01)).toEqual([
      [0, 0],
      [3, 0],
    ])
  })

  it('keeps a point that deviates more than the tolerance', () => {
    const arc: Point[] = [
      [0, 0],
      [1, 1],
      [2, 0],
    ]
    expect(simplifyArc(arc, 0.1)).toEqual(arc)
  })

  it('keeps closed arcs (islands) as rings', () => {
    const ring: Point[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]
    const out = simplifyArc(ring, 0.01)
    expect(out[0]).toEqual(out[out.length - 1])
    expect(out.length).toBeGreaterThanOrEqual(4)
  })

  it('decodes quantised arcs to absolute coordinates', () => {
    const arcs = decodeArcs({ type: 'Topology', objects: {}, transform: { scale: [0.5, 2], translate: [10, 20] }, arcs: [[[0, 0], [2, 1], [2, 1]]] })
    expect(arcs).toEqual([
      [
        [10, 20],
        [11, 22],
        [12, 24],
      ],
    ])
  })
})
