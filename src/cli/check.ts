/**
 * `npm run check [-- --source <article>]`: check the built deck (dist/) in Chromium and the
 * slides against their budgets and, with --source (or deck.yaml's `source:`), against the
 * source article. Prints a
 * progress line per slide, the findings with what to fix, and a one-page summary table.
 * Exit code: 0 when fit to present, 1 on findings, 2 when the check itself could not run.
 *
 * Options: --source <path>  --root=<dir>  --slides=<dir>  --dist=<dir>  --allowlist=<file>
 *          --no-browser (budgets and fidelity only)
 */
import { resolve } from 'node:path'
import { report, runCheck } from '../check/run.ts'

function option(name: string): string | undefined {
  const args = process.argv.slice(2)
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (i < 0) return undefined
  const a = args[i] ?? ''
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1]
}

async function main(): Promise<number> {
  const root = resolve(option('root') ?? process.cwd())
  const source = option('source')
  if (process.argv.includes('--source') && !source) {
    console.error('check: --source needs the path of the source article, e.g. --source ../shared/source/article.txt')
    return 2
  }
  const slidesDir = option('slides')
  const distDir = option('dist')
  const allowlist = option('allowlist')
  const result = await runCheck({
    root,
    ...(slidesDir ? { slidesDir } : {}),
    ...(distDir ? { distDir: resolve(distDir) } : {}),
    ...(source ? { source } : {}),
    ...(allowlist ? { allowlist } : {}),
    ...(process.argv.includes('--no-browser') ? { browser: false } : {}),
    log: (line) => console.log(line),
  })
  console.log(report(result))
  return result.findings.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`check could not run: ${err instanceof Error ? (process.argv.includes('--debug') ? err.stack : err.message) : String(err)}`)
    process.exit(2)
  },
)
