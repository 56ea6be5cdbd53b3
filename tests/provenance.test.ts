/**
 * Provenance for the reader: the two-source fixture (tests/fixtures/check-sources) built with the
 * real CLI; in read.html a claim links to the footnote quoting its source sentence (no script
 * needed), and the speaker view lists, for the current slide, each claim with its sentence.
 */
import { copyFileSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { REPO, scratchProject } from './cli.ts'
import { buildForTests } from './global-setup.ts'

const FIXTURE = resolve(REPO, 'tests/fixtures/check-sources')
const HARBOUR = "In 2014 the Port of Vilnor handled about 40 percent of the region's grain."
const REVIEW = 'The Kessa line carried 1,200 ships in 2019, and four new cranes arrived at Vilnor.'

let dist = ''
let browser: Browser
let server: StaticServer
let context: BrowserContext

beforeAll(async () => {
  const project = scratchProject(FIXTURE)
  // The sources lie beside slides/, as deck.yaml names them.
  for (const f of ['source-a.txt', 'source-b.txt']) copyFileSync(join(FIXTURE, f), join(project, f))
  dist = await buildForTests(project)
  browser = await sharedBrowser()
  server = await serveDir(dist)
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false })
}, 300_000)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

describe('provenance in the editions', () => {
  it('records each slide’s supporting sentences in deck.json', () => {
    const record = JSON.parse(readFileSync(join(dist, 'deck.json'), 'utf8')) as { slides: { provenance?: { source: string; sentence: string }[] }[] }
    expect(record.slides[0]?.provenance?.map((p) => [p.source, p.sentence])).toEqual([
      ['harbour', HARBOUR],
      ['review', REVIEW],
      ['harbour', 'Its director, Anna Ferris, called the new quay "a door to the sea".'],
    ])
  })

  it('read.html, without script on a phone: a claim links to the footnote that quotes its source sentence', async () => {
    const page = await context.newPage()
    await page.goto(`${server.url}read.html`)
    const claim = page.locator('.read-body a.prov', { hasText: '40 percent' })
    await expect(claim.count()).resolves.toBe(1)
    await claim.click()
    const target = await page.waitForFunction(() => document.querySelector(':target')?.textContent ?? '', undefined, { polling: 100 })
    const footnote = String(await target.jsonValue())
    expect(footnote).toContain(HARBOUR)
    expect(footnote).toContain('— Vilnor Port Authority, Feb 2024')
    // A claim in the notes links to its own sentence, in the other source.
    const cranes = page.locator('.read-notes a.prov', { hasText: 'Four' })
    const href = await cranes.getAttribute('href')
    expect(await page.locator(`[id="${href?.slice(1)}"]`).textContent()).toContain(REVIEW)
    // The footnotes fit the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.close()
  })

  it('the speaker view lists, for the current slide, each claim and the sentence behind it', async () => {
    const deckContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
    const page = await deckContext.newPage()
    await page.goto(server.url)
    await page.waitForFunction(() => (window as unknown as { deck?: { hasPlugin(id: string): boolean } }).deck?.hasPlugin('notes') === true, undefined, {
      polling: 100,
    })
    await page.locator('.reveal').focus()
    const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')])
    await speaker.setViewportSize({ width: 1366, height: 768 })
    const sources = () => speaker.evaluate(() => document.querySelector<HTMLElement>('.deck-sources')?.textContent?.replace(/\s+/g, ' ') ?? '')
    await speaker.waitForFunction((text) => document.querySelector('.deck-sources')?.textContent?.includes(text), HARBOUR, { polling: 100 })
    const first = await sources()
    expect(first).toContain('Sources for this slide (3)')
    // Closed until the presenter opens it, so the notes keep their room.
    const list = speaker.locator('.deck-sources li').first()
    expect(await list.isVisible()).toBe(false)
    await speaker.click('.deck-sources summary')
    await list.waitFor({ state: 'visible' })
    expect(first).toMatch(/40 percent.*In 2014 the Port of Vilnor/)
    expect(first).toContain(REVIEW)
    // The next slide (the references) holds no claim: the list goes. The speaker view's keys
    // drive the deck once it has the deck's timings (its pacing shows) and the presenter's click.
    await speaker.waitForFunction(() => document.querySelector<HTMLElement>('.speaker-controls-time .pacing')?.checkVisibility() === true, undefined, {
      polling: 100,
    })
    await speaker.click('.speaker-controls-time')
    await speaker.keyboard.press('ArrowRight')
    await speaker.waitForFunction(() => document.querySelector<HTMLElement>('.deck-sources')?.hidden === true, undefined, { polling: 100 })
    await speaker.close()
    await deckContext.close()
  })
})
