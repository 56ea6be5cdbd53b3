/**
 * The reading edition (and the handout page) work alone: `read.html`, copied by itself into an
 * empty folder (as an e-mail attachment is saved), opens from file:// with the network blocked,
 * requests nothing outside its folder, and looks as it does when served with its folder — the same fonts, the
 * same computed styles, every figure drawn in its colours.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

let browser: Browser
let server: StaticServer
const alone = mkdtempSync(join(tmpdir(), 'deck-read-alone-'))

beforeAll(async () => {
  const dist = builtDist()
  for (const page of ['read.html', 'handout.html']) copyFileSync(join(dist, page), join(alone, page))
  browser = await sharedBrowser()
  server = await serveDir(dist)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(alone, { recursive: true, force: true })
})

/** What the page looks like, as numbers and strings: fonts in use, a few layout values, every figure's colours. */
async function look(page: Page): Promise<{ fonts: string[]; styles: string[]; figures: { fills: string[]; blackArea: number; height: number }[] }> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  return page.evaluate(() => {
    const pick = (sel: string, props: string[]) =>
      [...document.querySelectorAll<HTMLElement>(sel)].slice(0, 3).map((el) => {
        const cs = getComputedStyle(el)
        return `${sel}: ${props.map((p) => `${p}=${cs.getPropertyValue(p)}`).join(' ')}`
      })
    const fonts = [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight} ${f.style}`)
    const styles = [
      ...pick('body', ['font-family', 'font-size', 'color', 'background-color', 'max-width', 'margin-left']),
      ...pick('h1', ['font-size', 'font-weight', 'color']),
      ...pick('main, article, .read-slide, .handout-slide', ['width', 'padding-left', 'border-top-width', 'display']),
      ...pick('.figure-text', ['position', 'width']),
    ]
    const figures = [...document.querySelectorAll<SVGSVGElement>('figure.deck-figure svg')].map((svg) => {
      const box = svg.getBoundingClientRect()
      let blackArea = 0
      const fills = new Set<string>()
      for (const el of svg.querySelectorAll<SVGGraphicsElement>('path, rect, circle, polygon, ellipse')) {
        const cs = getComputedStyle(el)
        fills.add(cs.fill)
        const r = el.getBoundingClientRect()
        if (cs.fill === 'rgb(0, 0, 0)' && cs.display !== 'none') blackArea += r.width * r.height
      }
      return { fills: [...fills].sort(), blackArea: blackArea / Math.max(1, box.width * box.height), height: Math.round(box.height) }
    })
    return { fonts: fonts.sort(), styles, figures }
  })
}

/**
 * A page opened from disk with every request outside its folder aborted and recorded. (Inside
 * the folder the reading edition looks for deck.html beside it, to link to it or not.)
 */
async function openAlone(name: string): Promise<{ page: Page; context: BrowserContext; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, offline: true })
  const url = pathToFileURL(join(alone, name)).href
  const folder = `${pathToFileURL(alone).href}/`
  const requests: string[] = []
  await context.route('**/*', (route) => {
    const u = route.request().url()
    if (u.startsWith(folder)) return route.continue()
    requests.push(u)
    return route.abort('internetdisconnected')
  })
  const page = await context.newPage()
  page.on('request', (r) => {
    const u = r.url()
    if (u !== url && !u.startsWith(folder) && !u.startsWith('data:') && !requests.includes(u)) requests.push(u)
  })
  await page.goto(url, { waitUntil: 'load' })
  return { page, context, requests }
}

describe.each(['read.html', 'handout.html'])('%s opened alone from disk', (name) => {
  it('requests nothing and looks as it does when served with its folder', async () => {
    const { page, context, requests } = await openAlone(name)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      // The look for deck.html beside it finds none: the browser notes the missing file.
      if (m.type() === 'error' && !/ERR_FILE_NOT_FOUND/.test(m.text())) errors.push(m.text())
    })
    const offline = await look(page)
    await context.close()

    const served = await browser.newContext({ viewport: { width: 1000, height: 800 } })
    const sp = await served.newPage()
    await sp.goto(`${server.url}${name}`, { waitUntil: 'load' })
    const online = await look(sp)
    await served.close()

    expect(requests).toEqual([])
    expect(errors).toEqual([])
    // The deck's own font, loaded from inside the file.
    expect(offline.fonts.some((f) => /Source Sans 3/.test(f))).toBe(true)
    expect(offline.fonts).toEqual(online.fonts)
    // The stylesheet applied: same computed layout values as served (an unstyled page differs in all of them).
    expect(offline.styles.length).toBeGreaterThan(3)
    expect(offline.styles).toEqual(online.styles)
    expect(offline.styles.join('\n')).toMatch(/Source Sans 3/)
    // Every figure drawn in its colours, not as black shapes.
    expect(offline.figures.length).toBeGreaterThan(0)
    expect(offline.figures).toEqual(online.figures)
    for (const f of offline.figures) {
      expect(f.blackArea).toBeLessThan(0.05)
      expect(f.fills.length).toBeGreaterThan(1)
      expect(f.height).toBeGreaterThan(30)
    }
  })
})

describe.each(['read.html', 'handout.html'])('%s, read on screen', (name) => {
  it("scrolls with the mouse wheel and the keyboard (the deck's first-slide rules do not reach it)", async () => {
    // The deck page holds <html> still until reveal.js is ready; handout.html shows its slides in
    // `.reveal` boxes that never become ready, and those rules once held it still too: a reader
    // saw its first page and could not scroll (2026-11-30).
    const { page, context } = await openAlone(name)
    await page.mouse.move(500, 400)
    await page.mouse.wheel(0, 1200)
    await expect.poll(() => page.evaluate(() => scrollY), { timeout: 30_000 }).toBeGreaterThan(600)
    const before = await page.evaluate(() => scrollY)
    await page.keyboard.press('PageDown')
    await expect.poll(() => page.evaluate(() => scrollY), { timeout: 30_000 }).toBeGreaterThan(before + 300)
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflowY)).not.toBe('hidden')
    await context.close()
  })
})

describe.each(['read.html', 'handout.html'])('%s on a phone', (name) => {
  it('fits the screen: nothing wider than it, every slide whole', async () => {
    // The handout's slides were a fixed 680px wide and cut off on a phone (2026-11-30).
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await page.goto(pathToFileURL(join(alone, name)).href, { waitUntil: 'load' })
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    const fit = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
      slides: [...document.querySelectorAll('.handout-slide, .read-slide')].map((el) => {
        const r = el.getBoundingClientRect()
        return { left: Math.round(r.left), right: Math.round(r.right) }
      }),
    }))
    await context.close()
    expect(fit.width).toBe(390)
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.width)
    expect(fit.slides.length).toBeGreaterThan(0)
    for (const s of fit.slides) {
      expect(s.left).toBeGreaterThanOrEqual(0)
      expect(s.right).toBeLessThanOrEqual(fit.width)
    }
  })
})

describe('handout.html printed from a browser', () => {
  it("keeps the slides' look: reveal.css's print rules for the live deck do not reach it", async () => {
    // A reader printing the page gets print media; reveal.css then restyled the slides (black
    // text, 20pt, static blocks), and dark slides printed as dark text on dark ground (2026-11-30).
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 } })
    const page = await context.newPage()
    await page.goto(pathToFileURL(join(alone, 'handout.html')).href, { waitUntil: 'load' })
    const styles = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('.handout-slide h1, .handout-slide h2, .handout-slide li, .handout-slide p')].slice(0, 40).map((el) => {
          const cs = getComputedStyle(el)
          return `${el.tagName} ${cs.color} ${cs.fontSize} ${cs.display} ${cs.position}`
        }),
      )
    const screen = await styles()
    await page.emulateMedia({ media: 'print' })
    const printed = await styles()
    await context.close()
    expect(screen.length).toBeGreaterThan(10)
    expect(printed).toEqual(screen)
  })
})

describe('read.html', () => {
  it('keeps its address-follows-the-reader script working from disk (the inlined script runs under the page CSP)', async () => {
    const { page, context } = await openAlone('read.html')
    const ids = await page.evaluate(() => [...document.querySelectorAll('article.read-slide[id]')].map((a) => a.id))
    // The second article: far enough down to scroll to, near enough the top that the page can.
    const target = ids[1] ?? ''
    expect(target).not.toBe('')
    await page.evaluate((id) => document.getElementById(id)?.scrollIntoView({ block: 'start' }), target)
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 30_000 }).toBe(`#${target}`)
    await context.close()
  })
})
