import countries from 'world-atlas/countries-50m.json' with { type: 'json' }
import { geoContains } from 'd3-geo'
import { feature } from 'topojson-client'
import { describe, expect, it } from 'vitest'
import { decodeArcs, prepareTopology, simplifyArc, type Point } from './geo.ts'
import { BUSHEHR, FOCUS, KAZAN, MAP_HEIGHT, MAP_LABELS, placeLabels, renderMap } from './map.ts'
import { findAll, hasClass, parseXml, textOf } from './xml-check.ts'

const svg = renderMap('A map.', 'm')
const root = parseXml(svg)

describe('map figure', () => {
  it('stays under 40 KB', () => {
    expect(Buffer.byteLength(svg, 'utf8')).toBeLessThan(40_000)
  })

  it.each([
    ['364', 'fig-focus-iran'],
    ['643', 'fig-focus-russia'],
    ['051', 'fig-focus-armenia'],
  ])('draws country %s as its own highlighted path', (iso, cls) => {
    const paths = findAll(root, (e) => e.name === 'path' && e.attrs['data-iso'] === iso)
    expect(paths).toHaveLength(1)
    expect(paths[0]?.attrs.class).toContain(cls)
    // A real outline, not an empty or degenerate path.
    expect((paths[0]?.attrs.d ?? '').length).toBeGreaterThan(iso === '051' ? 100 : 1000)
  })

  it('draws land, water and borders', () => {
    for (const cls of ['fig-land', 'fig-border']) expect(findAll(root, hasClass(cls))).toHaveLength(1)
    // The sea is the panel's background; the Caspian is the gap between countries over it.
    const [sea] = findAll(root, hasClass('fig-water'))
    expect(sea?.name).toBe('rect')
    expect([sea?.attrs.x, sea?.attrs.y, sea?.attrs.width, sea?.attrs.height]).toEqual(['0', '0', '800', String(MAP_HEIGHT)])
  })

  it('labels every named place, the Caspian as water and Armenia as the only EEU state bordering Iran', () => {
    const labels = findAll(root, hasClass('fig-label')).map(textOf)
    for (const name of ['RUSSIA', 'IRAN', 'Armenia', 'Caspian Sea', 'Ukraine', 'Israel', 'Syria', 'Bushehr', 'Kazan']) {
      expect(labels.some((l) => l.includes(name)), name).toBe(true)
    }
    expect(labels.find((l) => l.startsWith('Armenia'))).toBe('Armenia the only EEU state bordering Iran')
    const caspian = findAll(root, hasClass('fig-label-water')).map(textOf).join(' ')
    expect(caspian).toBe('Caspian Sea')
    expect(MAP_LABELS.map((l) => l.key)).toEqual(expect.arrayContaining(['Armenia', 'Caspian Sea', 'Ukraine', 'Israel', 'Syria', 'Bushehr', 'Kazan']))
  })

  it('marks Bushehr and Kazan with points', () => {
    expect(findAll(root, (e) => e.name === 'circle' && hasClass('fig-point')(e)).length).toBeGreaterThanOrEqual(2)
    const placed = placeLabels()
    for (const key of ['Bushehr', 'Kazan']) expect(placed.find((p) => p.label.key === key)?.point).toBeDefined()
  })

  it('places labels without overlaps, inside the map panel', () => {
    const placed = placeLabels()
    const boxes = placed.map((p) => p.box)
    for (const [i, a] of boxes.entries()) {
      expect(a.x0, a.key).toBeGreaterThanOrEqual(4)
      expect(a.x1, a.key).toBeLessThanOrEqual(800 - 4)
      expect(a.y0, a.key).toBeGreaterThanOrEqual(4)
      expect(a.y1, a.key).toBeLessThanOrEqual(MAP_HEIGHT - 4)
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x1 + 6 <= b.x0 || b.x1 + 6 <= a.x0 || a.y1 + 4 <= b.y0 || b.y1 + 4 <= a.y0
        expect(apart, `${a.key} overlaps ${b.key}`).toBe(true)
      }
      // No label covers another label's point symbol.
      for (const p of placed) {
        if (!p.point || p.box === a) continue
        const [x, y] = p.point
        expect(x < a.x0 - 6 || x > a.x1 + 6 || y < a.y0 - 6 || y > a.y1 + 6, `${a.key} covers ${p.label.key}`).toBe(true)
      }
    }
  })
})

describe('map geometry', () => {
  const prepared = prepareTopology(countries, { tolerance: 0.04, minArea: 0.02, region: [[10, 15], [90, 65]] })
  const country = (iso: string) => {
    const g = prepared.objects.countries.geometries.find((x) => x.id === iso)
    if (!g) throw new Error(iso)
    return feature(prepared, g)
  }

  it('keeps Kazan in Russia and Armenia between Russia and Iran', () => {
    expect(geoContains(country('643'), KAZAN)).toBe(true)
    expect(geoContains(country('051'), [44.5, 40.2])).toBe(true)
    expect(geoContains(country('364'), [53, 32])).toBe(true)
  })

  it('draws Crimea within Ukraine (internationally recognised borders)', () => {
    const crimea: Point = [34.1, 45.0]
    expect(geoContains(country('804'), crimea)).toBe(true)
    expect(geoContains(country('643'), crimea)).toBe(false)
  })

  it('leaves the Caspian Sea as water: no country covers its middle', () => {
    for (const g of prepared.objects.countries.geometries) {
      expect(geoContains(feature(prepared, g), [51, 42]), String(g.id)).toBe(false)
    }
  })

  it('uses the focus countries the map names', () => {
    expect(FOCUS.map((f) => f.iso)).toEqual(['643', '364', '051'])
    expect(BUSHEHR[1]).toBeCloseTo(28.97, 1)
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
