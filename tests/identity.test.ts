/**
 * A fixture deck with every identity key (tests/fixtures/identity: author, organisation, date,
 * marking, footer, logo, the dark look with a custom palette and font) built into every edition:
 * the marking on every slide of the deck, every page of both PDFs (top and bottom, per page), every
 * slide's layout in the .pptx, and the head and foot of read.html; author and date in each file's
 * metadata; `npm run check` passes it (contrast included), and reports content under the marking.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import JSZip from 'jszip'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { serveDir, sharedBrowser } from './browser.ts'
import { REPO, runCli, scratchProject } from './cli.ts'
import { buildForTests } from './global-setup.ts'

const FIXTURE = resolve(REPO, 'tests/fixtures/identity')
const MARK = 'TLP:AMBER'
let project = ''
let dist = ''

beforeAll(async () => {
  project = scratchProject(FIXTURE)
  dist = await buildForTests(project)
}, 300_000)

/** `pptx` converted by LibreOffice Impress (headless, a profile of its own) with `filter`: the PDF's path. */
function impressPdf(pptx: string, filter: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `deck-identity-${name}-`))
  execFileSync(
    'soffice',
    ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', filter, '--outdir', dir, pptx],
    {
      timeout: 240_000,
      stdio: 'ignore',
    },
  )
  return join(dir, basename(pptx).replace(/\.pptx$/, '.pdf'))
}

/** The text of one page, its non-empty lines. */
const pageLines = (pdf: string, n: number): string[] =>
  execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)

describe('identity fixture: HTML editions', () => {
  it('marks every slide at its top and bottom, and names the author and date in the head', () => {
    for (const page of ['index.html', 'deck.html']) {
      const html = readFileSync(join(dist, page), 'utf8')
      const sections = [...html.matchAll(/<section id="[^"]+"[\s\S]*?<\/section>/g)].map((m) => m[0])
      expect(sections).toHaveLength(4)
      for (const s of sections) {
        expect(s).toContain(`<p class="deck-marking deck-marking-top" role="note" aria-label="Handling marking">${MARK}</p>`)
        expect(s).toContain(`<p class="deck-marking deck-marking-bottom" aria-hidden="true">${MARK}</p>`)
        expect(s).toContain('Prepared for the regional security meeting')
      }
      expect(html).toContain('<meta name="author" content="A. Analyst" />')
      expect(html).toContain('<meta name="date" content="2026-12-07" />')
      expect(html).toMatch(/<html lang="en" data-look="dark"/)
      expect(html).toMatch(/@font-face \{ font-family: "House"; src: url\(data:font\/woff2;base64,/)
      expect(sections[0]).toContain('<span>A. Analyst</span><span>Regional Desk</span><span>As of <time datetime="2026-12-07">7 December 2026</time></span>')
    }
  })

  it('marks the head and the foot of read.html', () => {
    const body = readFileSync(join(dist, 'read.html'), 'utf8').split(/<body[^>]*>/)[1] ?? ''
    const text = body
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
    expect(text.startsWith(MARK)).toBe(true)
    expect(text.endsWith(MARK)).toBe(true)
  })
})

/** Each text in the accent colours (--accent, --accent-2) and its contrast with the ground it sits on, measured in the page. */
function accentContrasts(): { accent: string; accent2: string; seen: { what: string; ratio: number }[] } {
  const lum = (c: string) => {
    const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const x = Number(v) / 255
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const probe = document.createElement('span')
  document.body.append(probe)
  const resolve = (v: string) => {
    probe.style.color = v
    return getComputedStyle(probe).color
  }
  const root = getComputedStyle(document.documentElement)
  const accent = resolve(root.getPropertyValue('--accent').trim())
  const accent2 = resolve(root.getPropertyValue('--accent-2').trim())
  probe.remove()
  const ground = (el: Element | null): string => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg
    }
    return getComputedStyle(document.documentElement).backgroundColor
  }
  const seen: { what: string; ratio: number }[] = []
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())
    const colour = getComputedStyle(el).color
    if (!own || (colour !== accent && colour !== accent2)) continue
    const [hi, lo] = [lum(colour), lum(ground(el))].sort((a, b) => b - a) as [number, number]
    seen.push({ what: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.trim().slice(0, 30)}"`, ratio: (hi + 0.05) / (lo + 0.05) })
  }
  return { accent, accent2, seen }
}

describe('identity fixture: read.html in dark mode', () => {
  it("keeps the deck's colours, lightened where a dark ground needs it to reach AA", async () => {
    const browser = await sharedBrowser()
    const server = await serveDir(dist)
    try {
      const measure = async (scheme: 'light' | 'dark') => {
        const page = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: scheme })
        await page.goto(`${server.url}read.html`)
        await page.evaluate(() => document.fonts.ready.then(() => undefined))
        const got = await page.evaluate(accentContrasts)
        await page.close()
        return got
      }
      const light = await measure('light')
      // In light mode the deck's dark blue and red as they are.
      expect([light.accent, light.accent2]).toEqual(['rgb(11, 61, 145)', 'rgb(200, 16, 46)'])
      const dark = await measure('dark')
      // In dark mode the same hues lightened (#809ac6, #da5f73: src/compiler/palette.ts), not the built-in look's light blue and salmon.
      expect([dark.accent, dark.accent2]).toEqual(['rgb(128, 154, 198)', 'rgb(218, 95, 115)'])
      expect(dark.seen.length).toBeGreaterThan(3)
      for (const s of dark.seen) expect(s.ratio, s.what).toBeGreaterThanOrEqual(4.5)
    } finally {
      await server.close()
      await browser.close()
    }
  }, 120_000)
})

describe('identity fixture: PDFs and PPTX', () => {
  it('prints the marking at the top and bottom of every page of both PDFs, with the author, organisation and date in their Info and XMP', async () => {
    const run = await runCli('pdf', project, `--dist=${dist}`)
    expect(run.code, run.stderr).toBe(0)
    for (const name of ['deck.pdf', 'handout.pdf']) {
      const file = join(dist, name)
      const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false })
      expect(doc.getAuthor()).toBe('A. Analyst')
      expect(doc.getSubject()).toBe('Regional Desk, as of 7 December 2026')
      // …and in the XMP stream, as a reader of it (poppler) finds it.
      const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' })
      expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>A. Analyst</rdf:li></rdf:Seq></dc:creator>')
      expect(xmp).toContain('<dc:publisher><rdf:Bag><rdf:li>Regional Desk</rdf:li></rdf:Bag></dc:publisher>')
      expect(xmp).toContain('<dc:date><rdf:Seq><rdf:li>2026-12-07</rdf:li></rdf:Seq></dc:date>')
      expect(xmp).toContain(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Fixture: a marked briefing in the organisation&apos;s look</rdf:li>`)
      expect(xmp).toMatch(/<xmp:CreateDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/xmp:CreateDate>/)
      expect(doc.getPageCount()).toBe(4)
      for (let n = 1; n <= 4; n++) {
        const lines = pageLines(file, n)
        expect(lines[0], `${name} page ${n} top`).toContain(MARK)
        expect(lines.at(-1), `${name} page ${n} bottom`).toContain(MARK)
      }
    }
  }, 300_000)

  it('puts the marking on the layout of every slide, and the author in the core properties', async () => {
    const out = join(dist, 'fixture.pptx')
    const run = await runCli('pptx', project, `--dist=${dist}`, `--out=${out}`)
    expect(run.code, run.stderr).toBe(0)
    const zip = await JSZip.loadAsync(readFileSync(out))
    const read = async (p: string) => (await zip.file(p)?.async('string')) ?? ''
    const texts = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1])
    expect(await read('docProps/core.xml')).toContain('<dc:creator>A. Analyst</dc:creator>')
    const slides = Object.keys(zip.files).filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p))
    expect(slides).toHaveLength(4)
    for (const s of slides) {
      const rels = await read(s.replace('slides/', 'slides/_rels/').replace(/\.xml$/, '.xml.rels'))
      const layout = /slideLayouts\/(slideLayout\d+\.xml)/.exec(rels)?.[1] ?? ''
      expect(
        texts(await read(`ppt/slideLayouts/${layout}`)).filter((t) => t === MARK),
        s,
      ).toHaveLength(2)
      // The logo on the layout (large on the title slide's, small on the others'), none on the slide.
      expect(await read(`ppt/slideLayouts/${layout}`), s).toMatch(/<p:pic>[\s\S]*descr="Regional Desk logo"/)
      expect(await read(s), s).not.toContain('<p:pic>')
    }
    expect(await read('ppt/theme/theme1.xml')).toContain('<a:latin typeface="House"')
    // The logo stored once, however many layouts show it (src/pptx/media.ts).
    expect(Object.keys(zip.files).filter((p) => p.startsWith('ppt/media/'))).toHaveLength(1)
    for (const n of [1, 2, 3, 4]) expect(texts(await read(`ppt/notesSlides/notesSlide${n}.xml`)).filter((t) => t === MARK)).toHaveLength(2)
  }, 300_000)

  it('shows the logo on every slide and the marking at the top and bottom of every notes page in Impress', async () => {
    const pptx = join(dist, 'fixture.pptx')
    if (!existsSync(pptx)) expect((await runCli('pptx', project, `--dist=${dist}`, `--out=${pptx}`)).code).toBe(0)
    const slides = impressPdf(pptx, 'pdf', 'slides')
    // A picture on each page: the logo, large on the title slide (4 times its 72 px, as drawn), small on the others.
    const images = execFileSync('pdfimages', ['-list', slides], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c[2] === 'image')
      .map((c) => ({ page: Number(c[0]), width: Number(c[3]) }))
    expect(images.map((i) => i.page)).toEqual([1, 2, 3, 4])
    expect(images[0]?.width).toBeGreaterThan(images[1]?.width ?? 0)
    const notes = impressPdf(
      pptx,
      'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}',
      'notes',
    )
    for (let n = 1; n <= 4; n++) {
      const page = execFileSync('pdftotext', ['-bbox', '-f', String(n), '-l', String(n), notes, '-'], { encoding: 'utf8' })
      const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(page)?.[1])
      const marks = [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)]
        .filter((m) => m[3] === MARK)
        .map((m) => ({ top: Number(m[1]), bottom: Number(m[2]) }))
      // Above the slide's picture, and in the page's last tenth: the page's own banners (the slide's picture holds two more).
      expect(
        marks.some((m) => m.top > 0 && m.bottom < height * 0.1),
        `notes page ${n} top`,
      ).toBe(true)
      expect(
        marks.some((m) => m.top > height * 0.9 && m.bottom < height),
        `notes page ${n} bottom`,
      ).toBe(true)
    }
  }, 300_000)
})

describe('identity fixture: npm run check', () => {
  it('passes the dark look with the custom palette and font (contrast, legibility, nothing under the marking)', async () => {
    const run = await runCli('check', project, `--dist=${dist}`)
    expect(run.stdout + run.stderr).not.toMatch(/color-contrast|handling marking|lies under/)
    expect(run.code, run.stdout + run.stderr).toBe(0)
  }, 300_000)

  it('reports a slide whose content runs under the marking, and a palette below AA contrast', async () => {
    const crowded = scratchProject(FIXTURE)
    const long = 'A long bullet that runs across the whole width of the slide, under the banner'
    writeFileSync(
      join(crowded, 'slides/01-points.md'),
      `---\ntitle: Too much on one slide\nsection: Handling\n---\n${Array.from({ length: 12 }, (_, i) => `- ${long} ${i + 1}`).join('\n')}\n\nNotes:\nToo much.\n`,
    )
    const yaml = readFileSync(join(crowded, 'slides/deck.yaml'), 'utf8')
      .replace('look: dark', 'look: light')
      .replace('#c8102e', '#f4b8a8')
      .replace(/^footer:.*$/m, '')
    writeFileSync(join(crowded, 'slides/deck.yaml'), yaml)
    const out = await buildForTests(crowded)
    const run = await runCli('check', crowded, `--dist=${out}`)
    const said = run.stdout + run.stderr
    expect(run.code).not.toBe(0)
    expect(said).toMatch(/#\/points: overflow: at [^:]+: .* lies under the deck's handling marking .*: keep the slide's top and bottom edges free/)
    expect(said).toMatch(/color-contrast/)
  }, 300_000)
})
