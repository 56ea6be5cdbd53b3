import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FIGURE_KINDS } from '../figures/index.ts'
import { deckFolders, readGated, refusalText } from '../files/read-gate.ts'
import { deckMeasure } from '../fonts/deck-measure.ts'
import { compileDeck } from './deck.ts'
import { renderFigureBlock } from './figure-block.ts'
import { cachedFigure, cachedFigureBlock, figureBlockKey, figureCacheKey } from './figure-cache.ts'
import { outsideServedFolders } from './folders.ts'
import { type LoadedSlides, loadSlides } from './load.ts'
import type { MarkdownEnv } from './markdown.ts'
import type { DeckResult } from './types.ts'

/**
 * The real world for the pure compiler: files on disk, build-time figures (cached on disk).
 * `slidesDir` is the slide folder in use (a fixture's own, in tests): its files may be shown too.
 */
export function nodeEnv(root: string, slidesDir = 'slides'): MarkdownEnv {
  const dir = join(root, 'node_modules', '.cache', 'deck', 'figures')
  return {
    figureKinds: FIGURE_KINDS,
    renderFigure: (kind, spec, id, measure) => {
      const version = figureCodeVersion()
      const key = () => figureCacheKey(`${version}:${measure?.key ?? ''}`, kind.name, spec, id)
      return version ? cachedFigure(dir, key(), () => kind.render(spec, id, measure)) : kind.render(spec, id, measure)
    },
    figureBlock: (input) => {
      const version = figureCodeVersion()
      const block = version ? blockCodeVersion() : ''
      const key = () => figureBlockKey(`${version}:${block}:${input.measure?.key ?? ''}`, input)
      return block ? cachedFigureBlock(dir, key(), () => renderFigureBlock(input)) : renderFigureBlock(input)
    },
    measureFor: (themeFont) => deckMeasure(root, themeFont),
    assetExists: (path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile(),
    assetOutside: (path) => outsideServedFolders(root, path, ['assets', slidesDir]),
    readAsset: (path, maxBytes) => {
      const r = readGated(join(root, path), { folders: deckFolders(root, slidesDir), maxBytes })
      return r.reason ? refusalText(r, 'the file') : r.bytes
    },
  }
}

/** Load `slides/` under `root` and compile it. Never throws for content errors. */
export function buildDeck(root: string, slidesDir = 'slides'): DeckResult {
  return compileLoaded(root, slidesDir, loadSlides(root, slidesDir))
}

/** Compile slides already loaded from `slidesDir` under `root` (the load's problems come first). */
export function compileLoaded(root: string, slidesDir: string, loaded: LoadedSlides): DeckResult {
  const result = compileDeck({ files: loaded.files, ...(loaded.deckFile ? { deckFile: loaded.deckFile } : {}), env: nodeEnv(root, slidesDir) })
  return { ...result, diagnostics: [...loaded.diagnostics, ...result.diagnostics] }
}

/** The figure code under `dir`, tests aside, sorted; sub-folders too (the map kind is a folder). */
export function figureSourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort()
}

let figuresVersion: string | undefined
/** What a figure's SVG depends on besides its arguments: the figure code and the map data's version. */
function figureCodeVersion(): string {
  if (figuresVersion !== undefined) return figuresVersion
  const hash = createHash('sha256')
  try {
    const dir = fileURLToPath(new URL('../figures/', import.meta.url))
    for (const name of figureSourceFiles(dir)) hash.update(name).update(readFileSync(join(dir, name)))
    const req = createRequire(import.meta.url)
    // The map data and the geometry libraries, by size and date (a reinstall only costs one re-render).
    for (const dep of ['world-atlas/countries-50m.json', 'd3-geo', 'topojson-client', 'i18n-iso-countries']) {
      const st = statSync(req.resolve(dep))
      hash.update(`${dep}:${st.size}:${st.mtimeMs}`)
    }
    figuresVersion = hash.digest('hex').slice(0, 16)
  } catch {
    figuresVersion = ''
  }
  return figuresVersion
}

let blockVersion: string | undefined
/** What a figure block's result depends on besides the figure code: the code that reads the block, and the YAML parser. */
function blockCodeVersion(): string {
  if (blockVersion !== undefined) return blockVersion
  const hash = createHash('sha256')
  try {
    for (const name of ['figure-block.ts', 'diagnostics.ts', 'types.ts'])
      hash.update(name).update(readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url))))
    const st = statSync(createRequire(import.meta.url).resolve('yaml'))
    hash.update(`yaml:${st.size}:${st.mtimeMs}`)
    blockVersion = hash.digest('hex').slice(0, 16)
  } catch {
    blockVersion = ''
  }
  return blockVersion
}
