/**
 * dist/read.html, the reading edition, on a phone (390x844): no sideways scrolling, every
 * slide's notes visible as text, figures with their text equivalents, the address following
 * the reader, and links to and from the deck at the same slide.
 */
import { resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

const root = resolve(import.meta.dirname, '..')
const { slides } = buildDeck(root).deck
const norm = (t: string) => t.replace(/\s+/g, ' ').trim()
const words = (t: string, n = 8) => norm(t).split(' ').slice(0, n).join(' ')

let browser: Browser
let server: StaticServer
let page: Page
const errors: string[] = []

beforeAll(async () => {
  browser = await sharedBrowser()
  server = await serveDir(builtDist(), '/talks/briefing/')
  page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, reducedMotion: 'reduce' })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(`${server.url}read.html`)
  await page.evaluate(() => document.fonts.ready)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the reading edition (dist/read.html) on a 390px phone', () => {
  it('does not scroll sideways', async () => {
    const { scrollWidth, widest } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      // A figure scrolls sideways inside its own box, at a width its text can be read at (below).
      widest: Math.max(...[...document.querySelectorAll('main *')].map((e) => (e.closest('.deck-figure svg') ? 0 : e.getBoundingClientRect().right))),
    }))
    expect(scrollWidth).toBeLessThanOrEqual(390)
    expect(widest).toBeLessThanOrEqual(390)
  })

  it('shows every slide, in order, with its notes as visible text', async () => {
    const articles = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('article.read-slide')].map((a) => {
        const notes = a.querySelector<HTMLElement>('.read-notes')
        return {
          id: a.id,
          title: a.querySelector('h2')?.textContent ?? '',
          // The notes' words, without the footnote numbers of their source sentences.
          notes: (() => {
            const copy = notes?.cloneNode(true) as HTMLElement | undefined
            for (const n of copy?.querySelectorAll('.prov-n') ?? []) n.remove()
            return copy?.textContent ?? ''
          })(),
          visible: !!notes && notes.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && notes.getBoundingClientRect().width > 250,
        }
      }),
    )
    expect(articles.map((a) => a.id)).toEqual(slides.map((s) => s.id))
    for (const [i, s] of slides.entries()) {
      const a = articles[i]
      expect(a?.title, s.id).toContain(s.title)
      expect(a?.visible, `${s.id}: notes visible`).toBe(true)
      expect(norm(a?.notes ?? ''), s.id).toContain(words(s.notesText))
    }
  })

  it('shows each figure with its text equivalent as a visible caption', async () => {
    const figures = slides.flatMap((s) => s.figures.map((f) => ({ id: s.id, alt: f.alt })))
    // Whatever figures the deck in slides/ has (none is fine): one captioned figure each, no more.
    expect(await page.locator('article.read-slide figure.deck-figure').count()).toBe(figures.length)
    for (const f of figures) {
      const caption = page.locator(`#${f.id} .figure-text`, { hasText: f.alt.slice(0, 40) })
      await expect(caption.isVisible(), f.id).resolves.toBe(true)
    }
  })

  it('has a table of contents that links to every slide', async () => {
    const links = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('nav.read-toc a')].map((a) => a.getAttribute('href')))
    for (const s of slides) expect(links, s.id).toContain(`#${s.id}`)
  })

  it('shows figure text at 16 px or more, the figure scrolling sideways in its own box', async () => {
    const figures = await page.evaluate(() =>
      [...document.querySelectorAll<SVGSVGElement>('.read-body .deck-figure svg')].map((svg) => {
        const words = [...svg.querySelectorAll<SVGGraphicsElement>('text, tspan')].filter((t) =>
          [...t.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim()),
        )
        const px = words.map((t) => {
          const m = t.getScreenCTM()
          return parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 0)
        })
        const fig = svg.closest('figure') as HTMLElement
        return {
          id: svg.id || svg.closest('article')?.id,
          smallest: Math.min(...px),
          scrolls: fig.scrollWidth > fig.clientWidth,
          overflow: getComputedStyle(fig).overflowX,
        }
      }),
    )
    for (const f of figures) {
      expect(f.smallest, f.id).toBeGreaterThanOrEqual(16)
      expect([f.scrolls, f.overflow], f.id).toEqual([true, 'auto'])
    }
  })

  it('announces each figure once: an image named by its title, described by its text equivalent', async () => {
    for (const f of slides.flatMap((s) => s.figures.map((fig) => ({ id: s.id, alt: fig.alt })))) {
      const snapshot = await page.locator(`#${f.id} figure`).ariaSnapshot()
      const img = await page.locator(`#${f.id} figure svg`).evaluate((svg) => ({
        name: document.getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
        description: document.getElementById(svg.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
      }))
      expect(snapshot, f.id).toBe(`- figure:\n  - img "${img.name}"`)
      expect(img.description.length, f.id).toBeGreaterThan(20)
      expect(f.alt, f.id).toContain(img.description)
    }
  })

  it('keeps the address on the slide being read, as the reader scrolls', async () => {
    const picks = [slides[3], slides[Math.floor(slides.length / 2)], slides[slides.length - 1], slides[1]]
    for (const s of picks) {
      if (!s) continue
      await page.evaluate((id) => document.getElementById(id)?.scrollIntoView({ behavior: 'instant', block: 'start' }), s.id)
      await page.waitForFunction((id) => location.hash === `#${id}`, s.id, { polling: 100, timeout: 30_000 })
    }
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }))
    await page.waitForFunction(() => location.hash === '', undefined, { polling: 100, timeout: 30_000 })
  })

  it('opens at a shared address, and links to the same slide in the deck', async () => {
    const s = slides[4] ?? slides[0]
    if (!s) throw new Error('no slides')
    const fresh = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await fresh.goto(`${server.url}read.html#${s.id}`)
    const top = await fresh.evaluate((id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1, s.id)
    expect(Math.abs(top)).toBeLessThan(40)
    await fresh.locator(`#${s.id} .read-to-deck a`).click()
    await fresh.waitForFunction(() => (window as unknown as { deck?: { isReady(): boolean } }).deck?.isReady(), undefined, { polling: 100 })
    expect(await fresh.evaluate(() => (window as unknown as { deck: { getCurrentSlide(): HTMLElement } }).deck.getCurrentSlide().id)).toBe(s.id)
    expect(new URL(fresh.url()).pathname).toBe('/talks/briefing/index.html')
    // ...and the deck links back to the reading edition at the slide it shows.
    const back = await fresh.locator('a.deck-edition-link').getAttribute('href')
    expect(back).toBe(`./read.html#${s.id}`)
    await fresh.close()
  })

  it('logged no error', () => {
    expect(errors).toEqual([])
  })
})
