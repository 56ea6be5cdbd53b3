import { describe, expect, it } from 'vitest'
import { MAX_COMMENT_OPENERS, MAX_INLINE_MARKERS, MAX_PARTS, tooComplex, tooComplexFile, tooManyParts } from './complexity.ts'

const seg = (text: string) => ({ text, start: { file: 'slides/01-x.md', line: 5, column: 1 } })

describe('tooComplex', () => {
  it('passes ordinary slide text with emphasis, code, links and a comment', () => {
    expect(tooComplex(seg('- *one* and _two_\n- `code` and [a link](#/x)\n<!-- a note -->\n'))).toBeUndefined()
  })

  it('refuses a run of emphasis markers at the line where it crosses the limit', () => {
    const lines = ['prose', '_a'.repeat(MAX_INLINE_MARKERS), '_a'.repeat(10), 'more']
    const d = tooComplex(seg(lines.join('\n')))
    expect(d?.code).toBe('markdown-too-complex')
    expect(d?.pos).toEqual({ file: 'slides/01-x.md', line: 7, column: 1 })
  })

  // Runs of ! (images) were not counted: 250 KB of them took 70 s to render.
  it('counts every kind of marker: *, _, ~, backticks, [, <, table pipes, ! and \\', () => {
    for (const m of ['*', '_', '~', '`', '[', '<', '|', '!', '\\']) {
      expect(tooComplex(seg(`${m}a`.repeat(MAX_INLINE_MARKERS + 1))), m).toBeDefined()
      expect(tooComplex(seg(`${m}a`.repeat(MAX_INLINE_MARKERS))), m).toBeUndefined()
    }
  })

  it('does not count fenced code', () => {
    expect(tooComplex(seg(['```text', '_a'.repeat(MAX_INLINE_MARKERS * 2), '```'].join('\n')))).toBeUndefined()
  })

  it('refuses many HTML comment openers', () => {
    const d = tooComplex(seg('<!--'.repeat(MAX_COMMENT_OPENERS + 1)))
    expect(d?.message).toMatch(/more than 64 HTML comments/)
  })

  it('counts a whole file: many sub-slides each under the limit add up', () => {
    const part = (line: number) => ({ text: '*a'.repeat(MAX_INLINE_MARKERS / 4), start: { file: 'slides/01-x.md', line, column: 1 } })
    expect(tooComplexFile([part(5), part(10), part(15), part(20)])).toBeUndefined()
    const d = tooComplexFile([part(5), part(10), part(15), part(20), part(25)])
    expect(d?.pos).toEqual({ file: 'slides/01-x.md', line: 25, column: 1 })
    expect(d?.message).toMatch(/file's slides and notes hold more than 2,000/)
  })

  it('refuses more than 50 slides in one file, at the first one over', () => {
    const parts = (n: number) => Array.from({ length: n }, (_, i) => ({ pos: { file: 'slides/01-x.md', line: 5 + 4 * i, column: 1 } }))
    expect(tooManyParts(parts(MAX_PARTS))).toBeUndefined()
    expect(tooManyParts(parts(MAX_PARTS + 1))?.pos).toEqual({ file: 'slides/01-x.md', line: 5 + 4 * MAX_PARTS, column: 1 })
  })
})
