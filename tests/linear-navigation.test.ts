/**
 * A presenter's → (and a clicker's "next") never skips a slide: from the first slide, → visits
 * every slide of the built deck in order, sub-slides included, to the last; ← walks back the same
 * way; ↓ still steps into a section's sub-slides.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

interface DeckApi {
  isReady(): boolean
  slide(h: number, v: number): void
  getCurrentSlide(): HTMLElement
  getIndices(): { h: number; v: number }
}

let browser: Browser
let server: StaticServer
let page: Page

const currentId = () => page.evaluate(() => (window as unknown as { deck: DeckApi }).deck.getCurrentSlide().id)
/** Press a key and wait until the deck shows another slide than `from` (or fail on the test's timeout). */
async function press(key: string, from: string): Promise<string> {
  await page.keyboard.press(key)
  await page.waitForFunction((id) => (window as unknown as { deck: DeckApi }).deck.getCurrentSlide().id !== id, from, { polling: 100 })
  return currentId()
}

beforeAll(async () => {
  browser = await sharedBrowser()
  server = await serveDir(builtDist())
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  await page.goto(server.url)
  await page.waitForFunction(() => (window as unknown as { deck?: DeckApi }).deck?.isReady() === true, undefined, { polling: 100 })
  await page.locator('.reveal').focus()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('navigation that never skips a slide', () => {
  it('→ from the first slide visits every slide in order to the last, and ← comes back the same way', async () => {
    const order = await page.evaluate(() => [...document.querySelectorAll('.reveal .slides section[id]')].map((s) => s.id))
    // The deck has sub-slides: otherwise this test would prove nothing about skipping them.
    expect(await page.evaluate(() => document.querySelectorAll('.reveal .slides > section.stack').length)).toBeGreaterThan(0)
    const visited = [await currentId()]
    const last = order[order.length - 1]
    while (visited[visited.length - 1] !== last && visited.length <= order.length) visited.push(await press('ArrowRight', visited[visited.length - 1] ?? ''))
    expect(visited).toEqual(order)
    // At the last slide → stays there.
    await page.keyboard.press('ArrowRight')
    expect(await currentId()).toBe(last)
    const back = [await currentId()]
    while (back[back.length - 1] !== order[0] && back.length <= order.length) back.push(await press('ArrowLeft', back[back.length - 1] ?? ''))
    expect(back).toEqual([...order].reverse())
  })

  it('↓ steps into the sub-slides of a section', async () => {
    const stack = await page.evaluate(() => {
      const all = [...document.querySelectorAll('.reveal .slides > section')]
      const i = all.findIndex((s) => s.classList.contains('stack'))
      return { h: i, ids: [...(all[i]?.querySelectorAll(':scope > section[id]') ?? [])].map((s) => s.id) }
    })
    // To the stack's first slide through reveal's API: a new hash would race reveal's own delayed
    // write of the last slide's hash (under load it can land after ours and win).
    await page.evaluate((h) => (window as unknown as { deck: DeckApi }).deck.slide(h, 0), stack.h)
    await page.waitForFunction((id) => (window as unknown as { deck?: DeckApi }).deck?.getCurrentSlide().id === id, stack.ids[0], { polling: 100 })
    await page.locator('.reveal').focus()
    expect(await press('ArrowDown', stack.ids[0] ?? '')).toBe(stack.ids[1])
    expect(await page.evaluate(() => (window as unknown as { deck: DeckApi }).deck.getIndices())).toMatchObject({ h: stack.h, v: 1 })
  })
})
