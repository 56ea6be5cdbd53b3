import fc from 'fast-check'
import { markedSmartypants } from 'marked-smartypants'
import { describe, expect, it } from 'vitest'
import { typography } from './typography.ts'

describe('typography (marked-smartypants, skipped where it changes nothing)', () => {
  const fast = typography().hooks?.postprocess as (html: string) => string
  const full = markedSmartypants().hooks?.postprocess as (html: string) => string

  it('typesets quotes, dashes and ellipses as marked-smartypants does', () => {
    const html = '<p>He said "it\'s -- well... fine" and `` quoted \'\' `x` \\"</p>\n'
    expect(fast(html)).toBe(full(html))
    expect(fast(html)).not.toBe(html)
  })

  it('gives back plain text as it is, and agrees with marked-smartypants on any HTML', () => {
    const piece = fc.constantFrom(
      '<p>',
      '</p>',
      '<a href="x">',
      "<a title='q'>",
      '</a>',
      '<code>',
      '</code>',
      '<pre>',
      '</pre>',
      '<!-- "c" -- -->',
      '<?x "y"?>',
      '<br/>',
      'word',
      ' ',
      '\n',
      '.',
      '-',
      "'",
      '"',
      '`',
      '\\',
      '&#39;',
      '&quot;',
      '&nbsp;',
      '80s',
      's',
      '&#8211;',
      '(',
      'é',
    )
    let skipped = 0
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const html = pieces.join('')
        const out = fast(html)
        if (out === html && full(html) === html) skipped++
        expect(out).toBe(full(html))
      }),
      { numRuns: 4000 },
    )
    expect(skipped).toBeGreaterThan(100)
  })
})
