/**
 * The dev server survives broken edits: Vite's dev server (programmatic, the repository's
 * vite.config.ts) on a scratch copy of tests/fixtures/good-small, open in Chromium. A broken
 * edit shows the located error in the page, fixing it brings the slides back without a reload,
 * deleted or renamed slide files are picked up, a new theme in deck.yaml reloads the page and a
 * changed logo file shows. Logs the latency from the file write to
 * the DOM update (issue 6 wants under 150 ms).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharedBrowser } from './browser.ts'
import { REPO, scratchProject } from './cli.ts'

const project = scratchProject(join(REPO, 'tests/fixtures/good-small'))
const slide = (name: string) => join(project, 'slides', name)
let server: ViteDevServer
let browser: Browser
let page: Page
const latencies: Record<string, number> = {}

/** Conditions the theme tests wait for, as page expressions: the theme's primary colour, and the deck ready. */
const primary = 'getComputedStyle(document.documentElement).getPropertyValue("--theme-primary").trim()'
const ready = 'window.deck?.isReady() === true'

/** What the dev server logged as errors: a wait that times out says them. */
const serverErrors: string[] = []

/**
 * Wait until `condition` holds in `p`; on timeout, fail with what the page shows and what the
 * server logged, so a failure under load says where it stopped.
 */
async function until(p: Page, condition: string): Promise<void> {
  try {
    await p.waitForFunction(condition, undefined, { polling: 100, timeout: 60_000 })
  } catch (err) {
    const state = await p
      .evaluate(() => ({
        url: location.href,
        primary: getComputedStyle(document.documentElement).getPropertyValue('--theme-primary').trim(),
        errors: document.documentElement.dataset.deckErrors,
        ready: (window as unknown as { deck?: { isReady(): boolean } }).deck?.isReady(),
        first: document.querySelector('.reveal .slides section')?.textContent?.slice(0, 160),
      }))
      .catch((e: unknown) => String(e))
    throw new Error(`${(err as Error).message}\npage: ${JSON.stringify(state)}\nserver errors: ${serverErrors.join(' | ') || 'none'}`)
  }
}

/** Slide ids in document order (stacks are containers, not slides). */
const ids = () => page.$$eval('.reveal .slides section:not(.stack)', (ss) => ss.map((s) => s.id))

/**
 * Do `change` to the files, then wait until `done` holds in the page; returns the milliseconds
 * from just before the write to the first DOM mutation of the slides after it.
 */
async function edit(change: () => void, done: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __changedAt?: number }
    delete w.__changedAt
    const slides = document.querySelector('.reveal .slides')
    if (!slides) return
    new MutationObserver((_, obs) => {
      w.__changedAt ??= Date.now()
      obs.disconnect()
    }).observe(slides, { childList: true, subtree: true })
  })
  const before = Date.now()
  change()
  await until(page, done)
  const at = await page.evaluate(() => (window as unknown as { __changedAt?: number }).__changedAt ?? Date.now())
  return at - before
}

beforeAll(async () => {
  server = await createServer({
    root: project,
    configFile: join(REPO, 'vite.config.ts'),
    cacheDir: join(project, '.vite-cache'),
    logLevel: 'error',
    customLogger: {
      info: () => {},
      warn: () => {},
      warnOnce: () => {},
      error: (msg) => void serverErrors.push(msg),
      clearScreen: () => {},
      hasErrorLogged: () => false,
      hasWarned: false,
    },
    server: { port: 0, strictPort: false, host: '127.0.0.1', fs: { allow: [project, REPO] } },
  })
  await server.listen()
  browser = await sharedBrowser()
  page = await browser.newPage()
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('the dev server reported no URL')
  await page.goto(url)
  await page.waitForFunction(() => (window as unknown as { deck?: { isReady: () => boolean } }).deck?.isReady() === true, undefined, {
    polling: 100,
    timeout: 60_000,
  })
}, 120_000)

afterAll(async () => {
  console.log(
    `dev server, file write to DOM update: ${Object.entries(latencies)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')}`,
  )
  await browser?.close()
  await server?.close()
  rmSync(project, { recursive: true, force: true })
})

describe('dev server', () => {
  it('serves the deck from the slide files', async () => {
    expect(await ids()).toEqual(['opening', 'middle', 'middle-2', 'closing'])
  })

  it('shows a broken edit as a located error in the page, and recovers when it is fixed', async () => {
    const file = slide('02-middle.md')
    const good = readFileSync(file, 'utf8')
    await page.evaluate(() => {
      ;(window as unknown as { __samePage: boolean }).__samePage = true
    })
    latencies.error = await edit(
      () => writeFileSync(file, good.replace('section: Middle', 'section: Middle\nlayuot: quote')),
      '!!document.querySelector("#deck-errors")',
    )
    const text = await page.locator('#deck-errors').innerText()
    expect(text).toContain('slides/02-middle.md:4:1 error meta-unknown-key unknown key "layuot": did you mean "layout"?')
    expect(text).toMatch(/1 error/)

    latencies.fix = await edit(() => writeFileSync(file, good), '!document.querySelector("#deck-errors") && !!document.querySelector("section#middle")')
    expect(await ids()).toEqual(['opening', 'middle', 'middle-2', 'closing'])
    // No reload happened: the marker set on the page before the error is still there.
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true)
  })

  it('shows every error of a broken file, not just the first', async () => {
    const file = slide('03-closing.md')
    const good = readFileSync(file, 'utf8')
    await edit(
      () => writeFileSync(file, good.replace('id: closing', 'id: middle').replace('---\n```timeline', '---\n![x](figure:nope)\n\n```timeline')),
      '!!document.querySelector("#deck-errors")',
    )
    const text = await page.locator('#deck-errors').innerText()
    expect(text).toContain('slides/03-closing.md:1:1 error id-duplicate')
    expect(text).toContain('slides/03-closing.md:5:1 error figure-unknown')
    await edit(() => writeFileSync(file, good), '!document.querySelector("#deck-errors")')
  })

  it('drops a deleted slide file and follows a renamed one', async () => {
    latencies.delete = await edit(() => rmSync(slide('03-closing.md')), 'document.querySelectorAll(".reveal .slides section:not(.stack)").length === 3')
    expect(await ids()).toEqual(['opening', 'middle', 'middle-2'])
    latencies.rename = await edit(
      () => renameSync(slide('01-opening.md'), slide('09-opening.md')),
      '[...document.querySelectorAll(".reveal .slides section:not(.stack)")].map((s) => s.id).join() === "middle,middle-2,opening"',
    )
    expect(await ids()).toEqual(['middle', 'middle-2', 'opening'])
  })

  it('reloads the page for a new theme in deck.yaml, and shows a changed logo file', async () => {
    const yaml = join(project, 'slides/deck.yaml')
    const logo = (fill: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72" viewBox="0 0 72 72"><rect width="72" height="72" fill="${fill}"/></svg>`
    mkdirSync(slide('brand'), { recursive: true })
    writeFileSync(slide('brand/logo.svg'), logo('#d4351c'))
    const base = readFileSync(yaml, 'utf8')
    await page.evaluate(() => {
      ;(window as unknown as { __samePage: boolean }).__samePage = true
    })
    // The theme's colours are in the page's head: the page reloads with them (and with the logo the slides now carry).
    latencies.theme = await edit(
      () => writeFileSync(yaml, `${base}logo: brand/logo.svg\ntheme:\n  colours: { primary: "#0b3d91" }\n`),
      `${primary} === "#0b3d91" && ${ready} && !!document.querySelector("img.deck-logo, img.deck-logo-title")`,
    )
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBeUndefined()
    latencies.recolour = await edit(
      () => writeFileSync(yaml, `${base}logo: brand/logo.svg\ntheme:\n  colours: { primary: "#7a1f1f" }\n`),
      `${primary} === "#7a1f1f" && ${ready}`,
    )
    // A new picture in the logo's file: the slides show it.
    const src = () => page.$eval('img.deck-logo, img.deck-logo-title', (img) => img.getAttribute('src') ?? '')
    const before = await src()
    const after = `data:image/svg+xml;base64,${Buffer.from(logo('#00703c')).toString('base64')}`
    expect(before).not.toBe(after)
    latencies.logo = await edit(
      () => writeFileSync(slide('brand/logo.svg'), logo('#00703c')),
      `[...document.querySelectorAll("img.deck-logo, img.deck-logo-title")].some((i) => i.getAttribute("src") === ${JSON.stringify(after)}) && ${ready}`,
    )
  })

  it('reloads a page whose socket connected only after a theme change', async () => {
    const url = server.resolvedUrls?.local[0] ?? ''
    // A second page whose socket reaches the server only when the test lets it, as on a loaded
    // machine: what the page sends meanwhile waits, and goes through once it connects.
    const late = await browser.newPage()
    let open: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      open = resolve
    })
    await late.routeWebSocket(/./, async (ws) => {
      const held: (string | Buffer)[] = []
      ws.onMessage((m) => held.push(m))
      await gate
      const upstream = ws.connectToServer()
      ws.onMessage((m) => upstream.send(m))
      upstream.onMessage((m) => ws.send(m))
      for (const m of held) upstream.send(m)
    })
    try {
      await late.goto(url)
      await until(late, ready)
      // A new theme while its socket is still connecting: the reload goes to the other page only.
      const yaml = join(project, 'slides/deck.yaml')
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/primary: "#[0-9a-f]{6}"/, 'primary: "#2a5d3c"'))
      await until(page, `${primary} === "#2a5d3c" && ${ready}`)
      expect(await late.evaluate(primary)).not.toBe('#2a5d3c')
      // Connected at last, it says which page it has, and the server has it reload.
      open()
      await until(late, `${primary} === "#2a5d3c" && ${ready}`)
    } finally {
      await late.close()
    }
  })

  it('reloads the reading edition, which runs no deck, for a new theme too', async () => {
    const url = server.resolvedUrls?.local[0] ?? ''
    const reader = await browser.newPage()
    try {
      await reader.goto(`${url}read.html`)
      await until(reader, `${primary} === "#2a5d3c" && !!document.querySelector("article.read-slide")`)
      const yaml = join(project, 'slides/deck.yaml')
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/primary: "#[0-9a-f]{6}"/, 'primary: "#5b2a86"'))
      await until(reader, `${primary} === "#5b2a86"`)
    } finally {
      await reader.close()
    }
  })

  it('updates the page within a reasonable time of the write', () => {
    // Issue 6 asks for under 150 ms on an idle machine (the bench measures it); this bound only
    // catches a push that stalls, and leaves room for a machine at load 27 on two cores.
    for (const ms of Object.values(latencies)) expect(ms).toBeLessThan(30_000)
  })
})
