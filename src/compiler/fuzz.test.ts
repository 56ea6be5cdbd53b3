/**
 * Property tests with hostile input of the kinds the second audit used: attribute spellings the
 * sanitiser must read as a browser does (`<img/src=…>`, no spaces, odd quoting), raw ids equal
 * to the tool's own or a slide's, huge and non-finite numbers in figures, long runs of one
 * character, control characters and hostile file names, over slide text, raw HTML, figure YAML
 * and deck.yaml. `FUZZ_RUNS=<n>` raises the runs (a long run outside CI); each case's time is
 * kept, and the slowest printed.
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { FIGURE_KINDS } from '../figures/index.ts'
import { xmlText } from '../pptx/xml-chars.ts'
import { compileDeck } from './deck.ts'
import type { MarkdownEnv } from './markdown.ts'
import type { DeckResult, SourceFile } from './types.ts'

const RUNS = Number(process.env.FUZZ_RUNS) || 20
const env: MarkdownEnv = { figureKinds: FIGURE_KINDS, assetExists: (p) => p === 'assets/photo.png' }
const slowest = { ms: 0, what: '' }
let cases = 0
afterAll(() => console.log(`fuzz: ${cases} cases, slowest ${Math.round(slowest.ms)} ms (${slowest.what})`))

/** Compile, timing the case; a throw fails the property (an unlocated crash). */
function compile(files: SourceFile[], deckFile?: SourceFile): DeckResult {
  const t = performance.now()
  const r = compileDeck({ files, env, ...(deckFile ? { deckFile } : {}) })
  const ms = performance.now() - t
  cases++
  if (ms > slowest.ms) Object.assign(slowest, { ms, what: JSON.stringify(files.map((f) => f.text.slice(0, 80))) })
  for (const d of r.diagnostics) {
    expect(d.pos.line).toBeGreaterThanOrEqual(1)
    expect(d.pos.column).toBeGreaterThanOrEqual(1)
  }
  return r
}
const slide = (body: string, path = 'slides/01-s.md', fm = 'title: T\nid: s1') => ({ path, text: `---\n${fm}\n---\n${body}\n\nNotes:\nn\n` })

const OUTSIDE = [
  '../../etc/passwd',
  '/etc/passwd',
  '../secret.txt',
  '../.git/config',
  'file:///etc/passwd',
  '%2e%2e/x.png',
  '..\\..\\x.png',
  '../slides/../../x',
]
const SEP = fc.constantFrom(' ', '/', '\t', '\n', '/ ', ' /', '\f')
const EQ = fc.constantFrom('=', ' = ', '=\n')
const QUOTE = fc.constantFrom('"', "'", '', '`')
const attr = (name: string, value: fc.Arbitrary<string>) => fc.tuple(SEP, EQ, QUOTE, value).map(([s, e, q, v]) => `${s}${name}${e}${q}${v}${q}`)

describe('hostile attribute spellings', () => {
  it('never let a raw <img> keep a src the compiler did not check', () => {
    const img = fc
      .tuple(
        fc.constantFrom('img', 'IMG', 'iMg'),
        attr('src', fc.constantFrom(...OUTSIDE)),
        fc.option(attr('alt', fc.constant('x')), { nil: '' }),
        fc.constantFrom('>', '/>', ' >'),
      )
      .map(([t, src, alt, end]) => `<${t}${src}${alt}${end}`)
    fc.assert(
      fc.property(img, (html) => {
        const out = compile([slide(`Text.\n\n${html}\n`)]).deck.html
        expect(out).not.toMatch(/<img\b[^>]*\ssrc=/i)
      }),
      { numRuns: RUNS },
    )
  })

  it('never let a raw id take a slide id or an id the tool uses', () => {
    const ids = fc.constantFrom('s1', 's2', 'deck-options', 'deck-errors', 'pptx-figure-shot', 'speaker-controls', 'read-toc-title', 'fig-1-title')
    const tag = fc.tuple(fc.constantFrom('div', 'p', 'span', 'a', 'h3', 'dl'), attr('id', ids)).map(([t, id]) => `<${t}${id}>x</${t}>`)
    fc.assert(
      fc.property(tag, (html) => {
        const out = compile([slide(`Text.\n\n${html}\n`), slide('Second.', 'slides/02-s.md', 'title: U\nid: s2')]).deck.html
        for (const id of ['s1', 's2']) expect(out.match(new RegExp(`\\sid="${id}"`, 'g'))).toHaveLength(1)
        expect(out).not.toMatch(/\sid="(deck-options|deck-errors|pptx-figure-shot|speaker-controls|read-toc-title)"/)
      }),
      { numRuns: RUNS },
    )
  })
})

describe('numbers, long tokens and names', () => {
  const number = fc.oneof(
    fc.double(),
    fc.constantFrom('.inf', '-.inf', '.nan', '1e308', '-1.7976931348623157e308', '1e15', '1e16', '5e-324', '0x7fffffff', '1_000'),
  )
  it('compiles a chart, timeline or map with any numbers to slides or located errors', () => {
    const figure = fc.oneof(
      fc.array(number, { minLength: 1, maxLength: 6 }).map((ns) => `\`\`\`chart\ntitle: T\ndata: { ${ns.map((n, i) => `v${i}: ${n}`).join(', ')} }\n\`\`\``),
      fc.tuple(number, number).map(([a, b]) => `\`\`\`map\ntitle: T\nplaces: [{ name: P, at: [${a}, ${b}] }]\n\`\`\``),
      fc.tuple(number, number).map(([a, b]) => `\`\`\`chart\ntitle: T\ntype: line\nseries: { A: { x: ${a}, y: ${b} }, B: { x: ${b}, y: ${a} } }\n\`\`\``),
      number.map((n) => `\`\`\`timeline\ntitle: T\nevents: [{ date: "${n}", label: A }, { label: B }]\n\`\`\``),
    )
    fc.assert(
      fc.property(figure, (block) => {
        compile([slide(block, 'slides/01-s.md', 'title: T\nid: s1\nlayout: figure')])
      }),
      { numRuns: RUNS },
    )
  })

  it('compiles long runs of one character, anywhere, without throwing', () => {
    const run = fc
      .tuple(fc.constantFrom('!', '*', '_', '[', ']', '`', '<', '&', '#', '|', '-', '\\', 'a', '{', ':', '~', '>'), fc.integer({ min: 1, max: 20_000 }))
      .map(([c, n]) => c.repeat(n))
    fc.assert(
      fc.property(run, fc.constantFrom('body', 'title', 'notes', 'fence'), (r, where) => {
        const file =
          where === 'title'
            ? slide('Body.', 'slides/01-s.md', `title: "${r.replace(/["\\]/g, '')}x"`)
            : where === 'notes'
              ? { path: 'slides/01-s.md', text: `---\ntitle: T\n---\nBody.\n\nNotes:\n${r}\n` }
              : slide(where === 'fence' ? `\`\`\`typescript\n${r}\n\`\`\`` : r)
        compile([file])
      }),
      { numRuns: Math.max(20, Math.round(RUNS / 3)) },
    )
  })

  it('writes any file name and any control character only escaped', () => {
    const name = fc.string({ maxLength: 30, unit: 'binary' }).map((s) => `slides/01-${s.replace(/[/\\]/g, '_')}.md`)
    const text = fc.string({ maxLength: 60, unit: 'binary' })
    fc.assert(
      fc.property(name, text, (path, t) => {
        const out = compile([slide(`${t}\n\nAnd &#1; &#x1F; too.`, path)]).deck.html
        expect(out).not.toMatch(/<(script|svg onload|img)\b/i)
      }),
      { numRuns: RUNS },
    )
  })
})

describe('deck.yaml', () => {
  it('reads any settings to a deck or located errors', () => {
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.double(), fc.integer(), fc.constantFrom('.inf', '.nan', '~', '[]', '{}', '*a', '&a x', '"\\u0001"'))
    const yaml = fc
      .dictionary(fc.constantFrom('title', 'subtitle', 'lang', 'wordsPerMinute', 'targetMinutes', 'toleranceMinutes', 'source', 'budgets', 'x'), value, {
        maxKeys: 6,
      })
      .map((d) =>
        Object.entries(d)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n'),
      )
    fc.assert(
      fc.property(yaml, (y) => {
        compile([slide('Body.')], { path: 'slides/deck.yaml', text: `${y}\n` })
      }),
      { numRuns: RUNS },
    )
  })
})

describe('PPTX text', () => {
  it('keeps no character XML 1.0 cannot hold', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (s) => {
        expect(xmlText(s).text).not.toMatch(
          /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
        )
      }),
      { numRuns: RUNS * 5 },
    )
  })
})
