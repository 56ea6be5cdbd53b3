/**
 * What deck.yaml's identity puts in every page's `<head>` (`<!--deck:identity-->`): the author
 * and date for the document's metadata, and one `<style>` with the theme's colours, its font
 * (embedded) and the marking's colours as custom properties, which assets/base.css, theme.css
 * and reading.css read, and the Source Sans 3 faces its text needs beyond Latin. Pure but
 * for reading those font files (fontsource's).
 */

import { fontFamily, inkOn, MARKING_DEFAULT } from '../compiler/identity.ts'
import { themeColours } from '../compiler/palette.ts'
import type { Deck } from '../deck/model.ts'
import { deckFaces } from '../fonts/faces.ts'
import { escapeHtml } from '../text/escape.ts'

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
  // The theme's colours for each ground (src/compiler/palette.ts): the light pages', the dark slides', dark text's and the dark look's.
  const c = themeColours(config)
  const named: [string, string | undefined][] = [
    ['--theme-primary', c.primary],
    ['--theme-accent', c.accent],
    ['--theme-dark', c.dark],
    ['--theme-primary-on-dark', c.primaryOnDark],
    ['--theme-accent-on-dark', c.accentOnDark],
    ['--theme-accent-on-dark-large', c.accentOnDarkLarge],
  ]
  for (const [name, value] of named) if (value) vars.push(`${name}: ${value};`)
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
