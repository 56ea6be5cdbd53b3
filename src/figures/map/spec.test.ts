import { describe, expect, it } from 'vitest'
import { issuesOf, MEKONG, SAHEL, specOf } from '../../../tests/support/map-examples.ts'
import { validateMap } from './spec.ts'

describe('map validation', () => {
  it('checks no item past the limit of a list too long, so the work stays bounded', () => {
    const places = Array.from({ length: 800 }, (_, i) => `{ name: p${i}, at: ${i === 20 ? '[1, 2, 3]' : `[${100 + (i % 9)}, ${10 + (i % 7)}]`} }`)
    const issues = issuesOf(`title: x\ncountries: [China, Laos, Thailand]\nplaces: [${places.join(', ')}]`)
    expect(issues.map((i) => i.path)).toEqual([['places', 16]])
    expect(issues[0]?.message).toContain('"places" has 800 items, more than the 16')
  })

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

describe('validateMap', () => {
  it('returns located issues and no spec for bad data', () => {
    const { spec, issues } = validateMap('not a mapping')
    expect(spec).toBeUndefined()
    expect(issues.list[0]?.path).toEqual([])
  })
})
