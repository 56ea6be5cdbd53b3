import { describe, expect, it } from 'vitest'
import { BASE_TEXT, PILLAR_SIZES, PILLARS, POINT_WIDTH, ROOF_TEXT, pointLines, renderPillars, roofTextFits } from './pillars.ts'
import { textWidth } from './svg.ts'
import { findAll, hasClass, parseXml, textOf, visibleTexts } from './xml-check.ts'

const root = parseXml(renderPillars('Pillars.', 'p'))

describe('pillars figure', () => {
  it('has the four pillars, in order, with their names', () => {
    const pillars = findAll(root, hasClass('fig-pillar'))
    expect(pillars.map((p) => p.attrs['data-pillar'])).toEqual(['Economic', 'Military', 'Nuclear', 'Ideological'])
    for (const p of pillars) expect(visibleTexts(p)[0]).toBe(p.attrs['data-pillar'])
  })

  it('shows two keyword phrases per pillar', () => {
    for (const [i, p] of findAll(root, hasClass('fig-pillar')).entries()) {
      const points = findAll(p, hasClass('fig-pillar-point')).map(textOf)
      expect(points).toEqual(PILLARS[i]?.points)
    }
  })

  it('has the roof and the base', () => {
    const texts = visibleTexts(root)
    expect(texts).toContain(ROOF_TEXT)
    expect(texts).toContain(BASE_TEXT)
    expect(roofTextFits()).toBe(true)
  })

  it('wraps keyword lines inside the pillar shafts', () => {
    for (const pillar of PILLARS) {
      for (const point of pillar.points) {
        const lines = pointLines(point)
        expect(lines.length, point).toBeLessThanOrEqual(3)
        for (const line of lines) expect(textWidth(line, PILLAR_SIZES.point)).toBeLessThanOrEqual(POINT_WIDTH)
      }
    }
  })

  it('fits the base text on the base', () => {
    expect(textWidth(BASE_TEXT, PILLAR_SIZES.base, true)).toBeLessThan(1020 - 40)
  })
})
