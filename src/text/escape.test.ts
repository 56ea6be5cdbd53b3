import { describe, expect, it } from 'vitest'
import { decodeHtml, decodeXml, escapeHtml, escapeMarkdownText, escapeXml } from './escape.ts'

describe('escape', () => {
  it('escapes the five specials for HTML and XML, and drops what XML forbids', () => {
    expect(escapeHtml(`a & <b> "c" 'd'`)).toBe('a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;')
    expect(escapeXml('a\u0001b & c\uFFFF')).toBe('ab &amp; c')
  })

  it('keeps the entity references an author wrote in Markdown text, and its quotes', () => {
    expect(escapeMarkdownText('AT&T &mdash; &#8211; <x> "q"')).toBe('AT&amp;T &mdash; &#8211; &lt;x&gt; "q"')
  })

  it('decodes named and numeric references, and each escape round-trips', () => {
    expect(decodeHtml('&mdash;&nbsp;&#x41;&#66;&amp;&rsquo;')).toBe('—\u00a0AB&’')
    expect(decodeXml('&apos;&#39;&lt;&mdash;')).toBe("''<&mdash;")
    const s = `x & y < z > "w" 'v' —`
    expect(decodeHtml(escapeHtml(s))).toBe(s)
    expect(decodeXml(escapeXml(s))).toBe(s)
  })
})
