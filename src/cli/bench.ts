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
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { delimiter, join, relative, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { writeBaselineProject } from '../bench/baseline.ts'
import { generateSlides } from '../bench/generate.ts'
import { installMarp, MARP_VERSION, toMarpMarkdown } from '../bench/marp.ts'
import { type FirstSlide, measureFirstSlide, measureHotUpdate, measureTitlePaint, timeCommand } from '../bench/measure.ts'
import { fmtKB, fmtMs, type Row, renderTable, replaceBetweenMarkers } from '../bench/report.ts'
import { growthExponent, type Summary, summarize } from '../bench/stats.ts'
import { plainCase, worstCases } from '../bench/worst.ts'
import { chromePath, launchBrowser } from '../browser/chromium.ts'
import { serveDir } from '../browser/serve.ts'
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

/** Copy the project (without node_modules, dist, git) into `dir`, its node_modules a link to ours. */
function copyProject(dir: string): void {
  const skip = (top: string) => ['node_modules', 'dist', '.git'].includes(top) || top.startsWith('.dist-') || top.startsWith('.vite')
  cpSync(root, dir, { recursive: true, filter: (src) => src === root || !skip(relative(root, src).split(sep)[0] ?? '') })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
}

/** `npm run <script>` without npm's own start-up: the script line through sh, node_modules/.bin first on PATH. */
function npmScript(dir: string, name: string): string | undefined {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }
  return pkg.scripts?.[name]
}
function runLine(dir: string, line: string): Promise<number> {
  return timeCommand('sh', ['-c', line], dir, { PATH: `${join(dir, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}` })
}

async function alternate<T>(runs: number, steps: Record<string, () => Promise<T>>): Promise<Record<string, T[]>> {
  const out: Record<string, T[]> = Object.fromEntries(Object.keys(steps).map((k) => [k, []]))
  for (let i = 0; i < runs; i++) {
    for (const [k, f] of Object.entries(steps)) {
      out[k]?.push(await f())
    }
  }
  return out
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'deck-bench-'))
  const oursDir = join(tmp, 'ours')
  const baseDir = join(tmp, 'baseline')
  const rows: Row[] = []
  let deckLine = 'the deck in slides/'
  const cleanup: (() => Promise<void> | void)[] = [() => rmSync(tmp, { recursive: true, force: true })]
  try {
    copyProject(oursDir)
    writeBaselineProject(baseDir, root)
    const buildLine = npmScript(oursDir, 'build') ?? 'node src/cli/launch.mjs build'

    // --- build wall time -------------------------------------------------------------------
    // After a slide edit (the usual build: the client build is reused) and cold (--no-cache: Vite runs).
    const slideFile = readdirSync(join(oursDir, 'slides'))
      .filter((f) => f.endsWith('.md'))
      .sort()[0]
    let edits = 0
    const editSlide = () => {
      if (!slideFile) return
      const file = join(oursDir, 'slides', slideFile)
      writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n${++edits % 2 ? '\n' : ''}`)
    }
    const coldLine = `${buildLine} --no-cache`
    log(`build: 1 warm-up + ${RUNS} runs each, alternating (ours after a slide edit: "${buildLine}", ours cold: "${coldLine}", baseline: "vite build")`)
    await runLine(oursDir, buildLine)
    await runLine(baseDir, 'vite build')
    const builds = await alternate(RUNS, {
      baseline: () => runLine(baseDir, 'vite build'),
      ours: () => {
        editSlide()
        return runLine(oursDir, buildLine)
      },
      cold: () => runLine(oursDir, coldLine),
    })
    const bo = summarize(builds.ours ?? [])
    const bc = summarize(builds.cold ?? [])
    const bb = summarize(builds.baseline ?? [])
    rows.push({
      metric: '`npm run build` after a slide edit (all editions)',
      ours: fmtMs(bo),
      baseline: fmtMs(bb),
      ratio: `${(bo.median / bb.median).toFixed(2)}×`,
      target: '≤ 0.7× baseline',
      met: bo.median <= 0.7 * bb.median,
    })
    rows.push({
      metric: '`npm run build`, cold (no cache: Vite runs)',
      ours: fmtMs(bc),
      baseline: fmtMs(bb),
      ratio: `${(bc.median / bb.median).toFixed(2)}×`,
      target: '≤ 1.5× baseline',
      met: bc.median <= 1.5 * bb.median,
    })

    // --- compile, in this process ------------------------------------------------------------
    log('compile: real deck and generated 12, 100, 1,000 slides')
    const { compileDeck } = await import('../compiler/deck.ts')
    const { nodeEnv } = await import('../compiler/node.ts')
    const { loadSlides } = await import('../compiler/load.ts')
    const env = nodeEnv(root)
    const real = loadSlides(root)
    const realInput = { files: real.files, ...(real.deckFile ? { deckFile: real.deckFile } : {}), env }
    const cold = performance.now()
    const realDeck = compileDeck(realInput).deck
    const realSlides = realDeck.slides.length
    deckLine = `${realSlides} slides from ${real.files.length} files in slides/, “${realDeck.config.title}”`
    const coldMs = performance.now() - cold
    const sizes = [12, 100, 1000]
    const inputs = sizes.map((n) => ({ ...generateSlides(n), env }))
    for (const input of inputs) compileDeck(input) // warm-up (JIT, figure geometry)
    const timeCompile = (input: Parameters<typeof compileDeck>[0]) => async () => {
      const t = performance.now()
      compileDeck(input)
      return performance.now() - t
    }
    const compiles = await alternate(RUNS * 2, {
      real: timeCompile(realInput),
      ...Object.fromEntries(sizes.map((n, i) => [String(n), timeCompile(inputs[i] as Parameters<typeof compileDeck>[0])])),
    })
    const cs = Object.fromEntries(Object.entries(compiles).map(([k, v]) => [k, summarize(v)])) as Record<string, Summary>
    const exp = growthExponent([100, 1000].map((size) => ({ size, ms: cs[String(size)]?.median ?? Number.NaN })))
    rows.push({
      metric: `compile, this deck (${realSlides} slides), warm`,
      ours: fmtMs(cs.real as Summary),
      baseline: 'parses in the browser',
      ratio: `first compile in a process: ${fmtMs(summarize([coldMs]))}`,
      target: '< 20 ms',
      met: (cs.real as Summary).median < 20,
    })
    rows.push({
      metric: 'compile, 12 generated slides',
      ours: fmtMs(cs['12'] as Summary),
      baseline: '—',
      ratio: '',
      target: '< 20 ms',
      met: (cs['12'] as Summary).median < 20,
    })
    rows.push({ metric: 'compile, 100 generated slides', ours: fmtMs(cs['100'] as Summary), baseline: '—', ratio: '', target: '', met: undefined })
    rows.push({
      metric: 'compile, 1,000 generated slides',
      ours: fmtMs(cs['1000'] as Summary),
      baseline: '—',
      ratio: `growth 100→1,000: n^${exp.toFixed(2)}`,
      target: '< 0.5 s, linear (n^≤1.15)',
      met: (cs['1000'] as Summary).median < 500 && exp <= 1.15,
    })

    // --- compile, worst cases under the limits ---------------------------------------------------
    // Each ~256 KB worst case alternates with the same size of plain text; each ratio is taken
    // against the plain-text runs of the same rounds.
    const worst = worstCases()
    const plain = plainCase()
    log(`compile, worst cases: ${worst.length} inputs of ~256 KB against plain text, ${RUNS} runs each, alternating`)
    const worstInputs = [plain, ...worst].map((c) => ({ name: c.name, input: { files: c.files, deckFile: c.deckFile, env } }))
    for (const { name, input } of worstInputs) {
      const refused = compileDeck(input).diagnostics.find((d) => d.severity === 'error')
      if (refused)
        throw new Error(`worst case "${name}" is refused by the compiler (${refused.code}: ${refused.message}): src/bench/worst.ts must follow the limits`)
    }
    const worstRuns = await alternate(RUNS, Object.fromEntries(worstInputs.map(({ name, input }) => [name, timeCompile(input)])))
    const plainMs = summarize(worstRuns[plain.name] ?? [])
    const ratios = worst
      .map((c) => ({ name: c.name, s: summarize(worstRuns[c.name] ?? []) }))
      .map((w) => ({ ...w, ratio: w.s.median / plainMs.median }))
      .sort((a, b) => b.ratio - a.ratio)
    const top = ratios[0]
    if (top) {
      rows.push({
        metric: `compile, worst accepted input (~256 KB): ${top.name}`,
        ours: fmtMs(top.s),
        baseline: `256 KB of plain text: ${fmtMs(plainMs)}`,
        ratio: `${top.ratio.toFixed(1)}× (next: ${ratios
          .slice(1, 4)
          .map((r) => `${r.name} ${r.ratio.toFixed(1)}×`)
          .join(', ')})`,
        target: '≤ 4× plain text',
        met: top.ratio <= 4,
      })
    }

    // --- first slide in Chromium --------------------------------------------------------------
    log(`first slide: 1 warm-up + ${RUNS * 2} runs each, alternating, fresh browser context each`)
    const browser = await launchBrowser()
    cleanup.push(() => browser.close())
    const so = await serveDir(join(oursDir, 'dist'))
    const sb = await serveDir(join(baseDir, 'dist'))
    cleanup.push(
      () => so.close(),
      () => sb.close(),
    )
    await measureFirstSlide(browser, so.url)
    await measureFirstSlide(browser, sb.url)
    const firsts = await alternate<FirstSlide>(RUNS * 2, { ours: () => measureFirstSlide(browser, so.url), baseline: () => measureFirstSlide(browser, sb.url) })
    const fo = summarize((firsts.ours ?? []).map((f) => f.ms))
    const fb = summarize((firsts.baseline ?? []).map((f) => f.ms))
    const lastO = (firsts.ours ?? []).at(-1) as FirstSlide
    const lastB = (firsts.baseline ?? []).at(-1) as FirstSlide
    const paints = (firsts.ours ?? []).map((f) => f.paintMs)
    const fp = paints.every((p) => p !== undefined) ? summarize(paints as number[]) : undefined
    rows.push({
      metric: 'first slide painted, final (navigation → LCP of its title; baseline: reveal `ready`)',
      ours: fp ? fmtMs(fp) : 'no paint of the title recorded',
      baseline: fmtMs(fb),
      ratio: fp ? `${(fp.median / fb.median).toFixed(2)}×` : '',
      // (the target is Marp's paint, in its own row below)
      target: '',
      met: undefined,
    })
    rows.push({
      metric: 'reveal `ready` (navigation → `ready`, slide laid out)',
      ours: fmtMs(fo),
      baseline: fmtMs(fb),
      ratio: `${(fo.median / fb.median).toFixed(2)}×`,
      target: '≤ 1.1× baseline',
      met: fo.median <= 1.1 * fb.median,
    })
    // What the paint waited for depends on the run's timing (a font may land just before or after
    // the title's paint): every run counts, and the target holds for the heaviest.
    const oursRuns = firsts.ours ?? []
    const paintBytes = summarize(oursRuns.map((f) => f.paintGzipBytes))
    const paintReqs = oursRuns.map((f) => f.paintRequests)
    const kbRange = (x: { median: number; min: number; max: number }) => `${fmtKB(x.median)} (${fmtKB(x.min)}–${fmtKB(x.max)})`
    rows.push({
      metric: 'bytes before the first slide, gzipped, every run (ours: loaded when its title is painted; baseline: by `ready`)',
      ours: `${kbRange(paintBytes)} in ${Math.min(...paintReqs)}–${Math.max(...paintReqs)} requests (by \`ready\`: ${fmtKB(lastO.gzipBytes)})`,
      baseline: `${fmtKB(lastB.gzipBytes)} in ${lastB.requests} requests (${fmtKB(lastB.rawBytes)} raw)`,
      ratio: `${(paintBytes.median / lastB.gzipBytes).toFixed(2)}×`,
      target: '≤ 150 kB (aim 120 kB), heaviest run',
      met: paintBytes.max <= 150_000,
    })
    const externalO = new Set(oursRuns.flatMap((f) => f.external))
    const externalB = new Set((firsts.baseline ?? []).flatMap((f) => f.external))
    rows.push({
      metric: 'requests that leave the machine, every run',
      ours: String(externalO.size),
      baseline: String(externalB.size),
      ratio: '',
      target: 'none',
      met: externalO.size === 0,
    })

    // --- single file ----------------------------------------------------------------------------
    const single = join(oursDir, 'dist/deck.html')
    if (existsSync(single)) {
      const size = statSync(single).size
      rows.push({
        metric: '`dist/deck.html` (single file)',
        ours: `${fmtKB(size)} (${fmtKB(gzipSync(readFileSync(single)).length)} gzipped)`,
        baseline: '—',
        ratio: '',
        target: '≤ 600 kB',
        met: size <= 600_000,
      })
    } else {
      rows.push({
        metric: '`dist/deck.html` (single file)',
        ours: 'not built',
        baseline: '—',
        ratio: '',
        target: '≤ 600 kB',
        met: undefined,
        note: 'the build writes no dist/deck.html yet',
      })
    }

    // --- Marp, in the same run: its first paint, then its PDF ---------------------------------------
    const marp = await installMarp(join(root, 'node_modules/.cache'), log)
    // Marp's input: the same slides as one Marp deck, beside the project's assets/.
    const marpDir = join(tmp, 'marp')
    if ('cli' in marp) {
      mkdirSync(join(marpDir, 'slides'), { recursive: true })
      if (existsSync(join(root, 'assets'))) symlinkSync(join(root, 'assets'), join(marpDir, 'assets'), 'dir')
      const sources = readdirSync(join(root, 'slides'))
        .filter((n) => n.endsWith('.md'))
        .sort()
        .map((n) => readFileSync(join(root, 'slides', n), 'utf8'))
      writeFileSync(join(marpDir, 'slides/deck.md'), toMarpMarkdown(realDeck.config.title, sources))
    }
    const marpWhy = 'error' in marp ? `Marp not installed: ${marp.error}` : ''
    const paintMetric = 'first slide painted, final, vs Marp (LCP of its title; Marp: its HTML deck, served the same way)'
    const paintTarget = `≤ 1.0× Marp ${MARP_VERSION}`
    if ('cli' in marp) {
      await timeCommand(process.execPath, [marp.cli, '--no-stdin', '-o', join(marpDir, 'deck.html'), 'slides/deck.md'], marpDir)
      const sm = await serveDir(marpDir)
      cleanup.push(() => sm.close())
      const marpPaint = () => measureTitlePaint(browser, `${sm.url}deck.html`, 'section')
      const oursPaint = async () => (await measureFirstSlide(browser, so.url)).paintMs
      log(`first slide vs Marp: 1 warm-up + ${RUNS * 2} runs each, alternating, fresh browser context each`)
      await marpPaint()
      const paintRuns = await alternate(RUNS * 2, { ours: oursPaint, marp: marpPaint })
      const all = (xs: (number | undefined)[] = []) => (xs.every((x) => x !== undefined) ? summarize(xs as number[]) : undefined)
      const po = all(paintRuns.ours)
      const pm = all(paintRuns.marp)
      if (po && pm) {
        rows.push({
          metric: paintMetric,
          ours: fmtMs(po),
          baseline: `Marp: ${fmtMs(pm)}`,
          ratio: `${(po.median / pm.median).toFixed(2)}×`,
          target: paintTarget,
          met: po.median <= pm.median,
        })
      } else {
        rows.push({
          metric: paintMetric,
          ours: po ? fmtMs(po) : 'not measured',
          baseline: pm ? `Marp: ${fmtMs(pm)}` : '—',
          ratio: '',
          target: paintTarget,
          met: undefined,
          note: 'a run recorded no paint of the title',
        })
      }
    } else {
      rows.push({ metric: paintMetric, ours: 'not measured', baseline: '—', ratio: '', target: paintTarget, met: undefined, note: marpWhy })
    }

    const pdfLine = npmScript(oursDir, 'pdf')
    const pdfTarget = `≤ 1.0× Marp ${MARP_VERSION} (\`--pdf --pdf-notes\`)`
    if (pdfLine && 'cli' in marp) {
      const marpRun = () =>
        timeCommand(
          process.execPath,
          [marp.cli, '--pdf', '--pdf-notes', '--allow-local-files', '--no-stdin', '-o', join(marpDir, 'deck.pdf'), 'slides/deck.md'],
          marpDir,
          { CHROME_PATH: chromePath() },
        )
      log(`pdf: 1 warm-up + ${RUNS} runs each, alternating (ours: "${pdfLine}", Marp: "marp --pdf --pdf-notes")`)
      await runLine(oursDir, pdfLine)
      await marpRun()
      const pdfs = await alternate(RUNS, { ours: () => runLine(oursDir, pdfLine), marp: marpRun })
      const po = summarize(pdfs.ours ?? [])
      const pm = summarize(pdfs.marp ?? [])
      rows.push({
        metric: '`npm run pdf` wall (deck.pdf + handout.pdf) vs Marp, one PDF with notes',
        ours: fmtMs(po),
        baseline: `Marp: ${fmtMs(pm)}`,
        ratio: `${(po.median / pm.median).toFixed(2)}×`,
        target: pdfTarget,
        met: po.median <= pm.median,
      })
    } else {
      const why = !pdfLine ? 'package.json has no "pdf" script' : marpWhy
      rows.push({
        metric: '`npm run pdf` wall (deck.pdf + handout.pdf) vs Marp, one PDF with notes',
        ours: 'not measured',
        baseline: '—',
        ratio: '',
        target: pdfTarget,
        met: undefined,
        note: why,
      })
    }

    // --- PowerPoint ----------------------------------------------------------------------------------
    const pptxLine = npmScript(oursDir, 'pptx')
    if (pptxLine) {
      // Two ways, alternating: as it runs again and again while slides are edited (the figures'
      // PNGs, unchanged, reused from the run before), and with every figure drawn (--no-cache,
      // as on the first run after a clone).
      log(`pptx: 1 warm-up + ${RUNS} runs each, alternating ("${pptxLine}", and with --no-cache)`)
      await runLine(oursDir, pptxLine)
      const runs = await alternate(RUNS, { reused: () => runLine(oursDir, pptxLine), drawn: () => runLine(oursDir, `${pptxLine} --no-cache`) })
      const pp = summarize(runs.reused ?? [])
      const cold = summarize(runs.drawn ?? [])
      rows.push({
        metric: "`npm run pptx` wall (dist/deck.pptx, figures with PNG fallbacks; unchanged figures' PNGs reused from the last run)",
        ours: fmtMs(pp),
        baseline: 'no PowerPoint export',
        ratio: '',
        target: '< 3 s',
        met: pp.median < 3000,
      })
      rows.push({
        metric: '`npm run pptx -- --no-cache` wall (every figure drawn, as on a first run)',
        ours: fmtMs(cold),
        baseline: 'no PowerPoint export',
        ratio: '',
        target: '',
        met: undefined,
      })
    }

    // --- hot update ---------------------------------------------------------------------------------
    log(`hot update: ${RUNS * 2} saves in the dev server`)
    const { createServer } = await import('vite')
    const server = await createServer({
      root: oursDir,
      configFile: join(oursDir, 'vite.config.ts'),
      cacheDir: join(oursDir, '.vite-cache'),
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false },
    })
    cleanup.push(() => server.close())
    await server.listen()
    const devUrl = server.resolvedUrls?.local[0]
    if (!devUrl) throw new Error('the dev server reported no URL')
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    const page = await context.newPage()
    await page.goto(devUrl, { waitUntil: 'load' })
    await page.waitForFunction('window.deck && window.deck.isReady()', undefined, { timeout: 60_000 })
    const allSlideFiles = readdirSync(join(oursDir, 'slides'))
      .filter((n) => n.endsWith('.md'))
      .sort()
      .map((n) => join(oursDir, 'slides', n))
    // Two slide files with notes (not the title), else any: the edit goes before their notes.
    const withNotes = allSlideFiles.filter((f) => /\nNotes?:/.test(readFileSync(f, 'utf8')))
    const slideFiles = withNotes.length > 1 ? withNotes.slice(1, 3) : allSlideFiles.slice(0, 2)
    const originals = new Map(slideFiles.map((f) => [f, readFileSync(f, 'utf8')]))
    const hmr: number[] = []
    await measureHotUpdate(page, slideFiles[0] as string, originals.get(slideFiles[0] as string) as string, 'bench-warmup')
    for (let i = 0; i < RUNS * 2; i++) {
      const f = slideFiles[i % slideFiles.length] as string
      hmr.push(await measureHotUpdate(page, f, originals.get(f) as string, `bench-${i}-${Date.now()}`))
    }
    for (const [f, text] of originals) writeFileSync(f, text)
    await context.close()
    const hs = summarize(hmr)
    rows.push({
      metric: 'hot update: save a slide → page updated',
      ours: fmtMs(hs),
      baseline: 'full page reload',
      ratio: '',
      target: '< 150 ms',
      met: hs.median < 150,
    })

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
