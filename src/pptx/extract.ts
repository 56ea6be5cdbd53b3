/**
 * The code that reads the built deck inside its own page (Chromium, 1280x720): for every slide,
 * where the browser put each block, in slide pixels, and its text as styled runs; figures as
 * standalone SVG. It returns the plain data of `model.ts`.
 *
 * The code is typed TypeScript in `extract/`, one file a concern: each a self-contained function
 * (src/browser/in-page-call.ts) installing its readers on `window.__deckExtract`, then
 * `extractDeck` using them. `extractScript` is the one expression that runs them all.
 */
import { inPageCall } from '../browser/in-page-call.ts'
import { installBlockReaders } from './extract/blocks.ts'
import { extractDeck } from './extract/deck.ts'
import { installFigureReaders } from './extract/figures.ts'
import { installTextReaders } from './extract/text.ts'

/** The expression that reads the slides with these ids from the deck's page: an `ExtractedDeck`. */
export function extractScript(ids: readonly string[]): string {
  const installs = [installTextReaders, installFigureReaders, installBlockReaders].map((install) => inPageCall(install, undefined))
  return `(${[...installs, inPageCall(extractDeck, [...ids])].join(',\n')})`
}
