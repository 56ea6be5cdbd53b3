import { describe, expect, it } from 'vitest'
import type { Paragraph } from './model.ts'
import { notesSize } from './notes-page.ts'

const words = (n: number): Paragraph => ({ runs: [{ text: Array.from({ length: n }, (_, i) => `word${i % 7}`).join(' ') }] })

describe('notesSize', () => {
  it('keeps short notes at 12 pt', () => {
    expect(notesSize([words(40), words(30)])).toBe(12)
  })
  it('sets 230 words smaller, and more words smaller still, never under 7 pt', () => {
    const mid = notesSize([words(80), words(80), words(70)])
    expect(mid).toBeLessThan(12)
    expect(notesSize([words(200), words(200)])).toBeLessThan(mid)
    expect(notesSize([words(2000)])).toBe(7)
  })
  it('counts a paragraph per paragraph: many short ones take more room than one long one', () => {
    const many = Array.from({ length: 22 }, () => words(3))
    expect(notesSize(many)).toBeLessThan(notesSize([words(66)]))
  })
})
