/**
 * `npm run bench`: measures our deck against a plain reveal.js 6 + Vite deck built from the same
 * slide files (reveal's runtime Markdown plugin), alternating the two, several runs each. Prints
 * a table with the ratios and the targets, and writes it to dist/bench.md and between the bench
 * markers of docs/performance.md. A benchmark, not a test: nothing here fails on a slow result.
 * Runs on whatever deck is in slides/ (the table names it). `npm run pdf` is timed against Marp's
 * `marp --pdf --pdf-notes` on the same slides in the same run (marp-cli installed once into
 * node_modules/.cache/, see src/bench/marp.ts); the compiler against its worst accepted inputs.
 *
 *   npm run bench [-- --runs=5] [-- --no-write]   (--no-write: leave docs/performance.md as it is)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { writeBaselineProject } from '../bench/baseline.ts'
import { buildRows, compileRows } from '../bench/build-rows.ts'
import { hotRows, outputRows, pageRows } from '../bench/page-rows.ts'
import { renderTable, replaceBetweenMarkers } from '../bench/report.ts'
import { type BenchRun, copyProject } from '../bench/run.ts'
import { launchBrowser } from '../browser/chromium.ts'
import { parseCommandFlags } from './args.ts'

const root = resolve(import.meta.dirname, '../..')
const flags = parseCommandFlags('bench', { runs: { type: 'string' }, 'no-write': { type: 'boolean' } })
const RUNS = Number(flags.runs ?? 5)
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error(`bench: --runs takes a whole number of runs, 1 or more (got "${flags.runs}")`)
  process.exit(2)
}
/** Where the table goes, between the bench markers (dist/bench.md gets it too, always). */
const performanceDoc = join(root, 'docs/performance.md')
const writeDoc = flags['no-write'] !== true
const log = (s: string) => process.stderr.write(`${s}\n`)

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'deck-bench-'))
  const run: BenchRun = {
    root,
    tmp,
    oursDir: join(tmp, 'ours'),
    baseDir: join(tmp, 'baseline'),
    runs: RUNS,
    rows: [],
    log,
    cleanup: [() => rmSync(tmp, { recursive: true, force: true })],
  }
  const { rows, cleanup } = run
  let deckLine = 'the deck in slides/'
  try {
    copyProject(root, run.oursDir)
    writeBaselineProject(run.baseDir, root)
    await buildRows(run)
    const compiled = await compileRows(run)
    deckLine = compiled.deckLine
    const browser = await launchBrowser()
    cleanup.push(() => browser.close())
    const oursUrl = await pageRows(run, browser)
    await outputRows(run, browser, oursUrl, compiled.title)
    await hotRows(run, browser)

    // --- report -----------------------------------------------------------------------------------------
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ')
    const header = `Measured ${when} UTC on ${deckLine}, on ${cpus().length} cores (load average ${loadavg()[0]?.toFixed(1)} at the end, shared machine), Node ${process.version}, ${RUNS} runs (first slide, compile and hot update: ${RUNS * 2}); the baseline is plain reveal.js 6 + Vite with reveal's runtime Markdown, notes plugin and white theme, built from the same slide files. Rerun: \`npm run bench\`.`
    const table = renderTable(rows, header)
    process.stdout.write(`\n${table}`)
    mkdirSync(join(root, 'dist'), { recursive: true })
    writeFileSync(join(root, 'dist/bench.md'), `# Benchmark\n\n${table}`)
    if (writeDoc) {
      const doc = existsSync(performanceDoc) ? readFileSync(performanceDoc, 'utf8') : '# Performance\n'
      mkdirSync(join(root, 'docs'), { recursive: true })
      writeFileSync(performanceDoc, replaceBetweenMarkers(doc, table))
    }
    log(`written to dist/bench.md${writeDoc ? ' and docs/performance.md' : ''}`)
  } finally {
    for (const f of cleanup.reverse()) {
      try {
        await f()
      } catch {
        // keep cleaning up
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
    process.exit(1)
  },
)
