/**
 * Every colour deck.yaml's `theme.colours` decides, for each ground it is drawn on: the light
 * pages take the organisation's colours as they are (and are warned about when they fall short
 * there), the dark look and the reading edition's dark mode take them lightened just enough, and
 * the dark slides (title, statement, section) take the primary as their ground, darkened just
 * enough for their light text. Every decision is `readableOn` (contrast.ts). Pure.
 */

import { AA, AA_LARGE, type Ground, mix, readableOn, worstContrast } from './contrast.ts'
import { diag } from './diagnostics.ts'
import type { DeckConfig, Diagnostic, SourcePos } from './types.ts'

/** The light pages' ground: the light look's slides, the handout's paper, read.html (assets/base.css --bg). */
export const LIGHT_GROUND = '#fbfaf7'

/** The dark look's slide ground (assets/theme.css, html[data-look='dark'] --bg). */
export const DECK_DARK_GROUND = '#161d27'

/**
 * The lighter of the reading edition's two dark-mode grounds (assets/reading.css: --card on
 * --bg #12161c), and lighter than the dark look's: a colour that reads on it reads on all three.
 */
export const READING_DARK_GROUND = '#1b2129'

/** The light text of the dark slides (--on-dark, --on-dark-muted, and their kicker's and links' #bcd6f2 in assets/theme.css). */
export const ON_DARK_INKS = ['#f4f1ea', '#c9d3e0', '#bcd6f2'] as const

/** A judgment's badge (assets/judgments.css): the accent on `color-mix(in srgb, accent 14%, ground)`. */
const tintOf =
  (ground: string): Ground =>
  (c) =>
    mix(ground, c, 0.14)

/** Where the primary is text: links, kickers and badges, on the page and on a tint of itself. */
const primaryGrounds = (ground: string): Ground[] => [ground, tintOf(ground)]

/** The colours deck.yaml's theme decides, as the pages' CSS custom properties read them (src/vite/identity-head.ts). */
export interface ThemeColours {
  /** The organisation's colours as given: the light pages' --accent and --accent-2. */
  primary?: string
  accent?: string
  /** The ground of the title, statement and section slides: the primary, darkened where its light text needs it. */
  dark?: string
  /** Text on a dark ground (the dark look, read.html's dark mode): AA 4.5:1. */
  primaryOnDark?: string
  accentOnDark?: string
  /** The accent as the dark look's rules, bullets, progress bar and large numbers use it: 3:1. */
  accentOnDarkLarge?: string
}

/** The ground of the title, statement and section slides: the theme's (`themeColours().dark`), else the look's. */
export function darkGround(config: DeckConfig): string {
  return themeColours(config).dark ?? (config.theme?.look === 'dark' ? '#0b111a' : '#14263d')
}

/** The colours of deck.yaml's theme on every ground (none when it names none). */
export function themeColours(config: DeckConfig): ThemeColours {
  const { primary, accent } = config.theme?.colours ?? {}
  return {
    ...(primary
      ? {
          primary,
          dark: readableOn(primary, ON_DARK_INKS, AA),
          primaryOnDark: readableOn(primary, primaryGrounds(READING_DARK_GROUND), AA),
        }
      : {}),
    ...(accent
      ? {
          accent,
          accentOnDark: readableOn(accent, [READING_DARK_GROUND], AA),
          accentOnDarkLarge: readableOn(accent, [DECK_DARK_GROUND], AA_LARGE),
        }
      : {}),
  }
}

/**
 * Warnings at deck.yaml's `theme.colours` for a colour the build cannot keep as given: one too
 * light for the light pages' text (npm run check then fails where it shows), and a primary too
 * light to be the dark slides' ground (they are drawn on a darker shade of it). Each names the
 * nearest shade that would do.
 */
export function themeFindings(config: DeckConfig, pos: Record<string, { value: SourcePos }>, deckPath: string): Diagnostic[] {
  const { primary, accent } = config.theme?.colours ?? {}
  const at = (k: string): SourcePos =>
    pos[`theme.colours.${k}`]?.value ?? pos['theme.colours']?.value ?? pos.theme?.value ?? { file: deckPath, line: 1, column: 1 }
  const ratio = (r: number) => `${(Math.floor(r * 10) / 10).toFixed(1)}:1`
  const out: Diagnostic[] = []
  const onLight = (key: 'primary' | 'accent', hex: string, grounds: Ground[], uses: string) => {
    const got = worstContrast(hex, grounds)
    if (got >= AA) return
    out.push(
      diag(
        'deck-config',
        at(key),
        `theme colour ${key} "${hex}" reaches ${ratio(got)} on the light pages' ground ${LIGHT_GROUND}, below the 4.5:1 ${uses} need there, so npm run check fails where it shows: use a darker shade such as "${readableOn(hex, grounds, AA)}"`,
        'warning',
      ),
    )
  }
  if (primary) onLight('primary', primary, primaryGrounds(LIGHT_GROUND), 'its links, kickers and badges')
  if (accent) onLight('accent', accent, [LIGHT_GROUND], "the reading edition's numbers")
  if (primary) {
    const got = worstContrast(primary, ON_DARK_INKS)
    if (got < AA)
      out.push(
        diag(
          'deck-config',
          at('primary'),
          `theme colour primary "${primary}" is too light to be the ground of the title, statement and section slides (their light text reaches ${ratio(got)} on it, below 4.5:1): they are drawn on "${readableOn(primary, ON_DARK_INKS, AA)}" instead; choose a darker primary to have your own colour there`,
          'warning',
        ),
      )
  }
  return out
}
