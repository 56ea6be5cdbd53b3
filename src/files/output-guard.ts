/**
 * Where a command may write a folder it replaces whole (the build's output, the starter deck):
 * never the project, a folder above it, the tool's or the deck's own folders, a repository or a
 * package, and never a folder of someone else's files. The tool marks every output folder it
 * makes, so it can tell its own from the user's.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, writeFileSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'

/** The file the tool writes into every output folder it makes. */
export const OUTPUT_MARKER = '.deck-output'

const MARKER_TEXT = 'Made by this deck tool (npm run build). The tool replaces this folder whole on the next build.\n'

/** The folders of a project that hold its sources: no output may go into them. */
const SOURCE_FOLDERS = ['slides', 'assets', 'src', 'node_modules', '.git']

/** `path` with symbolic links resolved, also when it (or its parents) do not exist yet. */
function realish(path: string): string {
  const abs = resolve(path)
  try {
    return realpathSync(abs)
  } catch {
    const parent = dirname(abs)
    return parent === abs ? abs : join(realish(parent), basename(abs))
  }
}

/** Whether `inner` is `outer` or lies inside it. */
function within(outer: string, inner: string): boolean {
  const rel = relative(outer, inner)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export interface OutputRules {
  /** The folder that is allowed although it lies in a source folder (`slides/` for `npm run new`). */
  allow?: string
  /** Whether a non-empty folder without the marker may be replaced (never: the default). */
  unmarked?: (entries: string[]) => boolean
}

/**
 * Why `target` must not be replaced by an output of the project at `root`, or undefined when it
 * may: it is absent, empty, or carries the tool's marker (or `rules.unmarked` accepts its entries).
 */
export function refuseOutput(root: string, target: string, rules: OutputRules = {}): string | undefined {
  const out = realish(target)
  const project = realish(root)
  const shown = relative(process.cwd(), out) || '.'
  if (within(out, project)) return `${shown} is the project folder or holds it: an output there would replace the project`
  if (rules.allow && realish(rules.allow) === out) return checkContents(out, shown, rules)
  for (const name of SOURCE_FOLDERS) {
    if (within(realish(join(project, name)), out)) return `${shown} is inside the project's ${name}/ folder, which holds sources, not outputs`
  }
  return checkContents(out, shown, rules)
}

function checkContents(out: string, shown: string, rules: OutputRules): string | undefined {
  if (!existsSync(out)) return undefined
  if (!lstatSync(out).isDirectory()) return `${shown} exists and is not a folder`
  const entries = readdirSync(out)
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER)) return undefined
  for (const held of ['.git', 'package.json']) {
    if (entries.includes(held)) return `${shown} holds ${held}: it is a repository or a project, not an output`
  }
  if (rules.unmarked?.(entries)) return undefined
  return `${shown} already holds files the tool did not make (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): name an empty or new folder, or move those files away`
}

/** Mark a folder the tool made as its own output. */
export function markOutput(dir: string): void {
  writeFileSync(join(dir, OUTPUT_MARKER), MARKER_TEXT)
}
