/**
 * Printing the built deck's handout.html with Chromium into both PDFs, one after the other from
 * one tab: the handout (each slide scaled, its notes beneath, on portrait paper) and, with
 * `deck-print` on <html>, the slides alone on 1280x720 pages (assets/handout.css). Before each,
 * what the printout would lose (images that did not load, content cut off by the page) is read
 * from the laid-out page. Waits on events, never on fixed sleeps.
 */
import type { Browser, Page } from 'playwright-core'
import { IN_PAGE_SOURCE } from '../check/in-page.ts'

export type Paper = 'A4' | 'Letter'

/** What the page would lose in print, on one slide. */
export interface Loss {
  id: string
  file: string
  what: 'image' | 'cut'
  detail: string
}

export interface Printed {
  /** The slides the page holds, in order (one page of each PDF per slide). */
  ids: string[]
  deck: Uint8Array
  handout: Uint8Array
  /** The pages of handout.pdf after the slides': the source sentences behind the facts (none without). */
  endnotePages: number
  losses: { pdf: 'deck.pdf' | 'handout.pdf'; loss: Loss }[]
}

/** Thrown when handout.html lacks the deck-print styles of the current tool. */
export class StaleHandout extends Error {}

/** How long both documents may take to load, lay out and print. */
const PRINT_TIMEOUT_MS = 180_000

/** The slides of handout.html. */
const SLIDES = '.handout-slide section[id]'

/** Called with each PDF as soon as Chromium has printed it (the other may still be printing). */
export type OnPrinted = (pdf: 'deck.pdf' | 'handout.pdf', bytes: Uint8Array) => void

/**
 * Print both PDFs from `url` (handout.html) in a new tab of `browser`. The page's uncaught
 * errors are pushed to `errors`; a ceiling on the whole printout fails it when a tab crashes.
 */
export async function printBoth(
  browser: Browser,
  url: string,
  paper: Paper,
  errors: string[],
  mark: (what: string) => void = () => {},
  onPrinted: OnPrinted = () => {},
): Promise<Printed> {
  // Screen media: the slides keep the deck's look (reveal.css's print rules would restyle them).
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, reducedMotion: 'reduce' })
  page.on('pageerror', (e) => errors.push(e.stack ?? e.message))
  let watchdog: NodeJS.Timeout | undefined
  const ceiling = new Promise<never>((_, fail) => {
    watchdog = setTimeout(
      () =>
        fail(
          new Error(`Chromium did not finish printing within ${PRINT_TIMEOUT_MS / 1000} s${errors.length ? `; the page reported:\n${errors.join('\n')}` : ''}`),
        ),
      PRINT_TIMEOUT_MS,
    )
  })
  try {
    return await Promise.race([print(page, url, paper, mark, onPrinted), ceiling])
  } finally {
    clearTimeout(watchdog)
  }
}

async function print(page: Page, url: string, paper: Paper, mark: (what: string) => void, onPrinted: OnPrinted): Promise<Printed> {
  await page.emulateMedia({ media: 'screen' })
  await page.goto(url)
  // Laid out first, so the faces the text needs are loading when fonts.ready is asked (before
  // layout it is ready at once); the marking's bold face (src/vite/identity-head.ts) is loaded by
  // name, since text in the page's margin boxes asks for it only as the page prints.
  await page.evaluate(`(document.body.offsetHeight, Promise.all([document.fonts.load('700 11pt "Source Sans 3"'), document.fonts.ready]).then(() => true))`)
  mark('handout.html loaded')
  const ids = await page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(SLIDES)})].map((s) => s.id)`)
  await page.evaluate(`(${pdfLinks.toString()})(${JSON.stringify(SLIDES)})`)
  const losses: Printed['losses'] = (await printLosses(page)).map((loss) => ({ pdf: 'handout.pdf', loss }))
  mark('printing handout')
  const margin = { top: '0', bottom: '0', left: '0', right: '0' }
  const handout = await page.pdf({ format: paper, printBackground: true, tagged: true, margin })
  onPrinted('handout.pdf', handout)
  const endnotePages = await countEndnotePages(page, paper, margin)
  const deckPrint = await page.evaluate<boolean>(
    "(document.documentElement.classList.add('deck-print'), getComputedStyle(document.querySelector('.handout-page') ?? document.body).page === 'slide')",
  )
  // A dist/ built before handout.css knew the deck's page would print the handout again.
  if (!deckPrint) throw new StaleHandout('handout.html has no deck-print styles (built by an older version of the tool)')
  await page.evaluate('document.fonts.ready.then(() => true)')
  losses.push(...(await printLosses(page)).map((loss) => ({ pdf: 'deck.pdf' as const, loss })))
  mark('printing deck')
  const deck = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, margin })
  onPrinted('deck.pdf', deck)
  return { ids, deck, handout, endnotePages, losses }
}

/**
 * The endnotes printed alone, to count their pages: the handout's count then still shows that
 * each slide took one page. No endnotes, no printing.
 */
async function countEndnotePages(page: Page, paper: Paper, margin: Record<string, string>): Promise<number> {
  const has = await page.evaluate<boolean>("document.documentElement.classList.toggle('handout-endnotes-only', !!document.getElementById('handout-endnotes'))")
  if (!has) return 0
  const [{ PDFDocument }, bytes] = await Promise.all([import('pdf-lib'), page.pdf({ format: paper, printBackground: true, margin })])
  await page.evaluate("document.documentElement.classList.remove('handout-endnotes-only')")
  return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount()
}

/**
 * Links a PDF can follow: Chromium writes a link annotation for each `<a href>` whose target it
 * knows: a web or mail address, or an element of the page (`#<id>`). The deck's own links
 * (`#/<id>`) become `#<id>` of the slide they name, so the agenda jumps to its page; a link to
 * a file beside the page (`read.html`) would point at the print server, so it stays text.
 * Runs in the page (sent as its source text): keep it free of imports and helpers.
 */
function pdfLinks(slideSel: string): void {
  const slides = new Set([...document.querySelectorAll(slideSel)].map((s) => s.id))
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = a.getAttribute('href') ?? ''
    const deep = /^#\/?([^/?#]+)/.exec(href)
    let id = ''
    try {
      id = deep ? decodeURIComponent(deep[1] ?? '') : ''
    } catch {
      id = ''
    }
    if (id && slides.has(id)) a.setAttribute('href', `#${encodeURIComponent(id)}`)
    else if (!/^(https?:|mailto:)/i.test(href)) a.removeAttribute('href')
  }
}

/** One line for a loss, naming the PDF, the slide, its file and what is lost. */
export function describeLoss(pdf: string, l: Loss): string {
  const where = `${l.file ? `${l.file} ` : ''}#/${l.id}`
  return l.what === 'image'
    ? `${pdf}: ${where}: the image ${l.detail} did not load and prints as a broken image: check the file`
    : `${pdf}: ${where}: ${l.detail} cut off by the page: shorten the slide or split it with a "--" sub-slide`
}

/**
 * What the printout loses: images that failed to load, and content that reaches past its
 * slide's box (`.handout-slide`, 1280x720 in both documents), which the page clips.
 */
async function printLosses(page: Page): Promise<Loss[]> {
  // The check's own measurement (src/check/in-page/layout.ts, overflowIn), installed in this page.
  await page.evaluate(IN_PAGE_SOURCE)
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
    const check = (window as unknown as { __deckCheck: { overflowIn(s: Element, b: DOMRect): Array<{ what: string }> } }).__deckCheck
    const cut = check.overflowIn(slide, box)
    if (cut.length) {
      // (An element described as `tag.class "its text…"`: its text, as the message quotes it.)
      const texts = cut.map((c) => /"(.*?)…?"$/.exec(c.what)?.[1] ?? '').filter(Boolean)
      const first = (texts[texts.length - 1] ?? '').slice(0, 40)
      out.push({ id: slide.id, file, what: 'cut', detail: `${cut.length} element${cut.length === 1 ? '' : 's'}${first ? ` (from "${first}")` : ''}` })
    }
  }
  return out
}
