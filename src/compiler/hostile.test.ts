/**
 * Hostile and arbitrary input to the pure compiler (`compileDeck`, in-memory files):
 * property-based tests (fast-check) that it never throws, keeps notes off the slides and
 * never emits markup the sanitiser's allowlist forbids; pathological Markdown up to the file
 * size limit in bounded time; raw HTML that gets removed is reported, located.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { FIGURE_KINDS } from '../figures/index.ts'
import { compileDeck } from './deck.ts'
import { MAX_FILE_BYTES } from './load.ts'
import type { MarkdownEnv } from './markdown.ts'
import { MAX_NESTING } from './nesting.ts'
import { ALLOWED_TAGS } from './sanitize.ts'
import type { Diagnostic, DiagnosticCode, SourceFile } from './types.ts'

const env: MarkdownEnv = {
  figureKinds: FIGURE_KINDS,
  assetExists: (p) => p === 'assets/photo.png',
}

const CODES: readonly DiagnosticCode[] = [
  'file-encoding',
  'file-too-large',
  'file-empty',
  'frontmatter-missing',
  'frontmatter-unclosed',
  'frontmatter-yaml',
  'meta-unknown-key',
  'meta-invalid',
  'meta-missing',
  'id-duplicate',
  'notes-duplicate',
  'notes-missing',
  'subslide-title-missing',
  'fence-unclosed',
  'code-lang-unknown',
  'code-unhighlighted',
  'file-refused',
  'asset-missing',
  'asset-outside',
  'figure-unknown',
  'link-broken',
  'html-removed',
  'html-id-renamed',
  'markdown-too-deep',
  'markdown-too-complex',
  'deck-config',
  'pacing-range',
  'figure-invalid',
]

/** Markdown and HTML pieces authors (and pasted pages) produce, including hostile ones. */
const FRAGMENTS = [
  '# Heading',
  '## Sub heading',
  '- item',
  '  - nested',
  '1. first',
  '> quote',
  '---',
  '--',
  '***',
  '***bold*** _em_',
  '```',
  '```ts',
  '```klingon',
  '~~~',
  '    indented code',
  'Notes:',
  'Note:',
  'notes:',
  '| a | b |',
  '|---|---|',
  '[link](#/history)',
  '[ext](https://example.org)',
  '[js](javascript:alert(1))',
  '[js2](JaVaScRiPt:alert(1))',
  '![photo](../assets/photo.png)',
  '![gone](gone.png)',
  '![map](figure:map)',
  '![x](figure:nope)',
  '![r](https://e.com/a.png)',
  '<script>alert(1)</script>',
  '<script src="https://e.com/x.js"></script>',
  '<iframe src="https://e.com"></iframe>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">a</a>',
  '<a href="jav&#x61;script:alert(1)">b</a>',
  '<a href=" javascript:alert(1)">c</a>',
  '<a href="//evil.example">d</a>',
  '<p onclick="x()" style="color:red">p</p>',
  '<object data="x"></object>',
  '<embed src="x">',
  '<form action="x"><input></form>',
  '<base href="https://e.com/">',
  '<meta http-equiv="refresh" content="0;url=https://e.com">',
  '<link rel="stylesheet" href="https://e.com/x.css">',
  '<style>body{}</style>',
  '<div class="x" data-y="1">div</div>',
  '<details><summary>s</summary>d</details>',
  '<!-- comment',
  '-->',
  '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
  '<a href="data:text/html,<script>alert(1)</script>">e</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><script>alert(1)</script></svg>',
  '&lt;script&gt;',
  '`<script>`',
  '<javascript:alert(1)>',
  '<https://example.org>',
  'plain text',
  '',
  '   ',
  '\t',
  'Ünïcödé ✓ 🙂',
  // Figure blocks and the YAML that goes in them, broken or not.
  '```timeline',
  '```chart',
  '```pillars',
  '```map',
  'title: "A figure <script>alert(1)</script>"',
  'title: [',
  'title: "unclosed',
  'events: [{ date: "1995-04", label: A }, { label: B }]',
  'events: [{ date: "2013-13", lable: A }]',
  '  - { label: "x", note: "<b>y</b>" }',
  'type: barr',
  'data: { "2021": 40, "2019": 3, a: x }',
  'data: [{ label: a, value: 1 }]',
  'roof: R',
  'foundation: F',
  'pillars: [{ name: A, points: ["x"] }]',
  'countries: [Laoss, 12]',
  'places: [{ name: P, at: [500, 95] }]',
  '&a [1]',
  'b: *a',
  'b: *none',
  '? [a]',
]

const line = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) })
const body = fc.array(line, { maxLength: 25 }).map((ls) => ls.join('\n'))

const KEYS = ['title', 'id', 'section', 'layout', 'class', 'timing', 'titel', 'layuot', 'x']
const value = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('quote', 'figure', 'agenda', 'history', 'a b', '<script>alert(1)</script>', '" onload="x'),
  fc.integer({ min: -5, max: 4000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
)
const yamlBlock = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }).map((d) => stringify(d)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
)
const slideFile = fc.record({
  frontmatter: fc.oneof(
    { weight: 6, arbitrary: yamlBlock.map((y) => `---\n${y}---\n`) },
    { weight: 1, arbitrary: fc.constantFrom('', '---\n', 'no frontmatter\n') },
  ),
  body,
})

const filesArb = fc
  .array(slideFile, { minLength: 1, maxLength: 4 })
  .map((fs) => fs.map((f, i): SourceFile => ({ path: `slides/0${i}-s${i}.md`, text: `${f.frontmatter}${f.body}\n` })))

function expectLocated(d: Diagnostic, files: readonly SourceFile[]): void {
  expect(CODES).toContain(d.code)
  expect(['error', 'warning']).toContain(d.severity)
  expect(d.message.length).toBeGreaterThan(10)
  const file = files.find((f) => f.path === d.pos.file)
  if (d.code !== 'pacing-range') expect(file, `${d.pos.file} is one of the inputs`).toBeDefined()
  expect(d.pos.line).toBeGreaterThanOrEqual(1)
  expect(d.pos.column).toBeGreaterThanOrEqual(1)
  if (file) expect(d.pos.line).toBeLessThanOrEqual(file.text.split('\n').length + 1)
}

/** Tags the deck may contain: the sanitiser's allowlist, plus the compiler's own wrappers and the test figure. */
const TAGS = new Set<string>([...ALLOWED_TAGS, 'section', 'aside', 'h1', 'h2', 'svg', 'title', 'desc', 'g', 'path', 'rect', 'circle', 'line', 'text', 'tspan'])
const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

/** Every tag in `html` (text has its `<` escaped, so each `<` starts a real tag): allowed name, no handler, no script URL. */
function forbiddenMarkup(html: string): string[] {
  const problems: string[] = []
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [tag, name = '', attrs = ''] = m
    if (!TAGS.has(name.toLowerCase())) problems.push(`tag ${tag}`)
    for (const a of attrs.matchAll(/([^\s="']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const attr = (a[1] ?? '').toLowerCase()
      const v = decode(a[2] ?? a[3] ?? a[4] ?? '')
        .replace(/[\s\u0000-\u001f]/g, '')
        .toLowerCase()
      if (attr.startsWith('on')) problems.push(`handler ${attr} in ${tag}`)
      if (attr === 'style') problems.push(`style in ${tag}`)
      if (['href', 'src', 'xlink:href', 'action', 'formaction', 'data'].includes(attr) && /^(javascript|vbscript|data|file):|^\/\//.test(v))
        problems.push(`url ${attr}=${v} in ${tag}`)
    }
  }
  return problems
}

/** CommonMark fences, as a test oracle: is a code block still open after these lines? */
function openFenceAfter(lines: readonly string[]): boolean {
  let open: { char: string; len: number } | null = null
  for (const l of lines.join('\n').split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(l)
    if (!m?.[1]) continue
    const fence = m[1]
    const info = m[2] ?? ''
    if (open) {
      if (fence[0] === open.char && fence.length >= open.len && info.trim() === '') open = null
    } else if (!(fence[0] === '`' && info.includes('`'))) open = { char: fence[0] ?? '`', len: fence.length }
  }
  return open !== null
}

describe('compileDeck on arbitrary input (fast-check)', () => {
  it('returns slides or located diagnostics, and never throws', () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        const r = compileDeck({ files, env })
        for (const d of r.diagnostics) expectLocated(d, files)
        if (!r.diagnostics.some((d) => d.severity === 'error')) expect(r.deck.slides.length).toBeGreaterThan(0)
      }),
      { numRuns: 300 },
    )
  })

  it('never lets notes text onto a slide', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 15 }), fc.array(line, { maxLength: 8 }), fc.nat(999), (content, notes, n) => {
        const secret = `Notesecret${n}x`
        const text = `---\ntitle: Title\n---\n${content.join('\n')}\nNotes:\n${notes.join('\n')}\nSay ${secret} aloud.\n`
        // A "Notes:" line inside fenced code is code, not the marker (README): then there are no notes.
        if (openFenceAfter(content)) return
        // A `--` line in the notes ends them: what follows is the next sub-slide's body (README),
        // found by a run that drew ["--", "## Sub heading"] as the notes.
        if (notes.some((l) => /^--[ \t]*$/.test(l))) return
        const r = compileDeck({ files: [{ path: 'slides/01-a.md', text }], env })
        if (r.diagnostics.some((d) => d.severity === 'error')) return
        for (const s of r.deck.slides) expect(s.bodyHtml).not.toContain(secret)
        const sections = r.deck.html.replace(/<aside class="notes">[\s\S]*?<\/aside>/g, '')
        expect(sections).not.toContain(secret)
        // Notes may lose text only to something the author is told about (e.g. an unclosed "<!--").
        const kept = r.deck.slides.some((s) => s.notesText.includes(secret))
        if (!kept) expect(r.diagnostics.some((d) => d.code === 'html-removed' && d.pos.line > 3)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('never emits markup the allowlist forbids (<script>, on* handlers, javascript: URLs, <iframe>, styles)', () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        const { deck } = compileDeck({ files, env })
        expect(forbiddenMarkup(deck.html)).toEqual([])
        expect(deck.html).not.toMatch(/<\s*(script|iframe|object|embed|form|base|meta|link|style)\b/i)
      }),
      { numRuns: 300 },
    )
  })

  it('the forbidden-markup check itself catches what it must', () => {
    expect(forbiddenMarkup('<p onclick="x()">a</p><script>1</script><a href=" jav&#x61;script:x">b</a><iframe src="x"></iframe>')).toEqual([
      'handler onclick in <p onclick="x()">',
      'tag <script>',
      'url href=javascript:x in <a href=" jav&#x61;script:x">',
      'tag <iframe src="x">',
    ])
  })
})

describe('raw HTML that the sanitiser removes', () => {
  it('is reported as an html-removed warning at its line and column', () => {
    const text =
      '---\ntitle: T\n---\nText <span onmouseover="x()">hover</span> here.\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) ![remote](https://e.com/a.png)\n\nNotes:\nn <img src=x onerror=alert(1)>\n'
    const { diagnostics, deck } = compileDeck({ files: [{ path: 'slides/01-a.md', text }], env })
    expect(diagnostics.filter((d) => d.code === 'html-removed').map((d) => [d.severity, d.pos.line, d.pos.column, d.message])).toEqual([
      ['warning', 4, 6, expect.stringMatching(/^raw HTML outside the allowlist was removed from the slide: onmouseover on <span>\. .*README "Raw HTML"/)],
      ['warning', 6, 1, expect.stringMatching(/removed from the slide: <script>\./)],
      ['warning', 8, 1, expect.stringMatching(/^the link target "javascript:alert\(1\)" was removed/)],
      ['warning', 8, 28, expect.stringMatching(/^the image "https:\/\/e\.com\/a\.png" was removed: the deck must work offline/)],
      ['warning', 11, 3, expect.stringMatching(/onerror on <img>/)],
    ])
    expect(deck.html).not.toMatch(/onmouseover|<script|javascript:|onerror|e\.com/)
  })

  it('stays quiet for allowed HTML', () => {
    const text =
      '---\ntitle: T\n---\n<div class="callout" data-fragment-index="1"><a href="https://example.org">ok</a> <abbr title="x">X</abbr></div>\n\nNotes:\nn\n'
    expect(compileDeck({ files: [{ path: 'slides/01-a.md', text }], env }).diagnostics.filter((d) => d.code === 'html-removed')).toEqual([])
  })
})

describe('pathological Markdown up to the file size limit', () => {
  const N = MAX_FILE_BYTES - 1000
  const CASES: [string, string][] = [
    ['lists nested by indentation', Array.from({ length: 480 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')],
    ['lists nested on one line', '1. '.repeat(N / 3)],
    ['quotes nested on one line', '> '.repeat(N / 2)],
    ['one very long line', 'word '.repeat(N / 5)],
    ['emphasis delimiters', '**_'.repeat(N / 3)],
    ['unclosed brackets and parens', `${'['.repeat(N / 4)}${'[a]('.repeat(N / 16)}`],
    ['backticks', '`a'.repeat(N / 2)],
    ['a long table', `|a|b|\n|-|-|\n${'|x|y|\n'.repeat(N / 6)}`],
    ['many links', '[x](#/a) '.repeat(N / 9)],
    ['unclosed tags', '<span a="'.repeat(N / 9)],
    ['many notes markers', 'Notes:\n'.repeat(N / 7)],
    // The audit's cases: 95 s, 14.5 s and a stack overflow before the marker limit.
    ['underscore emphasis', '_a'.repeat(N / 2)],
    ['comment openers', '<!--'.repeat(N / 4)],
    ['quotes without spaces, then prose', `${'>'.repeat(1700)} x\n${'word '.repeat((N - 2000) / 5)}`],
    ['nested divs', `${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}`],
  ]
  it.each(CASES)('%s: located result within a few seconds', (_name, md) => {
    const text = `---\ntitle: T\n---\n${md}\nNotes:\nn\n`
    expect(text.length).toBeLessThanOrEqual(MAX_FILE_BYTES)
    // CPU time, not wall time: a loaded machine stretches the wall clock many times over (load 27
    // on two cores made a 3 s case take 30 s), but not the work done.
    const started = process.cpuUsage()
    const r = compileDeck({ files: [{ path: 'slides/01-a.md', text }], env })
    const { user, system } = process.cpuUsage(started)
    const ms = (user + system) / 1000
    console.log(`${_name}: ${text.length} bytes compiled in ${Math.round(ms)} ms of CPU`)
    for (const d of r.diagnostics.slice(0, 50)) expectLocated(d, [{ path: 'slides/01-a.md', text }])
    // Measured 0.1–3 s each on an idle two-core machine (the audit's cases took 95 s before the limits).
    expect(ms).toBeLessThan(15_000)
  })

  it.each([
    ['underscore emphasis', '_a'.repeat(N / 2), 'markdown-too-complex', 4],
    ['comment openers', '<!--'.repeat(N / 4), 'markdown-too-complex', 4],
    // Three pipes a line: the 667th line (line 670 of the file) takes them past 2,000.
    ['a long table', `|a|b|\n|-|-|\n${'|x|y|\n'.repeat(N / 6)}`, 'markdown-too-complex', 670],
    ['quotes without spaces', `${'>'.repeat(1700)} x\n${'word '.repeat(1000)}`, 'markdown-too-deep', 4],
    ['nested divs', `${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}`, 'markdown-too-complex', 4],
    // Forty sub-slides of 1,990 markers each: each under any per-slide limit, the file far over.
    ['sixty sub-slides', Array.from({ length: 60 }, (_, i) => `${i ? `--\n## Part ${i}\n\n` : ''}x\n`).join('\n'), 'markdown-too-complex', 6 + 5 * 49],
    [
      'markers spread over sub-slides',
      Array.from({ length: 40 }, (_, i) => `${i ? `--\n## Part ${i}\n\n` : ''}${'*a'.repeat(1990)}\n`).join('\n'),
      'markdown-too-complex',
      9,
    ],
  ] as const)('%s: refused before rendering, at the line that crosses the limit', (_name, md, code, line) => {
    const r = compileDeck({ files: [{ path: 'slides/01-a.md', text: `---\ntitle: T\n---\n${md}\nNotes:\nn\n` }], env })
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({ code, pos: expect.objectContaining({ line }) })])
  })

  it.each([
    // 80 000 markers on line 6.
    ['markers on one line', `${'> - '.repeat(40_000)}x`, 6, 80_000],
    // Line 6 + i is indented 2i columns and starts a list item: i = 10 is the first at 11 levels.
    ['indentation', Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), 16, 11],
  ])('nesting beyond the limit (%s) is a located markdown-too-deep error, and fenced code is exempt', (_name, md, line, depth) => {
    const text = `---\ntitle: T\n---\nIntro\n\n${md}\n\n\`\`\`text\n${' '.repeat(400)}- deep inside code\n\`\`\`\n\nNotes:\nn\n`
    // CPU time (see above): refused quickly, whatever the machine's load.
    const started = process.cpuUsage()
    const r = compileDeck({ files: [{ path: 'slides/01-a.md', text }], env })
    const { user, system } = process.cpuUsage(started)
    expect((user + system) / 1000).toBeLessThan(3000)
    const deep = r.diagnostics.filter((d) => d.code === 'markdown-too-deep')
    expect(deep).toHaveLength(1)
    expect(deep[0]).toMatchObject({ severity: 'error', pos: { file: 'slides/01-a.md', line, column: 1 } })
    expect(deep[0]?.message).toContain(`${depth} levels deep, over the limit of ${MAX_NESTING}`)
  })

  it('ordinary nesting (a few levels, code indented in fences) passes', () => {
    const text = `---\ntitle: T\n---\n- a\n  - b\n    - c\n      > d\n\n\`\`\`\n${' '.repeat(300)}x\n\`\`\`\n\nNotes:\nn\n`
    expect(compileDeck({ files: [{ path: 'slides/01-a.md', text }], env }).diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })
})
