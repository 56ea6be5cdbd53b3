/**
 * `npm run pptx` on the deck in slides/ (the test build) and on a small fixture deck with a table,
 * a quote with its attribution, nested bullets, links, a figure, and columns with a picture. The package is read as the zip of XML it is
 * (notes, sections, title placeholders, alt texts, the figures' PNG fallbacks), and then opened
 * in a real client, LibreOffice Impress (headless, converting to PDF): one page per slide,
 * each slide's title and bullet text present as text, every figure drawn where it is, and no
 * text outside the page.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { textOf } from '../src/compiler/markdown.ts'
import { buildDeck } from '../src/compiler/node.ts'
import type { RenderedSlide } from '../src/deck/model.ts'
import { sectionNames } from '../src/pptx/convert.ts'
import { sharedBrowser } from './browser.ts'
import { builtDist } from './built.ts'
import { REPO, runCli, scratchProject } from './cli.ts'
import { buildForTests } from './global-setup.ts'

const run = promisify(execFile)
const work = mkdtempSync(join(tmpdir(), 'deck-pptx-'))
const FIXTURE = resolve(REPO, 'tests/fixtures/pptx-small')

interface Case {
  name: string
  title: string
  slides: RenderedSlide[]
  pptx: string
  pdf: string
  stdout: string
  zip: JSZip
}
const cases: Case[] = []

const norm = (t: string) =>
  t
    .replace(/[\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
const squash = (t: string) => t.replace(/[\s\u00ad-]+/g, '')
const unxml = (t: string) =>
  t
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&')
const texts = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unxml(m[1] ?? ''))

function tool(name: string, args: string[], pkg: string): string {
  try {
    return execFileSync(name, args, { encoding: 'utf8', maxBuffer: 64 << 20 })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${name} not found: install ${pkg} (apt-get install -y ${pkg})`)
    throw err
  }
}

/**
 * Open the files in LibreOffice Impress, headless, with a profile of its own, and save each as
 * PDF; their PDFs, in order. One soffice for all of them: its start (a new profile) is most of a
 * conversion (5.5 s for one file here, 5.9 s for two).
 */
async function impressToPdf(pptxs: string[], filter = 'pdf'): Promise<string[]> {
  const profile = mkdtempSync(join(work, 'lo-profile-'))
  const outDir = mkdtempSync(join(work, 'impress-pdf-'))
  try {
    await run('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', filter, '--outdir', outDir, ...pptxs], {
      timeout: 300_000,
    })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('soffice not found: install LibreOffice Impress (apt-get install -y libreoffice-impress); .ci/run does')
    throw err
  }
  return pptxs.map((pptx) => join(outDir, basename(pptx).replace(/\.pptx$/, '.pdf')))
}

/** `npm run pptx` on a built deck: the file, what the command printed, and the slides it came from. */
async function pptxOf(name: string, root: string, dist: string): Promise<Omit<Case, 'pdf'>> {
  const pptx = join(work, `${name}.pptx`)
  let stdout = ''
  try {
    stdout = (await run(process.execPath, ['src/cli/launch.mjs', 'pptx', `--root=${root}`, `--dist=${dist}`, `--out=${pptx}`], { cwd: REPO, timeout: 300_000 }))
      .stdout
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string }
    throw new Error(`npm run pptx failed on ${name}: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`)
  }
  const { deck } = buildDeck(root)
  return { name, title: deck.config.title, slides: deck.slides, pptx, stdout, zip: await JSZip.loadAsync(readFileSync(pptx)) }
}

/** The fixture's scratch copy and its build (kept for the tests of what the command reads). */
let project = ''
let fixtureDist = ''

beforeAll(async () => {
  project = scratchProject(FIXTURE)
  const made = await Promise.all([
    pptxOf('deck', REPO, builtDist()),
    buildForTests(project).then((dist) => {
      fixtureDist = dist
      return pptxOf('fixture', project, dist)
    }),
  ])
  const pdfs = await impressToPdf(made.map((c) => c.pptx))
  cases.push(...made.map((c, i) => ({ ...c, pdf: pdfs[i] ?? '' })))
}, 900_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

const read = async (c: Case, path: string): Promise<string> => {
  const f = c.zip.file(path)
  if (!f) throw new Error(`${path} is not in ${c.name}.pptx`)
  return f.async('string')
}
/** The title placeholder's shape in a slide's XML. */
const titleShape = (xml: string) => /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?type="title"[\s\S]*?<\/p:sp>/.exec(xml)?.[0]
/** Each picture on a slide: its alt text, whether it is SVG, its PNG's relationship id and its box (EMU). */
const pictures = (xml: string) =>
  [...xml.matchAll(/<p:pic>[\s\S]*?<\/p:pic>/g)].map((m) => {
    const pic = m[0]
    const off = /<a:off x="(\d+)" y="(\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(pic)
    return {
      descr: unxml(/descr="([^"]*)"/.exec(pic)?.[1] ?? ''),
      svg: pic.includes('svgBlip'),
      pngRid: /<a:blip r:embed="(rId\d+)"/.exec(pic)?.[1] ?? '',
      box: off ? off.slice(1, 5).map(Number) : [0, 0, 0, 0],
    }
  })
/** Text of each list item of a slide, without its nested lists. */
const bulletTexts = (html: string) => [...html.matchAll(/<li[^>]*>([\s\S]*?)(?=<ul|<ol|<\/li>)/g)].map((m) => norm(textOf(m[1] ?? ''))).filter(Boolean)

describe.each(['deck', 'fixture'])('npm run pptx on %s', (name) => {
  const get = () => {
    const c = cases.find((x) => x.name === name)
    if (!c) throw new Error(`${name}.pptx was not made`)
    return c
  }

  it('writes a slide per slide, in order, each heading in its title placeholder', async () => {
    const c = get()
    expect(c.stdout).toMatch(new RegExp(`${c.slides.length} slides`))
    expect(c.stdout).toMatch(/in \d+ ms/)
    const slideFiles = Object.keys(c.zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
    expect(slideFiles.length).toBe(c.slides.length)
    for (const [i, s] of c.slides.entries()) {
      const shape = titleShape(await read(c, `ppt/slides/slide${i + 1}.xml`))
      expect(shape, `slide ${i + 1} (${s.id}) has a title placeholder`).toBeDefined()
      expect(norm(texts(shape ?? '').join(''))).toBe(norm(s.title))
    }
  })

  it("holds each slide's notes in its notes page, a paragraph per paragraph", async () => {
    const c = get()
    for (const [i, s] of c.slides.entries()) {
      const notes = await read(c, `ppt/notesSlides/notesSlide${i + 1}.xml`)
      const body = /<p:ph type="body"[\s\S]*?<p:txBody>([\s\S]*?)<\/p:txBody>/.exec(notes)?.[1] ?? ''
      expect(squash(texts(body).join(''))).toBe(squash(s.notesText))
      const paragraphs = [...body.matchAll(/<a:p>/g)].length
      expect(paragraphs).toBe((s.notesHtml.match(/<(p|li)[\s>]/g) ?? []).length)
    }
  })

  it('lists the sections, named as in the agenda, the opening under the deck title', async () => {
    const c = get()
    const pres = await read(c, 'ppt/presentation.xml')
    const names = [...pres.matchAll(/<p14:section name="([^"]+)"/g)].map((m) => unxml(m[1] ?? ''))
    expect(names).toEqual([...new Set(sectionNames(c.slides, c.title))])
    // The opening, outside any section, under the deck's title.
    if (!c.slides[0]?.section) expect(names[0]).toBe(c.title)
    for (const s of c.slides) if (s.section) expect(names).toContain(s.section)
    // Every slide in exactly one section.
    expect([...pres.matchAll(/<p14:sldId id="\d+"\/>/g)].length).toBe(c.slides.length)
  })

  it('draws each figure as SVG with a PNG fallback, its text equivalent as alt text', async () => {
    const c = get()
    const withFigures = c.slides.filter((s) => s.figures.some((f) => f.name !== 'chart'))
    expect(withFigures.length).toBeGreaterThan(0)
    for (const [i, s] of c.slides.entries()) {
      if (!s.figures.length) continue
      const pics = pictures(await read(c, `ppt/slides/slide${i + 1}.xml`)).filter((p) => p.svg)
      expect(pics.map((p) => norm(p.descr))).toEqual(s.figures.filter((f) => f.name !== 'chart').map((f) => norm(f.alt)))
      const rels = await read(c, `ppt/slides/_rels/slide${i + 1}.xml.rels`)
      for (const p of pics) {
        const target = new RegExp(`Id="${p.pngRid}"[^>]*Target="\\.\\./media/([^"]+)"`).exec(rels)?.[1] ?? ''
        const png = await c.zip.file(`ppt/media/${target}`)?.async('uint8array')
        expect(png && [...png.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG')
        expect(png?.length ?? 0).toBeGreaterThan(5000)
      }
    }
  })

  it("holds each figure's SVG text to the width it takes in the deck's font, so a wider face stays in the frame", async () => {
    // PowerPoint without Source Sans 3 drew the SVG's labels in a wider face, past the frame.
    const c = get()
    const svgs = await Promise.all(
      Object.keys(c.zip.files)
        .filter((f) => /^ppt\/media\/.+\.svg$/.test(f))
        .map((f) => read(c, f)),
    )
    expect(svgs.length).toBeGreaterThan(0)
    const browser = await sharedBrowser()
    try {
      const page = await browser.newPage()
      for (const svg of svgs) {
        // No web font here: DejaVu Sans, far wider than Source Sans 3, on every element.
        await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`)
        const found = await page.evaluate(() => {
          const root = document.querySelector('svg') as SVGSVGElement
          for (const el of [root, ...root.querySelectorAll('*')] as SVGElement[]) el.style.fontFamily = '"DejaVu Sans"'
          const vb = root.viewBox.baseVal
          const lines = [...root.querySelectorAll('text, tspan')].filter((t) => t.tagName === 'tspan' || !t.querySelector('tspan'))
          const unfitted = lines.filter((t) => (t.textContent ?? '').trim() && t.getAttribute('lengthAdjust') !== 'spacingAndGlyphs').map((t) => t.textContent)
          const outside = [...root.querySelectorAll('text')]
            .map((t) => ({ text: t.textContent ?? '', b: t.getBBox() }))
            .filter(({ b }) => b.x < -1 || b.x + b.width > vb.width + 1)
            .map(({ text, b }) => `${text} (${Math.round(b.x)}–${Math.round(b.x + b.width)} of ${vb.width})`)
          return { unfitted, outside, lines: lines.length }
        })
        expect(found.lines).toBeGreaterThan(0)
        expect(found.unfitted, 'every line of text has the width it takes in the deck font').toEqual([])
        expect(found.outside, 'no text runs past the frame in a wider face').toEqual([])
      }
      await page.close()
    } finally {
      await browser.close()
    }
  })

  it('makes each chart a native chart with its data and its text equivalent as alt text', async () => {
    const c = get()
    const charts = c.slides.flatMap((s, i) => s.figures.filter((f) => f.name === 'chart').map((f) => ({ slide: i + 1, alt: f.alt })))
    if (name === 'fixture') expect(charts.length).toBeGreaterThan(0)
    for (const ch of charts) {
      const xml = await read(c, `ppt/slides/slide${ch.slide}.xml`)
      expect(unxml(/<p:graphicFrame>[\s\S]*?descr="([^"]*)"[\s\S]*?<c:chart /.exec(xml)?.[1] ?? '')).toBe(ch.alt)
    }
    if (name !== 'fixture') return
    // The fixture's grouped bars: both series' values, the highlighted bar in a colour of its own.
    const chart = await read(c, 'ppt/charts/chart1.xml')
    const series = [...chart.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => [...m[0].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => v[1]))
    expect(series).toEqual([
      ['Year 1', 'Upland', 'Riverland', 'Delta', '4', '2', '-3'],
      ['Year 2', 'Upland', 'Riverland', 'Delta', '-6', '1', '5'],
    ])
    expect(chart).toMatch(/<c:dPt><c:idx val="2"\/>/)
  })

  it('keeps each picture with its alt text', async () => {
    const c = get()
    for (const [i, s] of c.slides.entries()) {
      const alts = [...s.bodyHtml.matchAll(/<img\b[^>]*\balt="([^"]*)"/g)].map((m) => norm(unxml(m[1] ?? '')))
      if (!alts.length) continue
      const pics = pictures(await read(c, `ppt/slides/slide${i + 1}.xml`)).filter((p) => !p.svg)
      expect(pics.map((p) => norm(p.descr))).toEqual(alts)
    }
    if (name === 'fixture') expect(c.slides.some((s) => s.bodyHtml.includes('<img'))).toBe(true)
  })

  describe('opened in LibreOffice Impress', () => {
    it('has a page per slide with every title and bullet as text, and no text outside the page', () => {
      const c = get()
      const info = tool('pdfinfo', [c.pdf], 'poppler-utils')
      expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBe(c.slides.length)
      const pages = tool('pdftotext', ['-enc', 'UTF-8', c.pdf, '-'], 'poppler-utils').split('\f')
      for (const [i, s] of c.slides.entries()) {
        const page = squash(pages[i] ?? '')
        expect(page, `page ${i + 1} shows the title of ${s.id}`).toContain(squash(s.title))
        for (const b of bulletTexts(s.bodyHtml)) expect(page, `page ${i + 1} shows "${b}"`).toContain(squash(b))
      }
      const bbox = tool('pdftotext', ['-bbox', c.pdf, '-'], 'poppler-utils')
      const outside: string[] = []
      for (const [pi, page] of [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].entries()) {
        const w = Number(page[1])
        const h = Number(page[2])
        for (const word of (page[3] ?? '').matchAll(/<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)<\/word>/g)) {
          const [x0, y0, x1, y1] = word.slice(1, 5).map(Number) as [number, number, number, number]
          if (x0 < -0.5 || y0 < -0.5 || x1 > w + 0.5 || y1 > h + 0.5) outside.push(`page ${pi + 1}: "${word[5]}"`)
        }
      }
      expect(outside).toEqual([])
    })

    it("shows each native chart's values and source", () => {
      const c = get()
      const pages = tool('pdftotext', ['-enc', 'UTF-8', c.pdf, '-'], 'poppler-utils').split('\f')
      for (const [i, s] of c.slides.entries()) {
        if (!s.figures.some((f) => f.name === 'chart')) continue
        const page = norm(pages[i] ?? '')
        for (const f of s.figures) if (f.name === 'chart') expect(page, `page ${i + 1} shows its chart's title`).toContain(norm(f.alt.split('. ')[0] ?? ''))
        // The fixture's chart: names, series, the odd values no axis tick prints, the source.
        if (name === 'fixture')
          for (const w of ['Upland', 'Riverland', 'Delta', 'Year 1', 'Year 2', '-3', '5', 'Source: Joint panel, annual report'])
            expect(page, `page ${i + 1} shows ${w}`).toContain(w)
      }
    })

    it("prints every slide's notes whole on its notes page, to the last sentence", async () => {
      const c = get()
      const notesOnly = '{"ExportNotesPages":{"type":"boolean","value":"true"},"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}'
      const [pdf] = await impressToPdf([c.pptx], `pdf:impress_pdf_Export:${notesOnly}`)
      const info = tool('pdfinfo', [pdf ?? ''], 'poppler-utils')
      // 7.5 × 10 in, portrait.
      expect(
        /Page size:\s+([\d.]+) x ([\d.]+)/
          .exec(info)
          ?.slice(1, 3)
          .map((v) => Math.round(Number(v))),
      ).toEqual([540, 720])
      const pages = tool('pdftotext', ['-enc', 'UTF-8', pdf ?? '', '-'], 'poppler-utils').split('\f')
      for (const [i, s] of c.slides.entries()) {
        const last =
          s.notesText
            .trim()
            .split(/(?<=[.!?])\s+/)
            .at(-1) ?? ''
        expect(squash(pages[i] ?? ''), `notes page ${i + 1} ends with "${last.slice(0, 50)}…"`).toContain(squash(last))
      }
    }, 300_000)

    it('draws every figure where it is on the slide', async () => {
      const c = get()
      const dpi = 24
      for (const [i, s] of c.slides.entries()) {
        if (!s.figures.length) continue
        const pics = pictures(await read(c, `ppt/slides/slide${i + 1}.xml`)).filter((p) => p.svg)
        const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(i + 1), '-l', String(i + 1), c.pdf], { maxBuffer: 64 << 20 })
        const img = parsePpm(ppm)
        const bg = img.at(1, 1)
        for (const p of pics) {
          const [x, y, w, h] = p.box.map((v) => Math.round((v / 914400) * dpi)) as [number, number, number, number]
          let inked = 0
          for (let py = y; py < y + h; py++) for (let px = x; px < x + w; px++) if (distance(img.at(px, py), bg) > 40) inked++
          expect(inked / Math.max(1, w * h), `figure "${p.descr.slice(0, 40)}…" on page ${i + 1} is drawn`).toBeGreaterThan(0.03)
        }
      }
    })
  })
})

// It compiles nothing: the slides' titles, sections, order and times come from the build's record
// (dist/deck.json; the tests above hold them to the compiled deck).
describe('npm run pptx reads the build, not the slides', () => {
  it('warns, naming the file, when a slide changed after the build (by content, not file time), and converts the build', async () => {
    const changed = join(project, 'slides', '02-points.md')
    const text = readFileSync(changed, 'utf8')
    const later = new Date(Date.now() + 60_000)
    // Another file touched but the same: not a change.
    utimesSync(join(project, 'slides', '01-opening.md'), later, later)
    writeFileSync(changed, `${text}\nOne more line.\n`)
    try {
      const out = join(work, 'stale.pptx')
      const r = await runCli('pptx', project, `--dist=${fixtureDist}`, `--out=${out}`)
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).toMatch(/^warning slides\/02-points\.md changed after \S+ was built: run `npm run build` to convert the current slides$/m)
      expect(existsSync(out)).toBe(true)
    } finally {
      writeFileSync(changed, text)
    }
  }, 180_000)

  it('refuses a build without its record (deck.json), saying to build again', async () => {
    const read = join(fixtureDist, 'deck.json')
    renameSync(read, `${read}.off`)
    try {
      const out = join(work, 'no-read.pptx')
      const r = await runCli('pptx', project, `--dist=${fixtureDist}`, `--out=${out}`)
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/deck\.json is missing .*run `npm run build` first/)
      expect(existsSync(out)).toBe(false)
    } finally {
      renameSync(`${read}.off`, read)
    }
  }, 180_000)
})

describe("the figures' PNGs, kept between runs", () => {
  /** The PNG fallbacks in a package, by name. */
  const media = async (file: string) => {
    const zip = await JSZip.loadAsync(readFileSync(file))
    const out: Record<string, string> = {}
    const pngs = Object.values(zip.files).filter((f) => /^ppt\/media\/.*\.png$/.test(f.name))
    for (const f of pngs.sort((a, b) => a.name.localeCompare(b.name))) out[f.name] = Buffer.from(await f.async('uint8array')).toString('base64')
    return out
  }
  it('are drawn with --no-cache, reused by the next run, and the same pictures either way', async () => {
    const drawn = join(work, 'drawn.pptx')
    const again = join(work, 'again.pptx')
    const a = await runCli('pptx', project, `--dist=${fixtureDist}`, `--out=${drawn}`, '--no-cache')
    expect(a.code, a.stderr).toBe(0)
    expect(a.stdout).not.toMatch(/reused/)
    const b = await runCli('pptx', project, `--dist=${fixtureDist}`, `--out=${again}`)
    expect(b.code, b.stderr).toBe(0)
    const counts = /(\d+) figures?(?: \((\d+) as native charts?\))?/.exec(b.stdout)
    // Charts are native charts: only the other figures have PNGs.
    const figures = Number(counts?.[1]) - Number(counts?.[2] ?? 0)
    expect(figures).toBeGreaterThan(0)
    expect(b.stdout).toMatch(new RegExp(`\\(${figures} figure PNGs? reused from the last run\\)`))
    const pngs = await media(drawn)
    expect(Object.keys(pngs).length, "the PNGs: each figure's fallback, and pictures").toBeGreaterThanOrEqual(figures)
    expect(await media(again)).toEqual(pngs)
  }, 180_000)
})

/** A binary PPM (P6), as pdftoppm writes it. */
function parsePpm(buf: Buffer): { width: number; height: number; at: (x: number, y: number) => [number, number, number] } {
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'))
  if (!header) throw new Error('pdftoppm did not write a PPM image')
  const width = Number(header[1])
  const height = Number(header[2])
  const offset = header[0].length
  return {
    width,
    height,
    at: (x, y) => {
      const o = offset + (Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))) * 3
      return [buf[o] ?? 0, buf[o + 1] ?? 0, buf[o + 2] ?? 0]
    },
  }
}
const distance = (a: number[], b: number[]) => Math.abs((a[0] ?? 0) - (b[0] ?? 0)) + Math.abs((a[1] ?? 0) - (b[1] ?? 0)) + Math.abs((a[2] ?? 0) - (b[2] ?? 0))
