/** The bench's rows measured in Chromium and against Marp: first slide, single file, PDF, PPTX, hot update. */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { chromePath } from '../browser/chromium.ts'
import { deckReady } from '../browser/deck-ready.ts'
import { serveDir } from '../browser/serve.ts'
import { installMarp, MARP_VERSION, toMarpMarkdown } from './marp.ts'
import { type FirstSlide, measureFirstSlide, measureHotUpdate, measureTitlePaint, timeCommand } from './measure.ts'
import { fmtKB, fmtMs } from './report.ts'
import { alternate, type BenchRun, npmScript, runLine } from './run.ts'
import { summarize } from './stats.ts'

/** The first slide in Chromium against the baseline, and the single-file deck; returns the served deck's address. */
export async function pageRows(run: BenchRun, browser: Browser): Promise<string> {
  const { oursDir, baseDir, rows, log, cleanup } = run
  const RUNS = run.runs
  // --- first slide in Chromium --------------------------------------------------------------
  log(`first slide: 1 warm-up + ${RUNS * 2} runs each, alternating, fresh browser context each`)
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
    metric: 'first slide painted, final (navigation → its title painted; baseline: reveal `ready`)',
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

  return so.url
}

/** Marp in the same run (its first paint, its PDF with notes), and the PowerPoint file. */
export async function outputRows(run: BenchRun, browser: Browser, oursUrl: string, title: string): Promise<void> {
  const { root, tmp, oursDir, rows, log, cleanup } = run
  const RUNS = run.runs
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
    writeFileSync(join(marpDir, 'slides/deck.md'), toMarpMarkdown(title, sources))
  }
  const marpWhy = 'error' in marp ? `Marp not installed: ${marp.error}` : ''
  const paintMetric = 'first slide painted, final, vs Marp (its title painted, Element Timing; Marp: its HTML deck, served the same way)'
  const paintTarget = `≤ 1.0× Marp ${MARP_VERSION}`
  if ('cli' in marp) {
    await timeCommand(process.execPath, [marp.cli, '--no-stdin', '-o', join(marpDir, 'deck.html'), 'slides/deck.md'], marpDir)
    const sm = await serveDir(marpDir)
    cleanup.push(() => sm.close())
    const marpPaint = () => measureTitlePaint(browser, `${sm.url}deck.html`, 'section')
    const oursPaint = async () => (await measureFirstSlide(browser, oursUrl)).paintMs
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
}

/** Saving a slide in the dev server until the open page shows it. */
export async function hotRows(run: BenchRun, browser: Browser): Promise<void> {
  const { oursDir, rows, log, cleanup } = run
  const RUNS = run.runs
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
  await deckReady(page, 60_000)
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
}
