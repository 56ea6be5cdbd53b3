/**
 * The `@font-face` rules for the Source Sans 3 subsets a deck's text needs beyond Latin, with
 * the fonts as data: URLs: they go into every page's `<head>` with the deck's identity (the
 * client build, cached, stays the same for every deck), so a deck without such text carries
 * none of them. Reads the font files fontsource ships.
 */
import { readFileSync } from 'node:fs'
import type { Deck } from '../deck/model.ts'
import { EXTRA_SUBSETS, FACES, type Subset, subsetFile, subsetRanges, subsetsFor } from './subsets.ts'

/** Everything a deck shows in Source Sans 3: its slides (figures included), its notes and its settings' words. */
export function deckText(deck: Deck): string {
  const { title, subtitle, author, organisation, footer, marking } = deck.config
  return [deck.html, ...deck.slides.map((s) => s.notesHtml), title, subtitle, author, organisation, footer, marking?.text].join('\n')
}

const cssFor = new Map<string, string>()
/** The faces of `subsets` (declared Latin-nearest last, so a browser tries them in EXTRA_SUBSETS's order). */
export function subsetFaceCss(subsets: readonly Subset[]): string {
  const name = subsets.join(',')
  const known = cssFor.get(name)
  if (known !== undefined) return known
  const ranges = subsetRanges()
  const order = EXTRA_SUBSETS.filter((s) => subsets.includes(s)).reverse()
  const css = order
    .flatMap((subset) =>
      FACES.map(({ weight, style }) => {
        const data = readFileSync(subsetFile(subset, weight, style)).toString('base64')
        return `@font-face { font-family: "Source Sans 3"; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url(data:font/woff;base64,${data}) format("woff"); unicode-range: ${ranges[subset]}; }`
      }),
    )
    .join('')
  cssFor.set(name, css)
  return css
}

const facesOf = new WeakMap<Deck, string>()
/** The extra faces `deck` needs ('' for a deck in Latin script alone). */
export function deckFaces(deck: Deck): string {
  const known = facesOf.get(deck)
  if (known !== undefined) return known
  const css = subsetFaceCss(subsetsFor(deckText(deck)))
  facesOf.set(deck, css)
  return css
}
