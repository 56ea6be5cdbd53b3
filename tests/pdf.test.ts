/**
 * `npm run pdf` on the built deck (the test build, see tests/built.ts): deck.pdf has one 16:9 page per slide with its text
 * selectable and backgrounds printed; handout.pdf has one portrait page per slide with that
 * slide's notes; both carry the title and an outline with the section titles.
 * The PDFs are printed once here (not in global setup): it takes a few seconds.
 */
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import type { OutlineEntry } from '../src/deck/outline.ts'
import { readOutline } from '../src/pdf/outline.ts'
import { builtDist } from './built.ts'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '..')
// The PDFs go to folders of the test's own: another build may replace dist/ meanwhile.
const out = mkdtempSync(join(tmpdir(), 'deck-pdf-a4-'))
const { slides, config } = buildDeck(root).deck
// pdftotext joins a word hyphenated at a line end ("long-\nterm" -> "longterm"): compare without hyphens.
const norm = (t: string) =>
  t
    .replace(/[-\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
const words = (t: string, n = 8) => norm(t).split(' ').slice(0, n).join(' ')
/** `text` holds these words in order, each perhaps followed by a footnote's number (a superscript in the PDF). */
const holdsWords = (text: string, expected: string): boolean =>
  new RegExp(
    expected
      .split(' ')
      .map((w) => {
        const [, core = w, after = ''] = /^(.*?)([^\p{L}\p{N}]*)$/u.exec(w) ?? []
        const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        return `${esc(core)}\\d{0,2}${esc(after)}`
      })
      .join(' '),
  ).test(text)
const letterDir = mkdtempSync(join(tmpdir(), 'deck-pdf-letter-'))
// The slides whose facts the handout's endnotes trace to a source sentence (the build's record).
let traced: typeof slides = []

function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 32 << 20 })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`)
    throw err
  }
}

/** The text of each page, whitespace normalised (pdftotext separates pages with a form feed). */
const pageTexts = (file: string) => poppler('pdftotext', ['-enc', 'UTF-8', file, '-']).split('\f').slice(0, -1).map(norm)
const flat = (entries: OutlineEntry[]): OutlineEntry[] => entries.flatMap((e) => [e, ...flat(e.children)])

let stdout = ''
let deck: PDFDocument
let handout: PDFDocument

beforeAll(async () => {
  const cli = ['src/cli/launch.mjs', 'pdf']
  const dist = builtDist()
  const record = JSON.parse(readFileSync(join(dist, 'deck.json'), 'utf8')) as { slides: { id: string; provenance?: { sentence: string }[] }[] }
  traced = slides.flatMap((s) => {
    const provenance = record.slides.find((r) => r.id === s.id)?.provenance
    return provenance?.length ? [{ ...s, provenance: provenance as NonNullable<typeof s.provenance> }] : []
  })
  try {
    const [a4] = await Promise.all([
      run(process.execPath, [...cli, `--dist=${dist}`, `--out=${out}`], { cwd: root }),
      run(process.execPath, [...cli, `--dist=${dist}`, '--letter', `--out=${letterDir}`], { cwd: root }),
    ])
    stdout = a4.stdout
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string }
    throw new Error(`npm run pdf failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`)
  }
  deck = await PDFDocument.load(readFileSync(join(out, 'deck.pdf')))
  handout = await PDFDocument.load(readFileSync(join(out, 'handout.pdf')))
}, 180_000)

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
  rmSync(letterDir, { recursive: true, force: true })
})

describe('npm run pdf', () => {
  it('prints a line per output with its page count', () => {
    expect(stdout).toMatch(new RegExp(`deck\\.pdf: ${slides.length} pages\n`))
    // npm run pdf itself fails when a slide's page overflows: the count holds the endnotes' too.
    const pages = Number(/handout\.pdf: (\d+) pages\n/.exec(stdout)?.[1])
    expect(pages).toBe(handout.getPageCount())
    expect(pages).toBeGreaterThanOrEqual(slides.length)
    expect(pages > slides.length, 'endnotes after the slides').toBe(traced.length > 0)
  })

  it('deck.pdf: one 16:9 page per slide, each with its slide title as selectable text', () => {
    expect(deck.getPageCount()).toBe(slides.length)
    for (const [i, p] of deck.getPages().entries()) {
      const { width, height } = p.getSize()
      expect(width / height, `page ${i + 1}`).toBeCloseTo(16 / 9, 2)
    }
    const texts = pageTexts(join(out, 'deck.pdf'))
    expect(texts).toHaveLength(slides.length)
    for (const [i, s] of slides.entries()) expect(texts[i], `page ${i + 1}`).toContain(norm(s.title))
  })

  it('deck.pdf: each page holds its slide alone, numbered at its foot as reveal numbers it: no notes, no handout header', () => {
    const texts = pageTexts(join(out, 'deck.pdf'))
    // Each word with its box, in points from the page's top left (pdftotext -bbox), page by page.
    const boxes = poppler('pdftotext', ['-bbox', join(out, 'deck.pdf'), '-'])
      .split('<page ')
      .slice(1)
      .map((p) =>
        [...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
          x: Number(m[1]),
          y: Number(m[2]),
          text: m[3],
        })),
      )
    expect(boxes).toHaveLength(slides.length)
    slides.forEach((s, i) => {
      // reveal's print layout: 18px (13.5pt) at 22px from the left and 12px from the foot of its 719px page.
      const foot = boxes[i]?.filter((w) => w.x < 40 && w.y > 490) ?? []
      expect(
        foot.map((w) => w.text),
        `page ${i + 1}: its number at the bottom left`,
      ).toEqual([String(i + 1)])
      expect(texts[i], `page ${i + 1}: the handout's header`).not.toContain(`Slide ${i + 1} of`)
      if (norm(s.notesText).split(' ').length >= 8) expect(texts[i], `page ${i + 1}: its notes`).not.toContain(words(s.notesText))
    })
  })

  it('deck.pdf and handout.pdf: a haloed figure label is in the text layer once (the halo is a picture)', () => {
    // Before, a paint-order stroke printed every haloed label twice ("Kazan Kazan").
    const whole = (t: string, w: string) => (t.match(new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu')) ?? []).length
    let checked = 0
    for (const file of ['deck.pdf', 'handout.pdf']) {
      const texts = pageTexts(join(out, file))
      for (const [i, s] of slides.entries()) {
        const svgs = s.bodyHtml.match(/<svg[\s\S]*?<\/svg>/g) ?? []
        const drawn = svgs.flatMap((svg) => [...svg.matchAll(/>([^<>]+)</g)].map((m) => m[1] ?? ''))
        const haloed = svgs.flatMap((svg) =>
          [...svg.matchAll(/<text id="[^"]+" class="fig-label[^"]*"[^>]*>(?:<tspan[^>]*>)?([^<]+)</g)].map((m) => m[1] ?? ''),
        )
        const rest = `${s.title} ${s.bodyHtml.replace(/<svg[\s\S]*?<\/svg>|<div class="figure-text"[\s\S]*?<\/div>/g, '').replace(/<[^>]+>/g, ' ')}`
        for (const label of haloed.filter((l) => l.length > 3 && drawn.filter((d) => whole(d, l)).length === 1 && whole(rest, l) === 0)) {
          expect(whole(texts[i] ?? '', label), `${file} page ${i + 1}: "${label}"`).toBeLessThanOrEqual(1)
          checked++
        }
      }
    }
    // A briefing with haloed labels (a map) has some drawn once and named nowhere else on their slide.
    if (slides.some((s) => s.bodyHtml.includes('class="fig-label'))) expect(checked).toBeGreaterThan(0)
  })

  it('deck.pdf: prints the slide backgrounds (the title slide is dark)', () => {
    const pgm = execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '12', '-gray', join(out, 'deck.pdf')])
    // Binary PGM: header "P5\n<w> <h>\n255\n", then one byte per pixel.
    const header = pgm
      .subarray(0, 20)
      .toString('latin1')
      .match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)
    if (!header) throw new Error('pdftoppm did not write a PGM image')
    const pixels = pgm.subarray(header[0].length)
    const mean = pixels.reduce((sum, v) => sum + v, 0) / pixels.length
    expect(mean, 'mean grey of the title page (0 black, 255 white)').toBeLessThan(90)
  })

  it("handout.pdf: one portrait A4 page per slide, holding that slide's notes, then the endnotes", () => {
    for (const p of handout.getPages()) {
      const { width, height } = p.getSize()
      expect(width).toBeCloseTo(595.9, 0)
      expect(height).toBeCloseTo(842.9, 0)
    }
    const texts = pageTexts(join(out, 'handout.pdf'))
    expect(texts).toHaveLength(handout.getPageCount())
    slides.forEach((s, i) => {
      expect(texts[i], `handout page ${i + 1}: title`).toContain(norm(s.title))
      expect(holdsWords(texts[i] ?? '', words(s.notesText)), `handout page ${i + 1}: notes`).toBe(true)
      // ...and the end of the notes too, so nothing was cut off.
      expect(holdsWords(texts[i] ?? '', norm(s.notesText).split(' ').slice(-6).join(' ')), `handout page ${i + 1}: end of notes`).toBe(true)
    })
    // After the slides, each traced slide's source sentences under its number and title.
    const endnotes = texts.slice(slides.length).join(' ')
    expect(endnotes.startsWith('Where the facts come from') || !traced.length).toBe(true)
    for (const s of traced) {
      expect(endnotes, `endnotes of ${s.id}`).toContain(norm(`Slide ${slides.findIndex((x) => x.id === s.id) + 1}. ${s.title}`))
      expect(endnotes, `endnotes of ${s.id}`).toContain(words(s.provenance?.[0]?.sentence ?? '', 6))
    }
  })

  it('handout.pdf: paper white under the notes, on the last page too (no tinted block where the body ends)', () => {
    const n = String(slides.length)
    const ppm = execFileSync('pdftoppm', ['-f', n, '-l', n, '-r', '20', join(out, 'handout.pdf')])
    // Binary PPM: header "P6\n<w> <h>\n255\n", then three bytes per pixel.
    const header = ppm
      .subarray(0, 20)
      .toString('latin1')
      .match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)
    if (!header) throw new Error('pdftoppm did not write a PPM image')
    const [w, h] = [Number(header[1]), Number(header[2])]
    const px = ppm.subarray(header[0].length)
    // The bottom fifth of the page, inside the margins: below any slide's notes.
    let notWhite = 0
    let total = 0
    for (let y = Math.floor(h * 0.8); y < h - 5; y++) {
      for (let x = 8; x < w - 8; x++) {
        const i = (y * w + x) * 3
        total++
        if ((px[i] ?? 0) < 253 || (px[i + 1] ?? 0) < 253 || (px[i + 2] ?? 0) < 253) notWhite++
      }
    }
    expect(notWhite / total, 'share of non-white pixels at the foot of the last handout page').toBeLessThan(0.01)
  })

  it('handout.pdf on US Letter with --letter', async () => {
    const letter = await PDFDocument.load(readFileSync(join(letterDir, 'handout.pdf')))
    // (npm run pdf has checked the count: a page per slide, then the endnotes.)
    expect(letter.getPageCount()).toBeGreaterThanOrEqual(slides.length + (traced.length ? 1 : 0))
    const { width, height } = letter.getPage(0).getSize()
    expect([Math.round(width), Math.round(height)]).toEqual([612, 792])
  })

  it('both carry the deck title and an outline with every section title, pointing at its slide', () => {
    const sections = [...new Set(slides.flatMap((s) => (s.section ? [s.section] : [])))]
    // Any deck: the test needs one section at least (this briefing has eight, the starter three).
    expect(sections.length).toBeGreaterThan(0)
    for (const [name, pdf] of [
      ['deck.pdf', deck],
      ['handout.pdf', handout],
    ] as const) {
      expect(pdf.getTitle(), name).toBe(config.title)
      expect(poppler('pdfinfo', [join(out, name)]), name).toMatch(/Tagged:\s+yes/)
      const outline = readOutline(pdf)
      const top = outline.map((e) => e.title)
      for (const section of sections) expect(top, `${name}: ${section}`).toContain(section)
      for (const e of flat(outline)) {
        // The handout's endnotes follow its slides, under an entry of their own.
        if (name === 'handout.pdf' && e.title === 'Where the facts come from' && traced.length) {
          expect(e.page, 'the endnotes start after the slides').toBe(slides.length)
          continue
        }
        const s = slides[e.page]
        expect(s, `${name}: "${e.title}" points at page ${e.page + 1}`).toBeDefined()
        expect([s?.title, s?.section], `${name}: "${e.title}"`).toContain(e.title)
      }
      // Every slide title is in the outline, once.
      expect(
        flat(outline)
          .filter((e) => slides[e.page]?.title === e.title)
          .map((e) => e.page)
          .sort((a, b) => a - b),
      ).toEqual(slides.map((_, i) => i))
    }
  })
})
