import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { renderFigure } from '../figures/index.ts'
import { compileDeck } from './deck.ts'
import { loadSlides } from './load.ts'
import type { MarkdownEnv } from './markdown.ts'
import type { DeckResult } from './types.ts'

/** The real world for the pure compiler: files on disk, build-time figures. */
export function nodeEnv(root: string): MarkdownEnv {
  return {
    figure: (name, alt, id) => renderFigure(name, { alt, id }),
    assetExists: (path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile(),
  }
}

/** Load `slides/` under `root` and compile it. Never throws for content errors. */
export function buildDeck(root: string, slidesDir = 'slides'): DeckResult {
  const loaded = loadSlides(root, slidesDir)
  const result = compileDeck({ files: loaded.files, ...(loaded.deckFile ? { deckFile: loaded.deckFile } : {}), env: nodeEnv(root) })
  return { ...result, diagnostics: [...loaded.diagnostics, ...result.diagnostics] }
}
