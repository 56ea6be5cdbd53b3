/** The theme's colours on every ground, and the warnings for one the build cannot keep as given. */
import { describe, expect, it } from 'vitest'
import { AA, AA_LARGE, contrastRatio, mix } from './contrast.ts'
import { compileDeck } from './deck.ts'
import { formatDiagnostic } from './diagnostics.ts'
import { DECK_DARK_GROUND, darkGround, LIGHT_GROUND, ON_DARK_INKS, READING_DARK_GROUND, themeColours } from './palette.ts'
import type { DeckConfig } from './types.ts'

const config = (look: 'light' | 'dark', primary: string, accent: string): DeckConfig =>
  ({ title: 'T', lang: 'en', wordsPerMinute: 140, targetMinutes: 1, toleranceMinutes: 1, theme: { look, colours: { primary, accent } } }) as DeckConfig

describe('themeColours', () => {
  it("lightens the organisation's dark blue and red for the dark look, just enough, and keeps them on the light pages", () => {
    const c = themeColours(config('dark', '#0b3d91', '#c8102e'))
    expect(c).toEqual({
      primary: '#0b3d91',
      accent: '#c8102e',
      dark: '#0b3d91',
      primaryOnDark: '#809ac6',
      accentOnDark: '#da5f73',
      accentOnDarkLarge: '#cb1c38',
    })
    // Text: 4.5:1 on the dark look's ground, the reading edition's card and a badge's tint of itself.
    for (const g of [DECK_DARK_GROUND, READING_DARK_GROUND, mix(READING_DARK_GROUND, c.primaryOnDark as string, 0.14)])
      expect(contrastRatio(c.primaryOnDark as string, g)).toBeGreaterThanOrEqual(AA)
    // Rules, bullets and the progress bar: 3:1, so the red stays nearly as given.
    expect(contrastRatio(c.accentOnDarkLarge as string, DECK_DARK_GROUND)).toBeGreaterThanOrEqual(AA_LARGE)
    expect(contrastRatio('#c8102e', DECK_DARK_GROUND)).toBeLessThan(AA_LARGE)
  })

  it('keeps a light colour as it is on dark grounds, and darkens it as the dark slides\u2019 ground', () => {
    const c = themeColours(config('dark', '#ffc000', '#f2988a'))
    expect(c.primaryOnDark).toBe('#ffc000')
    expect(c.dark).not.toBe('#ffc000')
    for (const ink of ON_DARK_INKS) expect(contrastRatio(c.dark as string, ink)).toBeGreaterThanOrEqual(AA)
    expect(darkGround(config('light', '#ffc000', '#f2988a'))).toBe(c.dark)
  })

  it('names nothing without colours, and the look decides the dark slides\u2019 ground', () => {
    const bare = { title: 'T', lang: 'en', wordsPerMinute: 140, targetMinutes: 1, toleranceMinutes: 1 } as DeckConfig
    expect(themeColours(bare)).toEqual({})
    expect(darkGround(bare)).toBe('#14263d')
    expect(darkGround({ ...bare, theme: { look: 'dark' } })).toBe('#0b111a')
  })
})

describe('themeFindings: at deck.yaml\u2019s line, with the shade that would do', () => {
  const SLIDE = { path: 'slides/00-a.md', text: '---\ntitle: A\n---\nText\n\nNotes:\nSay this.\n' }
  const warnings = (text: string) =>
    compileDeck({ files: [SLIDE], deckFile: { path: 'slides/deck.yaml', text }, env: { assetExists: () => false } })
      .diagnostics.filter((d) => d.code === 'deck-config')
      .map(formatDiagnostic)

  it('says nothing of colours that read everywhere', () => {
    expect(warnings('title: T\ntheme:\n  look: dark\n  colours: { primary: "#0b3d91", accent: "#c8102e" }\n')).toEqual([])
  })

  it('warns of a primary too light for the light pages and for the dark slides, at its own line', () => {
    const got = warnings('title: T\ntheme:\n  look: dark\n  colours:\n    primary: "#ffc000"\n    accent: "#a23b2a"\n')
    expect(got).toEqual([
      expect.stringMatching(
        /^slides\/deck\.yaml:5:14 warning deck-config theme colour primary "#ffc000" reaches 1\.4:1 on the light pages' ground #fbfaf7, below the 4\.5:1 .*: use a darker shade such as "#[0-9a-f]{6}"$/,
      ),
      expect.stringMatching(
        /^slides\/deck\.yaml:5:14 warning deck-config .* too light to be the ground of the title, statement and section slides .* drawn on "#[0-9a-f]{6}" instead/,
      ),
    ])
    expect(contrastRatio(/such as "(#[0-9a-f]{6})"/.exec(got[0] ?? '')?.[1] ?? '#ffffff', LIGHT_GROUND)).toBeGreaterThanOrEqual(AA)
  })

  it('warns of an accent too light for the reading edition\u2019s text, at the colours line in flow style', () => {
    expect(warnings('title: T\ntheme: { colours: { primary: "#1f4e79", accent: "#f4b8a8" } }\n')).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:2:\d+ warning deck-config theme colour accent "#f4b8a8" reaches 1\.6:1/),
    ])
  })
})
