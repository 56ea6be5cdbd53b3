/**
 * The checks that need a real browser: the built deck in Chromium over loopback, every slide
 * with every fragment shown, at the native size and at 1920×1080; then the reading edition.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser } from '../browser/chromium.ts'
import { deckReady } from '../browser/deck-ready.ts'
import { serveDir } from '../browser/serve.ts'
import type { Diagnostic } from '../deck/model.ts'
import type { RecordFigure } from '../deck/record.ts'
import { finding } from './findings.ts'
import { type DocInspection, type FigureLabelFinding, IN_PAGE_SOURCE, type Inspection, SLIDE_HEIGHT, SLIDE_WIDTH, type SlideRef } from './in-page.ts'

export const VIEWPORTS = [
  { name: 'native 1280×720', width: SLIDE_WIDTH, height: SLIDE_HEIGHT, screenshots: true },
  { name: '1920×1080', width: 1920, height: 1080, screenshots: false },
] as const

export interface BrowserCheckOptions {
  distDir: string
  /** Where slide screenshots go; emptied first. */
  screenshotDir: string
  /** Called once per slide and viewport, for the progress lines. */
  onSlide?: (info: { index: number; total: number; slide: SlideRef; viewport: string; findings: number }) => void
  /** A browser to open the pages in (left open), e.g. one shared by several checks in the tests. @default one launched and closed here */
  browser?: Browser
  /** The build's figures (dist/deck.json), to report a figure's findings at its block's line. @default at the slide's file */
  figures?: readonly RecordFigure[]
}

export interface BrowserCheckResult {
  findings: Diagnostic[]
  slides: SlideRef[]
  /** Worst overflow per slide id, in slide pixels. */
  overflow: Map<string, number>
  /** Whether dist/read.html was there to check. */
  readEdition: 'checked' | 'absent'
  notes: string[]
}

interface AxeResult {
  violations: {
    id: string
    impact: string | null
    help: string
    helpUrl: string
    nodes: { target: unknown[]; html: string; inSlide: string | null; failureSummary?: string }[]
  }[]
}

const axeSource = (): string => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Watch a page for console errors, uncaught exceptions, and requests that leave the origin. */
function watch(page: Page, origin: string, label: string, out: Diagnostic[]): void {
  const seen = new Set<string>()
  const add = (message: string): void => {
    if (seen.has(message)) return
    seen.add(message)
    out.push(finding('offline', { file: label }, message))
  }
  page.on('console', (m) => {
    if (m.type() === 'error') add(`console error: ${m.text()}: fix the cause (a missing file, a script error) so the page loads cleanly`)
  })
  page.on('pageerror', (e) => add(`uncaught script error: ${e.message}`))
  page.on('request', (r) => {
    const u = r.url()
    if (/^(data|blob|about):/.test(u)) return
    if (new URL(u).origin !== origin) add(`request leaves the deck's origin: ${u}: bundle the file into the build (no CDN, no web fonts, no remote images)`)
  })
}

async function axeViolations(page: Page, sectionSelector: string | null): Promise<AxeResult['violations']> {
  return page.evaluate(async (sel) => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResult> } }
    const res = await w.axe.run(document, { resultTypes: ['violations'] })
    const current = sel ? document.querySelector(sel) : null
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        ...v,
        nodes: v.nodes.map((n) => {
          let inSlide: string | null = null
          try {
            const el = document.querySelector(String(n.target[n.target.length - 1]))
            inSlide = el && current?.contains(el) ? current.id : null
          } catch {
            inSlide = null
          }
          return { target: n.target, html: n.html, inSlide, ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) }
        }),
      }))
  }, sectionSelector)
}

function axeMessage(v: AxeResult['violations'][number], n: AxeResult['violations'][number]['nodes'][number]): string {
  const summary = (n.failureSummary ?? '').split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim()
  const html = n.html.length > 90 ? `${n.html.slice(0, 89)}…` : n.html
  return `axe ${v.impact} "${v.id}": ${v.help}: ${html}${summary ? ` — ${summary}` : ''} (${v.helpUrl.replace(/\?.*$/, '')})`
}

/** Relative links to files must be served (status 200). */
async function checkFileLinks(page: Page, urls: readonly string[], file: string, slide: string | undefined, out: Diagnostic[]): Promise<void> {
  for (const url of new Set(urls)) {
    const res = await page.request.get(url).catch(() => null)
    if (res?.status() !== 200)
      out.push(
        finding(
          'links',
          { file, ...(slide ? { slide } : {}) },
          `link to ${url.replace(/^https?:\/\/[^/]+/, '')} leads nowhere (status ${res?.status() ?? 'no answer'}): fix the path or build the page it names`,
        ),
      )
  }
}

async function openDeck(browser: Browser, url: string, width: number, height: number, label: string, findings: Diagnostic[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, reducedMotion: 'reduce' })
  watch(page, new URL(url).origin, label, findings)
  await page.goto(url)
  await deckReady(page, 120_000)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  await inject(page, IN_PAGE_SOURCE)
  if (!(await page.evaluate(() => '__deckCheck' in window)))
    throw new Error('the in-page measuring script did not load (a script error in src/check/in-page.ts)')
  return page
}

/**
 * Run a script in the page. Not `addScriptTag`: the built pages carry a Content-Security-Policy
 * that (rightly) refuses inline scripts it has no hash for; evaluation over the DevTools
 * protocol is not subject to it, so the deck is checked under its real policy.
 */
async function inject(page: Page, source: string): Promise<void> {
  await page.evaluate(`${source}\n;undefined`)
}

const settle = (page: Page) => page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))))

/** Go to a slide by its deep link; true when the deck lands on it. */
// Decided by reveal's own handling of the address, not by a clock: reveal reads the new hash in
// its `hashchange` listener (synchronously); one added after it sees where the deck landed. A
// fixed 3 s wait reported working links as broken on a loaded machine.
// reveal writes the address of the slide it left up to 1 s later (a debounced replaceState); when
// that write lands between our hash change and its event, reveal reads the old address and stays.
// Our listener sees the address is no longer ours and sets it again (the pending write is spent).
export async function gotoDeepLink(page: Page, id: string): Promise<boolean> {
  return page.evaluate(
    (target) =>
      new Promise<boolean>((done) => {
        const deck = (window as unknown as { deck: { getCurrentSlide(): HTMLElement } }).deck
        const hash = `#/${target}`
        const landed = () => deck.getCurrentSlide()?.id === target
        if (location.hash === hash && landed()) return done(true)
        let tries = 0
        const go = () => {
          addEventListener(
            'hashchange',
            () => {
              if (location.hash !== hash && !landed() && ++tries < 5) return go()
              done(landed())
            },
            { once: true },
          )
          // From another address first, so the change below always fires an event.
          if (location.hash === hash) history.replaceState(null, '', '#')
          location.hash = hash
        }
        go()
      }),
    id,
  )
}

/**
 * The current slide's map and timeline labels, measured as drawn (in-page/figure-labels.ts), as
 * findings at each figure block's line: the slide's n-th figure is the record's n-th for it.
 */
async function figureLabelFindings(page: Page, slide: SlideRef, figures: readonly RecordFigure[]): Promise<Diagnostic[]> {
  const found = await page.evaluate(() => {
    const w = window as unknown as { __deckCheck: { figureLabelsOf(s: Element): FigureLabelFinding[] }; deck: { getCurrentSlide(): HTMLElement } }
    return w.__deckCheck.figureLabelsOf(w.deck.getCurrentSlide())
  })
  const own = figures.filter((f) => f.slide === slide.id)
  return found.map((f) => {
    const fig = own[f.figure]
    const at = fig?.name === f.kind ? { file: fig.file, line: fig.line, slide: slide.id } : { file: slide.file, slide: slide.id }
    return finding(f.code, at, f.message)
  })
}

export async function runBrowserChecks(opts: BrowserCheckOptions): Promise<BrowserCheckResult> {
  const findings: Diagnostic[] = []
  const notes: string[] = []
  const overflow = new Map<string, number>()
  const server = await serveDir(opts.distDir)
  let browser: Browser | undefined
  let slides: SlideRef[] = []
  try {
    browser = opts.browser ?? (await launchBrowser())
    rmSync(opts.screenshotDir, { recursive: true, force: true })
    mkdirSync(opts.screenshotDir, { recursive: true })
    const axe = axeSource()
    const pageLevel = new Set<string>()

    for (const vp of VIEWPORTS) {
      const page = await openDeck(browser, server.url, vp.width, vp.height, 'dist/index.html', findings)
      if (vp.screenshots) await inject(page, axe)
      slides = await page.evaluate(() => (window as unknown as { __deckCheck: { slides(): SlideRef[] } }).__deckCheck.slides())
      for (const [i, slide] of slides.entries()) {
        const before = findings.length
        const at = { file: slide.file, slide: slide.id }
        if (vp.screenshots) {
          if (!(await gotoDeepLink(page, slide.id))) {
            findings.push(finding('links', at, `the deep link #/${slide.id} does not open this slide: check the section's id`))
            await page.evaluate(({ h, v }) => (window as unknown as { deck: { slide(h: number, v: number): void } }).deck.slide(h, v), slide)
          }
        } else {
          await page.evaluate(({ h, v }) => (window as unknown as { deck: { slide(h: number, v: number): void } }).deck.slide(h, v), slide)
        }
        await page.evaluate(() => (window as unknown as { __deckCheck: { showAllFragments(): void } }).__deckCheck.showAllFragments())
        await settle(page)
        const r = await page.evaluate(() => (window as unknown as { __deckCheck: { inspect(): Inspection } }).__deckCheck.inspect())
        if (r.id !== slide.id) findings.push(finding('links', at, `navigating to ${slide.h}/${slide.v} showed #${r.id} instead`))

        // Overflow, at every viewport: the three worst elements.
        const worst = [...r.overflow].sort((a, b) => b.px - a.px)
        if (worst.length) overflow.set(slide.id, Math.max(overflow.get(slide.id) ?? 0, worst[0]?.px ?? 0))
        const reported = new Set<string>()
        for (const o of worst) {
          const key = `${o.kind}:${o.what}`
          if (reported.has(key) || reported.size >= 3) continue
          reported.add(key)
          findings.push(
            finding(
              'overflow',
              at,
              o.kind === 'outside'
                ? `at ${vp.name}: ${o.what} reaches ${Math.round(o.px)}px outside the slide (${o.side}): shorten the text, split the slide, or make the figure smaller`
                : `at ${vp.name}: ${o.what} is cut off by ${Math.round(o.px)}px ${o.side}: shorten the text or give it room`,
            ),
          )
        }
        if (worst.length > reported.size)
          findings.push(finding('overflow', at, `at ${vp.name}: ${worst.length - reported.size} more elements overflow on this slide`))

        // Under the deck's controls, at every viewport (they do not scale with the slide).
        for (const c of r.covered.slice(0, 3)) {
          findings.push(
            finding(
              'overflow',
              at,
              `at ${vp.name}: ${c.what} lies under the deck's ${c.by} (${Math.round(c.w)}×${Math.round(c.h)}px): keep the slide's ${/marking|footer/.test(c.by) ? 'top and bottom edges' : 'corners'} free, shorten the text or make the figure smaller`,
            ),
          )
        }
        if (r.covered.length) overflow.set(slide.id, Math.max(overflow.get(slide.id) ?? 0, ...r.covered.map((c) => Math.min(c.w, c.h))))

        if (vp.screenshots) {
          // Measured once: font sizes are in slide pixels, the same at any viewport.
          const small = new Map<string, (typeof r.smallText)[number]>()
          const inFigures = new Map<string, (typeof r.smallText)[number][]>()
          for (const t of r.smallText) {
            if (t.figure) inFigures.set(t.figure, [...(inFigures.get(t.figure) ?? []), t])
            else if (!small.has(t.what)) small.set(t.what, t)
          }
          for (const [figure, ts] of inFigures) {
            const sorted = [...ts].sort((a, b) => a.px - b.px)
            const least = sorted[0]
            const most = sorted[sorted.length - 1]
            if (!least || !most) continue
            const pct = (px: number) => `${((px / SLIDE_HEIGHT) * 100).toFixed(1)}%`
            findings.push(
              finding(
                'legibility',
                at,
                `${figure}: ${ts.length} text label${ts.length === 1 ? '' : 's'} below the ${least.min.toFixed(1)}px minimum for text in figures (3%), from ${least.px.toFixed(1)}px (${pct(least.px)}) ${least.what.replace(/^\S+ /, '')} to ${most.px.toFixed(1)}px (${pct(most.px)}) ${most.what.replace(/^\S+ /, '')}: draw the figure larger on the slide or its labels larger`,
              ),
            )
          }
          for (const t of small.values())
            findings.push(
              finding(
                'legibility',
                at,
                `${t.what} is ${t.px.toFixed(1)}px (${((t.px / SLIDE_HEIGHT) * 100).toFixed(1)}% of the slide height), below the ${t.min.toFixed(1)}px minimum for ${t.tier === 'body' ? 'body text (3%)' : 'captions and source lines (2.2%)'}: make it larger in the theme, or cut text so it fits larger`,
              ),
            )
          // Into the slide's margins (slide pixels: the same at any viewport), the three deepest.
          for (const m of r.margin.slice(0, 3)) {
            findings.push(
              finding(
                'overflow',
                at,
                `${m.what} reaches ${Math.round(m.px)}px into the slide's ${m.side} margin, the outer 5% that a projector may crop: shorten the text, split the slide, or make the figure smaller`,
              ),
            )
          }
          if (r.margin.length) overflow.set(slide.id, Math.max(overflow.get(slide.id) ?? 0, r.margin[0]?.px ?? 0))
          for (const m of r.missingText) findings.push(finding('accessibility', at, m))
          findings.push(...(await figureLabelFindings(page, slide, opts.figures ?? [])))
          for (const h of r.headings) findings.push(finding('accessibility', at, `heading order broken: ${h}: use the next heading level down (h2, then h3)`))
          for (const l of r.badLinks) findings.push(finding('links', at, `${l}: use #/<slide-id> with an id that exists`))
          await checkFileLinks(page, r.fileLinks, slide.file, slide.id, findings)
          for (const v of await axeViolations(page, `section[id="${slide.id}"]`)) {
            for (const n of v.nodes) {
              const message = axeMessage(v, n)
              if (n.inSlide) findings.push(finding('accessibility', at, message))
              else if (!pageLevel.has(message)) {
                pageLevel.add(message)
                findings.push(finding('accessibility', { file: 'dist/index.html' }, `${message} (outside the slides: the page or reveal.js's controls)`))
              }
            }
          }
          await page.screenshot({ path: join(opts.screenshotDir, `${String(i + 1).padStart(2, '0')}-${slide.id}.png`) })
        }
        opts.onSlide?.({ index: i, total: slides.length, slide, viewport: vp.name, findings: findings.length - before })
      }
      await page.close()
    }

    // The reading edition, when the build made one.
    const read = join(opts.distDir, 'read.html')
    let readEdition: BrowserCheckResult['readEdition'] = 'absent'
    if (existsSync(read)) {
      readEdition = 'checked'
      notes.push('reading edition: dist/read.html checked (accessibility, headings, links, offline)')
      const label = 'dist/read.html'
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' })
      watch(page, new URL(server.url).origin, label, findings)
      await page.goto(new URL('read.html', server.url).href, { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      await inject(page, IN_PAGE_SOURCE)
      await inject(page, axe)
      const d = await page.evaluate(() => (window as unknown as { __deckCheck: { inspectDocument(): DocInspection } }).__deckCheck.inspectDocument())
      for (const m of d.missingText) findings.push(finding('accessibility', { file: label }, m))
      for (const h of d.headings) findings.push(finding('accessibility', { file: label }, `heading order broken: ${h}`))
      for (const l of d.badLinks) findings.push(finding('links', { file: label }, l))
      await checkFileLinks(page, d.fileLinks, label, undefined, findings)
      for (const v of await axeViolations(page, null)) for (const n of v.nodes) findings.push(finding('accessibility', { file: label }, axeMessage(v, n)))
      await page.close()
    } else {
      notes.push('reading edition: dist/read.html is absent (issue 4 builds it), so only the deck was checked for accessibility')
    }
    return { findings, slides, overflow, readEdition, notes }
  } finally {
    if (!opts.browser) await browser?.close()
    await server.close()
  }
}
