/**
 * Images and layouts on a fixture deck (tests/fixtures/layouts), built with the real CLI into
 * a scratch project and printed with `npm run pdf --strict`: an oversized picture (1200x600,
 * green border) stays inside the slide in the deck, the printed deck and the handout; two
 * columns sit side by side; a build steps its bullets one at a time when presenting and shows
 * them all in deck.pdf, the handout and the reading edition; a judgments slide sets its rows
 * (term over confidence, the claim) in every edition; a raw <img> whose file is missing
 * fails the build at its file and line.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { type CliRun, REPO, runBuild, runCli, scratchProject } from './cli.ts'

interface DeckApi {
  isReady(): boolean
  slide(h: number, v?: number, f?: number): void
  next(): void
  getCurrentSlide(): HTMLElement
}

const project = scratchProject(join(REPO, 'tests/fixtures/layouts'))
const pdfDir = mkdtempSync(join(tmpdir(), 'deck-layouts-pdf-'))
let browser: Browser
let server: StaticServer
let page: Page
let pdfRun: CliRun
const errors: string[] = []

function poppler(tool: string, args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 64 << 20 })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`)
    throw err
  }
}
const norm = (t: string) =>
  t
    .replace(/[-\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
const pageTexts = (file: string) => poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').split('\f').slice(0, -1).map(norm)

/** The bounding box of the fixture picture's green border on a PDF page rasterised by pdftoppm, and the page size. */
function greenBox(file: string, pageNo: number): { page: { w: number; h: number }; box: { x0: number; y0: number; x1: number; y1: number } | null } {
  const ppm = poppler('pdftoppm', ['-f', String(pageNo), '-l', String(pageNo), '-r', '40', file])
  const header = ppm
    .subarray(0, 24)
    .toString('latin1')
    .match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)
  if (!header) throw new Error('pdftoppm did not write a PPM image')
  const w = Number(header[1])
  const h = Number(header[2])
  const px = ppm.subarray(header[0].length)
  let box: { x0: number; y0: number; x1: number; y1: number } | null = null
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3
      if ((px[i] ?? 255) < 60 && (px[i + 1] ?? 0) > 150 && (px[i + 2] ?? 255) < 60) {
        box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) } : { x0: x, y0: y, x1: x, y1: y }
      }
    }
  }
  return { page: { w, h }, box }
}

const deck = (p: Page) => ({
  ready: () => p.waitForFunction(() => (window as unknown as { deck?: DeckApi }).deck?.isReady() === true, undefined, { polling: 100 }),
  go: (id: string) =>
    p.evaluate((target) => {
      const d = (window as unknown as { deck: DeckApi }).deck
      const s = document.getElementById(target)
      const stack = s?.parentElement?.classList.contains('stack') ? s.parentElement : s
      const h = [...document.querySelectorAll('.reveal .slides > section')].indexOf(stack as Element)
      const v = stack === s ? 0 : [...(stack?.children ?? [])].indexOf(s as Element)
      d.slide(h, v, -1)
    }, id),
})

type Rect = { left: number; top: number; right: number; bottom: number; width: number; height: number }
const rectOf = (p: Page, selector: string): Promise<Rect> =>
  p
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect()
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }
    })
const inside = (inner: Rect, outer: Rect) =>
  inner.left >= outer.left - 0.5 && inner.top >= outer.top - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5

beforeAll(async () => {
  const built = await runBuild(project)
  expect(built.code, built.stderr).toBe(0)
  pdfRun = await runCli('pdf', project, `--out=${pdfDir}`, '--strict')
  browser = await sharedBrowser()
  server = await serveDir(join(project, 'dist'))
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: 'reduce' })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${server.url}index.html`)
  await deck(page).ready()
}, 400_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  rmSync(project, { recursive: true, force: true })
  rmSync(pdfDir, { recursive: true, force: true })
})

describe('images fit the slide', () => {
  it('an oversized picture is scaled into the body under the title, whole, in the deck', async () => {
    await deck(page).go('image')
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('#image img')?.complete === true, undefined, { polling: 100 })
    const img = await rectOf(page, '#image img')
    const body = await rectOf(page, '#image .slide-body')
    const title = await rectOf(page, '#image .slide-title')
    expect(img.width, 'scaled below its 1200px').toBeLessThan(1200)
    expect(img.width).toBeGreaterThan(500)
    expect(inside(img, body), JSON.stringify({ img, body })).toBe(true)
    expect(img.top).toBeGreaterThanOrEqual(title.bottom)
    const rendered = await page.locator('#image img').evaluate((el: HTMLImageElement) => ({ w: el.naturalWidth, fit: getComputedStyle(el).objectFit }))
    expect(rendered).toEqual({ w: 1200, fit: 'contain' })
    expect(img.width / img.height, "the box keeps the picture's 2:1 shape").toBeCloseTo(2, 1)
  })

  it('a sized raw <img> keeps its width and stays in the slide', async () => {
    await deck(page).go('columns-2')
    const img = await rectOf(page, '#columns-2 img')
    expect(img.width).toBeCloseTo(400, 0)
    expect(inside(img, await rectOf(page, '#columns-2 .slide-body'))).toBe(true)
  })

  it('npm run pdf --strict reports nothing cut off or missing', () => {
    expect(pdfRun.code, pdfRun.stderr).toBe(0)
    expect(pdfRun.stderr).not.toMatch(/cut off|did not load/)
  })

  it('deck.pdf and handout.pdf show the whole picture (its green border on all four sides) within the page', async () => {
    await deck(page).go('image')
    const body = await rectOf(page, '#image .slide-body')
    for (const name of ['deck.pdf', 'handout.pdf']) {
      const { page: size, box } = greenBox(join(pdfDir, name), 1)
      expect(box, `${name}: the picture is on page 1`).not.toBeNull()
      if (!box) continue
      expect(box.x0).toBeGreaterThan(0)
      expect(box.y0).toBeGreaterThan(0)
      expect(box.x1).toBeLessThan(size.w - 1)
      expect(box.y1).toBeLessThan(size.h - 1)
      expect((box.x1 - box.x0 + 1) / (box.y1 - box.y0 + 1), `${name}: 2:1, not cropped`).toBeCloseTo(2, 0)
      if (name === 'deck.pdf') {
        // The printed page is the 1280x720 slide, scaled: the picture stays in the body, under the title.
        const scale = size.h / 720
        expect(box.y0, 'deck.pdf: under the title').toBeGreaterThanOrEqual(Math.floor(body.top * scale) - 1)
        expect(box.y1, "deck.pdf: above the slide's bottom margin").toBeLessThanOrEqual(Math.ceil(body.bottom * scale) + 1)
      }
    }
  })
})

describe('layouts', () => {
  it('two columns sit side by side, each with its content', async () => {
    await deck(page).go('columns')
    const cols = await page.locator('#columns .column').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect()
        return { left: r.left, right: r.right, top: r.top, text: (el as HTMLElement).innerText.trim().slice(0, 20), img: el.querySelector('img') !== null }
      }),
    )
    expect(cols).toHaveLength(2)
    const [a, b] = cols
    expect(a?.right).toBeLessThanOrEqual(b?.left ?? 0)
    expect(Math.abs((a?.top ?? 0) - (b?.top ?? 1))).toBeLessThan(1)
    expect(a?.text).toBe('The left column hold')
    expect(b?.img).toBe(true)
    expect(inside(await rectOf(page, '#columns .column:nth-child(2) img'), await rectOf(page, '#columns .column:nth-child(2)'))).toBe(true)
  })

  it('the class wide-left makes the first of two columns twice as wide', async () => {
    await deck(page).go('columns-3')
    const widths = await page.locator('#columns-3 .column').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width))
    expect(widths).toHaveLength(2)
    expect((widths[0] ?? 0) / (widths[1] ?? 1)).toBeCloseTo(2, 1)
    expect(inside(await rectOf(page, '#columns-3 img'), await rectOf(page, '#columns-3 .column:first-child'))).toBe(true)
  })

  it('a quote carries its attribution; a sub-slide takes its own layout and class', async () => {
    expect(await page.locator('#quote .quote p.attribution').innerText()).toBe('— A. Speaker, test role')
    expect(await page.locator('#section-2').getAttribute('class')).toMatch(/\blayout-quote\b.*\btinted\b/)
    expect(await page.locator('#section').getAttribute('data-background-color')).toBeTruthy()
  })

  it('a sparse slide uses the room: its body is not a block at the top over an empty half', async () => {
    await deck(page).go('builds')
    // Layout does not depend on which fragments are shown (they are hidden by opacity and visibility).
    const list = await rectOf(page, '#builds ul')
    const body = await rectOf(page, '#builds .slide-body')
    const above = list.top - body.top
    const below = body.bottom - list.bottom
    expect(below, 'space left under the bullets').toBeLessThan(0.45 * body.height)
    expect(Math.abs(above - below), 'balanced above and below').toBeLessThan(0.25 * body.height)
  })
})

describe('judgments', () => {
  it('sets each judgment as a row: its term over its confidence, then the claim and whose; a build step each', async () => {
    await deck(page).go('judgments')
    const rows = page.locator('#judgments table.judgments tr.judgment.fragment')
    expect(await rows.count()).toBe(2)
    expect(await page.locator('#judgments .judgment-term-word').allTextContents()).toEqual(['very likely', 'roughly even chance'])
    expect(await page.locator('#judgments .judgment-level').allTextContents()).toEqual(['high confidence', 'low confidence'])
    expect(await page.locator('#judgments .judgment-by').allTextContents()).toEqual(['(briefer)', '(article)'])
    const term = await rectOf(page, '#judgments .judgment-term-word')
    const level = await rectOf(page, '#judgments .judgment-level')
    const claim = await rectOf(page, '#judgments .judgment-text')
    expect(level.top, 'the confidence under the term').toBeGreaterThanOrEqual(term.bottom - 0.5)
    expect(claim.left, 'the claim right of the estimate').toBeGreaterThanOrEqual(Math.max(term.right, level.right))
    await page.evaluate(() => (window as unknown as { deck: DeckApi }).deck.next())
    await expect.poll(() => rows.first().evaluate((el) => getComputedStyle(el).opacity)).toBe('1')
  })

  it('prints every judgment in deck.pdf and handout.pdf, and reads on a phone without sideways scrolling', async () => {
    for (const name of ['deck.pdf', 'handout.pdf']) {
      const page = pageTexts(join(pdfDir, name)).find((t) => t.includes('Judgments put the estimate before the claim'))
      for (const words of ['very likely', 'high confidence', 'The harbour reopens within the year', 'roughly even chance', 'Freight prices fall before winter'])
        expect(page, `${name}: ${words}`).toContain(words)
    }
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } })
    await phone.goto(`${server.url}read.html#judgments`)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await phone.locator('#judgments .judgment-term-word').allInnerTexts()).toEqual(['very likely', 'roughly even chance'])
    await phone.close()
  })
})

describe('builds', () => {
  const visible = (p: Page) =>
    p
      .locator('#builds li.fragment')
      .evaluateAll((els) => els.filter((el) => getComputedStyle(el).visibility === 'visible' && getComputedStyle(el).opacity === '1').length)

  it('step one bullet at a time when presenting', async () => {
    await deck(page).go('builds')
    expect(await page.locator('#builds li.fragment').count()).toBe(3)
    await expect.poll(() => visible(page)).toBe(0)
    for (const n of [1, 2, 3]) {
      await page.evaluate(() => (window as unknown as { deck: DeckApi }).deck.next())
      await expect.poll(() => visible(page)).toBe(n)
    }
    await page.evaluate(() => (window as unknown as { deck: DeckApi }).deck.next())
    await expect.poll(() => page.evaluate(() => (window as unknown as { deck: DeckApi }).deck.getCurrentSlide().id)).toBe('number')
  })

  it('every bullet prints in deck.pdf and handout.pdf', () => {
    const bullets = ['First point, shown at once', 'Second point, one step later', 'Third point, last']
    for (const name of ['deck.pdf', 'handout.pdf']) {
      const texts = pageTexts(join(pdfDir, name))
      const builds = texts.find((t) => t.includes('Builds show one bullet at a time'))
      expect(builds, name).toBeDefined()
      for (const b of bullets) expect(builds, `${name}: ${b}`).toContain(norm(b))
    }
    // The table slide builds its one bullet too, and prints it.
    expect(pageTexts(join(pdfDir, 'handout.pdf')).find((t) => t.includes('A sparse table uses the room'))).toContain('One bullet under the table')
  })

  it('the handout page and the reading edition show every bullet', async () => {
    for (const file of ['handout.html', 'read.html']) {
      const p = await browser.newPage({ viewport: { width: 900, height: 1200 } })
      await p.goto(`${server.url}${file}`)
      const shown = await p
        .locator('[id$="builds"] li')
        .evaluateAll((els) => els.map((el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true })))
      expect(shown, file).toEqual([true, true, true])
      await p.close()
    }
  })

  it('no page errors while presenting', () => {
    expect(errors).toEqual([])
  })
})

describe('npm run check on every layout', () => {
  it('passes: nothing overflows or sits under the controls, text is legible, axe finds nothing', async () => {
    const r = await runCli('check', project)
    expect(r.code, `exit ${r.code}\n${r.stdout}${r.stderr}`).toBe(0)
    expect(r.stdout).toMatch(/check passed/)
  }, 300_000)
})

describe('a raw <img> whose file is missing', () => {
  it('fails the build at its file and line', async () => {
    const bad = scratchProject(join(REPO, 'tests/fixtures/bad-raw-image'))
    try {
      const r = await runBuild(bad)
      expect(r.code).not.toBe(0)
      expect(r.stderr + r.stdout).toMatch(
        /^slides\/01-missing\.md:6:1 error asset-missing the image "img\/missing\.png" points to slides\/img\/missing\.png, which does not exist/m,
      )
      expect(r.stderr).not.toMatch(/\n\s+at /)
    } finally {
      rmSync(bad, { recursive: true, force: true })
    }
  }, 120_000)
})
