/**
 * The speaker view made for reading aloud (src/client/speaker-view.ts), in Chromium at the size of
 * a presenter's laptop (1366×768): the notes scroll on their own and start at the top on every
 * slide, the clocks and pacing stay in view, nothing covers the next-slide preview, the notes'
 * size control is remembered across a reload, a reloaded deck dresses the speaker window again,
 * and all of it works from deck.html opened from disk.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

const { slides } = buildDeck(resolve(import.meta.dirname, '..')).deck
/** The slide with the longest notes that has a slide after it: the hardest to fit. */
const longest = slides.slice(0, -1).reduce((a, b) => (b.notesText.length > a.notesText.length ? b : a))
const after = slides[slides.indexOf(longest) + 1]
const words = (t: string, n = 8) => t.replace(/\s+/g, ' ').trim().split(' ').slice(0, n).join(' ')

interface DeckApi {
  isReady(): boolean
  hasPlugin(id: string): boolean
  slide(h: number, v: number): void
}

let browser: Browser
let server: StaticServer
let context: BrowserContext
let page: Page
const errors: string[] = []

/** Load the deck at `url`, wait until `S` works, and open the speaker view at 1366×768. */
async function openSpeaker(p: Page, url: string): Promise<Page> {
  await p.goto(url)
  await p.waitForFunction(() => (window as unknown as { deck?: DeckApi }).deck?.hasPlugin('notes') === true, undefined, { polling: 100 })
  await p.evaluate(({ h, v }) => (window as unknown as { deck: DeckApi }).deck.slide(h, v), longest)
  await p.locator('.reveal').focus()
  const [speaker] = await Promise.all([p.waitForEvent('popup'), p.keyboard.press('s')])
  speaker.on('pageerror', (e) => errors.push(e.message))
  await speaker.setViewportSize({ width: 1366, height: 768 })
  await notesShow(speaker, longest.notesText)
  return speaker
}

const notesShow = (speaker: Page, text: string) =>
  speaker.waitForFunction(
    (expected) => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').replace(/\s+/g, ' ').includes(expected),
    words(text),
    { polling: 100, timeout: 60_000 },
  )

/** Where the notes and clocks are: the notes' scroll, and whether each clock is on screen, unhidden. */
const layout = (speaker: Page) =>
  speaker.evaluate(() => {
    const inView = (sel: string) => {
      const el = document.querySelector<HTMLElement>(sel)
      if (!el?.checkVisibility()) return false
      const r = el.getBoundingClientRect()
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
      return r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && !!hit && el.contains(hit)
    }
    const value = document.querySelector<HTMLElement>('.speaker-controls-notes .value') as HTMLElement
    return {
      scrollTop: value.scrollTop,
      overflows: value.scrollHeight > value.clientHeight + 4,
      fontSize: getComputedStyle(value).fontSize,
      timer: inView('.speaker-controls-time .timer'),
      pacing: inView('.speaker-controls-time .pacing'),
      clock: inView('.speaker-controls-time .clock'),
      controlsScroll: document.querySelector<HTMLElement>('#speaker-controls')?.scrollTop ?? -1,
    }
  })

beforeAll(async () => {
  browser = await sharedBrowser()
  server = await serveDir(builtDist())
  context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the speaker view, for reading aloud', () => {
  it('keeps the clocks in view, scrolls only the notes, and starts the next notes at the top', async () => {
    if (!after) throw new Error('the deck has too few slides for this test')
    const speaker = await openSpeaker(page, server.url)
    // The pacing shows once the speaker view has the deck's timings.
    await speaker.waitForFunction(() => document.querySelector<HTMLElement>('.speaker-controls-time .pacing')?.checkVisibility() === true, undefined, {
      polling: 100,
    })
    // Large enough type that the longest notes must scroll.
    for (let i = 0; i < 4; i++) await speaker.click('.deck-notes-larger')
    const before = await layout(speaker)
    expect(before.overflows).toBe(true)
    await speaker.evaluate(() => {
      const v = document.querySelector<HTMLElement>('.speaker-controls-notes .value') as HTMLElement
      v.scrollTop = v.scrollHeight
    })
    const scrolled = await layout(speaker)
    expect(scrolled.scrollTop).toBeGreaterThan(100)
    expect(scrolled).toMatchObject({ timer: true, pacing: true, clock: true, controlsScroll: 0 })
    // Advance from the speaker view, as the presenter does: its keys drive the deck.
    await speaker.keyboard.press('ArrowRight')
    await notesShow(speaker, after.notesText)
    await speaker.waitForFunction(() => document.querySelector('.speaker-controls-notes .value')?.scrollTop === 0, undefined, { polling: 100 })
    expect(await layout(speaker)).toMatchObject({ scrollTop: 0, timer: true, pacing: true, clock: true, controlsScroll: 0 })
    await speaker.close()
  })

  it('covers nothing of the next slide: its label sits above the preview', async () => {
    const speaker = await openSpeaker(page, server.url)
    const boxes = await speaker.evaluate(() => {
      const rect = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().toJSON() as DOMRect
      return {
        label: rect('#upcoming-slide .label'),
        frame: rect('#upcoming-slide iframe'),
        layout: rect('#speaker-layout'),
        current: rect('#current-slide iframe'),
      }
    })
    expect(boxes.label.bottom).toBeLessThanOrEqual(boxes.frame.top)
    // The layout menu no longer sits on a preview either.
    for (const frame of [boxes.frame, boxes.current]) expect(boxes.layout.left >= frame.right || boxes.layout.top >= frame.bottom).toBe(true)
    await speaker.close()
  })

  it('remembers the notes size (A−/A+) across a reload, and dresses a speaker view left open when the deck reloads', async () => {
    let speaker = await openSpeaker(page, server.url)
    const start = Number.parseFloat((await layout(speaker)).fontSize)
    await speaker.click('.deck-notes-smaller')
    await speaker.click('.deck-notes-smaller')
    expect(Number.parseFloat((await layout(speaker)).fontSize)).toBe(start - 4)
    await speaker.close()
    await page.reload()
    speaker = await openSpeaker(page, server.url)
    expect(Number.parseFloat((await layout(speaker)).fontSize)).toBe(start - 4)
    expect(await speaker.locator('.deck-notes-size output').innerText()).toBe(`${start - 4}px`)
    // The deck reloads under an open speaker view: the view is dressed again, its size control
    // wired to the new page (the old page's listeners are gone with it).
    await speaker.evaluate(() => document.querySelector('.deck-notes-size')?.setAttribute('data-old', ''))
    await page.reload()
    await speaker.waitForFunction(() => !!document.querySelector('.deck-notes-size:not([data-old])'), null, { polling: 100, timeout: 60_000 })
    expect(await speaker.locator('.deck-notes-size').count()).toBe(1)
    await speaker.click('.deck-notes-larger')
    expect(Number.parseFloat((await layout(speaker)).fontSize)).toBe(start - 2)
    await speaker.close()
  })

  it('works from deck.html opened from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-speaker-'))
    try {
      copyFileSync(join(builtDist(), 'deck.html'), join(dir, 'deck.html'))
      const disk = await context.newPage()
      disk.on('pageerror', (e) => errors.push(e.message))
      const speaker = await openSpeaker(disk, pathToFileURL(join(dir, 'deck.html')).href)
      expect(await speaker.locator('.deck-notes-larger').count()).toBe(1)
      expect(await layout(speaker)).toMatchObject({ timer: true, clock: true })
      await speaker.close()
      await disk.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('logged no error', () => {
    expect(errors).toEqual([])
  })
})
