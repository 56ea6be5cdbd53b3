import { describe, expect, it } from 'vitest'
import type { ProseLine } from '../deck/model.ts'
import { findProvenance, indexBySentence } from './provenance.ts'

const line = (file: string, n: number, text: string, notes = false): ProseLine => ({ pos: { file, line: n, column: 1 }, text, blockStart: true, notes })
const SLIDES = [
  { id: 'a', file: 's/1.md', line: 1 },
  { id: 'b', file: 's/1.md', line: 10 },
]
const ARTICLE =
  'Trade and Energy\nIn 2014 Iran sold oil. Trade between Iran and Russia grew by 40% in 2023, to US$4.8 billion. Russia also sold wheat.\nThe pact was "a door to the east", said Iran.'

describe('findProvenance', () => {
  it('gives each claim the source sentence that holds it, by slide, a sentence once', () => {
    const prose = [
      line('s/1.md', 3, 'Trade grew by 40 percent in 2023'),
      line('s/1.md', 5, 'Both Russia and Iran traded more.', true),
      line('s/1.md', 12, 'A "door to the east"'),
    ]
    const found = findProvenance(SLIDES, prose, [indexBySentence({ id: 'art', text: ARTICLE })])
    expect(found.get('a')).toEqual([
      {
        source: 'art',
        sentence: 'Trade between Iran and Russia grew by 40% in 2023, to US$4.8 billion.',
        claims: [
          { text: '40 percent', kind: 'number', notes: false },
          { text: '2023', kind: 'number', notes: false },
          // "Russia" is in two sentences: the one that also holds the slide's other claims wins.
          // "Iran" is in three: what the source is about, it gets no footnote.
          { text: 'Russia', kind: 'name', notes: true },
        ],
      },
    ])
    expect(found.get('b')?.map((e) => [e.sentence, e.claims.map((c) => c.text)])).toEqual([
      ['The pact was "a door to the east", said Iran.', ['door to the east']],
    ])
  })

  it('leaves out a claim no source has, and tries the cited source first', () => {
    const prose = [line('s/1.md', 2, 'Chile sold 40 percent'), line('s/1.md', 11, 'Wheat came from Russia')]
    const other = { id: 'other', text: 'Russia sold wheat to everyone.' }
    const slides = [
      { id: 'a', file: 's/1.md', line: 1 },
      { id: 'b', file: 's/1.md', line: 10, cites: ['other'] },
    ]
    const found = findProvenance(slides, prose, [indexBySentence({ id: 'art', text: ARTICLE }), indexBySentence(other)])
    expect(found.get('a')?.flatMap((e) => e.claims.map((c) => c.text))).toEqual(['40 percent'])
    expect(found.get('b')?.map((e) => [e.source, e.sentence])).toEqual([['other', 'Russia sold wheat to everyone.']])
  })

  it('finds nothing without sources, and a number by its value ("26 thousand" for 26,000)', () => {
    const prose = [line('s/1.md', 2, 'About 26 thousand troops')]
    expect(findProvenance(SLIDES, prose, []).size).toBe(0)
    const found = findProvenance(SLIDES, prose, [indexBySentence({ id: 'x', text: 'First. It sent 26,000 troops. Last.' })])
    expect(found.get('a')?.[0]?.sentence).toBe('It sent 26,000 troops.')
  })
})

describe('addProvenance', () => {
  it('quotes no source over the size limit (the check still reads it)', async () => {
    const { addProvenance, PROVENANCE_MAX_CHARS } = await import('./trace.ts')
    const { fixtureSlide } = await import('../reading/slide-fixture.ts')
    const slide = fixtureSlide({ id: 'a', h: 0, v: 0, file: 's/1.md', line: 1 })
    const result = {
      deck: {
        config: { title: 'T', lang: 'en', wordsPerMinute: 140, targetMinutes: 1, toleranceMinutes: 1 },
        slides: [slide],
        html: '<section id="a"></section>',
        totalSeconds: 60,
      },
      diagnostics: [],
      files: [],
      prose: [line('s/1.md', 2, 'Trade grew by 40 percent')],
    }
    const long = `Trade grew by 40 percent. ${'x'.repeat(PROVENANCE_MAX_CHARS)}`
    addProvenance(result, [{ id: 'big', text: long }])
    expect(slide.provenance).toBeUndefined()
    addProvenance(result, [{ id: 'small', text: 'Trade grew by 40 percent.' }])
    expect(slide.provenance?.[0]?.sentence).toBe('Trade grew by 40 percent.')
    expect(result.deck.html).toBe(
      '<section id="a"><template class="deck-provenance"><ol><li><b class="deck-provenance-claims">40 percent</b> <q>Trade grew by 40 percent.</q> <span class="deck-provenance-source">small</span></li></ol></template></section>',
    )
  })
})
