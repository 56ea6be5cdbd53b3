/**
 * Which slide files changed after a build: `npm run pdf` and `npm run pptx` read the built deck
 * (dist/), never the slides, and warn when what they print or convert is older than the slides.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Slide files (and deck.yaml) in `<root>/slides` modified after `built` was written, as `slides/<name>`. */
export function changedSince(root: string, built: string): string[] {
  const slides = join(root, 'slides')
  if (!existsSync(slides)) return []
  const t = statSync(built).mtimeMs
  return readdirSync(slides)
    .filter((n) => /\.(md|ya?ml)$/.test(n) && statSync(join(slides, n)).mtimeMs > t)
    .map((n) => `slides/${n}`)
}
