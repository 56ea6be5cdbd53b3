/** deck.yaml's `budgets:` and `source:` keys: read, defaulted, and every mistake located. */
import { describe, expect, it } from 'vitest'
import { compileDeck } from './deck.ts'
import { formatDiagnostic } from './diagnostics.ts'
import type { MarkdownEnv } from './markdown.ts'
import { DEFAULT_BUDGETS } from './schema.ts'

const env: MarkdownEnv = { assetExists: () => false }
const SLIDE = { path: 'slides/01-a.md', text: '---\ntitle: A\nsection: S\n---\n- One point\n\nNotes:\nSay this.\n' }
const config = (text: string) => {
  const r = compileDeck({ files: [SLIDE], deckFile: { path: 'slides/deck.yaml', text }, env })
  return { config: r.deck.config, errors: r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) }
}

describe('deck.yaml budgets', () => {
  it('defaults to 40 words, 5 bullets and 120 to 300 words of notes', () => {
    expect(DEFAULT_BUDGETS).toEqual({ words: 40, bullets: 5, notesMin: 120, notesMax: 300 })
    expect(config('title: T\n')).toEqual({ config: expect.objectContaining({ budgets: DEFAULT_BUDGETS }), errors: [] })
  })

  it('takes the keys given, block or flow style, and the defaults for the rest', () => {
    expect(config('title: T\nbudgets:\n  words: 60\n  notesMax: 400\n')).toEqual({
      config: expect.objectContaining({ budgets: { words: 60, bullets: 5, notesMin: 120, notesMax: 400 } }),
      errors: [],
    })
    expect(config('budgets: { bullets: 3, notesMin: 0 }\n').config.budgets).toEqual({ words: 40, bullets: 3, notesMin: 0, notesMax: 300 })
  })

  it('reports an unknown budget at its line with the nearest name, and a bad value at the value', () => {
    expect(config('title: T\nbudgets:\n  words: 40\n  bulets: 4\n  notesMax: many\n').errors).toEqual([
      expect.stringMatching(
        /^slides\/deck\.yaml:4:3 error deck-config unknown key "budgets\.bulets": did you mean "bullets"\? Valid keys: words, bullets, notesMin, notesMax$/,
      ),
      expect.stringMatching(/^slides\/deck\.yaml:5:13 error deck-config "budgets\.notesMax" must be a whole number from 1 to 5000; got string "many"$/),
    ])
    expect(config('budgets: { words: 4.5 }\n').errors).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:1:19 error deck-config "budgets\.words" must be a whole number/),
    ])
  })

  it('refuses budgets that are not a mapping, and a minimum above the maximum', () => {
    expect(config('title: T\nbudgets: 40\n').errors).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:2:10 error deck-config "budgets" must be indented "name: number" lines under it/),
    ])
    expect(config('budgets:\n  notesMin: 200\n  notesMax: 150\n').errors).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:2:13 error deck-config "budgets\.notesMin" \(200\) is above "budgets\.notesMax" \(150\)/),
    ])
  })
})

describe('deck.yaml source', () => {
  it("keeps the path as written (the check resolves it from deck.yaml's folder)", () => {
    expect(config('source: ../../shared/article.txt\n')).toEqual({ config: expect.objectContaining({ source: '../../shared/article.txt' }), errors: [] })
    expect(config('title: T\n').config.source).toBeUndefined()
  })

  it('reports a source that is not a path at its value', () => {
    expect(config('title: T\nsource: [a, b]\n').errors).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:2:9 error deck-config "source" must be the path of a text file/),
    ])
  })
})

describe('deck.yaml likelihood and qa', () => {
  it('takes a scale of words (lower-cased) and minutes for questions, and locates mistakes', () => {
    expect(config('likelihood: [Remote, "real possibility", probable]\nqa: 5\n')).toEqual({
      config: expect.objectContaining({ likelihood: ['remote', 'real possibility', 'probable'], qa: 5 }),
      errors: [],
    })
    expect(config('likelihod: [a, b]\nqa: many\nlikelihood: [likely]\n').errors).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:1:1 error deck-config unknown key "likelihod": did you mean "likelihood"\?/),
      expect.stringMatching(/^slides\/deck\.yaml:2:5 error deck-config "qa" must be a number from 0 to 120; got string "many"$/),
      expect.stringMatching(/^slides\/deck\.yaml:3:13 error deck-config "likelihood" must be a list of two or more words or phrases, least likely first/),
    ])
  })
})
