/**
 * The dark look in the organisation's colours (tests/fixtures/dark-palette: `look: dark`, a purple
 * primary and a green accent, both too dark for the dark ground as given): the deck's kicker and
 * links are the purple lightened to 4.5:1, its rules, bullets and progress bar the green
 * lightened to 3:1, its dark slides drawn on the purple itself, its figures on a light card of
 * their own (in deck.pptx too, whose theme names the colours); read.html's dark mode keeps the
 * same hues; and `npm run check` passes it, contrast included.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { serveDir, sharedBrowser } from './browser.ts'
import { REPO, runCli, scratchProject } from './cli.ts'
import { buildForTests } from './global-setup.ts'

const FIXTURE = resolve(REPO, 'tests/fixtures/dark-palette')
let project = ''
let dist = ''

beforeAll(async () => {
  project = scratchProject(FIXTURE)
  dist = await buildForTests(project)
}, 300_000)

/** `#rrggbb` as the browser computes it. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`

/** What the page computed for `selector`'s `props`, and the WCAG contrast of its colour on its nearest painted ground. */
function computed(page: Page, selector: string, props: string[]): Promise<{ style: Record<string, string>; ground: string; ratio: number }> {
  return page.evaluate(
    ([sel, ps]) => {
      const el = document.querySelector(sel as string) as Element
      const style = getComputedStyle(el)
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
          const x = Number(v) / 255
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4
        }) as [number, number, number]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
      }
      let ground = 'rgb(0, 0, 0)'
      for (let e: Element | null = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor
        if (bg !== 'rgba(0, 0, 0, 0)') {
          ground = bg
          break
        }
      }
      // A slide's own ground is reveal's background layer, not an ancestor.
      if (ground === 'rgb(0, 0, 0)') ground = getComputedStyle(document.querySelector('.reveal-viewport') ?? document.body).backgroundColor
      const [hi, lo] = [lum(style.color), lum(ground)].sort((a, b) => b - a) as [number, number]
      return { style: Object.fromEntries((ps as string[]).map((p) => [p, style.getPropertyValue(p)])), ground, ratio: (hi + 0.05) / (lo + 0.05) }
    },
    [selector, props] as const,
  )
}

describe('dark-palette fixture: the deck', () => {
  it('draws kickers, links and badges in the lightened primary, rules and bullets in the lightened accent, dark slides on the primary', async () => {
    const browser = await sharedBrowser()
    const server = await serveDir(dist)
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
      const open = async (id: string) => {
        await page.goto(`${server.url}index.html#/${id}`)
        await page.waitForFunction(() => (window as unknown as { deck?: { isReady(): boolean } }).deck?.isReady() === true, undefined, { polling: 100 })
      }
      await open('points')
      // The purple #4c2c92 lightened to #a291c6 (not the built-in look's light blue #9cc2ee), 4.5:1 or more.
      const kicker = await computed(page, '#points .slide-kicker', ['color'])
      expect(kicker.style.color).toBe(rgb('#a291c6'))
      expect(kicker.ratio).toBeGreaterThanOrEqual(4.5)
      const link = await computed(page, '#points .slide-body a', ['color'])
      expect(link.style.color).toBe(rgb('#a291c6'))
      // The green #00703c (2.6:1 here) lightened to #0d7746, 3:1: the rule under the heading, the bullets, the progress bar.
      const heading = await computed(page, '#points h2.slide-title', ['border-bottom-color'])
      expect(heading.style['border-bottom-color']).toBe(rgb('#0d7746'))
      expect(heading.ratio).toBeGreaterThanOrEqual(4.5)
      expect((await computed(page, '.reveal .progress', ['color'])).style.color).toBe(rgb('#0d7746'))
      await open('judgments')
      for (const badge of ['.judgment-term-word', '.judgment-level']) {
        const got = await computed(page, `#judgments ${badge}`, ['color'])
        expect(got.style.color, badge).toBe(rgb('#a291c6'))
        expect(got.ratio, badge).toBeGreaterThanOrEqual(4.5)
      }
      // A figure is drawn for a light ground, in its own palette: the dark look gives it a light card.
      await open('chart')
      const card = await computed(page, '#chart .deck-figure', ['background-color'])
      expect(card.style['background-color']).toBe(rgb('#fbfaf7'))
      await open('statement')
      expect(await page.evaluate(() => document.getElementById('statement')?.dataset.backgroundColor)).toBe('#4c2c92')
      await page.close()
    } finally {
      await server.close()
    }
  }, 120_000)

  it("keeps the same hues in read.html's dark mode", async () => {
    const browser = await sharedBrowser()
    const server = await serveDir(dist)
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' })
      await page.goto(`${server.url}read.html`)
      const kicker = await computed(page, '.read-kicker', ['color'])
      expect(kicker.style.color).toBe(rgb('#a291c6'))
      expect(kicker.ratio).toBeGreaterThanOrEqual(4.5)
      // The accent as text here (numbers, bullets): 4.5:1, so lighter than the deck's rules.
      const accent2 = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent-2').trim())
      expect(accent2).toBe('#459771')
      await page.close()
    } finally {
      await server.close()
    }
  }, 120_000)
})

describe('dark-palette fixture: deck.pptx', () => {
  it('names the colours the slides use in its theme, and puts the chart on its light card', async () => {
    const out = join(dist, 'fixture.pptx')
    const run = await runCli('pptx', project, `--dist=${dist}`, `--out=${out}`)
    expect(run.code, run.stderr).toBe(0)
    const zip = await JSZip.loadAsync(readFileSync(out))
    const read = async (p: string) => (await zip.file(p)?.async('string')) ?? ''
    const theme = await read('ppt/theme/theme1.xml')
    // The primary lightened (links, kickers), the accent lightened for rules, the primary as the dark slides' ground.
    for (const [slot, hex] of [
      ['accent1', 'A291C6'],
      ['accent2', '0D7746'],
      ['dk2', '4C2C92'],
      ['hlink', 'A291C6'],
    ])
      expect(theme, slot).toContain(`<a:${slot}><a:srgbClr val="${hex}"/></a:${slot}>`)
    // Slide 4, the chart: a card of the figures' light ground drawn before (under) the chart.
    const chart = await read('ppt/slides/slide4.xml')
    const card = chart.indexOf('<a:srgbClr val="FBFAF7"/>')
    expect(card).toBeGreaterThan(0)
    expect(card).toBeLessThan(chart.indexOf('<p:graphicFrame'))
  }, 300_000)
})

describe('dark-palette fixture: npm run check', () => {
  it('passes, contrast included', async () => {
    const run = await runCli('check', project, `--dist=${dist}`)
    expect(run.stdout + run.stderr).not.toMatch(/color-contrast|deck-config/)
    expect(run.code, run.stdout + run.stderr).toBe(0)
  }, 300_000)
})
