import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sentenceStarts, sentenceText } from './sentences.ts'

const split = (text: string) => {
  const s = sentenceStarts(text)
  return s.map((start, i) => text.slice(start, s[i + 1] ?? text.length).trim())
}

describe('sentenceStarts', () => {
  it('cuts at a full stop before a capital, but not after an abbreviation or an initial', () => {
    expect(split('The U.S. Navy said so. Mr. Smith agreed, e.g. on 5 May. Then A. Analyst left! Why? "Quoted." It ends.')).toEqual([
      'The U.S. Navy said so.',
      'Mr. Smith agreed, e.g. on 5 May.',
      'Then A. Analyst left!',
      'Why?',
      '"Quoted."',
      'It ends.',
    ])
  })

  it('keeps a decimal and a lower-case continuation in one sentence', () => {
    expect(split('It grew 1.5 percent. it. the end')).toEqual(['It grew 1.5 percent. it. the end'])
  })

  it('a line per paragraph: a heading is a sentence of its own', () => {
    const text = `Iran and Russia: a partnership of necessity\n${'The partnership grew over the decades and is now wider than ever before in its history. '.repeat(3)}`
    expect(split(text)[0]).toBe('Iran and Russia: a partnership of necessity')
  })

  it('hard-wrapped prose runs on over its line breaks; a table row or a list item stands alone', () => {
    const text = [
      'The article is undated; its references point to mid-June 2025. It is the source, not',
      'an authority. Below, each claim.',
      '',
      '| claim | verdict |',
      '| A pivot in 1991 | consistent |',
      '- A list item',
    ].join('\n')
    expect(split(text)).toEqual([
      'The article is undated; its references point to mid-June 2025.',
      'It is the source, not\nan authority.',
      'Below, each claim.',
      '| claim | verdict |',
      '| A pivot in 1991 | consistent |',
      '- A list item',
    ])
  })

  it('starts at 0, ascends, and stays inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const s = sentenceStarts(text)
        expect(s[0]).toBe(0)
        for (let i = 1; i < s.length; i++) expect((s[i] ?? 0) > (s[i - 1] ?? 0) && (s[i] ?? 0) < text.length).toBe(true)
      }),
    )
  })
})

describe('sentenceText', () => {
  it('shows a sentence on one line, Markdown marks gone, cut at a word with an ellipsis', () => {
    expect(sentenceText('| A **pivot** in `1991` | consistent |\n', 0, 39)).toBe('A pivot in 1991 · consistent')
    expect(sentenceText('- one two three four', 0, 20, 12)).toBe('one two…')
  })
})
