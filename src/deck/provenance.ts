/**
 * A compiled deck given its provenance: each slide's supporting source sentences (for the
 * reading edition, the handout and deck.json) and, inside each slide's `<section>`, the speaker
 * view's list as an inert `<template>`. Pure: the sources come as text.
 */
import { findProvenance, indexBySentence } from '../check/provenance.ts'
import { deckSources } from '../compiler/citations.ts'
import { speakerTemplate } from '../reading/provenance.ts'
import type { DeckResult } from './model.ts'

/**
 * The longest source whose sentences the build matches: indexing is linear, but a book-length
 * source would cost every build (and every dev-server reload) what `npm run check` pays once.
 */
export const PROVENANCE_MAX_CHARS = 1_000_000

/** Adds provenance to `result` in place; a deck with no source text (or only longer ones) is left as it is. */
export function addProvenance(result: DeckResult, all: readonly { id: string; text: string }[]): void {
  const sources = all.filter((s) => s.text.length <= PROVENANCE_MAX_CHARS)
  if (!sources.length) return
  const { deck } = result
  const found = findProvenance(
    deck.slides.map((s) => ({ id: s.id, file: s.file, line: s.line, ...(s.cites?.length ? { cites: s.cites.map((c) => c.id) } : {}) })),
    result.prose,
    sources.map(indexBySentence),
  )
  if (!found.size) return
  const named = deckSources(deck.config)
  for (const s of deck.slides) {
    const entries = found.get(s.id)
    if (entries) s.provenance = entries
  }
  // A slide's <section> never holds another with an id (stacks carry none).
  deck.html = deck.html.replace(/(<section id="([^"]+)"[\s\S]*?)(<\/section>)/g, (whole, open: string, id: string, close: string) => {
    const entries = found.get(id)
    return entries ? `${open}${speakerTemplate(entries, named)}${close}` : whole
  })
}
