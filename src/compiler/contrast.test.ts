import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AA, AA_LARGE, contrastRatio, mix, readableOn } from './contrast.ts'

const GROUND = '#1b2129'
const hexes = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`)

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself, in either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#000')).toBeCloseTo(21, 5)
    expect(contrastRatio('#0b3d91', '#0b3d91')).toBe(1)
  })
})

describe('mix', () => {
  it('goes from one colour to the other, as color-mix(in srgb) does', () => {
    expect(mix('#000000', '#ffffff', 0)).toBe('#000000')
    expect(mix('#000000', '#ffffff', 1)).toBe('#ffffff')
    expect(mix('#161d27', '#0b3d91', 0.14)).toBe('#142136')
  })
})

describe('readableOn', () => {
  it('keeps a colour that already reaches AA on the ground', () => {
    expect(readableOn('#9cc2ee', [GROUND])).toBe('#9cc2ee')
  })

  it('lightens a dark blue just enough on a dark ground, keeping it blue', () => {
    const got = readableOn('#0b3d91', [GROUND])
    expect(contrastRatio(got, GROUND)).toBeGreaterThanOrEqual(AA)
    // A mix with white in hundredths, and one hundredth less falls short: the least that reaches it.
    const t = Array.from({ length: 101 }, (_, i) => i).find((i) => mix('#0b3d91', '#ffffff', i / 100) === got) ?? -1
    expect(t).toBeGreaterThan(0)
    expect(contrastRatio(mix('#0b3d91', '#ffffff', (t - 1) / 100), GROUND)).toBeLessThan(AA)
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(got.slice(i, i + 2), 16)) as [number, number, number]
    expect(b).toBeGreaterThan(r)
    expect(b).toBeGreaterThan(g)
    expect(got).not.toBe('#ffffff')
  })

  it('darkens a light colour under light text, and asks less for graphics than for text', () => {
    const ground = readableOn('#ffc000', ['#f4f1ea'])
    expect(contrastRatio(ground, '#f4f1ea')).toBeGreaterThanOrEqual(AA)
    expect(ground).not.toBe('#000000')
    const red = '#c8102e'
    const large = readableOn(red, ['#161d27'], AA_LARGE)
    const text = readableOn(red, ['#161d27'], AA)
    expect(contrastRatio(large, '#161d27')).toBeGreaterThanOrEqual(AA_LARGE)
    expect(contrastRatio(large, '#161d27')).toBeLessThan(AA)
    expect(contrastRatio(text, large)).toBeGreaterThan(1)
  })

  it('reaches AA on a ground that is a tint of the colour itself', () => {
    const tint = (c: string) => mix(GROUND, c, 0.14)
    const got = readableOn('#0b3d91', [GROUND, tint])
    expect(contrastRatio(got, tint(got))).toBeGreaterThanOrEqual(AA)
    expect(contrastRatio(readableOn('#0b3d91', [GROUND]), tint(readableOn('#0b3d91', [GROUND])))).toBeLessThan(AA)
  })

  it('reaches AA on any dark ground and on any light one, for any colour', () => {
    fc.assert(
      fc.property(hexes, (hex) => {
        expect(contrastRatio(readableOn(hex, [GROUND]), GROUND)).toBeGreaterThanOrEqual(AA)
        expect(contrastRatio(readableOn(hex, ['#fbfaf7']), '#fbfaf7')).toBeGreaterThanOrEqual(AA)
      }),
    )
  })
})
