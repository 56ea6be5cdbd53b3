/** deck.yaml's identity keys: author, organisation, date, marking, footer, logo, theme. */
import { describe, expect, it } from 'vitest'
import { compileDeck } from './deck.ts'
import { formatDiagnostic } from './diagnostics.ts'
import { bylineHtml, showDate } from './identity.ts'
import type { MarkdownEnv } from './markdown.ts'

const files: Record<string, Uint8Array | string> = {
  'assets/logo.svg': new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  'assets/House.woff2': new Uint8Array([119, 79, 70, 50]),
  'assets/secret.svg': "the file is a link that leads outside the deck's slides/ and assets/ folders",
}
const env: MarkdownEnv = {
  assetExists: (p) => p in files,
  readAsset: (p) => files[p] ?? 'the file does not exist',
}
const SLIDE = { path: 'slides/00-title.md', text: '---\ntitle: A\nlayout: title\n---\nSub\n\nNotes:\nSay this.\n' }
const compile = (text: string) => compileDeck({ files: [SLIDE], deckFile: { path: 'slides/deck.yaml', text }, env })
const errors = (text: string) =>
  compile(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map(formatDiagnostic)

describe('deck.yaml identity keys', () => {
  it('reads every key, the logo and font resolved from deck.yaml and embedded', () => {
    const r = compile(
      [
        'title: T',
        'author: "A. Analyst"',
        'organisation: Regional Desk',
        'date: 2026-12-07',
        'marking: { text: "TLP:AMBER", colour: "#ffc000" }',
        'footer: Prepared for the meeting',
        'logo: { file: ../assets/logo.svg, on: title }',
        'theme:',
        '  look: dark',
        '  colours: { primary: "#0b3d91", accent: "#d4351c" }',
        '  font: ../assets/House.woff2',
      ].join('\n'),
    )
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(r.deck.config).toMatchObject({
      author: 'A. Analyst',
      organisation: 'Regional Desk',
      date: '2026-12-07',
      marking: { text: 'TLP:AMBER', colour: '#ffc000' },
      footer: 'Prepared for the meeting',
      logo: { file: 'assets/logo.svg', on: 'title' },
      theme: { look: 'dark', colours: { primary: '#0b3d91', accent: '#d4351c' }, font: 'assets/House.woff2' },
    })
    expect(r.deck.embedded?.logo).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(r.deck.embedded?.font).toMatch(/^data:font\/woff2;base64,/)
  })

  it('takes the short forms: a marking as text, a logo as a path on every slide, a month', () => {
    const c = compile('marking: OFFICIAL-SENSITIVE\nlogo: ../assets/logo.svg\ndate: 2024-02\n').deck.config
    expect(c).toMatchObject({ marking: { text: 'OFFICIAL-SENSITIVE' }, logo: { file: 'assets/logo.svg', on: 'all' }, date: '2024-02' })
    expect(showDate('2026-12-07')).toBe('7 December 2026')
    expect(showDate('2024-02')).toBe('February 2024')
  })

  it('reports each bad value at its line and column, and an unknown key with the nearest name', () => {
    expect(errors('title: T\nauthr: Me\n')).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:2:1 error deck-config unknown key "authr": did you mean "author"\?/),
    ])
    expect(errors('date: 2026-02-30\n')).toEqual([expect.stringMatching(/^slides\/deck\.yaml:1:7 error deck-config "date" must be a day as YYYY-MM-DD/)])
    expect(errors('marking: { text: X, color: "#fff" }\n')).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:1:10 error deck-config "marking" must be .*unknown key "color" \(did you mean "colour"\?\)/),
    ])
    expect(errors('theme:\n  look: dim\n')).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:2:3 error deck-config "theme" must be .*"look" is light or dark/),
    ])
    expect(errors('theme: { colours: { primary: navy } }\n')).toEqual([expect.stringMatching(/"colours\.primary" is a #rrggbb colour/)])
    expect(errors('theme: { font: ../assets/House.ttf }\n')).toEqual([expect.stringMatching(/"font" is the path of a \.woff2 file/)])
  })

  it('refuses a logo the read gate refuses, or that is missing, at its value', () => {
    expect(errors('title: T\nlogo: ../assets/secret.svg\n')).toEqual([
      expect.stringMatching(
        /^slides\/deck\.yaml:2:7 error deck-config the logo "\.\.\/assets\/secret\.svg" cannot be used: the file is a link that leads outside/,
      ),
    ])
    expect(errors('logo: { file: ../assets/none.png }\n')).toEqual([expect.stringMatching(/^slides\/deck\.yaml:1:15 error .*does not exist/)])
    expect(errors('logo: ../../../etc/passwd.png\n')).toEqual([expect.stringMatching(/points outside the project/)])
    expect(errors('logo: ../assets/logo.gifx\n')).toEqual([expect.stringMatching(/is not an SVG, PNG, JPEG or WebP picture/)])
  })

  it('writes the byline from what is set, escaped', () => {
    expect(bylineHtml({ title: 'T', lang: 'en', wordsPerMinute: 140, targetMinutes: 1, toleranceMinutes: 1, author: 'A <b>', date: '2026-12-07' })).toBe(
      '<p class="deck-byline"><span>A &lt;b&gt;</span><span>As of <time datetime="2026-12-07">7 December 2026</time></span></p>',
    )
    expect(bylineHtml({ title: 'T', lang: 'en', wordsPerMinute: 140, targetMinutes: 1, toleranceMinutes: 1 })).toBe('')
  })
})
