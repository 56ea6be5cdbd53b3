/**
 * `npm run new`: put the starter deck (src/starter/slides: every layout and figure kind, with
 * made-up data) into slides/, to start a briefing from. It never destroys unsaved work:
 *   - slides/ absent or empty: the starter is written there;
 *   - slides/ tracked by git with nothing uncommitted: replaced (`git checkout HEAD -- slides/`
 *     brings the previous deck back), and the command says so;
 *   - otherwise (uncommitted changes, or not in git): refused, naming the files; `--to=<folder>`
 *     writes the starter elsewhere instead.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { refuseOutput } from '../files/output-guard.ts'
import { parseCommandFlags } from './args.ts'

const flags = parseCommandFlags('new', { to: { type: 'string' } })
const root = resolve(flags.root ?? process.cwd())
const toArg = flags.to
const target = toArg ? resolve(toArg) : join(root, 'slides')
const starter = resolve(import.meta.dirname, '../starter/slides')
/** How the folder is named in messages: relative to the project (where npm runs), else in full. */
const shown = relative(root, target).startsWith('..') ? target : relative(root, target) || '.'

/**
 * Files under `dir` that git could not bring back: modified, staged, untracked, ignored.
 * Undefined when `dir` is not in a git work tree.
 */
function uncommitted(dir: string): string[] | undefined {
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, stdio: 'pipe' })
  } catch {
    return undefined
  }
  const out = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--ignored', '--', '.'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3))
}

function main(): number {
  // The starter replaces slides/ (when git can bring it back) and nothing else: --to names a new or empty folder.
  const refused = refuseOutput(root, target, { allow: join(root, 'slides'), unmarked: () => target === join(root, 'slides') })
  if (refused) {
    console.error(`new refused: ${refused}. Nothing was written.`)
    return 2
  }
  const existing = existsSync(target) ? readdirSync(target) : []
  if (existing.length > 0) {
    const dirty = uncommitted(target)
    if (dirty === undefined) {
      console.error(
        `new: ${shown}/ already holds ${existing.length} file${existing.length === 1 ? '' : 's'} and is not in git, so replacing it could lose work: write the starter elsewhere with \`npm run new -- --to=<empty folder>\`, or move ${shown}/ away first`,
      )
      return 1
    }
    if (dirty.length > 0) {
      console.error(
        `new: ${shown}/ has files git could not bring back (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}): commit them first, or write the starter elsewhere with \`npm run new -- --to=<empty folder>\``,
      )
      return 1
    }
    for (const name of existing) rmSync(join(target, name), { recursive: true, force: true })
    console.log(`new: replaced the deck in ${shown}/ (it is committed: \`git checkout HEAD -- ${shown}\` brings it back)`)
  }
  mkdirSync(target, { recursive: true })
  cpSync(starter, target, { recursive: true })
  const files = readdirSync(target).sort()
  // \`npm start\` and the build show slides/: written elsewhere, the starter is a set of files to copy from.
  const next =
    target === join(root, 'slides')
      ? `Next: \`npm start\` to see it, then edit the files`
      : `npm start and npm run build show slides/, not ${shown}/: copy from these files into slides/, or move your deck out of slides/ and run npm run new to see the starter`
  console.log(`new: wrote the starter deck to ${shown}/ (${files.join(', ')}). ${next} (README "Make your own briefing").`)
  return 0
}

process.exit(main())
