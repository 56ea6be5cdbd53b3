/**
 * `npm run check` measures map and timeline labels as Chromium draws them. The build lays them
 * out in the fonts they are drawn in (src/fonts/), so a Russian map builds and checks clean
 * (tests/fixtures/cyrillic-map). The other fixture (tests/fixtures/check-figure-labels) builds
 * cleanly too, but its project's stylesheet letter-spaces the labels (wider-labels.css, which the
 * build cannot know): labels run into each other, over another place's dot, under another
 * place's leader, past the edge. The check must fail on each, at the figure block's line. The
 * starter deck must still pass (the briefing in slides/ is checked by check.test.ts). The rules
 * the solver never lets a build break (a leader near another dot, a label far from its dot with no
 * leader, crossing leaders, a label into the map's key) are held on SVGs written here.
 */
import { appendFileSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FigureLabelFinding, IN_PAGE_SOURCE } from '../src/check/in-page.ts'
import { sharedBrowser } from './browser.ts'
import { type CliRun, REPO, runBuild, runCli, scratchProject } from './cli.ts'

/**
 * Builds a scratch copy of `dir` (relative to the repository), its `css` (a file in `dir`) added to
 * the project's figure styles, asserts the build passed, and runs the check on it.
 */
async function buildAndCheck(dir: string, css?: string, inspect?: (project: string) => void): Promise<CliRun> {
  const project = scratchProject(join(REPO, dir))
  try {
    if (css) appendFileSync(join(project, 'assets/figures.css'), `\n${readFileSync(join(REPO, dir, css), 'utf8')}`)
    const build = await runBuild(project)
    expect(build.code, build.stderr).toBe(0)
    inspect?.(project)
    return await runCli('check', project)
  } finally {
    rmSync(project, { recursive: true, force: true })
  }
}

const figureLines = (stdout: string) => stdout.split('\n').filter((l) => /: figure-label-[a-z]+: /.test(l))

describe('npm run check on maps and timelines whose labels collide as drawn', () => {
  it('fails, naming each collision at its figure block’s line', async () => {
    const r = await buildAndCheck('tests/fixtures/check-figure-labels', 'wider-labels.css')
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/check failed/)
    const n = '\\d+ px'
    const expected = [
      new RegExp(
        `^slides/01-ports\\.md:9 #/ports: figure-label-overlap: map "Південь України": the labels of place "Мелітополь" and place "Нова Каховка" overlap \\(${n} × ${n}\\): remove \`side: w\` from place "Мелітополь" \\(and its \`offset:\`, if any\\) so the map places it clear, or shorten its label$`,
      ),
      /^slides\/01-ports\.md:9 #\/ports: figure-label-overlap: map "Південь України": the label of place "Одеса" covers the dot of place "Очаків": shorten the label, or pin it with `side:` away from place "Очаків"$/,
      /^slides\/01-ports\.md:9 #\/ports: figure-label-outside: map "Південь України": the label of place "Запоріжжя" reaches \d+ px past the map's right edge: shorten it, or give the map a larger `extent`$/,
      /^slides\/01-ports\.md:9 #\/ports: figure-label-leader: map "Південь України": the leader line of place "Очаків" crosses the label of place "Одеса", so a reader may follow it to the wrong words: remove `side: sw` from place "Очаків" \(and its `offset:`, if any\), or pin it on a side where it needs no leader$/,
      new RegExp(
        `^slides/02-corridor\\.md:7 #/corridor: figure-label-overlap: timeline "Зерновий коридор": the labels of event "Зернова угода" \\(2022-07-22\\) and event "Шосте судно" \\(2022-08-20\\) overlap \\(${n} × ${n}\\): shorten one of the labels or notes, or leave an event out$`,
      ),
    ]
    const found = figureLines(r.stdout)
    expect(found, r.stdout).toHaveLength(expected.length)
    for (const [i, re] of expected.entries()) expect(found[i]).toMatch(re)
  }, 300_000)

  it('passes a Russian map: its labels laid out in the Source Sans 3 Cyrillic the deck now carries', async () => {
    let head = ''
    const r = await buildAndCheck('tests/fixtures/cyrillic-map', undefined, (project) => {
      head = readFileSync(join(project, 'dist/deck.html'), 'utf8').split('</head>')[0] ?? ''
    })
    expect(head).toContain(`unicode-range: U+0301,U+0400-045F`)
    expect(head).not.toContain('U+0370-0377')
    expect(figureLines(r.stdout)).toEqual([])
    expect(r.code, r.stdout + r.stderr).toBe(0)
  }, 300_000)

  it('passes the starter deck (`npm run new`), whose map and timeline keep their labels apart', async () => {
    const r = await buildAndCheck('src/starter')
    expect(figureLines(r.stdout)).toEqual([])
    expect(r.code, r.stdout + r.stderr).toBe(0)
  }, 300_000)
})

describe('the in-page label measure, on maps drawn here', () => {
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    browser = await sharedBrowser()
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
  })
  afterAll(async () => {
    await page?.close()
    await browser?.close()
  })

  /** A slide holding one map figure with `body` drawn in a 900×420 SVG whose panel is the left 600 units; its findings. */
  async function measure(body: string): Promise<string[]> {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 900 420" class="figure figure-map" style="width:900px;height:420px"><title>Test map</title><g>${body}<rect class="fig-frame" x="0.5" y="0.5" width="599" height="419" fill="none"/></g></svg>`
    await page.setContent(
      `<div class="reveal"><div class="slides" style="width:1280px;height:720px"><section><figure class="deck-figure figure-map">${svg}</figure></section></div></div>`,
    )
    await page.evaluate(`${IN_PAGE_SOURCE};undefined`)
    const found = await page.evaluate(() => {
      const h = (window as unknown as { __deckCheck: { figureLabelsOf(s: Element): FigureLabelFinding[] } }).__deckCheck
      return h.figureLabelsOf(document.querySelector('section') as Element)
    })
    return found.map((f) => `${f.figure} ${f.kind} ${f.code}: ${f.message}`)
  }
  const dot = (key: string, x: number, y: number) => `<circle class="fig-point" cx="${x}" cy="${y}" r="6" data-point="${key}"/>`
  const label = (key: string, name: string, x: number, y: number, extra = '') =>
    `<text class="fig-label" data-label="${key}" data-at="${extra}"><tspan class="fig-map-place" x="${x}" y="${y}" font-size="24">${name}</tspan></text>`
  const leader = (key: string, x1: number, y1: number, x2: number, y2: number) =>
    `<path class="fig-leader" d="M${x1} ${y1}L${x2} ${y2}" data-leader="${key}" stroke="black"/>`

  it('finds nothing where labels sit beside their own dots, clear of the rest', async () => {
    expect(
      await measure(
        dot('place:0', 100, 100) + label('place:0', 'Alpha', 112, 108, '100 100') + dot('place:1', 300, 300) + label('place:1', 'Beta', 312, 308, '300 300'),
      ),
    ).toEqual([])
  })

  it('a label far from its dot with no leader', async () => {
    expect(await measure(dot('place:0', 100, 100) + label('place:0', 'Alpha', 300, 108, '100 100'))).toEqual([
      expect.stringMatching(
        /^0 map figure-label-far: map "Test map": the label of place "Alpha" is \d+ px from its point, with no leader line to it: a reader may tie it to another place: remove its `offset:`, so the label sits beside its dot$/,
      ),
    ])
  })

  it('a leader passing close by another place’s dot, and one crossing another leader', async () => {
    const found = await measure(
      dot('place:0', 100, 100) +
        leader('place:0', 107, 107, 300, 300) +
        label('place:0', 'Alpha', 305, 308, '100 100') +
        dot('place:1', 200, 206) +
        label('place:1', 'Beta', 215, 214, '200 206') +
        dot('place:2', 100, 300) +
        leader('place:2', 107, 293, 300, 100) +
        label('place:2', 'Gamma', 305, 100, '100 300'),
    )
    expect(found).toEqual([
      expect.stringMatching(
        /figure-label-leader: .*the leader line of place "Alpha" passes \d+ px from the dot of place "Beta", so a reader may tie the label to that place: pin place "Alpha" with `side:`/,
      ),
      expect.stringMatching(/figure-label-leader: .*the leader line of place "Alpha" crosses the leader line of place "Gamma"/),
      expect.stringMatching(/figure-label-leader: .*the leader line of place "Gamma" passes \d+ px from the dot of place "Beta"/),
    ])
  })

  it('a label out of the map’s panel into its key, two labels over each other, a label over another dot', async () => {
    const found = await measure(
      dot('place:0', 560, 100) +
        `<text class="fig-label" data-label="place:0" data-at="560 100" data-side="e"><tspan class="fig-map-place" x="572" y="108" font-size="24">Alphaville</tspan></text>` +
        dot('place:1', 100, 200) +
        label('place:1', 'Beta', 112, 208, '100 200') +
        dot('place:2', 100, 232) +
        label('place:2', 'Gamma', 112, 218, '100 232') +
        dot('place:3', 250, 300) +
        label('place:3', 'Delta', 262, 308, '250 300') +
        dot('place:4', 290, 300) +
        label('place:4', 'Epsilon', 282, 332, '290 300'),
    )
    expect(found).toEqual([
      expect.stringMatching(/figure-label-overlap: .*the labels of place "Beta" and place "Gamma" overlap \(\d+ px × \d+ px\): shorten one of them/),
      expect.stringMatching(
        /figure-label-overlap: .*the label of place "Delta" covers the dot of place "Epsilon": shorten the label, or pin it with `side:` away from place "Epsilon"$/,
      ),
      expect.stringMatching(
        /figure-label-outside: .*the label of place "Alphaville" reaches \d+ px past the map's right edge: remove `side: e` from place "Alphaville" \(and its `offset:`, if any\) so the map places it clear, or shorten its label$/,
      ),
    ])
  })
})
