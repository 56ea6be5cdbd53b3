/** The `<head>` piece of deck.yaml's identity: metadata, the theme's variables, the marking's print boxes. */
import { describe, expect, it } from 'vitest'
import { fontFamily, inkOn } from '../compiler/identity.ts'
import type { Deck } from '../deck/model.ts'
import { cssString, identityHead } from './identity-head.ts'

const deck = (config: Partial<Deck['config']>, embedded?: Deck['embedded']): Deck => ({
  config: { title: 'T', lang: 'en', wordsPerMinute: 140, targetMinutes: 1, toleranceMinutes: 1, ...config },
  slides: [],
  html: '',
  totalSeconds: 0,
  ...(embedded ? { embedded } : {}),
})

describe('identityHead', () => {
  it('is never empty (the build cache finds it in a built page), and adds nothing without the keys', () => {
    expect(identityHead(deck({}))).toBe('<style id="deck-identity">:root {  }</style>')
  })

  it('names the author and date, sets the palette and font, and prints the marking on every paper page', () => {
    const head = identityHead(
      deck(
        {
          author: 'A. Analyst',
          date: '2026-12-07',
          marking: { text: 'TLP:AMBER', colour: '#ffc000' },
          theme: { look: 'dark', colours: { primary: '#0b3d91' }, font: 'assets/House.woff2' },
        },
        { font: 'data:font/woff2;base64,AAAA' },
      ),
    )
    expect(head).toContain('<meta name="author" content="A. Analyst" /><meta name="date" content="2026-12-07" />')
    expect(head).toContain('@font-face { font-family: "House"; src: url(data:font/woff2;base64,AAAA) format("woff2");')
    // The dark blue as given, as the dark slides' ground, and lightened for text on a dark ground (src/compiler/palette.ts).
    expect(head).toContain(
      '--theme-primary: #0b3d91; --theme-dark: #0b3d91; --theme-primary-on-dark: #809ac6; --theme-font: "House"; --marking-bg: #ffc000; --marking-ink: #000000;',
    )
    expect(head).toMatch(/@page paper \{ @top-center \{ content: "TLP:AMBER";.*\} @bottom-center \{ content: "TLP:AMBER";/)
  })

  it('keeps a marking from closing the style element, and picks legible ink', () => {
    expect(cssString('A"</style><b>')).toBe('"A\\22 \\3c /style\\3e \\3c b\\3e "')
    expect(identityHead(deck({ marking: { text: '</style><script>' } }))).not.toMatch(/<\/style><script>/)
    expect(inkOn('#ffc000')).toBe('#000000')
    expect(inkOn('#3d4452')).toBe('#ffffff')
    expect(inkOn('#fff')).toBe('#000000')
    expect(fontFamily('assets/fonts/House Sans.woff2')).toBe('House Sans')
  })
})
