import { describe, expect, it } from 'vitest'
import { DEFAULT_DECK } from '../compiler/schema.ts'
import type { Deck, RenderedSlide } from '../deck/model.ts'
import { checkBudgets } from './budgets.ts'

const slide = (over: Partial<RenderedSlide>): RenderedSlide => ({
  id: 's',
  file: 'slides/01-s.md',
  line: 1,
  title: 'T',
  layout: 'bullets',
  h: 0,
  v: 0,
  seconds: 60,
  bodyWords: 20,
  bullets: 3,
  notesWords: 150,
  bodyHtml: '',
  notesHtml: '',
  notesText: '',
  figures: [],
  ...over,
})
const deck = (slides: RenderedSlide[], minutes = 20): Deck => ({
  config: { ...DEFAULT_DECK, targetMinutes: 20, toleranceMinutes: 5 },
  slides,
  html: '',
  totalSeconds: minutes * 60,
})
const messages = (d: Deck) => checkBudgets(d).map((f) => `${f.pos.file}${f.slide ? ` #/${f.slide}` : ''}: ${f.message}`)

describe('content budgets', () => {
  it('passes a slide within every budget', () => {
    expect(messages(deck([slide({ section: 'A' })]))).toEqual([])
  })

  it('reports words over 40 and bullets over 5, naming the file and slide', () => {
    expect(messages(deck([slide({ bodyWords: 41, bullets: 6 })]))).toEqual([
      expect.stringMatching(/^slides\/01-s\.md #\/s: 41 words on the slide, over the budget of 40/),
      expect.stringMatching(/^slides\/01-s\.md #\/s: 6 bullets, over the budget of 5/),
    ])
  })

  it('content slides (with a section, sub-slides included) need 120 to 300 words of notes', () => {
    expect(messages(deck([slide({ section: 'A', notesWords: 0 })]))).toEqual([expect.stringContaining('a content slide without speaker notes')])
    expect(messages(deck([slide({ section: 'A', v: 1, id: 's-2', notesWords: 119 })]))).toEqual([
      expect.stringContaining('notes have 119 words, under the minimum of 120'),
    ])
    expect(messages(deck([slide({ section: 'A', notesWords: 301 })]))).toEqual([expect.stringContaining('notes have 301 words, over the maximum of 300')])
    // Title, agenda and other slides without a section keep short notes.
    expect(messages(deck([slide({ notesWords: 40 })]))).toEqual([])
  })

  it('reports a talk outside the target from deck.yaml', () => {
    expect(messages(deck([slide({})], 25))).toEqual([])
    expect(messages(deck([slide({})], 25.5))).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml: the talk is planned at 25\.5 minutes .* outside the target of 20 ± 5: trim/),
    ])
    expect(messages(deck([slide({})], 14))).toEqual([expect.stringContaining('extend the notes')])
  })
})

describe('budgets set per deck (deck.yaml budgets:)', () => {
  const own = (slides: RenderedSlide[]): Deck => ({
    ...deck(slides),
    config: { ...DEFAULT_DECK, budgets: { words: 60, bullets: 3, notesMin: 50, notesMax: 80 } },
  })

  it("holds slides to the deck's own numbers, not the defaults, and names the setting to change", () => {
    expect(messages(own([slide({ section: 'A', bodyWords: 55, bullets: 3, notesWords: 60 })]))).toEqual([])
    expect(messages(own([slide({ section: 'A', bodyWords: 61, bullets: 4, notesWords: 81 })]))).toEqual([
      expect.stringMatching(/61 words on the slide, over the budget of 60: .*\(or change budgets\.words in slides\/deck\.yaml\)$/),
      expect.stringMatching(/4 bullets, over the budget of 3: .*\(or change budgets\.bullets in slides\/deck\.yaml\)$/),
      expect.stringMatching(/notes have 81 words, over the maximum of 80: .*budgets\.notesMax/),
    ])
    expect(messages(own([slide({ section: 'A', notesWords: 49 })]))).toEqual([
      expect.stringMatching(/under the minimum of 50 for a content slide: .*budgets\.notesMin/),
    ])
  })
})
