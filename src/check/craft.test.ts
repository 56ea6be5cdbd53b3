import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../compiler/diagnostics.ts'
import { type CraftSlide, checkLikelihood, checkQuestionTime, checkRepeats, checkTitles } from './craft.ts'

const at = (line: number, column = 1) => ({ file: 'slides/01-a.md', line, column })
const show = (ds: ReturnType<typeof checkTitles>) => ds.map(formatDiagnostic)

describe('likelihood words', () => {
  it('reports words off the scale on slides, at their column, with the scale word to use', () => {
    expect(
      show(
        checkLikelihood([
          { text: 'A pact is probably months away', pos: at(5, 3), where: 'body' },
          { text: 'Moscow will likely keep out', pos: at(6, 3), where: 'body' },
          { text: 'A highly likely delay', pos: at(7, 3), where: 'title' },
          { text: 'It is probably so, the article says', pos: at(20), where: 'notes' },
        ]),
      ),
    ).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:5:13 warning likelihood-off-scale "probably" is not a word of the deck's likelihood scale: use likely/),
      expect.stringMatching(/^slides\/01-a\.md:7:5 warning likelihood-off-scale "highly likely" is not a word of the deck's likelihood scale: use very likely/),
    ])
  })

  it('reports vague double hedges, in notes too, and takes a scale set by the deck', () => {
    expect(show(checkLikelihood([{ text: 'Tehran could potentially retaliate', pos: at(9), where: 'notes' }]))).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:9:8 warning hedge-vague "could potentially" hedges twice/),
    ])
    expect(checkLikelihood([{ text: 'A real possibility', pos: at(1), where: 'body' }], ['remote', 'real possibility', 'probable'])).toEqual([])
  })
})

const slide = (id: string, title: string, layout = 'bullets', bullets: string[] = []): CraftSlide => ({
  id,
  title,
  layout,
  pos: at(1),
  bullets: bullets.map((text, i) => ({ text, pos: at(5 + i, 3) })),
})

describe('titles and repeats', () => {
  it('reports a content title without a verb, not the frame slides', () => {
    expect(
      show(
        checkTitles([
          slide('a', 'Economic pillars'),
          slide('b', 'Moscow shields Tehran with words, not forces'),
          slide('c', 'Agenda', 'agenda'),
          slide('d', 'Iran and Russia', 'title'),
          // compromise reads "rose" and "stands" as nouns; agreeing with the noun before them, they are verbs.
          slide('e', 'Reports rose in each quarter'),
          slide('f', 'A quote stands with its attribution'),
          slide('g', 'Energy ties'),
        ]),
      ),
    ).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:1:1 warning title-topic the title "Economic pillars" names a topic/),
      expect.stringMatching(/title-topic the title "Energy ties" names a topic/),
    ])
  })

  it('reports the same bullet on a later slide', () => {
    expect(
      show(
        checkRepeats([
          slide('a', 'A', 'bullets', ['Payments run in roubles and rials']),
          slide('b', 'B', 'bullets', ['Payments run in roubles and rials.', 'Other']),
        ]),
      ),
    ).toEqual([expect.stringMatching(/^slides\/01-a\.md:5:3 warning bullet-repeated this bullet is also on the slide "a"/)])
  })

  it('says when the talk leaves no time for the questions asked for', () => {
    expect(checkQuestionTime(14 * 60, 15, 5, at(1))).toHaveLength(1)
    expect(checkQuestionTime(10 * 60, 15, 5, at(1))).toEqual([])
    expect(checkQuestionTime(15 * 60, 15, 0, at(1))).toEqual([])
  })
})
