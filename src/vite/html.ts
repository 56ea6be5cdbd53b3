import type { Deck } from '../deck/model.ts'
import { renderHandout, renderReading } from '../reading/render.ts'
import { escapeHtml } from '../text/escape.ts'
import { identityHead } from './identity-head.ts'

/** The reveal.js options that come from the compiled deck (the rest live in the client). */
export function revealOptions(deck: Deck): { totalTime: number; title: string } {
  return { totalTime: deck.totalSeconds, title: deck.config.title }
}

/** A slide that shows located errors in the page (reveal.js's alert-slide pattern). */
export function errorSection(errors: readonly string[], count = errors.length): string {
  const items = errors.map((e) => `<li><code>${escapeHtml(e)}</code></li>`).join('')
  return `<section id="deck-errors" class="slide layout-errors" data-state="alert"><div class="frame"><h2 class="slide-title">The slides have ${count} error${count === 1 ? '' : 's'}</h2><div class="slide-body"><p>Fix the file named in each line and save: the deck updates by itself.</p><ul class="deck-errors">${items}</ul></div></div><aside class="notes"></aside></section>`
}

/**
 * The deck's slides with the first one marked `present` (and its stack, when it has sub-slides),
 * as reveal.js would: the stylesheet then shows it before any script runs. Pure.
 */
export function markFirstSlide(html: string): string {
  const first = /<section\b[^>]*>/.exec(html)
  if (!first) return html
  const present = (tag: string) => (/\sclass="/.test(tag) ? tag.replace(/\sclass="/, ' class="present ') : tag.replace(/^<section/, '<section class="present"'))
  let out = html.slice(0, first.index) + present(first[0]) + html.slice(first.index + first[0].length)
  if (/\sclass="[^"]*\bstack\b/.test(first[0])) {
    const after = first.index + present(first[0]).length
    const child = /^\s*<section\b[^>]*>/.exec(out.slice(after))
    if (child) out = out.slice(0, after) + child[0].replace(/<section\b[^>]*>$/, (t) => present(t)) + out.slice(after + child[0].length)
  }
  return out
}

/**
 * What each marker becomes, made once per compiled deck: a build fills the same pieces into
 * several pages, and again to check and refill the cached templates. Decks are never changed
 * once compiled (each compile makes a new one), so the deck object is the key.
 */
const made = new WeakMap<Deck, Map<string, string>>()
function once(deck: Deck, piece: string, make: () => string): string {
  let pieces = made.get(deck)
  if (!pieces) {
    pieces = new Map()
    made.set(deck, pieces)
  }
  let html = pieces.get(piece)
  if (html === undefined) {
    html = make()
    pieces.set(piece, html)
  }
  return html
}

/**
 * Fill a page's markers with the compiled deck: `<!--deck:title-->`, `<!--deck:slides-->`,
 * the `lang` attribute (and the look), `<!--deck:identity-->` (author, palette, font, marking), the JSON options read by the client, and for the other editions
 * `<!--deck:reading-->` (read.html) and `<!--deck:handout-->` (handout.html). Pure.
 */
export function injectDeck(html: string, deck: Deck, _page: string): string {
  const options = JSON.stringify(revealOptions(deck)).replace(/</g, '\\u003c')
  // One pass over the page (each replace over a page of several hundred kB would copy it once
  // more). The first of each marker is filled, but the title, which is filled everywhere.
  // Replacer functions only: a string replacement would read `$&`, `$\``, `$'` and `$1` in the
  // author's text as patterns (a slide with `$\`` would copy the page's head into the deck).
  const done = new Set<string>()
  return html.replace(RE_MARKERS, (m: string, name: string | undefined) => {
    const marker = name ?? 'lang'
    if (marker !== 'title' && done.has(marker)) return m
    done.add(marker)
    switch (marker) {
      case 'lang':
        return htmlOpen(deck)
      case 'identity':
        return once(deck, 'identity', () => identityHead(deck))
      case 'title':
        return escapeHtml(deck.config.title)
      case 'slides':
        return once(deck, 'slides', () => markFirstSlide(deck.html))
      case 'options':
        return `<script type="application/json" id="deck-options">${options}</script>`
      // Rendered only for the page that has the marker.
      case 'reading':
        return once(deck, 'reading', () => renderReading(deck))
      default:
        return once(deck, 'handout', () => renderHandout(deck))
    }
  })
}
/** The page's markers: its `lang` (`<html lang="en"`, other attributes may follow), and `<!--deck:…-->` for the title, slides, options and editions. */
const RE_MARKERS = /<html lang="en"|<!--deck:(title|slides|options|identity|reading|handout)-->/g

/** The start of the page's `<html>` tag: the deck's language, and its look when not the light one (assets/theme.css). */
export function htmlOpen(deck: Deck): string {
  const look = deck.config.theme?.look === 'dark' ? ' data-look="dark"' : ''
  return `<html lang="${escapeHtml(deck.config.lang)}"${look}`
}
