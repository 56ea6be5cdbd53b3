/**
 * `npm run check [-- --source <article>]`: check the built deck (dist/ and its record) in
 * Chromium, the slides against their budgets and, with --source (or deck.yaml's `source:`),
 * against the source article. Prints a progress line per slide, the findings with what to fix,
 * and a one-page summary table. Exit code: 0 when fit to present, 1 on findings (a build older
 * than the slides is one), 2 when the check itself could not run (no build: run npm run build).
 *
 * Options: --source <path>  --root=<dir>  --dist=<dir>  --allowlist=<file>
 *          --no-browser (budgets and fidelity only)
 */
import { resolve } from 'node:path'
import { report, runCheck } from '../check/run.ts'
import { parseCommandFlags } from './args.ts'

const flags = parseCommandFlags('check', {
  source: { type: 'string' },
  dist: { type: 'string' },
  allowlist: { type: 'string' },
  'no-browser': { type: 'boolean' },
})

async function main(): Promise<number> {
  const result = await runCheck({
    root: resolve(flags.root ?? process.cwd()),
    ...(flags.dist ? { distDir: resolve(flags.dist) } : {}),
    ...(flags.source ? { source: flags.source } : {}),
    ...(flags.allowlist ? { allowlist: flags.allowlist } : {}),
    ...(flags['no-browser'] ? { browser: false } : {}),
    log: (line) => console.log(line),
  })
  console.log(report(result))
  return result.findings.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`check could not run: ${err instanceof Error ? (flags.debug ? err.stack : err.message) : String(err)}`)
    process.exit(2)
  },
)
