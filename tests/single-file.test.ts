/**
 * dist/deck.html, the deck in one file, opened straight from disk (file://) with every
 * network request refused: every slide shows, the fonts are there, and the speaker view
 * opens with the current slide's notes.
 */
import { readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import { sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

const root = resolve(import.meta.dirname, '..')
const file = join(builtDist(), 'deck.html')
const { slides } = buildDeck(root).deck
const words = (t: string, n = 8) => t.replace(/\s+/g, ' ').trim().split(' ').slice(0, n).join(' ')

type DeckWindow = Window & {
  deck: { isReady(): boolean; slide(h: number, v: number): void; getCurrentSlide(): HTMLElement; getIndices(): { h: number; v: number } }
}

let browser: Browser
let context: BrowserContext
let page: Page
const refused: string[] = []
const errors: string[] = []

beforeAll(async () => {
  browser = await sharedBrowser()
  context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  // Offline: only the file itself (and what it carries inline) may load.
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (/^(file|data|blob|about):/.test(url)) return route.continue()
    refused.push(url)
    return route.abort('internetdisconnected')
  })
  page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(pathToFileURL(file).href)
  await page.waitForFunction(() => (window as unknown as DeckWindow).deck?.isReady(), undefined, { polling: 100 })
})

afterAll(async () => {
  await browser?.close()
})

describe('the single-file deck (dist/deck.html)', () => {
  it('is one file: no script, stylesheet, font or image is fetched from elsewhere', () => {
    const html = readFileSync(file, 'utf8')
    expect(statSync(file).size).toBeGreaterThan(100_000)
    expect(html).not.toMatch(/<script[^>]+\bsrc=/)
    expect(html).not.toMatch(/<link[^>]+rel="(stylesheet|modulepreload)"/)
    expect(html).toMatch(/url\(data:font\/woff2?;base64,/)
    expect(html).not.toMatch(/url\(["']?(?!data:)[^)"']+\.(woff2?|ttf|svg|png)/)
  })

  it('presents every slide from file:// with no network, in the deck font', async () => {
    const shown: string[] = []
    for (const s of slides) {
      await page.evaluate(({ h, v }) => (window as unknown as DeckWindow).deck.slide(h, v), s)
      const state = await page.evaluate(() => {
        const el = (window as unknown as DeckWindow).deck.getCurrentSlide()
        const r = el.getBoundingClientRect()
        return { id: el.id, visible: el.checkVisibility() && r.width > 600 && r.height > 300, title: el.querySelector('.slide-title')?.textContent ?? '' }
      })
      expect(state.visible, s.id).toBe(true)
      expect(state.title, s.id).toBe(s.title)
      shown.push(state.id)
    }
    expect(shown).toEqual(slides.map((s) => s.id))
    const fontOk = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts].filter((f) => f.family.includes('Source Sans 3') && f.status === 'loaded').length
    })
    expect(fontOk, 'Source Sans 3 faces loaded from the inlined data').toBeGreaterThan(0)
  })

  it('opens the speaker view with the current slide notes', async () => {
    const target = slides.find((s) => s.v === 0 && s.h > 2) ?? slides[1]
    if (!target) throw new Error('the deck has too few slides for this test')
    await page.evaluate(({ h, v }) => (window as unknown as DeckWindow).deck.slide(h, v), target)
    // `S` opens the speaker view once reveal's notes plugin is in, a moment after `ready` (it loads after the first paint).
    await page.waitForFunction(() => (window as unknown as { deck?: { hasPlugin(id: string): boolean } }).deck?.hasPlugin('notes') === true, undefined, {
      polling: 100,
    })
    const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')])
    await speaker.waitForFunction(
      (expected) => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').replace(/\s+/g, ' ').includes(expected),
      words(target.notesText),
      { polling: 100, timeout: 60_000 },
    )
    const status = await speaker.evaluate(() => document.querySelector('#connection-status')?.textContent?.trim() ?? '')
    expect(status).not.toMatch(/error/i)
    await speaker.close()
  })

  it('refused no request and logged no error', () => {
    expect(refused).toEqual([])
    expect(errors).toEqual([])
  })
})
