import { describe, expect, it } from 'vitest'
import { lineColAt, locator, posIn } from './position.ts'

describe('lineColAt', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 })
    expect(lineColAt('ab\ncd', 2)).toEqual({ line: 1, column: 3 })
    expect(lineColAt('ab\ncd', 3)).toEqual({ line: 2, column: 1 })
    expect(lineColAt('ab\ncd', 99)).toEqual({ line: 2, column: 3 })
  })
})

describe('posIn', () => {
  it('shifts by the segment start, keeping the first line column offset', () => {
    const start = { file: 'slides/a.md', line: 5, column: 3 }
    expect(posIn(start, 'xy\nz', 1)).toEqual({ file: 'slides/a.md', line: 5, column: 4 })
    expect(posIn(start, 'xy\nz', 3)).toEqual({ file: 'slides/a.md', line: 6, column: 1 })
  })
})

describe('locator', () => {
  it('agrees with posIn at every offset', () => {
    const start = { file: 'slides/a.md', line: 5, column: 3 }
    const text = 'xy\n\nzw\nlast line'
    const locate = locator(start, text)
    for (let o = -1; o <= text.length + 2; o++) expect(locate(o)).toEqual(posIn(start, text, o))
  })
})
