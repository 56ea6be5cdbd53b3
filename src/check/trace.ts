/**
 * The build's provenance step, after the compile: the deck's sources read as the check reads
 * them, then each slide given its supporting source sentences (for the reading edition, the
 * handout and deck.json) and, inside its `<section>`, the speaker view's list as an inert
 * `<template>`. Here, above the compiler, as it uses the check's matching and the editions' markup.
 */
import { deckSources } from '../compiler/citations.ts'
import type { DeckResult } from '../deck/model.ts'
import { speakerTemplate } from '../reading/provenance.ts'
import { findProvenance, indexBySentence } from './provenance.ts'
import { readSources } from './sources.ts'

/**
 * The longest source whose sentences the build matches: indexing is linear, but a book-length
 * source would cost every build (and every dev-server reload) what `npm run check` pays once.
 */
export const PROVENANCE_MAX_CHARS = 1_000_000

/**
 * Trace the facts of a deck compiled from `slidesDir` under `root` (`deckYaml`: deck.yaml's text,
 * for the lines of its problems) to its sources, in place. A source that cannot be read is the
 * check's to report; a deck without sources is left as it is.
 */
export function traceFacts(root: string, slidesDir: string, result: DeckResult, deckYaml: string): void {
  if (!deckSources(result.deck.config).length) return
  addProvenance(result, readSources(root, { slidesDir, config: result.deck.config }, deckYaml).sources)
}

/** Adds provenance to `result` in place; a deck with no source text (or only longer ones) is left as it is. Pure. */
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
