import { describe, expect, it } from 'vitest'
import { growthExponent, median, summarize } from './stats.ts'

describe('bench statistics', () => {
  it('median of odd and even counts, unsorted input left alone', () => {
    const input = [5, 1, 3]
    expect(median(input)).toBe(3)
    expect(input).toEqual([5, 1, 3])
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })
  it('summarize gives median, min, max and count', () => {
    expect(summarize([3, 9, 1, 4])).toEqual({ median: 3.5, min: 1, max: 9, n: 4 })
  })
  it('growth exponent is 1 for linear and 2 for quadratic data', () => {
    expect(growthExponent([10, 100, 1000].map((size) => ({ size, ms: size * 0.3 })))).toBeCloseTo(1, 6)
    expect(growthExponent([10, 100, 1000].map((size) => ({ size, ms: size * size })))).toBeCloseTo(2, 6)
  })
})
