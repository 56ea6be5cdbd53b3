/**
 * Layouts analysts use, end to end through the compiler: columns (`|||`), builds, quote
 * attributions, big number, section divider, sparse slides, and a sub-slide's own
 * `{layout=… .class build}` marker with located errors.
 */
import { describe, expect, it } from 'vitest'
import { compileDeck } from './deck.ts'
import { formatDiagnostic } from './diagnostics.ts'
import type { MarkdownEnv } from './markdown.ts'
import { withAttributions, withBuilds } from './render.ts'
import { validatePartAttrs } from './schema.ts'
import { splitParts } from './split.ts'

const env: MarkdownEnv = { assetExists: (p) => p === 'assets/photo.png' }
const compile = (text: string) => {
  const r = compileDeck({ files: [{ path: 'slides/01-a.md', text }], env })
  return { slides: r.deck.slides, html: r.deck.html, errors: r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) }
}

describe('builds', () => {
  it('makes each top-level list item a fragment, not the nested ones', () => {
    expect(withBuilds('<ul>\n<li>a<ul>\n<li>n</li>\n</ul>\n</li>\n<li class="x">b</li>\n</ul><ol><li>c</li></ol>')).toBe(
      '<ul>\n<li class="fragment">a<ul>\n<li>n</li>\n</ul>\n</li>\n<li class="x fragment">b</li>\n</ul><ol><li class="fragment">c</li></ol>',
    )
  })

  // `$&` in a class once expanded to the whole match: class words became attributes (an onmouseover ran).
  it("keeps $ patterns in a list item's class literal", () => {
    expect(withBuilds('<ul><li class="a $& $` onmouseover=x">b</li></ul>')).toBe('<ul><li class="a $& $` onmouseover=x fragment">b</li></ul>')
  })

  it('"build: true" in the frontmatter builds every slide of the file; a sub-slide may opt out', () => {
    const { slides, errors } = compile(
      '---\ntitle: T\nbuild: true\n---\n- a\n- b\n\nNotes:\nn\n--\n## Sub {build=false}\n\n- c\n\nNotes:\nn\n--\n## Third\n\n- d\n\nNotes:\nn\n',
    )
    expect(errors).toEqual([])
    expect(slides.map((s) => (s.bodyHtml.match(/class="fragment"/g) ?? []).length)).toEqual([2, 0, 1])
  })

  it('a sub-slide turns builds on with {build}', () => {
    const { slides } = compile('---\ntitle: T\n---\n- a\n\nNotes:\nn\n--\n## Sub {build}\n\n- b\n- c\n\nNotes:\nn\n')
    expect(slides[0]?.bodyHtml).not.toContain('fragment')
    expect(slides[1]?.bodyHtml).toContain('<li class="fragment">b</li>')
  })

  it('"build" must be true or false', () => {
    expect(compile('---\ntitle: T\nbuild: yes please\n---\nx\n\nNotes:\nn\n').errors).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:3:8 error meta-invalid "build" must be true or false/),
    ])
  })
})

describe('columns', () => {
  it('a "|||" line splits the body into side-by-side columns; not inside code', () => {
    const { slides, errors } = compile('---\ntitle: T\n---\n- left\n\n|||\n\n![A photo](../assets/photo.png)\n\n```text\n|||\n```\n\nNotes:\nn\n')
    expect(errors).toEqual([])
    const html = slides[0]?.bodyHtml ?? ''
    expect(html).toMatch(
      /^<div class="columns"><div class="column"><ul>\n<li>left<\/li>\n<\/ul>\n<\/div><div class="column"><p class="deck-image"><img src="\.\/assets\/photo\.png"[^>]*><\/p>\n<pre>/,
    )
    expect(html.match(/class="column"/g)).toHaveLength(2)
  })

  it('an empty column ("|||" first, last or twice) is left out, with a warning at that line', () => {
    const run = (body: string) => {
      const r = compileDeck({ files: [{ path: 'slides/01-a.md', text: `---\ntitle: T\n---\n${body}\nNotes:\nn\n` }], env })
      return { html: r.deck.slides[0]?.bodyHtml ?? '', warnings: r.diagnostics.filter((d) => d.code === 'column-empty').map(formatDiagnostic) }
    }
    // A stranger's first try: "|||" opening the body. Two columns were meant, not three.
    const first = run('|||\n- left\n|||\n> Quote.\n')
    expect(first.html.match(/class="column"/g)).toHaveLength(2)
    expect(first.html).toMatch(/^<div class="columns"><div class="column"><ul>/)
    expect(first.warnings).toEqual([
      expect.stringMatching(
        /^slides\/01-a\.md:4:1 warning column-empty this "\|\|\|" line before the first column makes an empty column, left out: a "\|\|\|" line goes between two columns; remove this one$/,
      ),
    ])
    // Twice in a row, and last: each named at its own line.
    const twice = run('left\n|||\n|||\nright\n|||\n')
    expect(twice.html.match(/class="column"/g)).toHaveLength(2)
    expect(twice.warnings).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:6:1 warning column-empty this "\|\|\|" line right after another/),
      expect.stringMatching(/^slides\/01-a\.md:8:1 warning column-empty this "\|\|\|" line after the last column/),
    ])
    // One column left: no columns at all.
    const alone = run('|||\nonly\n')
    expect(alone.html).toBe('<p>only</p>\n')
  })

  it('errors inside a column keep their file line', () => {
    expect(compile('---\ntitle: T\n---\nleft\n|||\nright\n\n![Gone](../assets/gone.png)\n\nNotes:\nn\n').errors).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:8:1 error asset-missing the image "\.\.\/assets\/gone\.png"/),
    ])
  })
})

describe('quotes with an attribution', () => {
  it('a dash line after the quote, or inside it at its end, becomes its caption', () => {
    const figure = '<div class="quote"><blockquote><p>Words.</p></blockquote><p class="attribution">— A. Name, role</p></div>'
    expect(withAttributions('<blockquote>\n<p>Words.</p>\n</blockquote>\n<p>— A. Name, role</p>\n')).toBe(`${figure}\n`)
    expect(withAttributions('<blockquote>\n<p>Words.</p>\n<p>— A. Name, role</p>\n</blockquote>\n')).toBe(`${figure}\n`)
    expect(withAttributions('<blockquote>\n<p>Words.</p>\n</blockquote>\n<p>Not an attribution</p>')).toBe(
      '<blockquote>\n<p>Words.</p>\n</blockquote>\n<p>Not an attribution</p>',
    )
  })

  it('in a slide, "---" and "--" are typeset as dashes first', () => {
    const { slides } = compile('---\ntitle: T\nlayout: quote\n---\n> Words.\n\n--- A. Name\n\nNotes:\nn\n')
    expect(slides[0]?.bodyHtml).toContain('<p class="attribution">— A. Name</p>')
    // The quote and its attribution are the slide's text: counted, and read by the fidelity check.
    expect(slides[0]?.bodyWords).toBe(3)
  })
})

describe('layouts', () => {
  it('section and big-number are layouts; a section divider is dark', () => {
    const { html, errors } = compile(
      '---\ntitle: Part two\nlayout: section\n---\nNotes:\nn\n--\n## Ninety {layout=big-number}\n\n90 %\n\nof goods\n\nNotes:\nn\n',
    )
    expect(errors).toEqual([])
    expect(html).toMatch(/<section id="a" class="slide layout-section"[^>]*data-background-color="#14263d"/)
    expect(html).toMatch(/<section id="a-2" class="slide layout-big-number"/)
  })

  it('a sub-slide sets its own layout and classes; the file class stays on every slide', () => {
    const { html } = compile('---\ntitle: T\nclass: wide\n---\nx\n\nNotes:\nn\n--\n## Said {layout=quote .tinted .big}\n\n> y\n\nNotes:\nn\n')
    expect(html).toMatch(/<section id="a" class="slide layout-bullets[^"]* wide"/)
    expect(html).toMatch(/<section id="a-2" class="slide layout-quote[^"]* wide tinted big"[^>]*>.*<h2 class="slide-title">Said<\/h2>/s)
  })

  it('reports a bad layout, class or key in the marker at its own column', () => {
    const { errors } = compile('---\ntitle: T\n---\nx\n\nNotes:\nn\n--\n## Said {layout=qoute .9x colour=red}\n\ny\n\nNotes:\nn\n')
    expect(errors).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:9:10 error meta-invalid "layout" must be one of title, .*; got "qoute" \(did you mean "quote"\?\)/),
      expect.stringMatching(/^slides\/01-a\.md:9:23 error meta-invalid "\.9x" is not a CSS class name/),
      expect.stringMatching(/^slides\/01-a\.md:9:27 error meta-unknown-key unknown key "colour" in the sub-slide's \{…\} marker/),
    ])
  })

  it('a few bullets, a short quote or a small table is sparse (set larger); a full slide is not', () => {
    const few = compile('---\ntitle: T\n---\n- one\n- two\n- three\n\nNotes:\nn\n').html
    const full = compile(`---\ntitle: T\n---\n${'- a point with several words in it\n'.repeat(5)}\nNotes:\nn\n`).html
    const table = compile('---\ntitle: T\n---\n| Year | Count |\n| --- | --- |\n| 2001 | 3 |\n\nNotes:\nn\n').html
    expect(few).toMatch(/class="slide layout-bullets is-sparse"/)
    expect(table).toMatch(/class="slide layout-bullets is-sparse"/)
    expect(full).not.toContain('is-sparse')
  })
})

describe('the sub-slide marker, as split and validated', () => {
  it('is cut from the heading with the position of its text', () => {
    const { parts } = splitParts({ text: 'A\n--\n## Point here {layout=quote}\nB', start: { file: 'slides/02-a.md', line: 4, column: 1 } })
    expect(parts[1]?.title).toBe('Point here')
    expect(parts[1]?.attrs).toEqual({ text: 'layout=quote', pos: { file: 'slides/02-a.md', line: 6, column: 16 } })
  })

  it('a heading that is only braces is a title, not a marker', () => {
    const { parts } = splitParts({ text: 'A\n--\n## {x}\nB', start: { file: 'slides/02-a.md', line: 1, column: 1 } })
    expect(parts[1]?.title).toBe('{x}')
    expect(parts[1]?.attrs).toBeUndefined()
  })

  it('a sub-slide takes its own deep-link id with #id; a bad or duplicate id is an error', () => {
    const ok = compile('---\ntitle: T\n---\nx\n\nNotes:\nn\n--\n## Said {#the-words .x}\n\ny\n\nNotes:\nn\n')
    expect(ok.errors).toEqual([])
    expect(ok.slides.map((s) => s.id)).toEqual(['a', 'the-words'])
    expect(ok.html).toMatch(/<section id="the-words" class="slide layout-bullets[^"]* x"/)
    const bad = compile('---\ntitle: T\n---\nx\n\nNotes:\nn\n--\n## Said {#Bad_Id}\n\ny\n\nNotes:\nn\n--\n## Again {#a}\n\nz\n\nNotes:\nn\n')
    expect(bad.errors).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:9:10 error meta-invalid "#Bad_Id" is not a slide id: use lower-case letters, digits and dashes/),
      expect.stringMatching(/^slides\/01-a\.md:15:1 error id-duplicate the id "a" is already used by slides\/01-a\.md:1/),
    ])
  })

  it('reads quoted values and bare build', () => {
    expect(validatePartAttrs({ text: 'layout="big-number" build .a', pos: { file: 'f', line: 1, column: 1 } }).options).toEqual({
      layout: 'big-number',
      build: true,
      class: 'a',
    })
  })
})
