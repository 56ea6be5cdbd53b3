import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { FIGURE_KINDS } from '../figures/index.ts'
import { compileDeck } from './deck.ts'
import { renderFigureBlock } from './figure-block.ts'
import { cachedFigure, cachedFigureBlock, figureBlockKey, figureCacheKey } from './figure-cache.ts'
import { loadSlides } from './load.ts'
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
    renderFigure: (kind, spec, id) => {
      const version = figureCodeVersion()
      return version ? cachedFigure(dir, figureCacheKey(version, kind.name, spec, id), () => kind.render(spec, id)) : kind.render(spec, id)
    },
    figureBlock: (input) => {
      const version = figureCodeVersion()
      const block = version ? blockCodeVersion() : ''
      return block ? cachedFigureBlock(dir, figureBlockKey(`${version}:${block}`, input), () => renderFigureBlock(input)) : renderFigureBlock(input)
    },
    assetExists: (path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile(),
    assetOutside: (path) => outsideServedFolders(root, path, ['assets', slidesDir]),
  }
}

/** The folders whose files a slide may show or link: the deck's own, never the rest of the project. */
export const SERVED_FOLDERS = ['assets', 'slides'] as const

/**
 * Where `path` (project-relative, existing) really leads, by realpath, when that is not inside
 * `assets/` or `slides/`: a symbolic link out of them, or any other project file. Undefined when
 * it is inside.
 */
export function outsideServedFolders(root: string, path: string, folders: readonly string[] = SERVED_FOLDERS): string | undefined {
  let real: string
  try {
    real = realpathSync(join(root, path))
  } catch {
    return undefined
  }
  const inside = folders.some((dir) => {
    try {
      const rel = relative(realpathSync(join(root, dir)), real)
      return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
    } catch {
      return false
    }
  })
  if (inside) return undefined
  const rel = relative(realpathSync(root), real)
  return rel.startsWith('..') || isAbsolute(rel) ? real : rel.split(sep).join('/')
}

/** Load `slides/` under `root` and compile it. Never throws for content errors. */
export function buildDeck(root: string, slidesDir = 'slides'): DeckResult {
  const loaded = loadSlides(root, slidesDir)
  const result = compileDeck({ files: loaded.files, ...(loaded.deckFile ? { deckFile: loaded.deckFile } : {}), env: nodeEnv(root, slidesDir) })
  return { ...result, diagnostics: [...loaded.diagnostics, ...result.diagnostics] }
}

const SHARED = Symbol.for('deck.sharedCompile')

/**
 * `buildDeck` for one-shot builds: the build CLI, both Vite builds it starts and every page
 * they render share one compile per process, as long as the slide files read the same. (Vite
 * loads the plugin from its own bundle of the config, so the cache lives on globalThis.)
 * Not for the dev server, where files change under it.
 */
export function buildDeckShared(root: string, slidesDir = 'slides', compiled?: DeckResult): DeckResult {
  const loaded = loadSlides(root, slidesDir)
  const hash = createHash('sha256').update(`${resolve(root)}\0${slidesDir}\0`)
  for (const f of [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])]) hash.update(`${f.path}\0${f.text}\0`)
  const key = hash.digest('hex')
  const g = globalThis as { [SHARED]?: { key: string; result: DeckResult } }
  // A compile of these same files made elsewhere (the build's worker, src/cli/compile-worker.ts).
  if (compiled) return (g[SHARED] = { key, result: compiled }).result
  const hit = g[SHARED]
  if (hit && hit.key === key && loaded.diagnostics.length === 0) return hit.result
  const result = compileDeck({ files: loaded.files, ...(loaded.deckFile ? { deckFile: loaded.deckFile } : {}), env: nodeEnv(root, slidesDir) })
  const out = { ...result, diagnostics: [...loaded.diagnostics, ...result.diagnostics] }
  g[SHARED] = { key, result: out }
  return out
}

const REPORTED = Symbol.for('deck.reportedDiagnostics')

/**
 * Print a compile's diagnostics once per process, however many pages and Vite builds render
 * the same (shared) result: the build CLI, each page of both builds and a plain `vite build`
 * all call this, and only the first prints.
 */
export function reportOnce(result: DeckResult, print: (d: DeckResult['diagnostics'][number]) => void, filter: (d: DeckResult['diagnostics'][number]) => boolean = () => true): void {
  const g = globalThis as { [REPORTED]?: WeakSet<DeckResult> }
  const seen = (g[REPORTED] ??= new WeakSet())
  if (seen.has(result)) return
  seen.add(result)
  for (const d of result.diagnostics) if (filter(d)) print(d)
}

let figuresVersion: string | undefined
/** What a figure's SVG depends on besides its arguments: the figure code and the map data's version. */
function figureCodeVersion(): string {
  if (figuresVersion !== undefined) return figuresVersion
  const hash = createHash('sha256')
  try {
    const dir = fileURLToPath(new URL('../figures/', import.meta.url))
    for (const name of readdirSync(dir).sort()) if (name.endsWith('.ts') && !name.endsWith('.test.ts')) hash.update(name).update(readFileSync(join(dir, name)))
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
    for (const name of ['figure-block.ts', 'diagnostics.ts', 'types.ts']) hash.update(name).update(readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url))))
    const st = statSync(createRequire(import.meta.url).resolve('yaml'))
    hash.update(`yaml:${st.size}:${st.mtimeMs}`)
    blockVersion = hash.digest('hex').slice(0, 16)
  } catch {
    blockVersion = ''
  }
  return blockVersion
}
