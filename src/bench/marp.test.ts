import { describe, expect, it } from 'vitest'
import { toMarpMarkdown } from './marp.ts'

describe('toMarpMarkdown', () => {
  it('makes a Marp deck: a slide per file and sub-slide, titles as headings, notes as comments', () => {
    const md = toMarpMarkdown('A "deck"', [
      '---\ntitle: "First point"\n---\n- one\n\nNotes:\nSay this -- and that -->.\n',
      '---\ntitle: "Second point"\nsection: "Part"\n---\nBody\n\n--\n\n## Sub point\n\nMore\n\nNote:\nSub notes\n',
    ])
    expect(md.startsWith('---\nmarp: true\ntitle: "A \\"deck\\""\n---\n')).toBe(true)
    const slides = md.split('\n---\n\n').slice(1)
    expect(slides).toHaveLength(3)
    expect(slides[0]).toContain('## First point')
    expect(slides[0]).toContain('<!--\nSay this — and that —.\n-->')
    expect(slides[1]).toContain('## Second point')
    expect(slides[1]).not.toContain('<!--')
    expect(slides[2]).toContain('## Sub point')
    expect(slides[2]).toContain('<!--\nSub notes\n-->')
  })
})
