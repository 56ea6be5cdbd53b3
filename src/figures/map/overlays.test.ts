import { describe, expect, it } from 'vitest'
import { CORRIDOR, issuesOf, specOf } from '../../../tests/support/map-examples.ts'
import { findAll, hasClass, parseXml, textOf } from '../xml-check.ts'
import { renderMapSpec } from './index.ts'
import { rectsOverlap } from './labels.ts'

describe('routes and areas', () => {
  const spec = specOf(CORRIDOR)
  const out = renderMapSpec(spec, 'x')
  const root = parseXml(out.svg)

  it('reads the issue’s keys', () => {
    expect(spec.routes).toEqual([
      {
        name: 'Grain corridor',
        path: [
          [30.7, 46.5],
          [30.2, 43.0],
          [28.9, 41.0],
        ],
        arrow: true,
        note: '2023',
      },
    ])
    expect(spec.areas.map((a) => a.name)).toEqual(['Closed to shipping', 'Missile range'])
    expect(spec.areas[1]).toMatchObject({ around: [33.5, 44.6], km: 300 })
  })

  it('draws a line per route, an arrowhead when asked, a shape per area, in the map and in the key', () => {
    const key = findAll(root, hasClass('fig-key'))[0]
    const inKey = (cls: string) => (key ? findAll(key, hasClass(cls)).length : 0)
    expect(findAll(root, hasClass('fig-route')).length - inKey('fig-route')).toBe(1)
    expect(findAll(root, hasClass('fig-route-arrow')).length - inKey('fig-route-arrow')).toBe(1)
    expect(findAll(root, hasClass('fig-area')).length - inKey('fig-area')).toBe(2)
    expect([inKey('fig-route'), inKey('fig-route-arrow'), inKey('fig-area')]).toEqual([1, 1, 2])
    const keyText = key ? findAll(key, (e) => e.name === 'text').map(textOf) : []
    expect(keyText).toEqual(expect.arrayContaining(['Grain corridor', 'Closed to shipping', 'Missile range']))
    // The circle is round on screen: its path has many points.
    const circle = findAll(root, (e) => hasClass('fig-area')(e) && (e.attrs.d ?? '').length > 200)
    expect(circle.length).toBeGreaterThanOrEqual(1)
  })

  it('labels each on the map, clear of the rest, and says them in the text equivalent', () => {
    const keys = out.labels.map((l) => l.key)
    expect(keys).toEqual(expect.arrayContaining(['route:0', 'area:0', 'area:1', 'place:0']))
    for (const l of out.labels) expect(l.forced, l.key).toBeUndefined()
    for (const [i, a] of out.labels.entries()) for (const b of out.labels.slice(i + 1)) expect(rectsOverlap(a.box, b.box), `${a.key}/${b.key}`).toBe(false)
    expect(out.text).toContain('Route drawn as a line: Grain corridor (2023), with an arrow at its end.')
    expect(out.text).toContain('Shaded areas: Closed to shipping; Missile range, within 300 km of a point.')
    expect(out.claims).toEqual(expect.arrayContaining(['Grain corridor', '2023', 'Closed to shipping', 'Missile range']))
  })

  it('escapes every string it draws', () => {
    const nasty = 'A & B <i>"x"</i>'
    const s = specOf(
      `title: x\nextent: [[26, 40.5], [38, 47.5]]\nroutes:\n  - { name: '${nasty}', path: [[30.7, 46.5], [30.2, 43.0]], note: '<b>&amp;</b>' }\nareas:\n  - { name: '${nasty}', around: [33.5, 44.6], km: 100 }`,
    )
    const r = renderMapSpec(s, 'x')
    const tree = parseXml(r.svg)
    expect(findAll(tree, (e) => e.name === 'i' || e.name === 'b')).toHaveLength(0)
    expect(findAll(tree, (e) => e.name === 'tspan').map(textOf)).toEqual(expect.arrayContaining([nasty, '<b>&amp;</b>']))
    expect(r.text).toContain(nasty)
  })

  it.each([
    ['routes:\n  - { name: R, path: [[30, 46]] }', ['routes', 0, 'path'], /2 to 64/],
    ['routes:\n  - { name: R, path: [[30, 46], [46, 30, 1]] }', ['routes', 0, 'path', 1], /longitude, latitude/],
    ['routes:\n  - { name: R, path: [[30, 46], [31, 45]], arrow: yes please }', ['routes', 0, 'arrow'], /true/],
    ['routes:\n  - { name: R, path: [[30, 46], [31, 45]], arow: true }', ['routes', 0, 'arow'], /did you mean "arrow"/],
    ['areas:\n  - { name: A }', ['areas', 0], /"polygon".*"around"/],
    ['areas:\n  - { name: A, around: [33, 44] }', ['areas', 0], /"km"/],
    ['areas:\n  - { name: A, around: [33, 44], km: -5 }', ['areas', 0, 'km'], /above 0/],
    ['areas:\n  - { name: A, polygon: [[30, 45], [33, 45]] }', ['areas', 0, 'polygon'], /3 to 64/],
    ['areas:\n  - { name: A, polygon: [[30, 45], [33, 45], [33, 43]], around: [33, 44], km: 5 }', ['areas', 0], /not both/],
  ])('locates a mistake: %s', (yaml, path, message) => {
    const issues = issuesOf(`title: x\ncountries: [Ukraine]\n${yaml}`)
    expect(issues[0]?.path).toEqual(path)
    expect(issues[0]?.message).toMatch(message)
  })

  it('refuses a route point outside an explicit extent', () => {
    const issues = issuesOf(`title: x\nextent: [[26, 40.5], [38, 47.5]]\nroutes:\n  - { name: R, path: [[30, 46], [50, 45]] }`)
    expect(issues[0]?.path).toEqual(['routes', 0, 'path', 1])
  })
})
