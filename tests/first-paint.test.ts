/**
 * The first slide is painted by the page itself, before any script: with scripts off, the
 * pre-rendered slide (marked `present` at build time) shows at the size and place reveal.js
 * gives it once ready (same pixels but for reveal's slide number and arrows), nothing shifts
 * when reveal takes over (CLS < 0.01), and a deep link shows its own slide from the first frame.
 */
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

// A slide well into the deck, whatever deck slides/ holds.
const { slides } = buildDeck(resolve(import.meta.dirname, '..')).deck
const deep = slides[Math.min(3, slides.length - 1)]?.id ?? ''

type DeckWindow = Window & {
  deck?: { isReady(): boolean; getCurrentSlide(): HTMLElement }
  __cls: number
  __firstFrame?: { present: string[]; ready: boolean }
}

let browser: Browser
let server: StaticServer

beforeAll(async () => {
  browser = await sharedBrowser()
  server = await serveDir(builtDist())
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** The title's box and a screenshot of the page: with scripts off, or once reveal is ready. */
async function look(width: number, height: number, scripts: boolean, hash = '') {
  const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: scripts, reducedMotion: 'reduce' })
  try {
    const page = await context.newPage()
    await page.addInitScript(() => {
      const w = window as unknown as DeckWindow
      w.__cls = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value
      }).observe({ type: 'layout-shift', buffered: true })
      // The first frame that shows a slide (reveal.js starts after it). A loaded machine may paint
      // frames while the page is still parsed: those show nothing (none parsed yet, or a deep
      // link's slides hidden until its slide is marked) and are passed over.
      const frame = () => {
        const ready = !!document.querySelector('.reveal.ready')
        const hidden = document.documentElement.classList.contains('deck-deep-link')
        const present = hidden ? [] : [...document.querySelectorAll('.reveal .slides section.present:not(.stack)')].map((s) => s.id)
        if (present.length || ready) w.__firstFrame = { present, ready }
        else requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
    })
    await page.goto(`${server.url}index.html${hash}`)
    if (scripts) await page.waitForFunction(() => (window as unknown as DeckWindow).deck?.isReady(), undefined, { polling: 100 })
    // (With scripts off the page runs no frame callbacks: the fonts are what it waits for.)
    if (scripts) await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))))
    else await page.evaluate(() => document.fonts.ready.then(() => undefined))
    const state = await page.evaluate(() => {
      const w = window as unknown as DeckWindow
      const title = document.querySelector('.reveal .slides section.present:not(.stack) .slide-title')
      const r = title?.getBoundingClientRect()
      return {
        box: r ? [r.x, r.y, r.width, r.height] : [],
        text: title?.textContent ?? '',
        cls: w.__cls,
        firstFrame: w.__firstFrame,
        current: w.deck?.getCurrentSlide().id,
      }
    })
    return { ...state, png: (await page.screenshot()).toString('base64') }
  } finally {
    await context.close()
  }
}

/** Share of pixels that differ by more than a little in any channel. */
async function pixelDiff(a: string, b: string): Promise<number> {
  const page = await browser.newPage()
  try {
    return await page.evaluate(
      async ([x, y]) => {
        const load = async (b64: string) => {
          const img = new Image()
          img.src = `data:image/png;base64,${b64}`
          await img.decode()
          const c = document.createElement('canvas')
          c.width = img.width
          c.height = img.height
          const ctx = c.getContext('2d') as CanvasRenderingContext2D
          ctx.drawImage(img, 0, 0)
          return ctx.getImageData(0, 0, img.width, img.height).data
        }
        const [p, q] = await Promise.all([load(x as string), load(y as string)])
        let diff = 0
        for (let i = 0; i < p.length; i += 4)
          if (Math.max(Math.abs((p[i] ?? 0) - (q[i] ?? 0)), Math.abs((p[i + 1] ?? 0) - (q[i + 1] ?? 0)), Math.abs((p[i + 2] ?? 0) - (q[i + 2] ?? 0))) > 24)
            diff++
        return diff / (p.length / 4)
      },
      [a, b],
    )
  } finally {
    await page.close()
  }
}

describe('the first slide before any script', () => {
  for (const [w, h] of [
    [1280, 720],
    [1000, 700],
    [1600, 800],
  ] as const) {
    it(`shows the slide where reveal.js keeps it, at ${w}x${h}`, async () => {
      const off = await look(w, h, false)
      const on = await look(w, h, true)
      expect(off.text.length, 'a title is painted with scripts off').toBeGreaterThan(3)
      expect(off.text).toBe(on.text)
      expect(off.box.length).toBe(4)
      for (const [i, v] of off.box.entries()) expect(Math.abs(v - (on.box[i] ?? Number.NaN)), `title box [x, y, w, h][${i}]`).toBeLessThan(1)
      // reveal's own furniture (slide number, arrows) is all that differs.
      expect(await pixelDiff(off.png, on.png)).toBeLessThan(0.01)
      expect(on.cls, 'layout shift while reveal takes over').toBeLessThan(0.01)
      expect(on.firstFrame?.ready, 'the first frame comes before reveal is ready').toBe(false)
    })
  }

  it('paints a deep-linked slide from the first frame, never slide 1 first', async () => {
    const first = await look(1280, 720, true)
    const target = await look(1280, 720, true, `#/${deep}`)
    const id = target.current ?? ''
    expect(id).toBe(deep)
    expect(id).not.toBe(first.current)
    expect(target.firstFrame?.present).toEqual([id])
    expect(target.firstFrame?.ready).toBe(false)
    expect(target.cls).toBeLessThan(0.01)
  })
})

describe('a deep link before the script that marks its slide', () => {
  it('shows no slide at all, not slide 1, until that script has run', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
    try {
      // The worst case made certain: a frame drawn after the slides are parsed but before the
      // inline script after them runs (which a loaded machine can give), here by serving the page
      // without that script.
      await context.route('**/index.html', async (route) => {
        const response = await route.fetch()
        const html = await response.text()
        const without = html.replace(/<script>\s*\/\/ A deep link \(#[\s\S]*?<\/script>/, '')
        expect(without.length, 'the deep-link script after the slides was found').toBeLessThan(html.length)
        await route.fulfill({ response, body: without })
      })
      const page = await context.newPage()
      await page.addInitScript(() => {
        requestAnimationFrame(() => {
          const shown = [...document.querySelectorAll('.reveal .slides section.present:not(.stack)')]
            .filter((s) => getComputedStyle(s).visibility !== 'hidden')
            .map((s) => s.id)
          ;(window as unknown as { __shown: string[] }).__shown = shown
        })
      })
      await page.goto(`${server.url}index.html#/${deep}`)
      // (reveal.js marks `.reveal` ready a task after isReady() turns true: the class is what the stylesheet reads.)
      await page.waitForFunction(() => (window as unknown as DeckWindow).deck?.isReady() && document.querySelector('.reveal.ready'), undefined, {
        polling: 100,
      })
      const state = await page.evaluate(() => {
        const w = window as unknown as DeckWindow & { __shown?: string[] }
        const current = w.deck?.getCurrentSlide()
        return { firstFrame: w.__shown, current: current?.id, visible: current ? getComputedStyle(current).visibility : '' }
      })
      expect(state.firstFrame, 'slides shown in the first frame').toEqual([])
      expect(state.current).toBe(deep)
      expect(state.visible, 'the linked slide once reveal.js is ready').toBe('visible')
    } finally {
      await context.close()
    }
  })
})

describe('what the first paint waits for', () => {
  it('draws the first frame before fetching reveal.js, and shows it before fetching a font not preloaded', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
    try {
      const page = await context.newPage()
      // When the first frame's callbacks run: its style, layout and paint come right after.
      await page.addInitScript(() => requestAnimationFrame(() => ((window as unknown as { __frame1: number }).__frame1 = performance.now())))
      await page.goto(`${server.url}index.html`)
      await page.waitForFunction(() => (window as unknown as DeckWindow).deck?.isReady(), undefined, { polling: 100 })
      const seen = await page.evaluate(() => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
        const frame1 = (window as unknown as { __frame1: number }).__frame1
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
        const preloaded = [...document.querySelectorAll<HTMLLinkElement>('link[rel=preload][as=font]')].map((l) => l.href)
        return {
          fcp,
          before: resources
            .filter((r) => r.startTime <= frame1)
            .map((r) => ({ name: r.name, size: r.decodedBodySize, script: r.initiatorType === 'script' || /\.m?js$/.test(r.name) })),
          fonts: resources.filter((r) => /\.(woff2?|ttf|otf)$/.test(r.name)).map((r) => ({ name: r.name, early: r.startTime < fcp })),
          preloaded,
        }
      })
      expect(seen.fcp, 'a first contentful paint').toBeGreaterThan(0)
      const scripts = seen.before.filter((r) => r.script)
      // The page's own entry (and Vite's preload polyfill): a few kB, not reveal.js (~120 kB).
      expect(
        scripts.reduce((n, r) => n + r.size, 0),
        `scripts fetched before the first frame: ${scripts.map((r) => r.name).join(', ')}`,
      ).toBeLessThan(10_000)
      const earlyFonts = seen.fonts.filter((f) => f.early).map((f) => f.name)
      for (const f of earlyFonts) expect(seen.preloaded, `${f} was fetched before the first paint without a preload`).toContain(f)
      // The other faces (reveal.css's italic, which the first slide does not use) load a moment later.
      await expect
        .poll(() => page.evaluate(() => [...document.fonts].filter((f) => f.status !== 'loaded').map((f) => `${f.family} ${f.style} ${f.weight}`)), {
          timeout: 60_000,
        })
        .toEqual([])
    } finally {
      await context.close()
    }
  })
})
