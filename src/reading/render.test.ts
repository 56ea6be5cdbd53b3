import { describe, expect, it } from 'vitest'
import type { Deck } from '../deck/model.ts'
import { deckOutline, slideGroups } from '../deck/outline.ts'
import { renderHandout, renderReading, slideSections } from './render.ts'
import { fixtureSlide } from './slide-fixture.ts'

const slide = fixtureSlide

const slides = [
  slide({ id: 'a', h: 0, v: 0, layout: 'title' }),
  slide({ id: 'b', h: 1, v: 0, section: 'Section B' }),
  slide({
    id: 'b-2',
    h: 1,
    v: 1,
    section: 'Section B',
    title: 'Sub <b>',
    bodyHtml: '<figure class="deck-figure"><svg></svg><figcaption class="figure-text">What the map shows</figcaption></figure>',
    figures: [{ name: 'map', alt: 'What the map shows' }],
  }),
  slide({ id: 'c', h: 2, v: 0 }),
  slide({ id: 'c-2', h: 2, v: 1 }),
]
const deck: Deck = {
  config: { title: 'The deck & its title', lang: 'en', wordsPerMinute: 140, targetMinutes: 20, toleranceMinutes: 5 },
  slides,
  html: [
    '<section id="a" class="slide layout-title"><div class="frame">A</div><aside class="notes"></aside></section>',
    '<section class="stack"><section id="b" class="slide"><div class="frame">B</div></section><section id="b-2" class="slide"><div class="frame">B2</div></section></section>',
    '<section class="stack"><section id="c" class="slide">C</section><section id="c-2" class="slide">C2</section></section>',
  ].join('\n'),
  totalSeconds: 300,
}

describe('slideGroups and deckOutline', () => {
  it('groups sub-slides under their horizontal slide, labelled by section or title', () => {
    expect(slideGroups(slides).map((g) => [g.label, g.slides.map((s) => s.id)])).toEqual([
      ['Title a', ['a']],
      ['Section B', ['b', 'b-2']],
      ['Title c', ['c', 'c-2']],
    ])
  })

  it('points every entry at its slide index; a section lists all its slides, else only the sub-slides', () => {
    expect(deckOutline(slides)).toEqual([
      { title: 'Title a', page: 0, children: [] },
      {
        title: 'Section B',
        page: 1,
        children: [
          { title: 'Title b', page: 1, children: [] },
          { title: 'Sub <b>', page: 2, children: [] },
        ],
      },
      { title: 'Title c', page: 3, children: [{ title: 'Title c-2', page: 4, children: [] }] },
    ])
  })
})

describe('renderReading', () => {
  const html = renderReading(deck)

  it('has every slide as an article with its id, body, notes and a link back to the same slide', () => {
    for (const s of slides) {
      expect(html).toContain(`<article class="read-slide layout-${s.layout}" id="${s.id}"`)
      expect(html).toContain(`Notes of ${s.id}`)
      expect(html).toContain(`href="./deck.html#/${s.id}"`)
    }
    const order = slides.map((s) => html.indexOf(`id="${s.id}"`))
    expect([...order].sort((x, y) => x - y)).toEqual(order)
  })

  it('puts each slide body before its notes', () => {
    expect(html.indexOf('Body of c')).toBeLessThan(html.indexOf('Notes of c,'))
  })

  it('has a table of contents linking to every slide, and escapes titles', () => {
    const toc = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'))
    for (const s of slides) expect(toc).toContain(`href="#${s.id}"`)
    expect(toc).toContain('Sub &lt;b&gt;')
    expect(html).not.toContain('Sub <b>')
    expect(html).toContain('The deck &amp; its title')
  })

  it('turns deck links #/id into in-page links #id', () => {
    expect(html).toContain('<a href="#b">b</a>')
    expect(html).not.toMatch(/href="#\/b"/)
  })

  it('keeps a figure with its text equivalent as its caption', () => {
    expect(html).toMatch(/<figure class="deck-figure"><svg><\/svg><figcaption class="figure-text">What the map shows<\/figcaption><\/figure>/)
  })
})

describe('renderHandout', () => {
  it('cuts each slide section from the deck HTML, stacks excluded', () => {
    const s = slideSections(deck)
    expect([...s.keys()]).toEqual(['a', 'b', 'b-2', 'c', 'c-2'])
    expect(s.get('b-2')).toBe('<section id="b-2" class="slide"><div class="frame">B2</div></section>')
  })

  it('gives every slide one page with the deck markup above its notes', () => {
    const html = renderHandout(deck)
    expect(html.match(/<article class="handout-page"/g)).toHaveLength(slides.length)
    for (const s of slides) {
      const page = html.slice(html.indexOf(`id="handout-${s.id}"`))
      expect(page.indexOf(`<section id="${s.id}"`)).toBeGreaterThan(0)
      expect(page.indexOf(`<section id="${s.id}"`)).toBeLessThan(page.indexOf(`Notes of ${s.id}`))
    }
    expect(html).toContain('Slide 5 of 5')
  })
})
