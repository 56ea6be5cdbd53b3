/**
 * What deck.yaml's identity puts in every page's `<head>` (`<!--deck:identity-->`): the author
 * and date for the document's metadata, and one `<style>` with the theme's colours, its font
 * (embedded) and the marking's colours as custom properties, which assets/base.css, theme.css
 * and reading.css read, and the Source Sans 3 faces its text needs beyond Latin. Pure but
 * for reading those font files (fontsource's).
 */

import { readableOnDark } from '../compiler/contrast.ts'
import { fontFamily, inkOn, MARKING_DEFAULT } from '../compiler/identity.ts'
import type { Deck } from '../deck/model.ts'
import { deckFaces } from '../fonts/faces.ts'
import { escapeHtml } from '../text/escape.ts'

/**
 * The lighter of the reading edition's two dark-mode grounds (assets/reading.css: --card on
 * --bg #12161c): a colour that reads on it reads on both.
 */
export const READING_DARK_GROUND = '#1b2129'

/** `text` as a CSS string, safe inside a `<style>` element. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`
}

/** The `<head>` piece: never empty, so the build cache can find it in a built page. */
export function identityHead(deck: Deck): string {
  const { config, embedded } = deck
  const meta = [
    config.author ? `<meta name="author" content="${escapeHtml(config.author)}" />` : '',
    config.date ? `<meta name="date" content="${escapeHtml(config.date)}" />` : '',
  ].join('')
  const vars: string[] = []
  const colours = config.theme?.colours
  if (colours?.primary) vars.push(`--theme-primary: ${colours.primary};`)
  if (colours?.accent) vars.push(`--theme-accent: ${colours.accent};`)
  // For a dark ground (the reading edition's dark mode): the same colours, lightened where they would not reach AA.
  if (colours?.primary) vars.push(`--theme-primary-on-dark: ${readableOnDark(colours.primary, READING_DARK_GROUND)};`)
  if (colours?.accent) vars.push(`--theme-accent-on-dark: ${readableOnDark(colours.accent, READING_DARK_GROUND)};`)
  let face = ''
  if (config.theme?.font && embedded?.font) {
    const family = fontFamily(config.theme.font)
    face = `@font-face { font-family: "${family}"; src: url(${embedded.font}) format("woff2"); font-display: block; }`
    vars.push(`--theme-font: "${family}";`)
  }
  let paper = ''
  if (config.marking) {
    const bg = config.marking.colour ?? MARKING_DEFAULT
    const ink = inkOn(bg)
    vars.push(`--marking-bg: ${bg};`, `--marking-ink: ${ink};`)
    // Printed pages (the handout's, the reading edition's): the marking in the page's margin boxes, on every page.
    const box = `content: ${cssString(config.marking.text)}; font: 700 11pt "Source Sans 3", Arial, sans-serif; letter-spacing: 0.06em; color: ${ink}; background: ${bg}; padding: 0 4mm; margin: 2mm auto;`
    paper = `@page paper { @top-center { ${box} } @bottom-center { ${box} } }`
  }
  // Source Sans 3's subsets beyond Latin that the deck's text needs (Cyrillic, Greek…).
  face = deckFaces(deck) + face
  return `${meta}<style id="deck-identity">${face}${paper}:root { ${vars.join(' ')} }</style>`
}
