/**
 * `npm run pptx`: the built deck (dist/) as an editable PowerPoint file, dist/deck.pptx.
 * The I/O edge: compile the slides (for their order, sections and timing), open the built deck
 * in Chromium at 1280x720 to read where each block lies and how it looks (src/pptx/extract.ts),
 * draw each figure's PNG fallback, then hand it all to the pure conversion (src/pptx/convert.ts).
 * `--out=<file>` writes elsewhere; `--dist=<dir>` reads a deck built elsewhere (`npm run build --
 * --out=<dir>`) and writes deck.pptx there unless --out says otherwise. Prints the slide count
 * and the time taken (`--verbose`: per step).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { formatDiagnostic, hasErrors } from '../compiler/diagnostics.ts'
import { deckToPptx, type DeckInfo, type FigurePngs } from '../pptx/convert.ts'
import { EXTRACT } from '../pptx/extract.ts'
import type { ExtractedDeck } from '../pptx/model.ts'
import { CdpBrowser, openPage, type CdpSession } from './cdp.ts'
import { serveDir } from './serve.ts'

const args = process.argv.slice(2)
const root = resolve(args.find((a) => a.startsWith('--root='))?.slice(7) ?? process.cwd())
const dist = resolve(args.find((a) => a.startsWith('--dist='))?.slice(7) ?? join(root, 'dist'))
const out = resolve(args.find((a) => a.startsWith('--out='))?.slice(6) ?? join(dist, 'deck.pptx'))
const verbose = args.includes('--verbose')
const step = (what: string, since: number): void => {
  if (verbose) console.error(`  ${what}: ${Math.round(performance.now() - since)} ms (this process's CPU so far: ${Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000)} ms)`)
}
const debug = args.includes('--debug')

async function main(): Promise<number> {
  const started = performance.now()
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${join(relative(root, dist) || dist, 'index.html')} is missing: run \`npm run build\` first`)
  // The browser launches while the compiler loads and the slides compile.
  const launching = CdpBrowser.launch()
  launching.catch(() => undefined)
  const server = await serveDir(dist)
  let browser: CdpBrowser | undefined
  try {
    const { buildDeck } = await import('../compiler/node.ts')
    const { deck, diagnostics } = buildDeck(root)
    if (hasErrors(diagnostics)) {
      for (const d of diagnostics) console.error(formatDiagnostic(d))
      console.error('\npptx failed: the slides have errors (see above); fix them and run `npm run build` first.')
      return 1
    }
    const info: DeckInfo = {
      title: deck.config.title,
      ...(deck.config.subtitle ? { subtitle: deck.config.subtitle } : {}),
      lang: deck.config.lang,
      slides: deck.slides.map((s) => ({ id: s.id, title: s.title, ...(s.section ? { section: s.section } : {}), seconds: s.seconds })),
    }
    const ids = info.slides.map((s) => s.id)
    step('compile', started)
    browser = await launching
    step('browser', started)
    const errors: string[] = []
    const page = await openPage(browser, `${server.url}index.html`, { width: 1280, height: 720, errors })
    await until(page, 'window.deck?.isReady() === true', 20_000, 'dist/index.html: reveal.js did not get ready within 20 s')
    const found = await page.evaluate<string[]>(`[...document.querySelectorAll('.reveal .slides section[id]')].map((s) => s.id)`)
    if (found.join(' ') !== ids.join(' ')) throw new Error(`dist/index.html does not hold the current slides (${found.length} found, ${ids.length} compiled): run \`npm run build\` first`)
    step('deck loaded', started)
    const extracted = await page.evaluate<ExtractedDeck>(`(${EXTRACT})(${JSON.stringify(ids)})`)
    step('layout read', started)
    const pngs = await figurePngs(page, extracted)
    step('figure PNGs', started)
    if (errors.length) throw new Error(`the deck reported errors:\n${errors.join('\n')}`)
    const bytes = await deckToPptx(info, extracted, pngs)
    step('pptx written', started)
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, bytes)
    const figures = extracted.slides.reduce((n, s) => n + s.blocks.filter((b) => b.kind === 'figure').length, 0)
    console.log(`${relative(root, out) || out}: ${ids.length} slides, ${figures} figures, ${(bytes.length / 1024).toFixed(0)} kB in ${Math.round(performance.now() - started)} ms`)
    return 0
  } finally {
    browser ??= await launching.catch(() => undefined)
    await Promise.all([browser?.close(), server.close()])
  }
}

/**
 * Each figure's standalone SVG drawn by the page itself (with the deck's fonts) on the slide's
 * background, at twice the slide's pixels: the PNG PowerPoint shows where it cannot draw SVG.
 * (Twice the pixels by drawing it twice as large, not by a device scale factor, which would
 * make every paint of the deck four times the work.)
 */
async function figurePngs(page: CdpSession, extracted: ExtractedDeck): Promise<FigurePngs> {
  const pngs: FigurePngs = new Map()
  const figures = extracted.slides.flatMap((s) => s.blocks.filter((b) => b.kind === 'figure'))
  if (!figures.length) return pngs
  // Room for the largest at twice its size (the layout is read already; the deck may re-lay itself out).
  const SCALE = 2
  const width = Math.ceil(Math.max(...figures.map((b) => b.box.w)) * SCALE)
  const height = Math.ceil(Math.max(...figures.map((b) => b.box.h)) * SCALE)
  await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false })
  for (const s of extracted.slides) {
    let i = 0
    for (const b of s.blocks) {
      if (b.kind !== 'figure') continue
      const w = Math.ceil(b.box.w * SCALE)
      const h = Math.ceil(b.box.h * SCALE)
      const args = JSON.stringify({ svg: b.svg, w, h, bg: s.background })
      // Drawn, then two animation frames so the screenshot sees it painted.
      await page.evaluate(`(({ svg, w, h, bg }) => {
        const el = document.createElement('div')
        el.id = 'pptx-figure-shot'
        el.style.cssText = 'position:fixed;left:0;top:0;width:' + w + 'px;height:' + h + 'px;background:' + bg + ';z-index:2147483647;margin:0;padding:0'
        el.innerHTML = svg
        const node = el.firstElementChild
        if (node) node.setAttribute('style', 'display:block;width:100%;height:100%')
        document.body.append(el)
        return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(true))))
      })(${args})`)
      const { data } = await page.send<{ data: string }>('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: w, height: h, scale: 1 } })
      pngs.set(`${s.id}#${i++}`, Buffer.from(data, 'base64'))
      await page.evaluate(`document.getElementById('pptx-figure-shot')?.remove(), true`)
    }
  }
  return pngs
}


/** Wait until `condition` (a page expression) holds, checked every animation frame; fails after `ms`. */
async function until(page: CdpSession, condition: string, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const holds = page.evaluate(`new Promise((ok) => { const f = () => (${condition}) ? ok(true) : requestAnimationFrame(f); f() })`)
  await Promise.race([holds, new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(message)), ms)))]).finally(() => clearTimeout(timer))
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = (err instanceof Error ? err.message : String(err)).split('\n').filter((l) => !/^\s+at /.test(l)).join('\n')
    console.error(debug && err instanceof Error ? err.stack : `pptx failed: ${message}`)
    process.exit(2)
  },
)
