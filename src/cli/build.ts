/**
 * `npm run build`: compile the slides, report every problem with its position, and only
 * when there are none, build with Vite into a temporary folder that replaces dist/ at the end.
 * A failed build leaves the previous dist/ exactly as it was.
 *
 * `--out=<dir>` builds into another folder instead of dist/ (the tests build into a temporary
 * folder, so `npm test` never replaces the user's dist/ and the PDFs in it).
 *
 * One Vite build makes the site (index.html, read.html, handout.html and their assets); a small
 * post-step (src/vite/standalone.ts) inlines everything index.html loads into deck.html, and makes
 * read.html and handout.html work alone.
 *
 * When only the slides changed since a build, Vite does not run: its output is reused from
 * node_modules/.cache/deck-build/ and the pages are filled with the new deck (src/vite/build-cache.ts).
 * `--no-cache` runs Vite all the same (and keeps its output for the next build).
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import type { Worker } from 'node:worker_threads'
import type { InlineConfig, Plugin, UserConfigFnObject } from 'vite'
import { formatDiagnostic, hasErrors } from '../compiler/diagnostics.ts'
import { alive } from '../cache/prune.ts'
import { provideCompile, reportOnce } from '../compiler/shared.ts'
import type { DeckResult } from '../compiler/types.ts'
import { DEFAULT_DECK } from '../compiler/schema.ts'
import { cacheKey, ownInputs, PAGES, restore, store, viteRewrites } from '../vite/build-cache.ts'
import { makeStandalone } from '../vite/standalone.ts'
import { markOutput, refuseOutput } from '../files/output-guard.ts'
import { parseCommandFlags } from './args.ts'

const flags = parseCommandFlags('build', { out: { type: 'string' }, 'no-cache': { type: 'boolean' } })
const root = resolve(flags.root ?? process.cwd())
/** The tool's own folder (vite.config.ts, index.html, src/). */
const toolRoot = resolve(import.meta.dirname, '../..')
/** The project's vite.config.ts, else the tool's, so a project with only slides/ still gets the deck plugin. */
const configFile = existsSync(join(root, 'vite.config.ts')) ? join(root, 'vite.config.ts') : join(toolRoot, 'vite.config.ts')
const debug = flags.debug === true
/** Build the client with Vite even when the cached one would do (the cache is still written). */
const noCache = flags['no-cache'] === true
const outArg = flags.out
const outDir = outArg ? resolve(outArg) : join(root, 'dist')
/** Shown in messages: dist/, or the folder given with --out. */
const outName = outArg ? `${relative(process.cwd(), outDir) || '.'}/` : 'dist/'
// Beside the output (same file system), so the final swap is two renames.
const tmpDir = join(dirname(outDir), `.dist-tmp-${process.pid}`)
/** What a build of an earlier version (before the output marker) left in dist/: replaced as the tool's own. */
const BUILT_NAMES = new Set(['index.html', 'read.html', 'handout.html', 'deck.html', 'assets', 'deck.pdf', 'handout.pdf', 'deck.pptx', 'favicon.svg'])

async function main(): Promise<number> {
  const started = performance.now()
  let reused = false
  // A build replaces its output folder whole: only a folder the tool made (or a new or empty one).
  const refused = refuseOutput(root, outDir, outArg ? {} : { unmarked: (names) => names.every((n) => BUILT_NAMES.has(n)) })
  if (refused) {
    console.error(`build refused: ${refused}. Nothing was written.`)
    return 2
  }
  cleanLeftovers()
  const ownConfigFile = configFile === join(toolRoot, 'vite.config.ts')
  const cacheDir = join(toolRoot, 'node_modules/.cache/deck-build')
  let key = ''
  try {
    if (ownConfigFile) key = cacheKey(root, toolRoot)
  } catch {
    // (an unreadable file in assets/: no cache, and the compile says what is wrong)
  }
  // Vite will run (no cached client build to reuse): it starts at once and bundles the client
  // while the slides compile in the worker launch.mjs started (the plugin puts the deck into the
  // pages when the compile is in). Otherwise the slides compile here, which is quicker than waiting.
  const viteAhead = noCache || !key || !existsSync(join(cacheDir, key, 'manifest.json'))
  const worker = (globalThis as { [k: symbol]: Worker | undefined })[Symbol.for('deck.compileWorker')]
  const fromElsewhere = worker && viteAhead ? fromWorker(worker) : (void worker?.terminate(), Promise.resolve(undefined))
  // Shared with the Vite plugin in this process: the slides compile once per build, not once per page.
  const compiling = provideCompile(root, 'slides', fromElsewhere)
  let inputs: string[] = []
  const runVite = async (): Promise<void> => {
    rmSync(tmpDir, { recursive: true, force: true })
    const { build } = await import('vite')
    const ownConfig = configFile === join(toolRoot, 'vite.config.ts') ? ((await import('../../vite.config.ts')).default as UserConfigFnObject) : undefined
    // The modules Vite bundled: the cache entry is checked against their content on use.
    const recordInputs: Plugin = { name: 'deck-build-inputs', apply: 'build', generateBundle() { inputs = ownInputs(this.getModuleIds()) } }
    await build(await viteConfig(ownConfig, 'production', { root, logLevel: 'warn', plugins: [recordInputs], build: { outDir: tmpDir, emptyOutDir: true } }))
  }
  const hasPage = existsSync(join(root, 'index.html'))
  let vite = viteAhead && hasPage ? runVite() : undefined
  // (Awaited below; a failure that comes before then is not an unhandled rejection.)
  vite?.catch(() => undefined)
  const result = await compiling
  reportOnce(result, (d) => console.error(formatDiagnostic(d)))
  if (!result.files.some((f) => f.endsWith('/deck.yaml'))) {
    console.error(`note: no slides/deck.yaml, so the deck uses the defaults (title "${DEFAULT_DECK.title}", lang ${DEFAULT_DECK.lang}, ${DEFAULT_DECK.wordsPerMinute} words a minute, ${DEFAULT_DECK.targetMinutes} ± ${DEFAULT_DECK.toleranceMinutes} minutes): add one to set them (README "Slide format")`)
  }
  const fail = async (message: string): Promise<number> => {
    console.error(message)
    // Vite's work is dropped: once it has stopped writing, its folder goes.
    await vite?.catch(() => undefined)
    rmSync(tmpDir, { recursive: true, force: true })
    return 1
  }
  if (hasErrors(result.diagnostics)) {
    const n = result.diagnostics.filter((d) => d.severity === 'error').length
    return fail(`\nbuild failed: ${n} error${n === 1 ? '' : 's'} in the slides; ${outName} was left as it was.`)
  }
  if (result.files.every((f) => !f.endsWith('.md'))) {
    return fail(`build failed: no slide files in ${join(root, 'slides')}: add one Markdown file per section, such as slides/01-intro.md`)
  }
  if (!hasPage) {
    console.error(`build failed: ${root} has no index.html, the page the slides go into: copy index.html (with src/ and assets/) from ${toolRoot}`)
    return 1
  }
  try {
    // The client (scripts, styles, fonts, the pages around the slides) does not depend on the
    // slides: reused from the last build with the same src/, assets/, pages and lockfile, when
    // the slides name no local file that Vite would rewrite (pictures), and only with the tool's
    // own vite.config.ts.
    const sources = Object.fromEntries(PAGES.filter((p) => existsSync(join(root, p))).map((p) => [p, readFileSync(join(root, p), 'utf8')]))
    const cacheable = !!key && viteRewrites(result.deck, sources).length === 0
    const cache = cacheable ? { dir: cacheDir, key } : undefined
    reused = !vite && !!cache && !noCache && restore(cache, result.deck, tmpDir)
    if (!reused) {
      // (Not started yet when a cached client build was expected but cannot serve this deck.)
      vite ??= runVite()
      await vite
      // deck.html is the built index.html with everything it loads inlined (scripts, the lazily
      // loaded speaker view, stylesheets, fonts, images): one file that runs from file://.
      makeStandalone(tmpDir, 'index.html', 'deck.html')
      // The reading edition and the handout work alone too: opened from disk, or sent as one file.
      for (const page of ['read.html', 'handout.html']) makeStandalone(tmpDir, page)
      // Every page kept with the deck taken out, for the next build of the same client.
      if (cache) store(cache, result.deck, root, tmpDir, inputs)
    }
    markOutput(tmpDir)
    swap(tmpDir, outDir)
  } finally {
    rmSync(tmpDir, { recursive: true, force: true })
  }
  const { slides, totalSeconds } = result.deck
  console.log(`built ${slides.length} slides (${(totalSeconds / 60).toFixed(1)} min planned) into ${outName} in ${Math.round(performance.now() - started)} ms${reused ? ' (client build reused: only the slides changed)' : ''}`)
  return 0
}

/** The worker's compile (src/cli/compile-worker.ts), or undefined when it failed: the slides then compile here. */
function fromWorker(worker: Worker): Promise<DeckResult | undefined> {
  return new Promise((ok) => {
    worker.once('message', (m: { result?: DeckResult }) => ok(m.result))
    worker.once('error', () => ok(undefined))
    worker.once('exit', () => ok(undefined))
  })
}

/**
 * The tool's own vite.config.ts is already loaded in this process: hand Vite the object rather
 * than the file (which Vite would bundle and load again, once per build). A project with its
 * own vite.config.ts gets that file, read by Vite as usual.
 */
async function viteConfig(own: UserConfigFnObject | undefined, mode: string, overrides: InlineConfig): Promise<InlineConfig> {
  if (!own) return { ...overrides, configFile, mode }
  const { mergeConfig } = await import('vite')
  return mergeConfig(own({ mode, command: 'build', isSsrBuild: false, isPreview: false }), { ...overrides, configFile: false, mode })
}

/**
 * What killed builds left beside the output: their temporary folders are removed, and an old
 * build stranded between the two renames of the swap (`dist.old-<pid>` with no `dist/`) is put
 * back. Folders of builds still running are left alone.
 */
function cleanLeftovers(): void {
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
 * renames (microseconds) there is no dist/; a build killed exactly there leaves the old build in
 * `dist.old-<pid>`, which the next build puts back (cleanLeftovers).
 */
function swap(from: string, to: string): void {
  const old = `${to}.old-${process.pid}`
  if (existsSync(to)) renameSync(to, old)
  renameSync(from, to)
  rmSync(old, { recursive: true, force: true })
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Some tools put stack frames into the message itself: without --debug, keep only the words.
    const message = (err instanceof Error ? err.message : String(err)).split('\n').filter((l) => !/^\s+at /.test(l)).join('\n')
    console.error(debug && err instanceof Error ? err.stack : `build failed: ${message}${debug ? '' : '\n(run with --debug for the stack trace)'}`)
    rmSync(tmpDir, { recursive: true, force: true })
    process.exit(2)
  },
)
