/**
 * What the room sees while the deck is presented (assets/chrome.css): blackout is black to the
 * last pixel; the `?` help fits a 720p projector and lists what this deck adds; the deck's own
 * controls scale with the slide (no specks at 4K, nothing larger than the title on a phone) and
 * recede on dark slides.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

interface DeckApi {
  isReady(): boolean
  hasPlugin(id: string): boolean
  slide(h: number, v?: number): void
  isPaused(): boolean
}

let browser: Browser
let server: StaticServer
let context: BrowserContext
let page: Page

const deckReady = (p: Page) => p.waitForFunction(() => (window as unknown as { deck?: DeckApi }).deck?.hasPlugin('notes') === true, undefined, { polling: 100 })

/** The brightest channel of any pixel in a PNG, read back through a canvas in a blank page. */
async function brightest(png: Buffer): Promise<number> {
  const blank = await context.newPage()
  try {
    return await blank.evaluate(async (b64) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.width
      canvas.height = img.height
      const g = canvas.getContext('2d') as CanvasRenderingContext2D
      g.drawImage(img, 0, 0)
      const data = g.getImageData(0, 0, img.width, img.height).data
      let max = 0
      for (let i = 0; i < data.length; i += 4) max = Math.max(max, data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0)
      return max
    }, png.toString('base64'))
  } finally {
    await blank.close()
  }
}

/** Sizes of the deck's controls and of the current slide's title, as drawn on screen. */
const chrome = (p: Page) =>
  p.evaluate(() => {
    const box = (sel: string) => document.querySelector(sel)?.getBoundingClientRect()
    const title = document.querySelector('.reveal .slides section.present .slide-title, .reveal .slides section.present h1, .reveal .slides section.present h2')
    const range = document.createRange()
    if (title?.firstChild) range.selectNodeContents(title)
    const line = range.getClientRects()[0]
    return {
      number: box('.reveal .slide-number')?.height ?? 0,
      numberFont: Number.parseFloat(getComputedStyle(document.querySelector('.reveal .slide-number') as Element).fontSize),
      arrow: box('.reveal .controls .navigate-right')?.height ?? 0,
      link: box('.deck-edition-link')?.height ?? 0,
      titleLine: line?.height ?? 0,
    }
  })

beforeAll(async () => {
  browser = await sharedBrowser()
  server = await serveDir(builtDist())
  context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  page = await context.newPage()
  await page.goto(server.url)
  await deckReady(page)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the room sees only the slide', () => {
  it('blacks out completely with B and with .', async () => {
    for (const key of ['b', 'Period']) {
      await page.locator('.reveal').focus()
      await page.keyboard.press(key)
      await page.waitForFunction(() => (window as unknown as { deck: DeckApi }).deck.isPaused(), undefined, { polling: 100 })
      await page.waitForFunction(() => getComputedStyle(document.querySelector('.reveal .pause-overlay') as Element).opacity === '1', undefined, {
        polling: 100,
      })
      expect(await brightest(await page.screenshot()), `blackout with ${key}`).toBeLessThanOrEqual(4)
      await page.keyboard.press(key)
      await page.waitForFunction(() => !(window as unknown as { deck: DeckApi }).deck.isPaused(), undefined, { polling: 100 })
    }
  })

  it('shows a ? help that fits 1280×720 and lists the speaker view, the reading edition and deep links', async () => {
    await page.locator('.reveal').focus()
    await page.keyboard.press('Shift+Slash')
    await page.locator('.r-overlay-help table').waitFor()
    const help = await page.evaluate(() => {
      const content = document.querySelector('.r-overlay-help .r-overlay-content') as HTMLElement
      const table = (document.querySelector('.r-overlay-help table') as HTMLElement).getBoundingClientRect()
      return { text: content.innerText, scrolls: content.scrollHeight > content.clientHeight + 1, bottom: table.bottom, top: table.top }
    })
    expect(help.scrolls).toBe(false)
    expect(help.top).toBeGreaterThanOrEqual(0)
    expect(help.bottom).toBeLessThanOrEqual(720)
    expect(help.text).toMatch(/\bS\s+Speaker view/)
    expect(help.text).toMatch(/Reading edition/)
    expect(help.text).toMatch(/#\/<slide-id>/)
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => !document.querySelector('.r-overlay-help'), undefined, { polling: 100 })
  })

  it('scales its controls with the slide: 3× at 4K, below the title on a phone', async () => {
    const at720 = await chrome(page)
    expect(at720.numberFont).toBe(18)
    await page.setViewportSize({ width: 3840, height: 2160 })
    await page.waitForFunction(() => Number.parseFloat(getComputedStyle(document.querySelector('.reveal .slide-number') as Element).fontSize) > 18, undefined, {
      polling: 100,
    })
    const at4k = await chrome(page)
    expect(at4k.numberFont).toBeCloseTo(54, 0)
    expect(at4k.arrow / at720.arrow).toBeCloseTo(3, 1)
    expect(at4k.link / at720.link).toBeCloseTo(3, 1)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.waitForFunction(() => Number.parseFloat(getComputedStyle(document.querySelector('.reveal .slide-number') as Element).fontSize) < 18, undefined, {
      polling: 100,
    })
    const phone = await chrome(page)
    expect(phone.titleLine).toBeGreaterThan(0)
    for (const [what, h] of [
      ['slide number', phone.number],
      ['arrow', phone.arrow],
      ['edition link', phone.link],
    ] as const) {
      expect(h, what).toBeGreaterThan(0)
      expect(h, what).toBeLessThanOrEqual(phone.titleLine * 1.5)
    }
    expect(phone.numberFont).toBeLessThan(at720.numberFont)
    await page.setViewportSize({ width: 1280, height: 720 })
  })

  it('keeps the reading-edition link off a light chip on dark slides', async () => {
    const dark = await page.evaluate(() => {
      const all = [...document.querySelectorAll<HTMLElement>('.reveal .slides > section')]
      return all.findIndex((s) => s.matches('[data-background-color]') || !!s.querySelector(':scope > section[data-background-color]'))
    })
    expect(dark).toBeGreaterThanOrEqual(0)
    await page.evaluate((h) => (window as unknown as { deck: DeckApi }).deck.slide(h, 0), dark)
    await page.waitForFunction(() => document.querySelector('.reveal')?.classList.contains('has-dark-background'), undefined, { polling: 100 })
    const link = await page.evaluate(() => {
      const a = getComputedStyle(document.querySelector('.deck-edition-link') as Element)
      const n = getComputedStyle(document.querySelector('.reveal .slide-number') as Element)
      return { background: a.backgroundColor, color: a.color, number: n.color }
    })
    expect(link.background).toMatch(/rgba\(\d+, \d+, \d+, 0\)|transparent/)
    expect(link.color).toBe(link.number)
  })
})
