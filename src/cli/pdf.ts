/**
 * `npm run pdf`: print the built deck (dist/) with Chromium into
 *   dist/deck.pdf     one 16:9 page per slide, reveal's own print layout (`?print-pdf`)
 *   dist/handout.pdf  one portrait page per slide, the slide above its notes (handout.html);
 *                     A4, or US Letter with `--letter`
 * `--out=<dir>` writes the PDFs elsewhere (default: dist/); `--dist=<dir>` prints a deck built
 * elsewhere (`npm run build -- --out=<dir>`), and writes there unless --out says otherwise.
 * Both get the deck's title and an outline (bookmarks): an entry per section, the slide titles
 * under it. One Chromium, the two documents printed at once in pages of their own (the
 * browser starts while the slides compile); waits on events, never on fixed sleeps.
 * Prints a line per output with its page count; exits non-zero when a count is wrong.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { buildDeck } from '../compiler/node.ts'
import { writeOutline } from '../reading/outline.ts'
import { deckOutline } from '../reading/render.ts'
import { launchBrowser, serveDir } from './browser.ts'

const args = process.argv.slice(2)
const root = resolve(args.find((a) => a.startsWith('--root='))?.slice(7) ?? process.cwd())
const paper = args.includes('--letter') ? 'Letter' : 'A4'
const dist = resolve(args.find((a) => a.startsWith('--dist='))?.slice(7) ?? join(root, 'dist'))
const outDir = resolve(args.find((a) => a.startsWith('--out='))?.slice(6) ?? dist)
/** `--strict`: what the printout loses (broken images, content cut off by the page) fails the command. */
const strict = args.includes('--strict')

interface Output {
  file: string
  pages: number
  expected: number
}

async function main(): Promise<number> {
  const started = performance.now()
  for (const f of ['index.html', 'handout.html']) {
    if (!existsSync(join(dist, f))) throw new Error(`${relative(process.cwd(), join(dist, f))} is missing: run \`npm run build\` first`)
  }
  // Start the browser first: it launches while the slides compile and pdf-lib loads.
  const launching = launchBrowser()
  launching.catch(() => undefined) // handled where it is awaited; never an unhandled rejection meanwhile
  const pdfLib = import('pdf-lib')
  const server = await serveDir(dist)
  let browser: Browser | undefined
  const outputs: Output[] = []
  const losses: string[] = []
  try {
    const { deck } = buildDeck(root)
    const ids = deck.slides.map((s) => s.id)
    const outline = deckOutline(deck.slides)
    browser = await launching
    const context = await browser.newContext({ reducedMotion: 'reduce' })
    // reveal.js fires `pdf-ready` (bubbling to document) once its print layout is complete.
    await context.addInitScript(() => document.addEventListener('pdf-ready', () => ((window as unknown as { deckPdfReady?: boolean }).deckPdfReady = true)))
    const errors: string[] = []
    const newPage = async () => {
      const page = await context.newPage()
      page.on('pageerror', (e) => errors.push(e.message))
      return page
    }

    /** Set the title and outline, write the file, and count its pages. */
    const finish = async (bytes: Buffer, name: string): Promise<Output> => {
      const { PDFDocument } = await pdfLib
      const pdf = await PDFDocument.load(bytes)
      pdf.setTitle(deck.config.title, { showInWindowTitleBar: true })
      pdf.setLanguage(deck.config.lang)
      writeOutline(pdf, outline)
      const file = join(outDir, name)
      writeFileSync(file, await pdf.save())
      return { file, pages: pdf.getPageCount(), expected: ids.length }
    }

    // The slides, in reveal.js's print layout: one page per slide, fragments shown.
    const printDeck = async () => {
      const page = await newPage()
      await page.setViewportSize({ width: 1280, height: 720 })
      await page.goto(`${server.url}index.html?print-pdf&pdfSeparateFragments=false`, { waitUntil: 'load' })
      await page.waitForFunction(() => (window as unknown as { deckPdfReady?: boolean }).deckPdfReady === true, undefined, { timeout: 30_000 })
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      await assertSameSlides(page, ids, 'index.html')
      losses.push(...(await printLosses(page, '.reveal .slides section[id]', '.pdf-page')).map((l) => describeLoss('deck.pdf', l)))
      return finish(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }), 'deck.pdf')
    }

    // The handout: the same slide markup, scaled, with the notes beneath, on portrait paper.
    const printHandout = async () => {
      const page = await newPage()
      await page.setViewportSize({ width: 794, height: 1123 })
      // Screen media: the slides keep the deck's look (reveal.css's print rules restyle them).
      await page.emulateMedia({ media: 'screen' })
      await page.goto(`${server.url}handout.html`, { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      await assertSameSlides(page, ids, 'handout.html')
      losses.push(...(await printLosses(page, '.handout-slide section[id]', '.handout-slide')).map((l) => describeLoss('handout.pdf', l)))
      return finish(await page.pdf({ format: paper, printBackground: true, tagged: true, outline: true }), 'handout.pdf')
    }

    outputs.push(...(await Promise.all([printDeck(), printHandout()])))
    if (errors.length) throw new Error(`the page reported errors while printing:\n${errors.join('\n')}`)
  } finally {
    browser ??= await launching.catch(() => undefined)
    await Promise.all([browser?.close(), server.close()])
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
 * load, and content that reaches past its page box (reveal's `.pdf-page`, the handout's slide
 * box), which the page clips. Pure DOM reading; runs in the page.
 */
function printLosses(page: Page, slideSel: string, boxSel: string): Promise<Loss[]> {
  return page.evaluate(
    ({ slideSel, boxSel }) => {
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
    },
    { slideSel, boxSel },
  )
}

/** The page must hold the slides compiled from slides/ now; otherwise dist/ is out of date. */
async function assertSameSlides(page: Page, ids: string[], name: string): Promise<void> {
  const found = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((s) => s.id), name === 'index.html' ? '.reveal .slides section[id]' : '.handout-slide section[id]')
  if (found.join(' ') !== ids.join(' ')) {
    throw new Error(`dist/${name} does not hold the current slides (${found.length} found, ${ids.length} compiled): run \`npm run build\` first`)
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`pdf failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(2)
  },
)
