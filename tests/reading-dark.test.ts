/**
 * The reading edition for every reader: one numbering (the slide numbers) in its contents, its
 * articles and its agenda; a dark mode for a system that asks for one, with every text colour
 * meeting WCAG AA (axe-core's color-contrast rule), on a phone's width.
 */

import { readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'
import { scratchProject } from './cli.ts'
import { buildForTests } from './global-setup.ts'

const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
let browser: Browser
let server: StaticServer
/** The starter deck (`npm run new`), built: a deck with an agenda slide, whatever slides/ holds. */
let starter: StaticServer
let starterDist = ''
const starterProject = scratchProject(resolve(import.meta.dirname, '../src/starter'))

beforeAll(async () => {
  browser = await sharedBrowser()
  server = await serveDir(builtDist())
  starterDist = await buildForTests(starterProject)
  starter = await serveDir(starterDist)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await starter?.close()
  if (starterDist) rmSync(dirname(starterDist), { recursive: true, force: true })
  rmSync(starterProject, { recursive: true, force: true })
})

async function open(scheme: 'light' | 'dark', from: StaticServer = server): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: scheme })
  await page.goto(`${from.url}read.html`)
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  return page
}

/** axe-core's color-contrast violations: each node's selector and what it found. */
async function contrast(page: Page): Promise<string[]> {
  await page.evaluate(axe)
  return page.evaluate(async () => {
    const run = (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { nodes: { target: string[]; failureSummary?: string }[] }[] }> } }
    ).axe.run
    const r = await run(document, { runOnly: ['color-contrast'] })
    return r.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`))
  })
}

describe('the reading edition', () => {
  it('numbers contents, articles and agenda by slide number', async () => {
    const page = await open('light', starter)
    const seen = await page.evaluate(() => {
      const articles = [...document.querySelectorAll<HTMLElement>('article.read-slide[id]')]
      const numberOf = new Map(articles.map((a) => [a.id, Number.parseInt(a.querySelector('.read-number')?.textContent ?? '', 10)]))
      const listed = (sel: string, prefix: string) =>
        [...document.querySelectorAll<HTMLAnchorElement>(sel)].flatMap((a) => {
          const li = a.closest('li') as HTMLLIElement
          if (li.classList.contains('read-toc-section')) return []
          return [{ id: (a.getAttribute('href') ?? '').slice(prefix.length), shown: li.value }]
        })
      return {
        order: articles.map((a) => numberOf.get(a.id)),
        toc: listed('nav.read-toc li > a', '#').map((e) => ({ ...e, article: numberOf.get(e.id) })),
        agenda: listed('.agenda-list a', '#').map((e) => ({ ...e, article: numberOf.get(e.id) })),
      }
    })
    await page.close()
    expect(seen.order).toEqual(seen.order.map((_, i) => i + 1))
    expect(seen.toc.length).toBe(seen.order.length)
    for (const e of seen.toc) expect(e.shown, `contents: ${e.id}`).toBe(e.article)
    expect(seen.agenda.length).toBeGreaterThan(0)
    for (const e of seen.agenda) expect(e.shown, `agenda: ${e.id}`).toBe(e.article)
  })

  it('has a dark mode, every text colour meeting WCAG AA, and stays light for a light system', async () => {
    const dark = await open('dark')
    const ground = (p: Page) => p.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const bg = await ground(dark)
    const lum = (rgb: string) =>
      (rgb.match(/\d+/g) ?? [])
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0) / 3
    expect(lum(bg)).toBeLessThan(60)
    expect(await contrast(dark)).toEqual([])
    await dark.close()
    const light = await open('light')
    expect(lum(await ground(light))).toBeGreaterThan(200)
    expect(await contrast(light)).toEqual([])
    await light.close()
  })
})
