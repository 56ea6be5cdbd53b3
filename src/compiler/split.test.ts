import { describe, expect, it } from 'vitest'
import { splitParts } from './split.ts'

const seg = (text: string) => ({ text, start: { file: 'slides/02-a.md', line: 4, column: 1 } })

describe('splitParts', () => {
  it('splits content from notes at a Notes: line and keeps the notes start line', () => {
    const { parts, diagnostics } = splitParts(seg('- a point\n\nNotes:\nSay more.\n'))
    expect(diagnostics).toEqual([])
    expect(parts).toHaveLength(1)
    expect(parts[0]?.content.text).toBe('- a point\n')
    expect(parts[0]?.notes?.text).toBe('Say more.\n')
    expect(parts[0]?.notes?.start.line).toBe(7)
  })

  it('accepts Note: as reveal.js does, and leaves prose that starts with "Note:" alone', () => {
    const { parts } = splitParts(seg('Note: this is prose\n\nNote:\nreal notes'))
    expect(parts[0]?.content.text).toBe('Note: this is prose\n')
    expect(parts[0]?.notes?.text).toBe('real notes')
  })

  it('ignores markers and separators inside fenced code', () => {
    const { parts } = splitParts(seg('```md\nNotes:\n--\n```\nNotes:\nN'))
    expect(parts).toHaveLength(1)
    expect(parts[0]?.content.text).toBe('```md\nNotes:\n--\n```')
    expect(parts[0]?.notes?.text).toBe('N')
  })

  it('cuts vertical sub-slides at "--" and takes their "## " titles', () => {
    const { parts, diagnostics } = splitParts(seg('A\nNotes:\nn1\n--\n## Second point\nB\nNotes:\nn2'))
    expect(diagnostics).toEqual([])
    expect(parts.map((p) => p.title)).toEqual([undefined, 'Second point'])
    expect(parts[1]?.content.text).toBe('B')
    expect(parts[1]?.notes?.text).toBe('n2')
    expect(parts[1]?.pos.line).toBe(7)
  })

  it('reports a sub-slide without a heading, a second notes marker and an unclosed fence', () => {
    const { diagnostics } = splitParts(seg('A\nNotes:\nx\nNotes:\ny\n--\nno heading\n```js\ncode'))
    expect(diagnostics.map((d) => [d.code, d.pos.line])).toEqual([
      ['fence-unclosed', 11],
      ['notes-duplicate', 7],
      ['subslide-title-missing', 9],
    ])
  })

  it('names the first marker in the duplicate message', () => {
    const { diagnostics } = splitParts(seg('A\nNotes:\nx\nNotes:\ny'))
    expect(diagnostics[0]?.message).toMatch(/the first is on line 5/)
  })

  it('gives no notes when there is no marker', () => {
    expect(splitParts(seg('just body')).parts[0]?.notes).toBeNull()
  })
})
