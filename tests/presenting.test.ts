/**
 * Presenting the built deck (the test build, see tests/built.ts) served at a sub-path (/talks/briefing/), as it would be on a shared
 * server: slide number and progress bar, deep links surviving a reload, `?` help, overview,
 * no transitions under reduced motion, and the speaker view (S) with the current slide's
 * notes, the next slide, the timer and the pacing.
 */
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

const root = resolve(import.meta.dirname, '..')
const { slides } = buildDeck(root).deck
const words = (t: string, n = 8) => t.replace(/\s+/g, ' ').trim().split(' ').slice(0, n).join(' ')

interface DeckApi {
  isReady(): boolean
  isOverview(): boolean
  getCurrentSlide(): HTMLElement
  getIndices(): { h: number; v: number }
  getConfig(): Record<string, unknown>
  slide(h: number, v: number): void
}
const api = (p: Page) => ({
  ready: () => p.waitForFunction(() => (window as unknown as { deck?: DeckApi }).deck?.isReady() === true, undefined, { polling: 100 }),
  current: () => p.evaluate(() => (window as unknown as { deck: DeckApi }).deck.getCurrentSlide().id),
})

let browser: Browser
let server: StaticServer
let page: Page
const errors: string[] = []

beforeAll(async () => {
  browser = await sharedBrowser()
  server = await serveDir(builtDist(), '/talks/briefing/')
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(server.url)
  await api(page).ready()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('presenting the deck from a sub-path', () => {
  it('loads every asset under the sub-path', async () => {
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts].filter((f) => f.status === 'loaded').length
    })
    expect(fonts).toBeGreaterThan(0)
    expect(await page.evaluate(() => document.querySelectorAll('.slides section[id]').length)).toBe(slides.length)
  })

  it('shows the slide number and the progress bar', async () => {
    const chrome = await page.evaluate(() => ({
      number: document.querySelector<HTMLElement>('.reveal .slide-number')?.innerText.trim() ?? '',
      numberVisible: document.querySelector('.reveal .slide-number')?.checkVisibility() ?? false,
      progress: document.querySelector('.reveal .progress')?.checkVisibility() ?? false,
    }))
    expect(chrome.numberVisible).toBe(true)
    expect(chrome.number.replace(/\s+/g, '')).toBe(`1/${slides.length}`)
    expect(chrome.progress).toBe(true)
  })

  it('keeps a deep-linked slide across a reload', async () => {
    const target = slides[Math.floor(slides.length / 2)]
    if (!target) throw new Error('no slides')
    // A fresh load of the deep link: a hash change on the open page would race reveal's own
    // delayed write of the current slide's hash.
    await page.goto('about:blank')
    await page.goto(`${server.url}#/${target.id}`)
    await api(page).ready()
    await page.waitForFunction((id) => (window as unknown as { deck: DeckApi }).deck.getCurrentSlide().id === id, target.id, { polling: 100 })
    await page.reload()
    await api(page).ready()
    expect(await api(page).current()).toBe(target.id)
    expect(new URL(page.url()).pathname).toBe('/talks/briefing/')
  })

  it('opens the keyboard help with ?', async () => {
    await page.locator('.reveal').focus()
    await page.keyboard.press('Shift+Slash')
    await expect(page.locator('.r-overlay-help').isVisible()).resolves.toBe(true)
    expect(await page.locator('.r-overlay-help').innerText()).toMatch(/overview/i)
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => !document.querySelector('.r-overlay-help'), undefined, { polling: 100 })
  })

  it('toggles the overview with Esc', async () => {
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => (window as unknown as { deck: DeckApi }).deck.isOverview(), undefined, { polling: 100 })
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => !(window as unknown as { deck: DeckApi }).deck.isOverview(), undefined, { polling: 100 })
  })

  it('has no transitions under prefers-reduced-motion', async () => {
    const cfg = await page.evaluate(() => (window as unknown as { deck: DeckApi }).deck.getConfig())
    expect(cfg.transition).toBe('none')
    expect(cfg.backgroundTransition).toBe('none')
  })

  it('opens the speaker view with notes, the next slide, the timer and the pacing', async () => {
    const i = slides.findIndex((s) => s.v === 0 && s.h >= 3)
    const cur = slides[i]
    const next = slides[i + 1]
    if (!cur || !next) throw new Error('the deck has too few slides for this test')
    await page.evaluate(({ h, v }) => (window as unknown as { deck: DeckApi }).deck.slide(h, v), cur)
    // The worst case on a loaded machine, made certain: the upcoming preview's page is held until the
    // speaker view has shown the notes, i.e. until it has posted the preview its one "go to the next
    // slide" message, which the frame (still empty) never receives. The preview must find the next
    // slide by itself.
    let notesShown = () => {}
    const shown = new Promise<void>((done) => (notesShown = done))
    let held = 0
    await page.context().route(/[?&]controls=false/, async (route) => {
      held++
      await shown
      await route.continue()
    })
    // `S` opens the speaker view once reveal's notes plugin is in, a moment after `ready` (it loads after the first paint).
    await page.waitForFunction(() => (window as unknown as { deck?: { hasPlugin(id: string): boolean } }).deck?.hasPlugin('notes') === true, undefined, {
      polling: 100,
    })
    const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')])
    await speaker.waitForFunction(
      (expected) => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').replace(/\s+/g, ' ').includes(expected),
      words(cur.notesText),
      { polling: 100, timeout: 60_000 },
    )
    expect(held).toBe(1)
    notesShown()
    // The upcoming-slide preview is the deck itself (an iframe), moved to the next slide.
    const upcoming = speaker.frameLocator('#upcoming-slide iframe')
    await upcoming.locator(`section#${next.id}.present`).waitFor({ state: 'attached', timeout: 60_000 })
    await page.context().unrouteAll()
    // And it follows the presenter, one slide ahead, never two.
    const after = slides[i + 2]
    if (!after) throw new Error('the deck has too few slides for this test')
    await page.evaluate(({ h, v }) => (window as unknown as { deck: DeckApi }).deck.slide(h, v), next)
    await upcoming.locator(`section#${after.id}.present`).waitFor({ state: 'attached', timeout: 60_000 })
    await speaker.frameLocator('#current-slide iframe').locator(`section#${next.id}.present`).waitFor({ state: 'attached', timeout: 60_000 })
    await speaker.waitForFunction(
      () => {
        const pacing = document.querySelector<HTMLElement>('.speaker-controls-time .pacing')
        const timer = document.querySelector<HTMLElement>('.speaker-controls-time .timer')
        return !!pacing && pacing.checkVisibility() && /\d\d:\d\d/.test(pacing.innerText) && !!timer && timer.checkVisibility()
      },
      undefined,
      { polling: 100 },
    )
    const pacing = await speaker.evaluate(() => ({
      title: document.querySelector<HTMLElement>('.pacing-title')?.innerText ?? '',
      cls: document.querySelector('.speaker-controls-time .pacing')?.className ?? '',
    }))
    expect(pacing.title).toMatch(/pacing/i)
    expect(pacing.cls).toMatch(/ahead|on-track|behind/)
    await speaker.close()
  })

  it('logged no error', () => {
    expect(errors).toEqual([])
  })
})
