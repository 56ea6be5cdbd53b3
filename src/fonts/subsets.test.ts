import { describe, expect, it } from 'vitest'
import { parseRanges, subsetsFor } from './subsets.ts'

describe('the Source Sans 3 subsets a text needs beyond Latin', () => {
  it('none for English, even with typographic punctuation', () => {
    expect(subsetsFor('Iran–Russia “link”, 90 % … café €5')).toEqual([])
  })

  it('the subset of each script the text uses', () => {
    expect(subsetsFor('Севастополь and Новороссийск')).toEqual(['cyrillic'])
    expect(subsetsFor('Θεσσαλονίκη')).toEqual(['greek'])
    expect(subsetsFor('Hà Nội')).toEqual(['vietnamese'])
    expect(subsetsFor('Łódź, Ἀθῆναι, Ґрунт')).toEqual(['latin-ext', 'greek', 'greek-ext', 'cyrillic'])
  })

  it('none for scripts Source Sans 3 does not draw', () => {
    expect(subsetsFor('東京 القاهرة')).toEqual([])
  })

  it('reads unicode-range lists', () => {
    expect(parseRanges('U+0400-045F,U+2116')).toEqual([
      [0x400, 0x45f],
      [0x2116, 0x2116],
    ])
  })
})
