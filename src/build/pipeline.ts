/**
 * A build, top to bottom: compile the slides and trace their facts -> the client bundle (reused from the cache, or
 * Vite with the compiled deck handed to the plugin) -> the editions that work alone ->
 * dist/deck.json -> swap into the output folder. A failed build leaves the output folder
 * exactly as it was; the slides' problems are printed here and nowhere else.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { InlineConfig, Plugin, UserConfigFnObject } from 'vite'
import { alive } from '../cache/prune.ts'
import { traceFacts } from '../check/trace.ts'
import { formatCapped, hasErrors } from '../compiler/diagnostics.ts'
import { loadSlides } from '../compiler/load.ts'
import { compileLoaded } from '../compiler/node.ts'
import { DEFAULT_DECK } from '../compiler/schema.ts'
import type { DeckResult } from '../deck/model.ts'
import { deckRecord, writeRecord } from '../deck/record.ts'
import { markOutput, refuseOutput } from '../files/output-guard.ts'
import { cacheKey, ownInputs, PAGES, restore, store, viteRewrites } from '../vite/build-cache.ts'
import { deckPlugin } from '../vite/plugin.ts'
import { makeStandalone } from '../vite/standalone.ts'

export interface BuildOptions {
  /** The project folder (slides/, index.html, assets/). */
  root: string
  /** The tool's own folder (its vite.config.ts, index.html, src/). */
  toolRoot: string
  /** Where the build goes: dist/, or the folder given with --out. */
  outDir: string
  /** The output folder as shown in messages. */
  outName: string
  /** Given with --out: any folder the tool made, or a new or empty one (dist/ also takes an older build's). */
  outGiven: boolean
  /** Run Vite even when the cached client build would do (its output is still cached). */
  noCache: boolean
  /** Where messages go. @default console.error */
  say?: (line: string) => void
}

/** What a build of an earlier version (before the output marker) left in dist/: replaced as the tool's own. */
const BUILT_NAMES = new Set(['index.html', 'read.html', 'handout.html', 'deck.html', 'assets', 'deck.pdf', 'handout.pdf', 'deck.pptx', 'favicon.svg'])

/** Build the deck; the exit code (0 built, 1 the slides have errors, 2 refused). Throws for internal faults. */
export async function build(opts: BuildOptions): Promise<number> {
  const started = performance.now()
  const say = opts.say ?? ((line: string) => console.error(line))
  const { root, toolRoot, outDir, outName } = opts
  // A build replaces its output folder whole: only a folder the tool made (or a new or empty one).
  const refused = refuseOutput(root, outDir, opts.outGiven ? {} : { unmarked: (names) => names.every((n) => BUILT_NAMES.has(n)) })
  if (refused) {
    say(`build refused: ${refused}. Nothing was written.`)
    return 2
  }
  cleanLeftovers(outDir)
  // Beside the output (same file system), so the final swap is two renames.
  const tmpDir = join(dirname(outDir), `.dist-tmp-${process.pid}`)
  try {
    // 1. Compile, and say every problem once.
    const loaded = loadSlides(root, 'slides')
    const result = compileLoaded(root, 'slides', loaded)
    traceFacts(root, 'slides', result, loaded.deckFile?.text ?? '')
    for (const line of formatCapped(result.diagnostics)) say(line)
    if (!result.files.some((f) => f.endsWith('/deck.yaml'))) {
      say(
        `note: no slides/deck.yaml, so the deck uses the defaults (title "${DEFAULT_DECK.title}", lang ${DEFAULT_DECK.lang}, ${DEFAULT_DECK.wordsPerMinute} words a minute, ${DEFAULT_DECK.targetMinutes} ± ${DEFAULT_DECK.toleranceMinutes} minutes): add one to set them (README "Slide format")`,
      )
    }
    if (hasErrors(result.diagnostics)) {
      const n = result.diagnostics.filter((d) => d.severity === 'error').length
      say(`\nbuild failed: ${n} error${n === 1 ? '' : 's'} in the slides; ${outName} was left as it was.`)
      return 1
    }
    if (result.files.every((f) => !f.endsWith('.md'))) {
      say(`build failed: no slide files in ${join(root, 'slides')}: add one Markdown file per section, such as slides/01-intro.md`)
      return 1
    }
    if (!existsSync(join(root, 'index.html'))) {
      say(`build failed: ${root} has no index.html, the page the slides go into: copy index.html (with src/ and assets/) from ${toolRoot}`)
      return 1
    }

    // 2. The client bundle: reused when only the slides changed, else Vite with the deck.
    // The project's vite.config.ts, else the tool's (a project with only slides/ still gets the deck plugin).
    const ownConfig = !existsSync(join(root, 'vite.config.ts')) || join(root, 'vite.config.ts') === join(toolRoot, 'vite.config.ts')
    const cache = clientCache(root, toolRoot, ownConfig, result)
    const reused = !!cache && !opts.noCache && restore(cache, result.deck, tmpDir)
    if (!reused) {
      const inputs = await runVite(root, ownConfig, tmpDir, result)
      // 3. The editions that work alone: deck.html (index.html with everything it loads
      // inlined, to run from file://), and read.html and handout.html opened from disk.
      makeStandalone(tmpDir, 'index.html', 'deck.html')
      for (const page of ['read.html', 'handout.html']) makeStandalone(tmpDir, page)
      // Every page kept with the deck taken out, for the next build of the same client.
      if (cache) store(cache, result.deck, root, tmpDir, inputs)
    }

    // 4. The record the other commands read, then 5. into place.
    writeRecord(tmpDir, deckRecord(result, [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])]))
    markOutput(tmpDir)
    swap(tmpDir, outDir)
    const { slides, totalSeconds } = result.deck
    console.log(
      `built ${slides.length} slides (${(totalSeconds / 60).toFixed(1)} min planned) into ${outName} in ${Math.round(performance.now() - started)} ms${reused ? ' (client build reused: only the slides changed)' : ''}`,
    )
    return 0
  } finally {
    rmSync(tmpDir, { recursive: true, force: true })
  }
}

/**
 * The client build's cache entry, when this deck may use one: the tool's own vite.config.ts,
 * and slides that name no local file Vite would rewrite (pictures).
 */
function clientCache(root: string, toolRoot: string, ownConfig: boolean, result: DeckResult): { dir: string; key: string } | undefined {
  if (!ownConfig) return undefined
  let key: string
  try {
    key = cacheKey(root, toolRoot)
  } catch {
    return undefined // (an unreadable file in assets/: Vite says what is wrong)
  }
  const sources = Object.fromEntries(PAGES.filter((p) => existsSync(join(root, p))).map((p) => [p, readFileSync(join(root, p), 'utf8')]))
  return viteRewrites(result.deck, sources).length === 0 ? { dir: join(toolRoot, 'node_modules/.cache/deck-build'), key } : undefined
}

/**
 * Vite builds the pages into `outDir`, the compiled deck handed to the plugin; returns the
 * modules it bundled (a cache entry is checked against their content on use). The tool's own
 * vite.config.ts is loaded here and handed over as an object (Vite would bundle and load the
 * file again); a project's own vite.config.ts is read by Vite as usual, its deck plugin then
 * compiling the slides itself.
 */
async function runVite(root: string, ownConfig: boolean, outDir: string, result: DeckResult): Promise<string[]> {
  const { build: viteBuild, mergeConfig } = await import('vite')
  let inputs: string[] = []
  const recordInputs: Plugin = {
    name: 'deck-build-inputs',
    apply: 'build',
    generateBundle() {
      inputs = ownInputs(this.getModuleIds())
    },
  }
  const overrides: InlineConfig = { root, logLevel: 'warn', plugins: [recordInputs], build: { outDir, emptyOutDir: true } }
  let config: InlineConfig
  if (ownConfig) {
    const own = (await import('../../vite.config.ts')).default as UserConfigFnObject
    const base = own({ mode: 'production', command: 'build', isSsrBuild: false, isPreview: false })
    // The tool's config with the deck already compiled: the plugin only puts it into the pages.
    const isDeck = (p: unknown) => !!p && typeof p === 'object' && 'name' in p && /^deck(:|$)/.test(String(p.name))
    const plugins = [...deckPlugin({ deck: result }), ...(base.plugins ?? []).flat().filter((p) => !isDeck(p))]
    config = mergeConfig({ ...base, plugins }, { ...overrides, configFile: false, mode: 'production' })
  } else config = { ...overrides, configFile: join(root, 'vite.config.ts'), mode: 'production' }
  await viteBuild(config)
  return inputs
}

/**
 * What killed builds left beside the output: their temporary folders are removed, and an old
 * build stranded between the two renames of the swap (`dist.old-<pid>` with no `dist/`) is put
 * back. Folders of builds still running are left alone.
 */
function cleanLeftovers(outDir: string): void {
  const parent = dirname(outDir)
  const base = basename(outDir)
  let names: string[]
  try {
    names = readdirSync(parent)
  } catch {
    return
  }
  for (const name of names) {
    const m = /^\.dist-(?:tmp|single)-(\d+)$/.exec(name) ?? (name.startsWith(`${base}.old-`) ? /-(\d+)$/.exec(name) : null)
    const pid = Number(m?.[1])
    if (!m || pid === process.pid || alive(pid)) continue
    const abs = join(parent, name)
    if (name.startsWith(`${base}.old-`) && !existsSync(outDir)) renameSync(abs, outDir)
    else rmSync(abs, { recursive: true, force: true })
  }
}

/**
 * Replace `to` with `from` in two renames, so dist/ is never half-written. Between the two
 * renames there is no dist/; a build killed exactly there leaves the old build in
 * `dist.old-<pid>`, which the next build puts back (cleanLeftovers).
 */
function swap(from: string, to: string): void {
  const old = `${to}.old-${process.pid}`
  if (existsSync(to)) renameSync(to, old)
  renameSync(from, to)
  rmSync(old, { recursive: true, force: true })
}
