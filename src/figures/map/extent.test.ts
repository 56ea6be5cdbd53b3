import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { MEKONG, specOf } from '../../../tests/support/map-examples.ts'
import { autoExtent } from './extent.ts'
import { mapFigure } from './index.ts'

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
    const ext = autoExtent(
      specOf(
        `title: x\ncountries: [Philippines, China, Vietnam, Malaysia]\nplaces:\n  - { name: A, at: [117.76, 15.15] }\n  - { name: B, at: [115.87, 9.73] }`,
      ),
    )
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
    const ext = autoExtent(
      specOf(
        `title: x\nplaces:\n  - { name: Anadyr, at: [177.5, 64.73] }\n  - { name: Nome, at: [-165.4, 64.5] }\n  - { name: Provideniya, at: [-173.2, 64.4] }`,
      ),
    )
    expect(ext[0][0]).toBeGreaterThan(ext[1][0]) // west > east
    expect(width(ext)).toBeLessThan(40)
  })
})
