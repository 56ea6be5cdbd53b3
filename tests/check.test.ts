/**
 * `npm run check` end to end: a made-broken fixture deck (tests/fixtures/check-broken, one slide
 * per fault) is built with the real compiler and Vite plugin, then checked in Chromium; each
 * slide must fail with the right message naming its file, and nothing else. (One deck, not one
 * per fault: a Vite build and a walk in Chromium each, seven times, cost the suite ~20 s.) Then
 * the deck in slides/ (the tests' own build, tests/built.ts) must pass, fidelity included when the source its deck.yaml names is there. Every check starts
 * with the file, two at a time (the deck in slides/ first), in the Chromium the whole run shares
 * (tests/browser.ts); each test then waits for its own, so no test's time limit covers a queue.
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { build, type Plugin } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatFinding } from '../src/check/findings.ts'
import { type CheckResult, report, runCheck } from '../src/check/run.ts'
import { deckSources } from '../src/compiler/citations.ts'
import { loadSlides } from '../src/compiler/load.ts'
import { compileLoaded } from '../src/compiler/node.ts'
import type { Diagnostic } from '../src/deck/model.ts'
import { deckRecord, writeRecord } from '../src/deck/record.ts'
import { deckPlugin } from '../src/vite/plugin.ts'
import { sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'

const root = resolve(import.meta.dirname, '..')
const tmp = mkdtempSync(join(tmpdir(), 'deck-check-'))
let browser: Browser
let realCheck: Promise<CheckResult>
const realProgress: string[] = []
let brokenCheck: Promise<CheckResult>
beforeAll(async () => {
  browser = await sharedBrowser()
  // The tests' own build; the source is the one slides/deck.yaml names, where it is.
  realCheck = two(() =>
    runCheck({ root, distDir: builtDist(), screenshotDir: join(tmp, 'real-shots'), log: (l) => realProgress.push(l), sharedBrowser: browser }),
  )
  brokenCheck = two(() => buildAndCheck('check-broken'))
  // A failure is reported by the test that waits for it.
  for (const p of [realCheck, brokenCheck]) p.catch(() => {})
})

/** At most two builds or checks at once: both cores busy, without crowding a loaded machine. */
let running = 0
const queue: (() => void)[] = []
async function two<T>(job: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((ok) => queue.push(ok))
  running++
  try {
    return await job()
  } finally {
    running--
    queue.shift()?.()
  }
}

/** Build a fixture's slides with the deck's own index.html, theme and plugin, into a temp folder. */
async function buildFixture(name: string): Promise<string> {
  const fixture = `tests/fixtures/${name}`
  const outDir = join(tmp, name)
  const extraCss = join(root, fixture, 'theme-extra.css')
  const css: Plugin = {
    name: 'fixture-extra-css',
    transformIndexHtml: (html) => (existsSync(extraCss) ? html.replace('</head>', `<style>${readFileSync(extraCss, 'utf8')}</style></head>`) : html),
  }
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'silent',
    plugins: [deckPlugin({ slidesDir: `${fixture}/slides` }), css],
    build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, rollupOptions: { input: { index: join(root, 'index.html') } } },
  })
  return outDir
}

async function buildAndCheck(name: string): Promise<CheckResult> {
  const distDir = await buildFixture(name)
  return runCheck({ root, distDir, screenshotDir: join(tmp, `${name}-shots`), sharedBrowser: browser })
}
const BROKEN = 'tests/fixtures/check-broken/slides'
/** The made-broken deck's check, with only the findings about `file` (a file name in it). */
async function checkFixture(file: string): Promise<CheckResult> {
  const r = await brokenCheck
  return { ...r, findings: r.findings.filter((f) => f.pos.file === `${BROKEN}/${file}`) }
}

const lines = (fs: readonly Diagnostic[]) => fs.map(formatFinding).join('\n')

afterAll(async () => {
  await browser?.close()
  rmSync(tmp, { recursive: true, force: true })
})

// The fixture deck is built and walked in Chromium: on a loaded two-core machine that takes up to a minute.
describe('npm run check on made-broken decks', { timeout: 240_000 }, () => {
  it('reports each fault on its own slide, and nothing on the deck but the request that leaves it', async () => {
    const r = await brokenCheck
    // 07-clean.md has nothing wrong; 08-remote.md's request leaving the deck is the page's finding.
    const expected = {
      '01-overlong.md': ['budget', 'overflow'],
      '02-image.md': ['accessibility', 'links'],
      '03-faint.md': ['accessibility'],
      '04-tiny.md': ['legibility'],
      '05-crowded.md': ['legibility'],
      '06-corner.md': ['overflow'],
      '09-margin.md': ['overflow'],
      'dist/index.html': ['offline'],
    }
    const found: Record<string, string[]> = {}
    for (const f of r.findings) {
      const key = f.pos.file.startsWith(`${BROKEN}/`) ? f.pos.file.slice(BROKEN.length + 1) : f.pos.file
      found[key] = [...new Set([...(found[key] ?? []), f.code])].sort()
    }
    expect(found, `${JSON.stringify(found)}\n${lines(r.findings)}`).toEqual(expected)
  })

  it('an overlong slide: overflow in pixels with the element, and the word and bullet budgets', async () => {
    const r = await checkFixture('01-overlong.md')
    const file = `${BROKEN}/01-overlong.md`
    const overflow = r.findings.filter((f) => f.code === 'overflow')
    expect(overflow.length, lines(r.findings)).toBeGreaterThan(0)
    expect(overflow.every((f) => f.pos.file === file && f.slide === 'overlong')).toBe(true)
    // Both viewports, with pixels and the element that overflows.
    expect(lines(overflow)).toMatch(/at native 1280×720: li "The [a-z]+ bullet[^"]*" reaches \d+px outside the slide \(bottom\)/)
    expect(lines(overflow)).toMatch(/at 1920×1080: li "[^"]+" reaches \d+px outside the slide \(bottom\)/)
    const budget = r.findings.filter((f) => f.code === 'budget').map((f) => f.message)
    expect(budget).toEqual([expect.stringMatching(/^\d+ words on the slide, over the budget of 40/), expect.stringMatching(/^8 bullets, over the budget of 5/)])
    expect(r.rows.find((x) => x.id === 'overlong')).toMatchObject({ id: 'overlong', bullets: 8 })
    expect(r.rows.find((x) => x.id === 'overlong')?.overflow).toBeGreaterThan(50)
    // Nothing else is wrong with this slide.
    expect(new Set(r.findings.map((f) => f.code))).toEqual(new Set(['overflow', 'budget']))
  })

  it('a table inside the slide but in its outer 5% (a projector may crop it): in pixels, with the side', async () => {
    const r = await checkFixture('09-margin.md')
    const text = lines(r.findings)
    expect(r.findings.length, text).toBeGreaterThan(0)
    expect(
      r.findings.every((f) => f.code === 'overflow'),
      text,
    ).toBe(true)
    expect(text).toMatch(/#\/margin: overflow: td "2024" reaches \d+px into the slide's bottom margin, the outer 5% that a projector may crop/)
    // Not outside the slide: this is the margin, not an overflow past the edge.
    expect(text).not.toMatch(/outside the slide/)
    expect(r.rows.find((x) => x.id === 'margin')?.overflow).toBeGreaterThan(0)
  })

  it('an image without alt text, a skipped heading level and a link to no slide', async () => {
    const r = await checkFixture('02-image.md')
    const text = lines(r.findings)
    expect(text).toMatch(/02-image\.md #\/image: accessibility: image data:image\/png;base64,… \(inlined by the build\) has no text equivalent/)
    expect(text).toContain('axe critical "image-alt"')
    expect(text).toMatch(/heading order broken: h2 is followed by h4 "A heading that skips a level"/)
    expect(text).toContain('links: link "#/nowhere" (a "A link that leads nowhere") leads to no slide')
  })

  it('a low-contrast class: axe reports colour contrast on the slide', async () => {
    const r = await checkFixture('03-faint.md')
    const text = lines(r.findings)
    expect(r.findings.length, text).toBeGreaterThan(0)
    expect(
      r.findings.every((f) => f.code === 'accessibility'),
      text,
    ).toBe(true)
    expect(text).toMatch(/#\/faint: accessibility: axe serious "color-contrast": .*This sentence is set in a pale grey/)
    expect(text).toMatch(/contrast of 1\.\d+/)
  })

  it('text too small: body under 3% and a caption under 2.2% of the slide height; a 16px source line passes', async () => {
    const r = await checkFixture('04-tiny.md')
    const text = lines(r.findings)
    expect(
      r.findings.every((f) => f.code === 'legibility'),
      text,
    ).toBe(true)
    expect(r.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^p "This body text is set at 18px[^"]*" is 18\.0px \(2\.5% of the slide height\), below the 21\.6px minimum for body text/),
      expect.stringMatching(/^p\.caption "A caption at 14px[^"]*" is 14\.0px \(1\.9% of the slide height\), below the 15\.8px minimum for captions/),
    ])
  })

  it('text in a figure is held to 3% of the slide height: a crowded figure drawn smaller is reported once, by figure', async () => {
    const r = await checkFixture('05-crowded.md')
    const text = lines(r.findings)
    const legibility = r.findings.filter((f) => f.code === 'legibility')
    expect(legibility, text).toHaveLength(1)
    expect(legibility[0]?.message).toMatch(
      /^figure\.deck-figure\.figure-pillars: \d+ text labels below the 21\.6px minimum for text in figures \(3%\), from (1\d|20|21)\.\dpx \(2\.\d%\)/,
    )
  })

  it("text under the deck's navigation arrows: reported with the control and the overlap, in slide pixels", async () => {
    const r = await checkFixture('06-corner.md')
    const covered = r.findings.filter((f) => /under the deck's/.test(f.message))
    expect(covered.length, lines(r.findings)).toBeGreaterThan(0)
    expect(covered.every((f) => f.slide === 'corner')).toBe(true)
    expect(lines(covered)).toMatch(/at native 1280×720: p\.corner "Source line tucked into the corner" lies under the deck's navigation arrow \(\d+×\d+px\)/)
    // The clean slide after it, where the same arrows sit over nothing, passes.
    expect((await brokenCheck).findings.filter((f) => f.slide === 'clean')).toEqual([])
  })

  it('a theme that fetches from another host: the request leaving the origin is reported', async () => {
    const offline = (await brokenCheck).findings.filter((f) => f.code === 'offline')
    expect(lines(offline)).toContain("dist/index.html: offline: request leaves the deck's origin: https://example.invalid/background.png")
  })

  it('a number not in the source: the CLI names the file and line and exits 1', async () => {
    // --source given, and the source named in the fixture's deck.yaml: the same finding (both runs at once).
    // The build's record alone (no pages: --no-browser).
    const dist = recordOnly(root, 'tests/fixtures/check-fidelity/slides', join(tmp, 'fidelity-dist'))
    const runs = await Promise.all(
      [['--source', 'tests/fixtures/check-fidelity/source.txt'], []].map((source) => cli([`--dist=${dist}`, '--no-browser', ...source])),
    )
    for (const { code, out } of runs) {
      expect(code, out).toBe(1)
      expect(out).toContain('tests/fixtures/check-fidelity/slides/01-port.md:6: fidelity: number "2019" is not in the source')
      expect(out).toMatch(/fidelity: \d+ numbers, names and quotes checked against tests\/fixtures\/check-fidelity\/source\.txt/)
      expect(out).toContain('1 finding:')
      expect(out).toMatch(/slide\s+file\s+words\s+bul\s+notes\s+sec\s+overflow\s+findings/)
    }
  }, 240_000)

  it('a source named in deck.yaml but absent: an error at deck.yaml\'s line, never "check passed"', async () => {
    const project = mkdtempSync(join(tmp, 'no-source-'))
    cpSync(join(root, 'tests/fixtures/check-fidelity/slides'), join(project, 'slides'), { recursive: true })
    const yaml = readFileSync(join(project, 'slides/deck.yaml'), 'utf8').replace(/^source:.*$/m, 'source: ../article-not-here.txt')
    writeFileSync(join(project, 'slides/deck.yaml'), yaml)
    recordOnly(project, 'slides', join(project, 'dist'))
    const r = await runCheck({ root: project, browser: false })
    const line = yaml.split('\n').findIndex((l) => l.startsWith('source:')) + 1
    expect(r.findings.map(formatFinding)).toEqual([
      `slides/deck.yaml:${line}: fidelity: the source "../article-not-here.txt" does not exist: correct the path (relative to deck.yaml's folder), or put the file there`,
    ])
    expect(report(r)).toContain('check failed.')
    // Asked for by --source and absent: a finding too, naming the path given.
    const asked = await runCheck({ root: project, browser: false, source: join(project, 'nowhere.txt') })
    expect(asked.findings.map((f) => f.message)).toContain(
      `the source "${join(project, 'nowhere.txt')}" does not exist: pass the path of the article, --source <article.txt>`,
    )
  })

  it('a slide changed after the build (by content; a touched file is no change): the check names it and fails', async () => {
    const project = mkdtempSync(join(tmp, 'stale-'))
    cpSync(join(root, 'tests/fixtures/check-fidelity/slides'), join(project, 'slides'), { recursive: true })
    recordOnly(project, 'slides', join(project, 'dist'))
    const later = new Date(Date.now() + 60_000)
    utimesSync(join(project, 'slides/deck.yaml'), later, later)
    expect((await runCheck({ root: project, browser: false })).findings.filter((f) => f.code === 'stale')).toEqual([])
    writeFileSync(join(project, 'slides/01-port.md'), `${readFileSync(join(project, 'slides/01-port.md'), 'utf8')}\nOne more line.\n`)
    const r = await runCheck({ root: project, browser: false })
    expect(r.findings.filter((f) => f.code === 'stale').map(formatFinding)).toEqual([
      'dist: stale: slides/01-port.md changed after dist/ was built, so the check would read old slides: run "npm run build" again',
    ])
  })

  it('no build (no record): the check cannot run, and says to build', async () => {
    const project = mkdtempSync(join(tmp, 'unbuilt-'))
    await expect(runCheck({ root: project, browser: false })).rejects.toThrow(/deck\.json is missing .*run `npm run build` first/)
  })
})

/** What a build records of `slidesDir` under `root`, written into `dist` (and nothing else): enough for `check --no-browser`. */
function recordOnly(root: string, slidesDir: string, dist: string): string {
  const loaded = loadSlides(root, slidesDir)
  mkdirSync(dist, { recursive: true })
  writeRecord(dist, deckRecord(compileLoaded(root, slidesDir, loaded), [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])], slidesDir))
  return dist
}

/** `npm run check -- <args>` from the repository root: exit code and everything printed. */
function cli(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['src/cli/launch.mjs', 'check', ...args], { cwd: root, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0
      done({ code, out: stdout + stderr })
    })
  })
}

describe('npm run check on the deck in slides/', () => {
  let r: CheckResult
  const progress = realProgress
  beforeAll(async () => {
    r = await realCheck
  }, 240_000)

  it('passes: no overflow, legibility, accessibility, offline, budget, link or fidelity finding', () => {
    expect(r.findings.map(formatFinding), report(r)).toEqual([])
  })

  it('walks every slide at both viewports, with a screenshot of each', () => {
    const slides = r.record.slides.length
    expect(progress.filter((l) => l.includes('native 1280×720'))).toHaveLength(slides)
    expect(progress.filter((l) => l.includes('1920×1080'))).toHaveLength(slides)
    const shots = readdirSync(join(tmp, 'real-shots')).filter((n) => n.endsWith('.png'))
    expect(shots).toHaveLength(slides)
    expect(r.rows.map((x) => x.id)).toEqual(r.record.slides.map((s) => s.id))
    expect(r.summary.split('\n').length).toBeLessThan(60)
    // Fidelity: checked against the source deck.yaml names when it is there, else one line says it is not.
    const named = deckSources(r.record.config)[0]?.file
    const fidelity = r.notes.filter((n) => n.startsWith('fidelity'))
    expect(fidelity).toHaveLength(1)
    if (named && existsSync(resolve(root, 'slides', named))) expect(fidelity[0]).toMatch(/^fidelity: \d+ numbers, names and quotes checked against /)
    else expect(fidelity[0]).toMatch(/^fidelity not checked: /)
  })
})
