import { geoContains } from 'd3-geo'
import { feature } from 'topojson-client'
import { describe, expect, it } from 'vitest'
import countries from 'world-atlas/countries-50m.json' with { type: 'json' }
import { decodeArcs, type Point, prepareTopology, simplifyArc } from './geo.ts'

describe('map geometry', () => {
  const prepared = prepareTopology(countries, {
    tolerance: 0.04,
    minArea: 0.02,
    region: [
      [10, 15],
      [90, 65],
    ],
  })
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
    const arcs = decodeArcs({
      type: 'Topology',
      objects: {},
      transform: { scale: [0.5, 2], translate: [10, 20] },
      arcs: [
        [
          [0, 0],
          [2, 1],
          [2, 1],
        ],
      ],
    })
    expect(arcs).toEqual([
      [
        [10, 20],
        [11, 22],
        [12, 24],
      ],
    ])
  })
})
