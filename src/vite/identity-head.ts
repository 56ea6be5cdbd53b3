/**
 * What deck.yaml's identity puts in every page's `<head>` (`<!--deck:identity-->`): the author
 * and date for the document's metadata, and one `<style>` with the theme's colours, its font
 * (embedded) and the marking's colours as custom properties, which assets/base.css, theme.css
 * and reading.css read. Pure.
 */
import type { Deck } from '../deck/model.ts'
import { escapeHtml } from '../text/escape.ts'

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function inkOn(hex: string): string {
  const h = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (c) => c + c) : hex
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(h.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // Contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05).
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff'
}

/** The font's family name: its file's name (`House.woff2` -> "House"), as the PPTX theme names it too. */
export function fontFamily(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.woff2$/i, '').replace(/["'\\;{}<>]/g, '')
}

/** `text` as a CSS string, safe inside a `<style>` element. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`
}

/** The default banner: a dark neutral grey, white text. */
export const MARKING_DEFAULT = '#3d4452'

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
  return `${meta}<style id="deck-identity">${face}${paper}:root { ${vars.join(' ')} }</style>`
}
