/**
 * The briefing itself, read from the compiled deck: every section of the article has its
 * slide, the slides keep to their budgets, pacing adds up, every figure has a text equivalent.
 */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'

const { deck, diagnostics } = buildDeck(resolve(import.meta.dirname, '..'))
const slides = deck.slides

/** The article's eight sections, in its own order (its table of contents). */
const SECTIONS = [
  "The Historical Evolution of Iran and Russia's Relationship",
  'Economic Pillars: Trade, Energy, and Financial Integration',
  'Military and Strategic Alignment: A Partnership of Necessity',
  'Nuclear Cooperation: A Foundation of Trust',
  'Challenging Western Hegemony: A Shared Ideological Front',
  'The Ukraine War: A Catalyst for Closer Ties',
  "Middle East Stability: Russia's Stance on Iran's Security",
  'The Future Outlook: Implications for Global Order',
]
const HEADLINE = 'Iran says no to nuclear talks during conflict as UN urges restraint'
const isContent = (s: (typeof slides)[number]) => s.section !== undefined

describe('the briefing deck', () => {
  it('compiles without errors or warnings', () => {
    expect(diagnostics).toEqual([])
  })

  it('gives each article section its own file, in the article order', () => {
    const firsts = slides.filter((s) => s.section && s.v === 0)
    // The deck sets type (curly apostrophes); the words are the article's.
    expect(firsts.map((s) => s.section?.replace(/’/g, "'"))).toEqual(SECTIONS)
    expect(new Set(firsts.map((s) => s.file)).size).toBe(SECTIONS.length)
  })

  it('frames the sections: title, bottom line, agenda first; recap and sources last', () => {
    expect(slides[0]?.layout).toBe('title')
    expect(slides[1]?.id).toBe('bottom-line')
    expect(slides.find((s) => s.layout === 'agenda')).toBeDefined()
    const tail = slides.filter((s) => s.v === 0).slice(-2).map((s) => s.id)
    expect(tail).toEqual(['recap', 'sources-caveats'])
  })

  it('keeps every slide within about 40 words and 5 bullets', () => {
    for (const s of slides) {
      expect(s.bodyWords, `${s.file} ${s.id}`).toBeLessThanOrEqual(42)
      expect(s.bullets, `${s.file} ${s.id}`).toBeLessThanOrEqual(5)
    }
  })

  it('gives every section slide 120-300 words of notes, and every slide some', () => {
    for (const s of slides) {
      expect(s.notesWords, `${s.file} ${s.id}`).toBeGreaterThan(30)
      if (isContent(s)) {
        expect(s.notesWords, `${s.file} ${s.id}`).toBeGreaterThanOrEqual(120)
        expect(s.notesWords, `${s.file} ${s.id}`).toBeLessThanOrEqual(300)
      }
    }
  })

  it('plans every slide from its notes and the talk within 15-25 minutes', () => {
    for (const s of slides) expect(s.seconds, s.id).toBeGreaterThan(0)
    expect(deck.html.match(/data-timing="\d+"/g)?.length).toBe(slides.length)
    expect(deck.totalSeconds / 60).toBeGreaterThanOrEqual(15)
    expect(deck.totalSeconds / 60).toBeLessThanOrEqual(25)
    expect(deck.config.targetMinutes).toBe(20)
  })

  it('has the map, the timeline and the pillars, each with a text equivalent', () => {
    const figures = slides.flatMap((s) => s.figures.map((f) => ({ ...f, slide: s })))
    expect(figures.map((f) => f.name).sort()).toEqual(['map', 'pillars', 'timeline'])
    for (const f of figures) {
      expect(f.alt.split(/\s+/).length, f.name).toBeGreaterThanOrEqual(6)
      expect(f.slide.bodyHtml).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/)
      expect(f.slide.bodyHtml).toMatch(/<title id="[^"]+">[^<]+<\/title>/)
      expect(f.slide.bodyHtml).toMatch(/<desc id="[^"]+">[^<]+<\/desc>/)
    }
  })

  it('says plainly that the article breaks off, and shows its closing headline once', () => {
    const outlook = slides.filter((s) => s.section === SECTIONS[7])
    const text = outlook.map((s) => `${s.bodyHtml} ${s.notesText}`).join(' ')
    expect(text).toMatch(/mid-sentence|breaks off|cuts off/i)
    const all = slides.map((s) => s.bodyHtml).join(' ')
    expect(all.split(HEADLINE).length - 1).toBe(1)
  })

  it('attributes the quotes as the article does', () => {
    const notes = slides.map((s) => s.notesText).join(' ')
    expect(notes).toMatch(/Igor Yushkov/)
    expect(notes).toMatch(/Sergei Ryabkov/)
    expect(notes).toMatch(/deeply, deeply, deeply troubled and complicated/)
    expect(notes).toMatch(/no(t| named)? (name|speaker)|unnamed|without (naming|a named)/i)
  })

  it('labels every outside-context caveat as such', () => {
    for (const s of slides) {
      for (const year of ['2011', '2023', '2025']) {
        if (s.notesText.includes(year)) expect(s.notesText, `${s.id} uses ${year}`).toMatch(/outside context/i)
      }
    }
  })
})
