/**
 * Links between the editions work wherever the files are: from a copy of dist/ on disk, every
 * edition link leads to a file that is there and opens the same slide; read.html and deck.html,
 * each copied alone into an empty folder, link to no file that is missing (the reading edition
 * says the deck did not come with it). All with the network off: nothing is requested outside
 * the folder. `read.html#/<id>` (the deck's form of address) opens the slide as `#<id>` does.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

interface DeckApi {
  isReady(): boolean
  getCurrentSlide(): HTMLElement
}

const root = mkdtempSync(join(tmpdir(), 'deck-edition-links-'))
const full = join(root, 'dist')
const readAlone = join(root, 'read-alone')
const deckAlone = join(root, 'deck-alone')
let browser: Browser

/** A page in an offline context that records every request outside `folder`. */
async function offline(folder: string): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, offline: true, reducedMotion: 'reduce' })
  const inside = pathToFileURL(folder).href
  const outside: string[] = []
  context.on('request', (r) => {
    const u = r.url()
    if (!u.startsWith(`${inside}/`) && !/^(data|blob|about):/.test(u)) outside.push(u)
  })
  return { context, page: await context.newPage(), outside }
}

const settled = (p: Page) => p.waitForFunction(() => document.documentElement.dataset.editionLinks === 'checked', null, { polling: 100, timeout: 60_000 })

/** Every link shown on the page that leads to another file (not within the page, not the web). */
const fileLinks = (p: Page) =>
  p.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('a[href]')]
      .filter((a) => !a.getAttribute('href')?.startsWith('#') && a.protocol === 'file:' && a.checkVisibility())
      .map((a) => ({ text: a.innerText.trim(), href: a.href })),
  )
const exists = (href: string) => existsSync(fileURLToPath(href.split('#')[0] ?? href))
const currentSlide = (p: Page) => p.evaluate(() => (window as unknown as { deck: DeckApi }).deck.getCurrentSlide().id)
const deckReady = (p: Page) =>
  p.waitForFunction(() => (window as unknown as { deck?: DeckApi }).deck?.isReady() === true, null, { polling: 100, timeout: 60_000 })

beforeAll(async () => {
  const dist = builtDist()
  cpSync(dist, full, { recursive: true })
  for (const [dir, file] of [
    [readAlone, 'read.html'],
    [deckAlone, 'deck.html'],
  ] as const) {
    mkdirSync(dir)
    copyFileSync(join(dist, file), join(dir, file))
  }
  browser = await sharedBrowser()
})

afterAll(async () => {
  await browser?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('links between the editions, from a copy of dist/ on disk', () => {
  it('read.html links every slide to deck.html at that slide, and each link opens it', async () => {
    const { context, page, outside } = await offline(full)
    await page.goto(pathToFileURL(join(full, 'read.html')).href)
    await settled(page)
    const links = await fileLinks(page)
    const slides = await page.evaluate(() => [...document.querySelectorAll('article.read-slide[id]')].map((a) => a.id))
    expect(links.length).toBe(slides.length + 1)
    for (const l of links) {
      expect(l.href, l.text).toMatch(/\/deck\.html(#\/[^/]+)?$/)
      expect(exists(l.href), l.href).toBe(true)
    }
    // A slide's link opens the deck there (the deck from disk: deck.html, not index.html).
    const target = slides[Math.floor(slides.length / 2)] ?? ''
    await page.locator(`#${target} .read-to-deck a`).click()
    await deckReady(page)
    expect(await currentSlide(page)).toBe(target)
    // ...and the deck links back to the reading edition at that slide.
    await settled(page)
    const back = await fileLinks(page)
    expect(back.map((l) => l.text)).toEqual(['Reading edition'])
    expect(exists(back[0]?.href ?? '')).toBe(true)
    await page.locator('a.deck-edition-link').click()
    await page.waitForURL(/read\.html#/)
    expect(new URL(page.url()).hash).toBe(`#${target}`)
    expect(outside).toEqual([])
    await context.close()
  })

  it('index.html, which does not run from disk, is never the target from disk', async () => {
    const { context, page } = await offline(full)
    await page.goto(pathToFileURL(join(full, 'read.html')).href)
    await settled(page)
    expect((await fileLinks(page)).filter((l) => /index\.html/.test(l.href))).toEqual([])
    await context.close()
  })

  it('read.html#/<id> opens that slide as read.html#<id> does', async () => {
    const { context, page } = await offline(full)
    const ids = await (async () => {
      await page.goto(pathToFileURL(join(full, 'read.html')).href)
      return page.evaluate(() => [...document.querySelectorAll('article.read-slide[id]')].map((a) => a.id))
    })()
    const target = ids[4] ?? ''
    await page.goto(`${pathToFileURL(join(full, 'read.html')).href}#/${target}`)
    await page.waitForFunction((id) => location.hash === `#${id}`, target, { polling: 100 })
    const top = await page.evaluate((id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1, target)
    expect(Math.abs(top)).toBeLessThan(40)
    await context.close()
  })
})

describe('an edition copied alone into an empty folder', () => {
  it('read.html alone links to no deck, and says the deck did not come with it', async () => {
    const { context, page, outside } = await offline(readAlone)
    await page.goto(pathToFileURL(join(readAlone, 'read.html')).href)
    await settled(page)
    const links = await fileLinks(page)
    for (const l of links) expect(exists(l.href), `${l.text} → ${l.href}`).toBe(true)
    expect(links).toEqual([])
    expect(await page.locator('.read-no-deck').innerText()).toMatch(/deck\.html/)
    expect(await page.locator('.read-to-deck').count()).toBe(0)
    expect(outside).toEqual([])
    await context.close()
  })

  it('deck.html alone shows no reading-edition link, and its help does not offer one', async () => {
    const { context, page, outside } = await offline(deckAlone)
    await page.goto(pathToFileURL(join(deckAlone, 'deck.html')).href)
    await deckReady(page)
    await settled(page)
    expect(await fileLinks(page)).toEqual([])
    expect(await page.locator('a.deck-edition-link').count()).toBe(0)
    await page.locator('.reveal').focus()
    await page.keyboard.press('Shift+Slash')
    const help = await page.locator('.r-overlay-help').innerText()
    expect(help).toMatch(/slide-id/)
    expect(help).not.toMatch(/Reading edition/)
    expect(outside).toEqual([])
    await context.close()
  })
})
