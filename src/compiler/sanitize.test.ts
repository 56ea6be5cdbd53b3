import { describe, expect, it } from 'vitest'
import { compileDeck } from './deck.ts'
import { removedByAllowlist, sanitize } from './sanitize.ts'

describe('sanitize', () => {
  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<p onclick="x()">t</p>', '<p>t</p>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<iframe src="https://e.com"></iframe>', ''],
    ['<img src="data:image/png;base64,AAA" alt="a">', '<img alt="a" />'],
    ['<a href="//evil.example/x">x</a>', '<a>x</a>'],
    ['<style>body{}</style>', ''],
  ])('removes what the allowlist forbids: %s', (input, out) => {
    expect(sanitize(input)).toBe(out)
  })

  it('marks external links noopener noreferrer and keeps internal links as they are', () => {
    expect(sanitize('<a href="https://example.org">x</a>')).toBe('<a href="https://example.org" target="_blank" rel="noopener noreferrer">x</a>')
    expect(sanitize('<a href="#/history" target="_top">x</a>')).toBe('<a href="#/history">x</a>')
  })

  it('keeps highlight.js spans and classes', () => {
    const code = '<pre><code class="hljs language-ts"><span class="hljs-keyword">const</span></code></pre>'
    expect(sanitize(code)).toBe(code)
  })
})

describe('removedByAllowlist', () => {
  it.each([
    ['<script>alert(1)</script>', ['<script>']],
    ['<p onclick="x()">t</p>', ['onclick on <p>']],
    ['<a href="javascript:alert(1)">x</a>', ['href="javascript:alert(1)" on <a>']],
    ['<iframe src="https://e.com"></iframe>', ['<iframe>']],
    ['<img src="https://e.com/x.png" alt="a">', ['src="https://e.com/x.png" on <img>']],
    ['<input type="text">', ['<input type="text">']],
    // reveal's speaker view writes data-notes into innerHTML; data-src and data-background-* load URLs.
    ['<span class="fragment" data-notes="&lt;img src=x onerror=alert(1)&gt;">t</span>', ['data-notes on <span>']],
    ['<img data-src="http://example.org/x.png" alt="a">', ['data-src on <img>']],
    ['<div data-background-image="https://example.org/x.png">t</div>', ['data-background-image on <div>']],
    ['<a data-preview-link href="#/x">t</a>', ['data-preview-link on <a>']],
    ['<span data-slot="0">t</span>', ['data-slot on <span>']],
  ])('names what sanitize removes from %s', (html, named) => {
    expect(removedByAllowlist(html)).toEqual(named)
    expect(sanitize(html)).not.toBe(html)
  })

  it.each([
    '<span class="x" data-fragment-index="2" aria-label="y">ok</span>',
    '<li class="fragment" data-fragment-index="1">ok</li>',
    '<a href="https://example.org">x</a>',
    '<a href="mailto:a@example.org">x</a>',
    '<a href="#/history">x</a>',
    '<img src="assets/a.png" alt="a">',
    '<input type="checkbox" checked>',
  ])('finds nothing to report in allowed HTML: %s', (html) => {
    expect(removedByAllowlist(html)).toEqual([])
  })
})

describe('raw ids', () => {
  it.each([
    ['<div id="pptx-figure-shot">x</div>', '<div id="u_pptx-figure-shot">x</div>'],
    ['<p/id="opening">x</p>', '<p id="u_opening">x</p>'],
    ["<span id='deck-options'title=x>x</span>", '<span id="u_deck-options" title="x">x</span>'],
    ['<a id=top href="#top">up</a>', '<a id="u_top" href="#u_top">up</a>'],
    ['<a href="#/closing">slide</a>', '<a href="#/closing">slide</a>'],
    ['<div role="note" aria-labelledby="a b">x</div>', '<div role="note" aria-labelledby="u_a u_b">x</div>'],
  ])('namespaces %s so it cannot be a slide id or one of the tool’s', (html, out) => {
    expect(sanitize(html)).toBe(out)
  })

  it('warns at the raw HTML’s line, naming the new id', () => {
    const text = '---\ntitle: T\n---\nText.\n\n<div id="deck-options">x</div>\n\nNotes:\nn\n'
    const found = compileDeck({ files: [{ path: 'slides/01-a.md', text }], env: { figureKinds: new Map(), assetExists: () => false } }).diagnostics.filter(
      (d) => d.code === 'html-id-renamed',
    )
    expect(found.map((d) => [d.severity, d.pos.line])).toEqual([['warning', 6]])
    expect(found[0]?.message).toContain('id="deck-options" is written id="u_deck-options"')
  })
})
