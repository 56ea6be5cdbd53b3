import { describe, expect, it } from 'vitest'
import { FIGURE_KINDS } from '../figures/index.ts'
import { compileDeck } from './deck.ts'
import { formatDiagnostic } from './diagnostics.ts'
import type { MarkdownEnv } from './markdown.ts'
import type { SourceFile } from './types.ts'

const env: MarkdownEnv = {
  figureKinds: FIGURE_KINDS,
  assetExists: (p) => p === 'assets/photo.png',
}
const f = (path: string, text: string): SourceFile => ({ path: `slides/${path}`, text })
const compile = (...files: SourceFile[]) => compileDeck({ files, env })

const HISTORY = f('03-history.md', '---\ntitle: After 1991, ties warmed\nsection: History\n---\n- One point\n\nNotes:\nSay this.\n')

describe('compileDeck', () => {
  it('orders files by numeric prefix and renders sections with notes', () => {
    const { deck, diagnostics } = compile(f('10-b.md', '---\ntitle: B\n---\nx\nNotes:\nn'), f('2-a.md', '---\ntitle: A\n---\ny\nNotes:\nm'))
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(deck.slides.map((s) => s.id)).toEqual(['a', 'b'])
    expect(deck.html).toMatch(/<section id="a"[^>]*>.*<h2 class="slide-title">A<\/h2>.*<aside class="notes"><p>m<\/p>\n?<\/aside><\/section>/s)
  })

  it('sets type in titles, sections, body and notes, but not in code', () => {
    const src =
      '---\ntitle: "The article\'s \\"limits\\""\nsection: "Russia\'s stance"\n---\n"Quoted" -- and `"code"`\n\n```text\nsay "hi"\n```\n\nNotes:\nIt\'s "said"...\n'
    const { deck, diagnostics } = compile(f('01-a.md', src))
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const [slide] = deck.slides
    expect(slide?.title).toBe('The article’s “limits”')
    expect(slide?.section).toBe('Russia’s stance')
    expect(slide?.bodyHtml).toContain('“Quoted” – and <code>"code"</code>')
    expect(slide?.bodyHtml).toContain('say "hi"')
    expect(slide?.notesText).toBe('It’s “said”…')
  })

  it('keeps a stray "<" or "&" as text, with the type set around it', () => {
    const { deck, diagnostics } = compile(f('01-a.md', '---\ntitle: T\n---\nIt\'s a < b & c\n\nNotes:\n<A\nsay "so"\n'))
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const [slide] = deck.slides
    expect(slide?.bodyHtml).toContain('It’s a &lt; b &amp; c')
    expect(slide?.notesText).toBe('<A say “so”')
  })

  it('keeps notes off the slide and in the aside', () => {
    const { deck } = compile(HISTORY)
    const [slide] = deck.slides
    expect(slide?.bodyHtml).not.toContain('Say this')
    expect(slide?.notesText).toBe('Say this.')
    expect(deck.html).toContain('<aside class="notes"><p>Say this.</p>')
  })

  it('wraps a file with sub-slides in a vertical stack with ids id, id-2', () => {
    const { deck } = compile(f('04-econ.md', '---\ntitle: Econ\n---\nA\nNotes:\na\n--\n## Energy matters\nB\nNotes:\nb\n'))
    expect(deck.slides.map((s) => [s.id, s.title, s.h, s.v])).toEqual([
      ['econ', 'Econ', 0, 0],
      ['econ-2', 'Energy matters', 0, 1],
    ])
    expect(deck.html).toMatch(/^<section class="stack"[^>]*>\n<section id="econ"/)
  })

  it('highlights code at build time', () => {
    const { deck } = compile(f('01-code.md', '---\ntitle: Code\n---\n```ts\nconst x = 1\n```\nNotes:\nn'))
    expect(deck.slides[0]?.bodyHtml).toContain('<span class="hljs-keyword">const</span>')
  })

  it('computes timing from notes at the deck rate unless the frontmatter sets it', () => {
    const words = Array.from({ length: 280 }, () => 'word').join(' ')
    const { deck } = compile(f('01-a.md', `---\ntitle: A\n---\nx\nNotes:\n${words}`), f('02-b.md', '---\ntitle: B\ntiming: 42\n---\nx\nNotes:\nshort'))
    expect(deck.slides.map((s) => s.seconds)).toEqual([120, 42])
    expect(deck.html).toContain('data-timing="120"')
    expect(deck.totalSeconds).toBe(162)
  })

  it('renders figures from fenced data with their text equivalent and lists sections in the agenda', () => {
    const block = '```timeline\ntitle: "Dams came first"\nevents:\n  - { date: "1995-04", label: "Agreement signed" }\n  - { label: "Talks on data" }\n```\n'
    const { deck, diagnostics } = compile(
      f('01-agenda.md', '---\ntitle: Plan\nlayout: agenda\n---\nNotes:\nn'),
      f('02-dams.md', `---\ntitle: Dams\nsection: Geography\nlayout: figure\n---\n${block}Notes:\nn`),
    )
    expect(diagnostics.filter((d) => d.code !== 'pacing-range')).toEqual([])
    const fig = deck.slides[1]?.figures[0]
    expect(fig?.name).toBe('timeline')
    expect(fig?.line).toBe(6)
    expect(fig?.alt).toMatch(/^Dams came first\. Timeline in two lanes\. .*April 1995: Agreement signed\..*1\. Talks on data\./)
    expect(fig?.claims).toEqual(expect.arrayContaining(['Dams came first', 'Apr 1995', 'Agreement signed', 'Talks on data']))
    expect(deck.slides[1]?.bodyHtml).toMatch(
      /<figure class="deck-figure figure-timeline"><svg[\s\S]*<\/svg><div class="figure-text" aria-hidden="true">Dams came first\. Timeline[^<]*<\/div><\/figure>/,
    )
    expect(deck.slides[1]?.bodyHtml).not.toContain('<pre')
    expect(deck.html).toContain('<ol class="agenda-list"><li value="2"><a href="#/dams">Geography</a></li></ol>')
  })

  it('reports every problem at once, each located', () => {
    const { diagnostics } = compile(
      f('01-a.md', '---\ntitle: A\nlayuot: quote\n---\n![x](figure:nope)\nNotes:\nn'),
      f('02-b.md', '---\ntitle: B\nid: a\n---\n```klingon\nx\n```\n[go](#/nowhere)\nNotes:\nn'),
      f('03-c.md', '---\ntitle: [\n---\n'),
      f('04-d.md', ''),
    )
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:3:1 error meta-unknown-key unknown key "layuot": did you mean "layout"\?/),
      expect.stringMatching(/^slides\/01-a\.md:5:1 error figure-unknown "!\[…\]\(figure:nope\)" draws nothing: a figure is a fenced block/),
      expect.stringMatching(/^slides\/02-b\.md:1:1 error id-duplicate the id "a" is already used by slides\/01-a\.md:1:/),
      expect.stringMatching(/^slides\/02-b\.md:5:1 error code-lang-unknown unknown code language "klingon"/),
      expect.stringMatching(/^slides\/02-b\.md:8:1 error link-broken the link "#\/nowhere" leads to no slide/),
      expect.stringMatching(/^slides\/03-c\.md:2:\d+ error frontmatter-yaml invalid YAML/),
      expect.stringMatching(/^slides\/04-d\.md:1:1 error file-empty/),
    ])
  })

  // One 64,000-letter identifier in a typescript block took highlight.js 53 s.
  it('shows a code block too long to highlight as plain text, with a warning at its fence', () => {
    const long = 'a'.repeat(64_000)
    const { diagnostics, deck } = compile(f('01-a.md', `---\ntitle: A\n---\nText.\n\n\`\`\`typescript\nconst ${long} = 1\n\`\`\`\nNotes:\nn`))
    expect(diagnostics.map(formatDiagnostic)).toContainEqual(
      expect.stringMatching(/^slides\/01-a\.md:6:1 warning code-unhighlighted this typescript block has a line over 1000 characters/),
    )
    expect(deck.html).toContain(`const ${long} = 1`)
    expect(deck.html).not.toMatch(/hljs-keyword">const/)
  })

  it('checks local images: present, missing, outside the project', () => {
    const { diagnostics, deck } = compile(
      f('01-a.md', '---\ntitle: A\n---\n![photo](../assets/photo.png)\n![gone](../assets/gone.png)\n![up](../../etc/passwd)\nNotes:\nn'),
    )
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.pos.line])).toEqual([
      ['asset-missing', 5],
      ['asset-outside', 6],
    ])
    expect(deck.slides[0]?.bodyHtml).toContain('src="./assets/photo.png"')
  })

  it('warns about slides without notes and a talk outside its target length', () => {
    const { diagnostics } = compile(f('01-a.md', '---\ntitle: A\n---\nbody only'))
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'notes-missing'],
      ['warning', 'pacing-range'],
    ])
  })

  it('reads deck.yaml settings and reports its errors at their lines', () => {
    const deckFile = { path: 'slides/deck.yaml', text: 'title: T\nwordsPerMinute: 70\ntargetMinutez: 3\n' }
    const { deck, diagnostics } = compileDeck({ files: [HISTORY], deckFile, env })
    expect(deck.config).toMatchObject({ title: 'T', wordsPerMinute: 70 })
    expect(diagnostics.find((d) => d.severity === 'error')).toMatchObject({ code: 'deck-config', pos: { file: 'slides/deck.yaml', line: 3, column: 1 } })
  })

  it('refuses a second YAML document in deck.yaml at its line, rather than dropping the keys after it', () => {
    const deckFile = f('deck.yaml', 'title: A deck\n---\nwordsPerMinute: 90\n')
    const { diagnostics } = compileDeck({ files: [HISTORY], deckFile, env })
    const errors = diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^slides\/deck\.yaml:2:1 error deck-config deck\.yaml holds one YAML document.*remove the line$/),
    ])
  })
})
