/**
 * The reading edition (`read.html`) and the handout page (`handout.html`), rendered at build
 * time from the same compiled `Deck` as the slides: no second copy of the content. Pure.
 */
import { agendaHtml } from '../compiler/agenda.ts'
import { deckSources } from '../compiler/citations.ts'
import { bylineHtml, markingHtml } from '../compiler/identity.ts'
import type { Deck, RenderedSlide } from '../deck/model.ts'
import { slideGroups, subEntries } from '../deck/outline.ts'
import { escapeHtml } from '../text/escape.ts'
import { footnotesHtml, markClaims, SOURCES_HEADING } from './provenance.ts'

/** Deck links (`#/id`) become in-page links (`#id`) in the reading edition. */
function readingLinks(html: string): string {
  return html.replace(/href="#\/([^"]*)"/g, 'href="#$1"')
}

/**
 * `read.html`'s body: a header, the table of contents, and every slide followed by its notes.
 * Its links to the deck go to deck.html, the deck that also runs from disk (src/client/read.ts
 * takes them to index.html when served, and hides them when the reading edition came alone).
 */
export function renderReading(deck: Deck): string {
  const { config, slides } = deck
  const agenda = agendaHtml(slides)
  const groups = slideGroups(slides)
  const minutes = Math.round(deck.totalSeconds / 60)

  // One numbering everywhere: the slide numbers (the deck's, the articles', the agenda's). A
  // section's entry is a heading over its numbered slides; a slide without one is numbered itself.
  const number = new Map(slides.map((s, i) => [s, i + 1]))
  const toc = groups
    .map((g) => {
      const first = g.slides[0] as RenderedSlide
      const subs = subEntries(g)
      const list = subs.length ? `<ol>${subs.map((s) => `<li value="${number.get(s)}"><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol>` : ''
      const link = `<a href="#${first.id}">${escapeHtml(g.label)}</a>`
      return g.label === first.title ? `<li value="${number.get(first)}">${link}${list}</li>` : `<li class="read-toc-section">${link}${list}</li>`
    })
    .join('')

  const sources = deckSources(config)
  const articles = slides
    .map((s, i) => {
      const kicker = s.section && s.v === 0 ? `<p class="read-kicker">${escapeHtml(s.section)}</p>` : ''
      // Each supported claim links to its source sentence, in a footnote under the slide.
      const prov = s.provenance ?? []
      const note = (n: number) => `${s.id}-src-${n}`
      const ref = (n: number) => `${s.id}-ref-${n}`
      const refs = new Set<number>()
      // The first place of footnote n (body, else notes) is the one its back link returns to.
      const placeId = (notes: boolean) => (n: number) => {
        if (refs.has(n)) return `${ref(n)}-${notes ? 'notes' : 'body'}`
        refs.add(n)
        return ref(n)
      }
      const mark = (html: string, notes: boolean) => markClaims(html, prov, notes, note, placeId(notes))
      const body = mark((s.layout === 'agenda' ? agenda : '') + s.bodyHtml, false)
      const notes = mark(s.notesHtml, true)
      return [
        `<article class="read-slide layout-${s.layout}" id="${s.id}" data-h="${s.h}" data-v="${s.v}" aria-labelledby="${s.id}-title">`,
        kicker,
        `<h2 class="read-title" id="${s.id}-title"><span class="read-number">${i + 1}.</span> ${escapeHtml(s.title)}</h2>`,
        body.trim() ? `<div class="read-body">${readingLinks(body)}</div>` : '',
        notes.trim() ? `<div class="read-notes">${readingLinks(notes)}</div>` : '',
        footnotesHtml(prov, sources, { cls: 'read-provenance', id: note, back: (n) => (refs.has(n) ? ref(n) : undefined) }),
        `<p class="read-to-deck"><a class="read-deck-link" href="./deck.html#/${s.id}">Slide ${i + 1} in the deck</a></p>`,
        '</article>',
      ].join('')
    })
    .join('\n')

  const mark = config.marking?.text
  return [
    mark ? markingHtml(mark, 'top', 'read-marking') : '',
    '<header class="read-header">',
    '<p class="read-edition">Reading edition</p>',
    `<h1>${escapeHtml(config.title)}</h1>`,
    config.subtitle ? `<p class="read-subtitle">${escapeHtml(config.subtitle)}</p>` : '',
    bylineHtml(config).replace('deck-byline', 'read-byline'),
    `<p class="read-meta">${slides.length} slides with what the presenter says about each; about ${minutes} minutes when presented. <a class="read-deck-link read-present" href="./deck.html">Present the deck</a></p>`,
    '</header>',
    `<nav class="read-toc" aria-labelledby="read-toc-title"><h2 id="read-toc-title">Contents</h2><ol>${toc}</ol></nav>`,
    `<main class="read-main">\n${articles}\n</main>`,
    config.footer ? `<footer class="read-footer"><p>${escapeHtml(config.footer)}</p></footer>` : '',
    mark ? markingHtml(mark, 'bottom', 'read-marking') : '',
  ].join('\n')
}

/**
 * Each slide's `<section>` exactly as the deck has it, by id. Slide sections never nest
 * (the sanitiser does not allow `<section>` in content; stacks carry no id).
 */
export function slideSections(deck: Deck): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of deck.html.matchAll(/<section id="([^"]+)"[\s\S]*?<\/section>/g)) out.set(m[1] as string, m[0])
  return out
}

/**
 * `handout.html`'s body: one page per slide, the slide (the deck's own markup) above its notes.
 * The `#two-up` anchor lets the address choose the two-slides-a-page layout (assets/handout.css).
 */
export function renderHandout(deck: Deck): string {
  const sections = slideSections(deck)
  const total = deck.slides.length
  const sources = deckSources(deck.config)
  const pages = deck.slides.map((s, i) => {
    const section = sections.get(s.id) ?? ''
    // The notes number each fact whose source sentence the endnotes quote.
    const prov = s.provenance ?? []
    const notes = prov.length ? markClaims(s.notesHtml, prov, true, (n) => `${s.id}-src-${n}`) : s.notesHtml
    return [
      `<article class="handout-page" id="handout-${s.id}">`,
      `<p class="handout-head"><span>${escapeHtml(deck.config.title)}</span><span>Slide ${i + 1} of ${total}</span></p>`,
      `<div class="reveal handout-slide"><div class="handout-canvas">${section}</div></div>`,
      `<div class="handout-notes">${notes}</div>`,
      '</article>',
    ].join('')
  })
  // After the slides, as a book's notes: each slide's source sentences under its number and title.
  const endnotes = deck.slides.flatMap((s, i) =>
    s.provenance?.length
      ? [
          `<section class="handout-endnotes-slide" aria-labelledby="${s.id}-sources"><h3 id="${s.id}-sources">Slide ${i + 1}. ${escapeHtml(s.title)}</h3>`,
          footnotesHtml(s.provenance, sources, { cls: 'handout-provenance', id: (n) => `${s.id}-src-${n}`, titled: false }),
          '</section>',
        ]
      : [],
  )
  if (endnotes.length) pages.push(`<article class="handout-endnotes" id="handout-endnotes"><h2>${SOURCES_HEADING}</h2>${endnotes.join('')}</article>`)
  return `<span id="two-up" hidden></span>\n${pages.join('\n')}`
}
