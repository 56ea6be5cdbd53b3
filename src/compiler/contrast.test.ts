import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AA, contrastRatio, readableOnDark } from './contrast.ts'

const GROUND = '#1b2129'

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for a colour on itself, in either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#000')).toBeCloseTo(21, 5)
    expect(contrastRatio('#0b3d91', '#0b3d91')).toBe(1)
  })
})

describe('readableOnDark', () => {
  it('keeps a colour that already reaches AA on the ground', () => {
    expect(readableOnDark('#9cc2ee', GROUND)).toBe('#9cc2ee')
  })

  it('lightens a dark blue just enough, keeping it blue', () => {
    const got = readableOnDark('#0b3d91', GROUND)
    expect(contrastRatio(got, GROUND)).toBeGreaterThanOrEqual(AA)
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(got.slice(i, i + 2), 16)) as [number, number, number]
    expect(b).toBeGreaterThan(r)
    expect(b).toBeGreaterThan(g)
    expect(got).not.toBe('#ffffff')
  })

  it('reaches AA on the dark ground for any colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const hex = `#${n.toString(16).padStart(6, '0')}`
        expect(contrastRatio(readableOnDark(hex, GROUND), GROUND)).toBeGreaterThanOrEqual(AA)
      }),
    )
  })
})
