/**
 * The benchmark's measurements against the real world: wall time of a command, a page's first
 * slide in headless Chromium (time and gzipped bytes), and the dev server's hot update.
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'

/** Wall time of one command, in ms; rejects with its output when it fails. */
export function timeCommand(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - started
      if (code === 0) resolve(ms)
      else reject(new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${code}:\n${out.slice(-3000)}`))
    })
  })
}

/**
 * Records, in the page, when reveal.js fires `ready` (a bubbling DOM event on `.reveal`) with the
 * current slide laid out: `performance.now()`, i.e. ms since navigation start.
 */
const READY_PROBE = `document.addEventListener('ready', (e) => {
  const t = e.target
  if (!(t instanceof Element) || !t.classList.contains('reveal') || window.__benchReady !== undefined) return
  const s = t.querySelector('.slides section.present') || t.querySelector('.slides section')
  const r = s ? s.getBoundingClientRect() : null
  window.__benchReady = performance.now()
  window.__benchLaidOut = !!r && r.width > 0 && r.height > 0
}, true)`

/**
 * Records when the first slide's title is painted, as ms since navigation start: Element Timing
 * of a heading inside a slide (`slide` a CSS selector), the heading marked with `elementtiming`
 * as the parser (or a script: reveal.js's Markdown) adds it. Not LCP: Marp paints its title in the
 * same frame as a larger paragraph, and LCP reports only the largest element of a frame. The same
 * probe for every deck, so the rows compare like with like.
 */
export const paintProbe = (slide: string) => `(() => {
  const title = 'h1, h2, h3, .slide-title'
  const mark = (el) => {
    if (el.matches(title) && el.closest(${JSON.stringify(slide)})) el.setAttribute('elementtiming', 'deck-title')
  }
  new MutationObserver((records) => {
    for (const r of records)
      for (const n of r.addedNodes) if (n.nodeType === 1) { mark(n); n.querySelectorAll(title).forEach(mark) }
  }).observe(document, { childList: true, subtree: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (window.__benchTitlePaint === undefined && e.identifier === 'deck-title') window.__benchTitlePaint = e.renderTime || e.startTime
  }).observe({ type: 'element', buffered: true })
})()`
const PAINT_PROBE = paintProbe('.reveal .slides section')

/**
 * Open `url` in a fresh context (empty cache) and time its first slide's title painted, for a
 * deck that is not reveal.js (Marp's HTML: each slide a `section` in an SVG); undefined when no
 * paint of a title was recorded.
 */
export async function measureTitlePaint(browser: Browser, url: string, slide: string): Promise<number | undefined> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(paintProbe(slide))
    await page.goto(url, { waitUntil: 'load' })
    type Probed = Window & { __benchTitlePaint?: number }
    await page.waitForFunction(() => (window as Probed).__benchTitlePaint !== undefined, undefined, { polling: 100, timeout: 5_000 }).catch(() => undefined)
    return (await page.evaluate(() => (window as Probed).__benchTitlePaint)) ?? undefined
  } finally {
    await context.close()
  }
}

export interface FirstSlide {
  /** Navigation start to the first slide's title painted (its Element Timing); undefined if never. */
  paintMs: number | undefined
  /** Gzipped bodies of what had loaded when the title was painted (what the paint waited for). */
  paintGzipBytes: number
  paintRequests: number
  /** Navigation start to reveal `ready` with the first slide laid out. */
  ms: number
  /** Sum of the gzipped bodies of everything requested before that moment (gzip -6 by zlib). */
  gzipBytes: number
  rawBytes: number
  requests: number
  /** Requests to anything but this machine. */
  external: string[]
}

/** Open `url` in a fresh context (empty cache) and measure the first slide. */
export async function measureFirstSlide(browser: Browser, url: string): Promise<FirstSlide> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    const page = await context.newPage()
    await page.addInitScript(READY_PROBE)
    await page.addInitScript(PAINT_PROBE)
    const bodies = new Map<string, Promise<Buffer | null>>()
    const external: string[] = []
    page.on('request', (req) => {
      const u = new URL(req.url())
      if (/^https?:$/.test(u.protocol) && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) external.push(req.url())
    })
    page.on('response', (res) => {
      bodies.set(
        res.url(),
        res.body().catch(() => null),
      )
    })
    await page.goto(url, { waitUntil: 'load' })
    // (Predicates as functions: a string one is run with eval while polling, which the deck's
    // Content-Security-Policy refuses.)
    type Probed = Window & { __benchReady?: number; __benchTitlePaint?: number }
    await page.waitForFunction(() => (window as Probed).__benchReady !== undefined, undefined, { polling: 100, timeout: 30_000 })
    // Paint timing entries come with the next frames: wait until the title's is in (or give up after 5 s).
    await page.waitForFunction(() => (window as Probed).__benchTitlePaint !== undefined, undefined, { polling: 100, timeout: 5_000 }).catch(() => undefined)
    const probe = (await page.evaluate(`(() => {
      const ready = window.__benchReady
      const paint = window.__benchTitlePaint
      const nav = performance.getEntriesByType('navigation')[0]
      const resources = performance.getEntriesByType('resource')
      const urls = resources.filter((e) => e.startTime <= ready).map((e) => e.name)
      const paintUrls = paint === undefined ? [] : resources.filter((e) => e.responseEnd <= paint).map((e) => e.name)
      const page = nav ? nav.name : location.href.split('#')[0]
      return { ready, paint, laidOut: window.__benchLaidOut, urls: [page, ...urls], paintUrls: [page, ...paintUrls] }
    })()`)) as { ready: number; paint: number | undefined; laidOut: boolean; urls: string[]; paintUrls: string[] }
    if (!probe.laidOut) throw new Error(`${url}: reveal was ready but the first slide had no layout`)
    const weigh = async (urls: readonly string[]) => {
      let gzipBytes = 0
      let rawBytes = 0
      let requests = 0
      for (const u of new Set(urls)) {
        if (u.startsWith('data:')) continue
        const body = await (bodies.get(u) ?? bodies.get(u.split('#')[0] ?? u) ?? Promise.resolve(null))
        if (!body) continue
        requests++
        rawBytes += body.length
        gzipBytes += gzipSync(body).length
      }
      return { gzipBytes, rawBytes, requests }
    }
    const atReady = await weigh(probe.urls)
    const atPaint = await weigh(probe.paintUrls)
    return { ms: probe.ready, ...atReady, paintMs: probe.paint, paintGzipBytes: atPaint.gzipBytes, paintRequests: atPaint.requests, external }
  } finally {
    await context.close()
  }
}

/**
 * Installs, in an open deck page, an observer that records when `marker` shows up in the slides
 * (in the next animation frame, i.e. after the update's own synchronous work), as `Date.now()`.
 */
async function watchFor(page: Page, marker: string): Promise<void> {
  await page.evaluate(`(() => {
    window.__benchHmr = undefined
    const slides = document.querySelector('.reveal .slides')
    const obs = new MutationObserver(() => {
      if (!slides.innerHTML.includes(${JSON.stringify(marker)})) return
      obs.disconnect()
      requestAnimationFrame(() => { window.__benchHmr = Date.now() })
    })
    obs.observe(slides, { childList: true, subtree: true, characterData: true })
  })()`)
}

/** Save `file` with `marker` added before its notes and time how long until the page shows it. */
export async function measureHotUpdate(page: Page, file: string, original: string, marker: string): Promise<number> {
  await watchFor(page, marker)
  const i = original.search(/\n(Notes?):[ \t]*\n/)
  const edited = i >= 0 ? `${original.slice(0, i)}\n\nEdited ${marker}\n${original.slice(i)}` : `${original}\n\nEdited ${marker}\n`
  const written = Date.now()
  writeFileSync(file, edited)
  await page.waitForFunction(() => (window as Window & { __benchHmr?: number }).__benchHmr !== undefined, undefined, { timeout: 15_000, polling: 20 })
  const shown = (await page.evaluate('window.__benchHmr')) as number
  return shown - written
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8')
}
