/**
 * Whatever deck slides/ holds, compiled: it compiles cleanly, keeps to the budgets and the
 * talk length its own deck.yaml sets, plans every slide from its notes, and gives every figure
 * a text equivalent. Nothing here knows the briefing: what is particular to it (its sections,
 * quotes, caveats) is tested by slides/*.test.ts, which goes when the slides go.
 */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkBudgets } from '../src/check/budgets.ts'
import { formatDiagnostic } from '../src/compiler/diagnostics.ts'
import { buildDeck } from '../src/compiler/node.ts'

const { deck, diagnostics } = buildDeck(resolve(import.meta.dirname, '..'))
const slides = deck.slides

describe('the deck in slides/', () => {
  it('compiles without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([])
    expect(slides.length).toBeGreaterThan(0)
  })

  it('keeps every slide within the budgets of its deck.yaml (words, bullets, notes) and the talk within its target', () => {
    expect(checkBudgets(deck).map((f) => `${f.pos.file} #/${f.slide ?? ''}: ${f.message}`)).toEqual([])
  })

  it('plans every slide from its notes, and the talk adds up', () => {
    for (const s of slides) expect(s.seconds, s.id).toBeGreaterThan(0)
    expect(deck.html.match(/data-timing="\d+"/g)?.length).toBe(slides.length)
    expect(deck.totalSeconds).toBe(slides.reduce((sum, s) => sum + s.seconds, 0))
  })

  it('gives every figure it draws an accessible name and description', () => {
    const figures = slides.flatMap((s) => s.figures.map((f) => ({ ...f, slide: s })))
    const drawn = slides.reduce((n, s) => n + (s.bodyHtml.match(/<figure class="deck-figure[ "]/g)?.length ?? 0), 0)
    expect(drawn).toBe(figures.length)
    for (const f of figures) {
      expect(f.alt.trim().split(/\s+/).length, `${f.slide.id} ${f.name}`).toBeGreaterThanOrEqual(3)
      expect(f.slide.bodyHtml).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/)
      expect(f.slide.bodyHtml).toMatch(/<title id="[^"]+">[^<]+<\/title>/)
    }
  })
})
