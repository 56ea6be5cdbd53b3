import { describe, expect, it } from 'vitest'
import { FIGURE_KINDS } from '../figures/index.ts'
import type { FigureKind, FigureRender } from '../figures/kinds.ts'
import { compileDeck } from './deck.ts'
import { formatDiagnostic } from './diagnostics.ts'
import { pathText } from './figure-block.ts'
import type { MarkdownEnv } from './markdown.ts'

const env: MarkdownEnv = { figureKinds: FIGURE_KINDS, assetExists: () => false }
/** A slide file whose fence opens on line 5. */
const slide = (block: string, lead = '') => `---\ntitle: A figure\nlayout: figure\n---\n${lead}${block}\nNotes:\nSay it.\n`
function diagnostics(text: string, e: MarkdownEnv = env): string[] {
  return compileDeck({ files: [{ path: 'slides/01-fig.md', text }], env: e })
    .diagnostics.filter((d) => d.code !== 'pacing-range')
    .map(formatDiagnostic)
}

describe('figure blocks', () => {
  it('refuses a block of more YAML values than a figure can show, at the value past the limit, before parsing it', () => {
    const flow = Array.from({ length: 25_000 }, (_, i) => `k${i}: 1`).join(', ')
    const found = diagnostics(slide(`\`\`\`timeline\ntitle: T\nevents: [{${flow}}]\n\`\`\``))
    expect(found).toHaveLength(1)
    expect(found[0]).toMatch(/^slides\/01-fig\.md:7:\d+ error figure-invalid timeline figure: more than 5000 YAML values/)
  })

  it('locates a YAML syntax error inside the fence at its file:line:col', () => {
    expect(diagnostics(slide('```timeline\ntitle: T\nevents:\n  - { label: "A" \n  - { label: B }\n```'))).toEqual([
      expect.stringMatching(
        /^slides\/01-fig\.md:9:3 error figure-invalid timeline figure: invalid YAML: Flow map in block collection must be sufficiently indented and end with a \}/,
      ),
    ])
  })

  it('shows an unclosed quote where it opens', () => {
    expect(diagnostics(slide('```timeline\ntitle: "T\nevents: [{ label: B }]\n```'))).toEqual([
      expect.stringMatching(/^slides\/01-fig\.md:6:8 error figure-invalid timeline figure: the quoted value opened here is never closed: add the closing "/),
    ])
  })

  it('points at the exact value a kind rejects, deep in the data, and at a misspelt key with the closest valid one', () => {
    const text = slide(
      '```timeline\ntitle: Dams\nevents:\n  - { date: "1995-04", label: A }\n  - { date: "2013-13", label: B }\n  - date: 2001\n    lable: C\ntitel: x\n```',
    )
    expect(diagnostics(text)).toEqual(
      [
        'slides/01-fig.md:9:13 error figure-invalid timeline figure events[1].date: "date" "2013-13" has month 13: months run 01 to 12',
        'slides/01-fig.md:11:5 error figure-invalid timeline figure events[2].lable: unknown key "lable": did you mean "label"? Valid keys: date, label, note',
        'slides/01-fig.md:10:5 error figure-invalid timeline figure events[2]: "label" is required',
        'slides/01-fig.md:12:1 error figure-invalid timeline figure: unknown key "titel": did you mean "title"? Valid keys: title, events, datedLabel, undatedLabel, range',
      ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })),
    )
  })

  it('keeps columns right for an indented fence', () => {
    expect(diagnostics(slide('  ```chart\n  title: T\n  type: barr\n  data: { a: 1 }\n  ```'))).toEqual([
      expect.stringMatching(
        /^slides\/01-fig\.md:7:9 error figure-invalid chart figure type: "type" must be one of bar, line; got "barr" \(did you mean "bar"\?\)/,
      ),
    ])
  })

  it('asks for keys when the body is not a mapping, with an example', () => {
    expect(diagnostics(slide('```pillars\n- just\n- a list\n```'))).toEqual([
      expect.stringMatching(
        /^slides\/01-fig\.md:6:1 error figure-invalid a ```pillars block holds the figure's data as YAML keys \(title, roof, pillars, foundation\)/,
      ),
    ])
    expect(diagnostics(slide('```chart\n```'))[0]).toMatch(/^slides\/01-fig\.md:5:1 error figure-invalid a ```chart block holds/)
  })

  it('renders a valid block as a figure with its caption, records it for the fidelity check, ships no YAML', () => {
    const { deck, diagnostics: d } = compileDeck({
      files: [
        { path: 'slides/01-fig.md', text: slide('```chart\ntitle: "Dams & weirs"\nunit: dams\ndata: { "1990s": 3, "2000s": 8 }\n```', 'Intro line.\n\n') },
      ],
      env,
    })
    expect(d.filter((x) => x.severity === 'error')).toEqual([])
    const s = deck.slides[0]
    expect(s?.figures).toEqual([
      {
        name: 'chart',
        line: 7,
        alt: 'Dams & weirs. Bar chart, in dams. 1990s: 3 dams; 2000s: 8 dams.',
        claims: ['Dams & weirs', 'dams', '1990s', '3', '2000s', '8'],
      },
    ])
    expect(s?.bodyHtml).toContain('<figure class="deck-figure figure-chart"><svg xmlns="http://www.w3.org/2000/svg"')
    expect(s?.bodyHtml).toContain(
      '<div class="figure-text" aria-hidden="true">Dams &amp; weirs. Bar chart, in dams. 1990s: 3 dams; 2000s: 8 dams.</div></figure>',
    )
    expect(s?.bodyHtml).not.toMatch(/<pre|<code|unit: dams/)
    expect(s?.bodyHtml).toMatch(/id="fig-fig-1-title"/)
  })

  it('passes validated specs to the injected renderer (the cache), not the raw YAML', () => {
    const seen: unknown[] = []
    const render = (k: FigureKind<unknown>, spec: unknown, id: string): FigureRender => {
      seen.push([k.name, spec, id])
      return k.render(spec, id)
    }
    compileDeck({
      files: [{ path: 'slides/01-fig.md', text: slide('```chart\ntitle: T\ndata: [{ label: a, value: 1 }]\n```') }],
      env: { ...env, renderFigure: render },
    })
    // (The chart's validated form: categories and series, whatever form the YAML took.)
    expect(seen).toEqual([
      ['chart', { title: 'T', type: 'bar', orientation: 'vertical', stacked: false, categories: ['a'], series: [{ name: '', values: [1] }] }, 'fig-fig-1'],
    ])
  })

  it('reports warnings from a kind without failing the build', () => {
    const tall =
      '```pillars\ntitle: T\nroof: R\nfoundation: F\npillars:\n' +
      [1, 2, 3]
        .map(
          (i) =>
            `  - { name: P${i}, points: ["A long point that wraps over lines", "Another long point that wraps", "A third point here", "And a fourth one"] }`,
        )
        .join('\n') +
      '\n```'
    const { deck, diagnostics: d } = compileDeck({ files: [{ path: 'slides/01-fig.md', text: slide(tall) }], env })
    expect(d.filter((x) => x.code === 'figure-invalid').map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^slides\/01-fig\.md:10:3 warning figure-invalid pillars figure pillars: the pillars figure is \d+ px tall/),
    ])
    expect(deck.slides[0]?.figures).toHaveLength(1)
  })

  it('warns where whole-number keys would not keep the order written', () => {
    expect(diagnostics(slide('```chart\ntitle: T\ndata: { "2023": 95, "2021": 40 }\n```'))).toEqual([
      'slides/01-fig.md:7:7 warning figure-invalid chart figure: keys that are whole numbers (2023, 2021) are read in ascending order, not the order written: put them in that order, or use a list (e.g. "- { label: …, value: … }") to keep yours',
    ])
    expect(diagnostics(slide('```chart\ntitle: T\ndata: { "2021": 40, "2023": 95, total: 3 }\n```'))).toEqual([])
  })

  it('makes the old image syntax a located error with a fenced example, and draws nothing', () => {
    const text = slide('![A timeline](figure:timeline)')
    const [d] = diagnostics(text)
    expect(d).toMatch(
      /^slides\/01-fig\.md:5:1 error figure-unknown "!\[…\]\(figure:timeline\)" draws nothing: a figure is a fenced block whose language is its kind \(.*timeline.*\)/,
    )
    expect(d).toContain('\n    ```chart\n    title: "What the figure shows"\n    data: { "1990s": 3, "2000s": 8 }\n    ```\n')
    const { deck } = compileDeck({ files: [{ path: 'slides/01-fig.md', text }], env })
    expect(deck.slides[0]?.bodyHtml).not.toMatch(/<img|figure:/)
  })

  it('leaves other code fences as highlighted code', () => {
    const { deck } = compileDeck({ files: [{ path: 'slides/01-fig.md', text: slide('```yaml\ntitle: T\n```') }], env })
    expect(deck.slides[0]?.bodyHtml).toContain('<pre><code class="hljs language-yaml">')
    expect(deck.slides[0]?.figures).toEqual([])
  })

  it('writes paths the way an author reads them', () => {
    expect(pathText(['events', 2, 'date'])).toBe('events[2].date')
    expect(pathText(['data', '1990s'])).toBe('data["1990s"]')
  })
})
