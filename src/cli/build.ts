/**
 * `npm run build`: the slides compiled, checked and built into dist/ (src/build/pipeline.ts),
 * or nothing changed when they have errors. `--out=<dir>` builds into another folder (the tests
 * build into a temporary one); `--no-cache` runs Vite even when the cached client build would do.
 */
import { rmSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { build } from '../build/pipeline.ts'
import { parseCommandFlags } from './args.ts'

const flags = parseCommandFlags('build', { out: { type: 'string' }, 'no-cache': { type: 'boolean' } })
const root = resolve(flags.root ?? process.cwd())
const debug = flags.debug === true
const outDir = flags.out ? resolve(flags.out) : join(root, 'dist')

build({
  root,
  toolRoot: resolve(import.meta.dirname, '../..'),
  outDir,
  outName: flags.out ? `${relative(process.cwd(), outDir) || '.'}/` : 'dist/',
  outGiven: flags.out !== undefined,
  noCache: flags['no-cache'] === true,
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    // Some tools put stack frames into the message itself: without --debug, keep only the words.
    const message = (err instanceof Error ? err.message : String(err))
      .split('\n')
      .filter((l) => !/^\s+at /.test(l))
      .join('\n')
    console.error(debug && err instanceof Error ? err.stack : `build failed: ${message}${debug ? '' : '\n(run with --debug for the stack trace)'}`)
    rmSync(join(dirname(outDir), `.dist-tmp-${process.pid}`), { recursive: true, force: true })
    process.exit(2)
  },
)
