/**
 * `npm run pptx`: the built deck (dist/) as an editable PowerPoint file, dist/deck.pptx.
 * The I/O edge: open the built deck in Chromium at 1280x720 to read where each block lies and
 * how it looks (src/pptx/extract.ts), draw each figure's PNG fallback, and hand it all to the
 * pure conversion (src/pptx/convert.ts). Nothing is compiled again: the deck's title, subtitle
 * and language and each slide's title, section and planned time come from the build's record
 * (dist/deck.json); it warns when a slide file changed after the build. `--out=<file>` writes elsewhere; `--dist=<dir>` reads a deck built elsewhere
 * (`npm run build -- --out=<dir>`) and writes deck.pptx there unless --out says otherwise.
 * Prints the slide count and the time taken (`--verbose`: per step).
 *
 * Fast by overlapping: Chromium starts first, pptxgenjs loads while it does, and the figures'
 * PNGs are drawn while the slides are converted; Chromium's shutdown is not waited for. A figure
 * whose PNG the last run drew (same SVG, background, size, fonts and Chromium) is not drawn
 * again (src/pptx/png-cache.ts; `--no-cache` draws them all).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../browser/chromium.ts'
import { deckReady } from '../browser/deck-ready.ts'
import { serveDir } from '../browser/serve.ts'
import { slideSources } from '../compiler/load.ts'
import { changedFiles, type DeckRecord, readRecord } from '../deck/record.ts'
import { extractScript } from '../pptx/extract.ts'
import type { DeckInfo, ExtractedDeck, FigurePngs } from '../pptx/model.ts'
import { folderCache, type PngCache, pngKey } from '../pptx/png-cache.ts'
import { xmlSafe, xmlSafeDeck } from '../pptx/xml-chars.ts'
import { parseCommandFlags } from './args.ts'

const flags = parseCommandFlags('pptx', { dist: { type: 'string' }, out: { type: 'string' }, verbose: { type: 'boolean' }, 'no-cache': { type: 'boolean' } })
const root = resolve(flags.root ?? process.cwd())
const dist = resolve(flags.dist ?? join(root, 'dist'))
const out = resolve(flags.out ?? join(dist, 'deck.pptx'))
const verbose = flags.verbose === true
/** Draw every figure's PNG again rather than reuse the last run's (they are kept all the same). */
const noCache = flags['no-cache'] === true
/** The tool's own folder (its node_modules holds the caches). */
const toolRoot = resolve(import.meta.dirname, '../..')
const step = (what: string, since: number): void => {
  if (verbose)
    console.error(
      `  ${what}: ${Math.round(performance.now() - since)} ms (this process's CPU so far: ${Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000)} ms)`,
    )
}
const debug = flags.debug === true
const shown = (f: string) => relative(root, join(dist, f)) || join(dist, f)

/** What the conversion needs of the compiled deck, from the build's record. */
function deckInfo(record: DeckRecord): DeckInfo {
  const { title, subtitle, lang, author, organisation, date, marking, footer } = record.config
  return {
    title,
    ...(subtitle ? { subtitle } : {}),
    lang,
    ...(author ? { author } : {}),
    ...(organisation ? { organisation } : {}),
    ...(date ? { date } : {}),
    ...(marking ? { marking } : {}),
    ...(footer ? { footer } : {}),
    slides: record.slides.map((s) => ({ id: s.id, title: s.title, ...(s.section ? { section: s.section } : {}), seconds: s.seconds, layout: s.layout })),
  }
}

async function main(): Promise<number> {
  const started = performance.now()
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${shown('index.html')} is missing: run \`npm run build\` first`)
  const record = readRecord(dist)
  // Chromium starts first; the conversion (pptxgenjs) loads while it does.
  // One tab, so Chromium's renderer, network and GPU work need no processes of their own: in one
  // process it starts and opens the deck sooner (the same package, byte for byte).
  const launching = launchBrowser(['--single-process', '--no-zygote'])
  launching.catch(() => undefined)
  const converter = import('../pptx/convert.ts')
  converter.catch(() => undefined)
  const server = await serveDir(dist)
  let browser: Browser | undefined
  try {
    const changed = changedFiles(record, slideSources(root, record.slidesDir))
    if (changed.length)
      console.error(
        `warning ${changed.join(', ')} changed after ${relative(root, dist) || '.'}/ was built: run \`npm run build\` to convert the current slides`,
      )
    browser = await launching
    step('browser', started)
    const errors: string[] = []
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
    page.on('pageerror', (e) => errors.push(e.stack ?? e.message))
    await page.goto(`${server.url}index.html`)
    step('page loaded', started)
    // A ceiling, not a wait: ready comes in well under a second.
    await deckReady(page, 120_000).catch((e: unknown) => {
      throw new Error(`${shown('index.html')}: ${e instanceof Error ? e.message : String(e)}; page errors: ${errors.length}`)
    })
    const info = xmlSafe(deckInfo(record)).value
    step('reveal.js ready', started)
    const safe = xmlSafeDeck(await page.evaluate<ExtractedDeck>(extractScript(info.slides.map((s) => s.id))))
    const extracted = safe.deck
    for (const [id, n] of safe.removed) {
      const s = record.slides.find((r) => r.id === id)
      console.error(
        `${s?.file ?? 'slides'}:${s?.line ?? 1}:1 warning pptx-control-char slide "${id}" holds ${n} control character${n === 1 ? '' : 's'} (pasted, or written as &#1; and the like) that a PowerPoint file cannot hold: left out of deck.pptx; remove ${n === 1 ? 'it' : 'them'} from the slide`,
      )
    }
    step('layout read', started)
    // The PNGs are drawn by Chromium (or found from the last run) while this process converts the slides.
    const cache = folderCache(join(toolRoot, 'node_modules/.cache/deck-pptx'))
    const pngs = figurePngs(page, extracted, browser, cache).then((p) => {
      step('figure PNGs', started)
      return p
    })
    pngs.catch(() => undefined)
    const { deckToPptx } = await converter
    const bytes = await deckToPptx(info, extracted, pngs)
    if (errors.length) throw new Error(`the deck reported errors:\n${errors.join('\n')}`)
    step('pptx made', started)
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, bytes)
    const figures = extracted.slides.reduce((n, s) => n + s.blocks.filter((b) => b.kind === 'figure').length, 0)
    const pictured = extracted.slides.reduce((n, s) => n + s.blocks.filter((b) => b.kind === 'figure' && !b.chart).length, 0)
    const drawn = (await pngs).drawn
    const reused = pictured && drawn < pictured ? ` (${pictured - drawn} figure PNG${pictured - drawn === 1 ? '' : 's'} reused from the last run)` : ''
    console.log(
      `${relative(root, out) || out}: ${info.slides.length} slides, ${figures} figures${figures > pictured ? ` (${figures - pictured} as native charts)` : ''}, ${(bytes.length / 1024).toFixed(0)} kB in ${Math.round(performance.now() - started)} ms${reused}`,
    )
    return 0
  } finally {
    // Chromium shuts down (and removes its temporary profile) on its own: not waited for.
    void launching.then((b) => b.close()).catch(() => undefined)
    await server.close()
  }
}

/**
 * Each figure's standalone SVG drawn by the page itself (with the deck's fonts) on the slide's
 * background: the PNG that PowerPoint 2016 and older and LibreOffice Impress show instead of the
 * SVG. At 1.5 times the slide's pixels, so a full slide would be 1920x1080: sharp on a 1080p
 * projector, at about half the pixels (and half the drawing and PNG encoding time) of twice.
 * (Larger by drawing it larger, not by a device scale factor, which would make every paint of the
 * deck more work.) The deck itself is hidden first: resizing the view for the shots then lays out
 * nothing but the figure.
 */
const PNG_SCALE = 1.5

async function figurePngs(page: Page, extracted: ExtractedDeck, browser: Browser, cache: PngCache): Promise<FigurePngs & { drawn: number }> {
  const pngs = Object.assign(new Map() as FigurePngs, { drawn: 0 })
  const figures = extracted.slides.flatMap((s) =>
    s.blocks
      .filter((b) => b.kind === 'figure')
      .map((b, i) => ({
        key: `${s.id}#${i}`,
        chart: b.chart,
        svg: b.svg,
        background: s.background,
        w: Math.ceil(b.box.w * PNG_SCALE),
        h: Math.ceil(b.box.h * PNG_SCALE),
      }))
      // A chart becomes a native chart: no picture.
      .filter((f) => !f.chart),
  )
  if (!figures.length) return pngs
  const product = browser.version()
  const fonts = existsSync(join(dist, 'assets')) ? readdirSync(join(dist, 'assets')).filter((f) => /\.(woff2?|ttf|otf)$/i.test(f)) : []
  const keyOf = (f: (typeof figures)[number]) => pngKey({ svg: f.svg, background: f.background, width: f.w, height: f.h, fonts, browser: product })
  const missing = figures.filter((f) => {
    const png = noCache ? undefined : cache.get(keyOf(f))
    if (png) pngs.set(f.key, png)
    return !png
  })
  if (!missing.length) return pngs
  // Room for the largest (the layout is read already).
  await page.evaluate(`(document.querySelector('.reveal')?.style.setProperty('display', 'none'), true)`)
  await page.setViewportSize({ width: Math.max(...missing.map((f) => f.w)), height: Math.max(...missing.map((f) => f.h)) })
  for (const f of missing) {
    // The figure replaces the one before in a box on top of the page; the screenshot then
    // draws a new frame of its own, with it.
    await page.evaluate(`((svg, w, h, bg) => {
      let el = document.getElementById('pptx-figure-shot')
      if (!el) {
        el = document.createElement('div')
        el.id = 'pptx-figure-shot'
        document.body.append(el)
      }
      el.style.cssText = 'position:fixed;left:0;top:0;width:' + w + 'px;height:' + h + 'px;background:' + bg + ';z-index:2147483647;margin:0;padding:0'
      el.innerHTML = svg
      el.firstElementChild?.setAttribute('style', 'display:block;width:100%;height:100%')
      return true
    })(${JSON.stringify(f.svg)}, ${f.w}, ${f.h}, ${JSON.stringify(f.background)})`)
    const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: f.w, height: f.h } })
    pngs.set(f.key, png)
    pngs.drawn++
    cache.set(keyOf(f), png)
  }
  return pngs
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = (err instanceof Error ? err.message : String(err))
      .split('\n')
      .filter((l) => !/^\s+at /.test(l))
      .join('\n')
    console.error(debug && err instanceof Error ? err.stack : `pptx failed: ${message}`)
    process.exit(2)
  },
)
