/**
 * The build end to end on a scratch copy of a small deck (tests/fixtures/good-small):
 * a failed build leaves dist/ exactly as it was, two builds are byte-identical, the tool
 * never writes into slides/ or assets/, and every built page carries a Content-Security-Policy
 * that Chromium enforces without blocking the deck (nor the speaker view, nor the single file).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inlineScripts, sha256 } from '../src/vite/csp.ts'
import { serveDir, sharedBrowser } from './browser.ts'
import { REPO, runBuild, scratchProject, snapshot } from './cli.ts'

const project = scratchProject(join(REPO, 'tests/fixtures/good-small'))
const dist = join(project, 'dist')
const sources = () => ({ slides: snapshot(join(project, 'slides')), assets: snapshot(join(project, 'assets')) })
let first: Record<string, string> = {}
let untouched: ReturnType<typeof sources>

beforeAll(async () => {
  untouched = sources()
  const run = await runBuild(project)
  expect(run.code, run.stderr).toBe(0)
  first = snapshot(dist)
}, 180_000)

describe('a failed build changes nothing', () => {
  it('built a deck to compare against', () => {
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['index.html', 'deck.html', 'read.html']))
  })

  // With --no-cache, Vite is already bundling when the compile reports the error: its work is
  // dropped. A slide that could name a picture (here a mention of `<img>`) makes each page wait
  // for the compile before Vite's work on it; others get the deck after it.
  it.each([
    ['', ''],
    ['--no-cache', ''],
    ['--no-cache', ' (a page waits for the compile)'],
  ])('leaves dist/ byte for byte as it was after a content error %s%s', async (flag, waits) => {
    const file = join(project, 'slides/02-middle.md')
    const good = readFileSync(file)
    writeFileSync(file, good.toString().replace('section: Middle', 'section: Middle\nlayuot: quote') + (waits ? '\nNot a picture: `<img>`.\n' : ''))
    try {
      const run = await runBuild(project, ...(flag ? [flag] : []))
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/^slides\/02-middle\.md:4:1 error meta-unknown-key/m)
      // Said once, by the build, and nothing from Vite.
      expect(run.stderr.match(/meta-unknown-key/g)).toHaveLength(1)
      expect(run.stderr).not.toMatch(/Build failed|error during build|\bat /)
      expect(snapshot(dist)).toEqual(first)
      expect(readdirSync(project).filter((n) => n.startsWith('.dist-') || n.startsWith('dist.old'))).toEqual([])
    } finally {
      writeFileSync(file, good)
    }
  })

  it('leaves dist/ as it was when Vite itself fails half-way, and cleans its temporary folders', async () => {
    renameSync(join(project, 'read.html'), join(project, 'read.html.away'))
    try {
      const run = await runBuild(project)
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^build failed: /m)
      expect(run.stderr).toMatch(/run with --debug for the stack trace/)
      expect(run.stderr).not.toMatch(/^\s+at /m)
      expect(snapshot(dist)).toEqual(first)
      expect(readdirSync(project).filter((n) => n.startsWith('.dist-') || n.startsWith('dist.old'))).toEqual([])
    } finally {
      renameSync(join(project, 'read.html.away'), join(project, 'read.html'))
    }
  })

  it('builds the same bytes again, and never wrote into slides/ or assets/', async () => {
    const run = await runBuild(project)
    expect(run.code, run.stderr).toBe(0)
    expect(snapshot(dist)).toEqual(first)
    expect(sources()).toEqual(untouched)
  })
})

describe('a build replaces only what the tool made', () => {
  it('marks its output folder as its own', () => {
    expect(Object.keys(first)).toContain('.deck-output')
  })

  // Each of these once deleted the project, its parent or its slides, and exited 0.
  it.each([['.'], ['..'], ['slides'], ['assets/built'], ['src']])('refuses --out=%s, writing and deleting nothing', async (out) => {
    const tree = () => ({ names: readdirSync(project).sort(), ...sources(), dist: snapshot(dist) })
    const before = tree()
    const run = await runBuild(project, `--out=${join(project, out)}`)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^build refused: .*Nothing was written\./m)
    expect(tree()).toEqual(before)
  })

  it('refuses --out= a folder of files it did not make, and replaces its own output', async () => {
    const mine = join(project, 'mine')
    mkdirSync(mine, { recursive: true })
    writeFileSync(join(mine, 'thesis.docx'), 'mine')
    const refused = await runBuild(project, `--out=${mine}`)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/already holds files the tool did not make \(thesis\.docx\)/)
    expect(readdirSync(mine)).toEqual(['thesis.docx'])
    rmSync(mine, { recursive: true })
    const out = join(project, 'out')
    for (let i = 0; i < 2; i++) {
      const run = await runBuild(project, `--out=${out}`)
      expect(run.code, run.stderr).toBe(0)
    }
    expect(readdirSync(out)).toContain('deck.html')
    rmSync(out, { recursive: true })
  })
})

describe('Content-Security-Policy', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await sharedBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('is in every built page, and lists the hash of each inline script', () => {
    for (const page of ['index.html', 'deck.html', 'read.html']) {
      const html = readFileSync(join(dist, page), 'utf8')
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? ''
      expect(csp, page).toMatch(/^default-src 'none'; script-src 'self'/)
      expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/)
      for (const script of inlineScripts(html)) expect(csp).toContain(sha256(script))
      // The policy comes before anything it governs.
      expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
    }
    expect(inlineScripts(readFileSync(join(dist, 'deck.html'), 'utf8')).length).toBeGreaterThan(0)
  })

  /** Open a page, collecting CSP violations (in the page and in any popup it opens). */
  async function open(url: string): Promise<{ page: Page; violations: string[] }> {
    const context = await browser.newContext()
    const violations: string[] = []
    const watch = (p: Page) => {
      p.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text())
      })
    }
    context.on('page', watch)
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction(() => (window as unknown as { deck?: { isReady: () => boolean } }).deck?.isReady() === true, undefined, { polling: 100 })
    return { page, violations }
  }

  it('lets the served deck and its speaker view run, and blocks an injected script', async () => {
    const server = await serveDir(dist)
    try {
      const { page, violations } = await open(`${server.url}index.html`)
      // `S` opens the speaker view once reveal's notes plugin is in, a moment after `ready` (it loads after the first paint).
      await page.waitForFunction(() => (window as unknown as { deck?: { hasPlugin(id: string): boolean } }).deck?.hasPlugin('notes') === true, undefined, {
        polling: 100,
      })
      const popup = page.context().waitForEvent('page', { timeout: 60_000 })
      await page.keyboard.press('s')
      const speaker = await popup
      await speaker.waitForSelector('.speaker-controls-time, #current-slide', { timeout: 60_000 })
      await speaker.waitForFunction(() => document.querySelector('#current-slide iframe') !== null, undefined, { polling: 100, timeout: 60_000 })
      expect(violations).toEqual([])
      // The policy really is enforced: an inline script added now is refused.
      const ran = await page.evaluate(async () => {
        const s = document.createElement('script')
        s.textContent = 'window.__injected = true'
        document.body.append(s)
        await new Promise((r) => setTimeout(r, 50))
        return (window as unknown as { __injected?: boolean }).__injected === true
      })
      expect(ran).toBe(false)
      await page.context().close()
    } finally {
      await server.close()
    }
  })

  it('lets the single-file deck.html run from file://', async () => {
    const { page, violations } = await open(pathToFileURL(join(dist, 'deck.html')).href)
    expect(await page.locator('.reveal .slides section').count()).toBeGreaterThan(0)
    expect(violations).toEqual([])
    await page.context().close()
  })
})
