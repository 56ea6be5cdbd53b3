/** The bench's build and compile rows: the build against the baseline, the compiler at scale and at its worst. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateSlides } from './generate.ts'
import { fmtMs } from './report.ts'
import { alternate, type BenchRun, npmScript, runLine } from './run.ts'
import { growthExponent, type Summary, summarize } from './stats.ts'
import { plainCase, worstCases } from './worst.ts'

/** `npm run build` after a slide edit and cold, against `vite build` of the baseline. */
export async function buildRows(run: BenchRun): Promise<void> {
  const { oursDir, baseDir, rows, log } = run
  const RUNS = run.runs
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
}

/** The compiler in this process: the deck in slides/, generated decks, the worst accepted inputs. Returns the deck's title and a line naming it. */
export async function compileRows(run: BenchRun): Promise<{ title: string; deckLine: string }> {
  const { root, rows, log } = run
  const RUNS = run.runs
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
  const deckLine = `${realSlides} slides from ${real.files.length} files in slides/, “${realDeck.config.title}”`
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

  return { title: realDeck.config.title, deckLine }
}
