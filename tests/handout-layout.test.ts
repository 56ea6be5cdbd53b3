/**
 * The handout's two-slides-a-page layout (assets/handout.css), chosen by `handout-two-up` on
 * <html> (what a print command sets) or by the address handout.html#two-up (a reader printing
 * from a browser): on A4 it takes about half the pages of the one-slide-a-page handout, and
 * every slide still prints with the start of its notes on the same page.
 */

import { PDFDocument } from 'pdf-lib'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

let browser: Browser
let server: StaticServer
let page: Page

beforeAll(async () => {
  browser = await sharedBrowser()
  server = await serveDir(builtDist())
  page = await browser.newPage({ viewport: { width: 794, height: 1123 } })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const pages = async () => (await PDFDocument.load(await page.pdf({ format: 'A4', printBackground: true }))).getPageCount()

describe('the handout, two slides to a page', () => {
  it('prints in about half the pages, chosen by the class or by the address', async () => {
    await page.goto(`${server.url}handout.html`)
    const slides = await page.locator('.handout-page').count()
    // The endnotes (source sentences, when the deck has sources) follow the slides in both layouts.
    await page.evaluate(() => document.documentElement.classList.add('handout-endnotes-only'))
    const endnotes = (await page.locator('#handout-endnotes').count()) ? await pages() : 0
    await page.evaluate(() => document.documentElement.classList.remove('handout-endnotes-only'))
    expect(await pages()).toBe(slides + endnotes)
    await page.evaluate(() => document.documentElement.classList.add('handout-two-up'))
    const twoUp = await pages()
    expect(twoUp).toBeGreaterThanOrEqual(Math.ceil(slides / 2) + endnotes)
    expect(twoUp).toBeLessThanOrEqual(Math.ceil(slides / 2) + endnotes + 2)
    await page.goto(`${server.url}handout.html#two-up`)
    await page.reload()
    expect(await pages()).toBe(twoUp)
  })

  it('keeps each slide beside the start of its notes', async () => {
    await page.goto(`${server.url}handout.html`)
    await page.evaluate(() => document.documentElement.classList.add('handout-two-up'))
    await page.emulateMedia({ media: 'print' })
    const apart = await page.evaluate(() =>
      [...document.querySelectorAll('.handout-page')]
        .filter((p) => {
          const slide = p.querySelector('.handout-slide')?.getBoundingClientRect()
          const notes = p.querySelector('.handout-notes')
          if (!slide || !notes?.textContent?.trim()) return true
          // The notes' first line: beside the slide, level with its top.
          const walker = document.createTreeWalker(notes, NodeFilter.SHOW_TEXT)
          let text = walker.nextNode()
          while (text && !text.textContent?.trim()) text = walker.nextNode()
          if (!text) return true
          const range = document.createRange()
          range.selectNodeContents(text)
          const first = [...range.getClientRects()].find((r) => r.width > 0 && r.height > 0)
          return !first || first.left < slide.right || first.top > slide.top + 40 || first.bottom < slide.top
        })
        .map((p) => p.id),
    )
    expect(apart).toEqual([])
  })
})
