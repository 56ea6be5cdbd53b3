/**
 * `npm run pdf`: print the built deck (dist/) with Chromium into
 *   dist/deck.pdf     one 16:9 page per slide (1280x720 px, as reveal's `?print-pdf` lays it out)
 *   dist/handout.pdf  one portrait page per slide, the slide above its notes; A4, or US Letter
 *                     with `--letter`
 * Both from handout.html, the page that holds every slide, laid out by the stylesheet alone (no
 * reveal.js to run): the handout as it is, the deck with `deck-print` on <html>
 * (assets/handout.css: the slide alone on a page of its own size, numbered).
 * `--out=<dir>` writes the PDFs elsewhere (default: dist/); `--dist=<dir>` prints a deck built
 * elsewhere (`npm run build -- --out=<dir>`), and writes there unless --out says otherwise.
 * Both get the deck's title, language and an outline (bookmarks): an entry per section, the slide
 * titles under it, read from the build's record (dist/deck.json), so nothing is compiled again. One
 * Chromium driven over its debugging pipe (src/cli/cdp.ts: no playwright-core to load), one tab
 * printing both documents in turn, the outline appended to each file as an incremental update
 * (src/reading/outline-update.ts). Waits on events, never on fixed sleeps. Prints a line
 * per output with its page count; exits non-zero when a count is wrong. Reports,
 * by slide, images that did not load and content cut off by the page; `--strict` makes those
 * fail the command.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { OutlineEntry } from '../reading/render.ts'
import { appendOutline } from '../reading/outline-update.ts'
import { slideSources } from '../compiler/load.ts'
import { changedFiles, readRecord, type OutlineItem } from '../deck/record.ts'
import { CdpBrowser, openPage, type CdpSession } from './cdp.ts'
import { serveDir } from './serve.ts'

const args = process.argv.slice(2)
const root = resolve(args.find((a) => a.startsWith('--root='))?.slice(7) ?? process.cwd())
const paper = args.includes('--letter') ? 'Letter' : 'A4'
const dist = resolve(args.find((a) => a.startsWith('--dist='))?.slice(7) ?? join(root, 'dist'))
const outDir = resolve(args.find((a) => a.startsWith('--out='))?.slice(6) ?? dist)
/** `--strict`: what the printout loses (broken images, content cut off by the page) fails the command. */
const strict = args.includes('--strict')

/** Paper sizes in inches, as Chromium takes them. */
const PAPER = { A4: { paperWidth: 8.27, paperHeight: 11.7 }, Letter: { paperWidth: 8.5, paperHeight: 11 } } as const
const NO_MARGINS = { marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0 }

/** How long both documents may take to load, lay out and print. */
const PRINT_TIMEOUT_MS = 180_000

/** `DECK_PROFILE=1`: each phase's time since the process started (and this process's CPU time), on stderr. */
const profile = process.env.DECK_PROFILE === '1'
const mark = (what: string) => {
  if (!profile) return
  const cpu = process.cpuUsage()
  process.stderr.write(`profile ${Math.round(performance.now())} ms (this process's CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms) ${what}\n`)
}

interface Output {
  file: string
  pages: number
  expected: number
}

/** The reading edition's contents as outline entries pointing at pages (slide indexes). */
function toOutline(toc: OutlineItem[], ids: readonly string[]): OutlineEntry[] {
  const index = new Map(ids.map((id, i) => [id, i]))
  const page = (id: string) => {
    const i = index.get(id)
    if (i === undefined) throw new Error(`dist/deck.json lists the slide #${id}, which dist/handout.html does not hold: run \`npm run build\` again`)
    return i
  }
  const walk = (entries: OutlineItem[]): OutlineEntry[] => entries.map((e) => ({ title: e.title, page: page(e.id), children: walk(e.children) }))
  return walk(toc)
}

async function main(): Promise<number> {
  const started = performance.now()
  mark('main')
  if (!existsSync(join(dist, 'handout.html'))) throw new Error(`${relative(process.cwd(), join(dist, 'handout.html'))} is missing: run \`npm run build\` first`)
  const record = readRecord(dist)
  // Start the browser first: it launches while the rest is read.
  const launching = CdpBrowser.launch()
  launching.catch(() => undefined) // handled where it is awaited; never an unhandled rejection meanwhile
  const server = await serveDir(dist)
  let browser: CdpBrowser | undefined
  const outputs: Output[] = []
  const losses: string[] = []
  try {
    const changed = changedFiles(record, slideSources(root, record.slidesDir))
    if (changed.length) console.error(`warning ${changed.join(', ')} changed after ${relative(root, dist) || '.'}/ was built: run \`npm run build\` to print the current slides`)
    const toc = record.outline
    const info = { title: record.config.title, lang: record.config.lang }
    mkdirSync(outDir, { recursive: true })
    browser = await launching
    mark('Chromium answered')
    const errors: string[] = []

    /** Append the title, language and outline, write the file, and count its pages. */
    const finish = async (bytes: Uint8Array, name: string, ids: string[], info: { title: string; lang: string }): Promise<Output> => {
      const outline = toOutline(toc, ids)
      const file = join(outDir, name)
      const updated = appendOutline(bytes, outline, info)
      if (updated) {
        writeFileSync(file, updated.pdf)
        return { file, pages: updated.pages, expected: ids.length }
      }
      // A structure the incremental update does not read: load and save the whole file with pdf-lib.
      const [{ PDFDocument }, { writeOutline }] = await Promise.all([import('pdf-lib'), import('../reading/outline.ts')])
      const pdf = await PDFDocument.load(bytes)
      pdf.setTitle(info.title, { showInWindowTitleBar: true })
      pdf.setLanguage(info.lang)
      writeOutline(pdf, outline)
      writeFileSync(file, await pdf.save())
      return { file, pages: pdf.getPageCount(), expected: ids.length }
    }

    const print = async (page: CdpSession, params: Record<string, unknown>) => {
      mark(`printing ${params.preferCSSPageSize ? 'deck' : 'handout'}`)
      const { data } = await page.send<{ data: string }>('Page.printToPDF', { printBackground: true, generateTaggedPDF: true, ...NO_MARGINS, ...params })
      return Buffer.from(data, 'base64')
    }

    // Both from one tab of handout.html, one after the other: a second tab (a second renderer
    // loading the same page) cost ~1 s of CPU and 0.35 s of wall time here, more than printing
    // in turn gains. Screen media: the slides keep the deck's look (reveal.css's print rules
    // would restyle them).
    const printBoth = async () => {
      const page = await openPage(browser as CdpBrowser, `${server.url}handout.html`, { width: 794, height: 1123, media: 'screen', errors })
      await page.evaluate('document.fonts.ready.then(() => true)')
      mark('handout.html loaded')
      const ids = await slideIds(page)
      // The handout: each slide scaled, with its notes beneath, on portrait paper.
      losses.push(...(await printLosses(page)).map((l) => describeLoss('handout.pdf', l)))
      const handout = await print(page, PAPER[paper])
      // The slides: the same page with `deck-print`, a 1280x720 page per slide, nothing else on it.
      const deckPrint = await page.evaluate<boolean>(
        "(document.documentElement.classList.add('deck-print'), getComputedStyle(document.querySelector('.handout-page') ?? document.body).page === 'slide')",
      )
      // A dist/ built before handout.css knew the deck's page would print the handout again.
      if (!deckPrint) throw new Error(`${relative(process.cwd(), join(dist, 'handout.html'))} has no deck-print styles (built by an older version of the tool): run \`npm run build\` again`)
      await page.evaluate('document.fonts.ready.then(() => true)')
      losses.push(...(await printLosses(page)).map((l) => describeLoss('deck.pdf', l)))
      const deck = await print(page, { preferCSSPageSize: true })
      return { ids, deck, handout }
    }

    // A ceiling for the whole printout (a crashed tab answers nothing): generous, for loaded machines.
    let watchdog: NodeJS.Timeout | undefined
    const ceiling = new Promise<never>((_, fail) => {
      watchdog = setTimeout(() => fail(new Error(`Chromium did not finish printing within ${PRINT_TIMEOUT_MS / 1000} s${errors.length ? `; the page reported:\n${errors.join('\n')}` : ''}`)), PRINT_TIMEOUT_MS)
    })
    const printed = await Promise.race([printBoth(), ceiling]).finally(() => clearTimeout(watchdog))
    mark('both printed')
    const ids = record.slides.map((s) => s.id)
    if (printed.ids.join(' ') !== ids.join(' ')) throw new Error(`dist/handout.html and dist/deck.json hold different slides (${printed.ids.length} and ${ids.length}): run \`npm run build\` again`)
    outputs.push(await finish(printed.deck, 'deck.pdf', ids, info), await finish(printed.handout, 'handout.pdf', ids, info))
    if (errors.length) throw new Error(`the page reported errors while printing:\n${errors.join('\n')}`)
  } finally {
    browser ??= await launching.catch(() => undefined)
    mark('both written')
    // Chromium shuts down (and removes its temporary profile) on its own after this process ends.
    browser?.closeInBackground()
    await server.close()
    mark('Chromium asked to close, server closed')
  }

  let ok = true
  for (const l of losses) console.error(`${strict ? 'error' : 'warning'} ${l}`)
  if (strict && losses.length) ok = false
  for (const o of outputs) {
    const good = o.pages === o.expected
    ok &&= good
    const line = `${relative(root, o.file)}: ${o.pages} page${o.pages === 1 ? '' : 's'}${good ? '' : ` — expected ${o.expected}, one per slide`}`
    if (good) console.log(line)
    else console.error(`error ${line}`)
  }
  console.log(`${ok ? 'printed' : 'printed with errors'} in ${Math.round(performance.now() - started)} ms (handout on ${paper})`)
  return ok ? 0 : 1
}

interface Loss {
  id: string
  file: string
  what: 'image' | 'cut'
  detail: string
}

/** One line for a loss, naming the slide, its file and what is lost. */
function describeLoss(pdf: string, l: Loss): string {
  const where = `${l.file ? `${l.file} ` : ''}#/${l.id}`
  return l.what === 'image' ? `${pdf}: ${where}: the image ${l.detail} did not load and prints as a broken image: check the file` : `${pdf}: ${where}: ${l.detail} cut off by the page: shorten the slide or split it with a "--" sub-slide`
}

/**
 * What the printout loses, found in the laid-out page before printing: images that failed to
 * load, and content that reaches past its slide's box (`.handout-slide`, 1280x720 in both
 * documents), which the page clips. Pure DOM reading; runs in the page.
 */
function printLosses(page: CdpSession): Promise<Loss[]> {
  return page.evaluate(`(${lossesInPage.toString()})(${JSON.stringify(SLIDES)}, '.handout-slide')`)
}

/** Runs in the page (sent as its source text): keep it free of imports and helpers. */
function lossesInPage(slideSel: string, boxSel: string): Loss[] {
  const out: Loss[] = []
  for (const slide of document.querySelectorAll<HTMLElement>(slideSel)) {
    const file = slide.closest<HTMLElement>('[data-file]')?.dataset.file ?? ''
    for (const img of slide.querySelectorAll('img')) {
      if (img.complete && img.naturalWidth === 0) {
        const src = img.getAttribute('src') ?? ''
        out.push({ id: slide.id, file, what: 'image', detail: `"${img.alt}"${src.startsWith('data:') ? '' : ` (${src})`}` })
      }
    }
    const box = (slide.closest(boxSel) ?? slide).getBoundingClientRect()
    const cut = [...slide.querySelectorAll<HTMLElement>('.frame h1, .frame h2, .frame p, .frame li, .frame tr, .frame img, .frame svg, .frame pre, .frame blockquote')].filter((el) => {
      if (el.closest('aside.notes')) return false
      const r = el.getBoundingClientRect()
      return r.height > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1)
    })
    if (cut.length) {
      const first = (cut[0]?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)
      out.push({ id: slide.id, file, what: 'cut', detail: `${cut.length} element${cut.length === 1 ? '' : 's'}${first ? ` (from "${first}")` : ''}` })
    }
  }
  return out
}

/** The slides of handout.html. */
const SLIDES = '.handout-slide section[id]'

/** The ids of the slides the page holds, in order. */
function slideIds(page: CdpSession): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll(${JSON.stringify(SLIDES)})].map((s) => s.id)`)
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`pdf failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(2)
  },
)
