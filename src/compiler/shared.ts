/**
 * One compile per build process, shared by the build CLI and every page Vite renders, as long as
 * the slide files read the same (Vite loads the plugin from its own bundle of the config, so the
 * state lives on globalThis). Not for the dev server, where files change under it.
 *
 * Light on purpose: this module loads the compiler (Markdown, YAML, the sanitiser, the map data:
 * about 1.2 MB of JavaScript) only when it has to compile here. The build CLI compiles in a worker
 * (src/cli/compile-worker.ts) and hands the compile under way to `provideCompile`, so its main
 * thread loads and runs Vite meanwhile.
 */
import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import { loadSlides, type LoadedSlides } from './load.ts'
import type { DeckResult, Diagnostic } from './types.ts'

const SHARED = Symbol.for('deck.sharedCompile')
const REPORTED = Symbol.for('deck.reportedDiagnostics')

interface Shared {
  key: string
  result: Promise<DeckResult>
  /** Handed over by the build CLI, which reports the compile's diagnostics itself. */
  provided: boolean
  /** Set once `result` has settled with a value. */
  done?: DeckResult
}

function state(): { [SHARED]?: Shared } {
  return globalThis as { [SHARED]?: Shared }
}

/** The slide files' identity: the folder and every file's path and text. */
function keyOf(root: string, slidesDir: string, loaded: LoadedSlides): string {
  const hash = createHash('sha256').update(`${resolve(root)}\0${slidesDir}\0`)
  for (const f of [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])]) hash.update(`${f.path}\0${f.text}\0`)
  return hash.digest('hex')
}

function share(key: string, result: Promise<DeckResult>, provided = false): Promise<DeckResult> {
  const entry: Shared = { key, result, provided }
  state()[SHARED] = entry
  void result.then(
    (r) => (entry.done = r),
    () => undefined,
  )
  return result
}

/** Compile here, loading the compiler now (it is not loaded before a build needs it). */
async function compileHere(root: string, slidesDir: string, loaded: LoadedSlides): Promise<DeckResult> {
  return (await import('./node.ts')).compileLoaded(root, slidesDir, loaded)
}

/**
 * The build CLI: a compile of the slides as they are now, made (or being made) elsewhere; when it
 * yields nothing (the worker failed), the slides compile here.
 */
export function provideCompile(root: string, slidesDir: string, compiled: Promise<DeckResult | undefined>): Promise<DeckResult> {
  const loaded = loadSlides(root, slidesDir)
  return share(
    keyOf(root, slidesDir, loaded),
    compiled.then((r) => r ?? compileHere(root, slidesDir, loaded)),
    true,
  )
}

/** The shared compile of `slidesDir` under `root`: the one under way or made, else a new one. */
export function compileShared(root: string, slidesDir = 'slides'): Promise<DeckResult> {
  const loaded = loadSlides(root, slidesDir)
  const key = keyOf(root, slidesDir, loaded)
  const hit = state()[SHARED]
  if (hit && hit.key === key && loaded.diagnostics.length === 0) return hit.result
  return share(key, compileHere(root, slidesDir, loaded))
}

/** The shared compile if it has finished (for these files), else undefined. */
export function finishedCompile(root: string, slidesDir = 'slides'): DeckResult | undefined {
  const hit = state()[SHARED]
  if (!hit?.done) return undefined
  const loaded = loadSlides(root, slidesDir)
  return hit.key === keyOf(root, slidesDir, loaded) && loaded.diagnostics.length === 0 ? hit.done : undefined
}

/** Whether the build CLI runs this build (it prints the diagnostics and drops a failed build's output). */
export function compileProvided(): boolean {
  return state()[SHARED]?.provided === true
}

/** The slide sources' texts (every `.md` file and deck.yaml), read without compiling. */
export function slideTexts(root: string, slidesDir = 'slides'): string[] {
  const loaded = loadSlides(root, slidesDir)
  return [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])].map((f) => f.text)
}

/**
 * Print a compile's diagnostics once per process, however many pages and Vite builds render
 * the same (shared) result: the build CLI, each page of the build and a plain `vite build`
 * all call this, and only the first prints.
 */
export function reportOnce(result: DeckResult, print: (d: Diagnostic) => void, filter: (d: Diagnostic) => boolean = () => true): void {
  const g = globalThis as { [REPORTED]?: WeakSet<DeckResult> }
  const seen = (g[REPORTED] ??= new WeakSet())
  if (seen.has(result)) return
  seen.add(result)
  for (const d of result.diagnostics) if (filter(d)) print(d)
}
