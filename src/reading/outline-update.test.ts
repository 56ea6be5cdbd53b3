import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import { readOutline } from './outline.ts'
import type { Deck, RenderedSlide } from '../compiler/types.ts'
import { appendOutline, pdfText, readingDeck, readingToc } from './outline-update.ts'
import { renderReading, type OutlineEntry } from './render.ts'
import { fixtureSlide } from './slide-fixture.ts'

const dir = mkdtempSync(join(tmpdir(), 'outline-update-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A PDF with `n` pages and a classic cross-reference table, like Chromium's. */
async function classicPdf(n: number, title = 'Old title'): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  for (let i = 0; i < n; i++) pdf.addPage([960, 540]).drawText(`Page ${i + 1}`, { x: 50, y: 270, size: 30 })
  pdf.setTitle(title)
  pdf.setLanguage('de')
  return pdf.save({ useObjectStreams: false })
}

/** pdfinfo's report; throws (with its message) when poppler is missing or finds the file broken. */
function pdfinfo(bytes: Uint8Array): { out: string; err: string } {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, bytes)
  try {
    const out = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    // Syntax errors go to stderr while pdfinfo still exits 0: capture them through a second run.
    const err = execFileSync('sh', ['-c', 'pdfinfo "$1" 2>&1 >/dev/null', 'sh', file], { encoding: 'utf8' })
    return { out, err }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdfinfo not found: install poppler-utils (apt-get install -y poppler-utils)')
    throw e
  }
}

const OUTLINE: OutlineEntry[] = [
  { title: 'Opening', page: 0, children: [] },
  {
    title: 'Économie: “trade” & energy ✓',
    page: 1,
    children: [
      { title: 'First (with parentheses) \\ backslash', page: 1, children: [] },
      { title: 'Second', page: 2, children: [] },
    ],
  },
  { title: 'Last', page: 3, children: [] },
]

describe('appendOutline', () => {
  it('keeps the original bytes and appends an outline, title and language that pdf-lib and pdfinfo read back', async () => {
    const original = await classicPdf(4)
    const result = appendOutline(original, OUTLINE, { title: 'Chile — “a title” (x)', lang: 'en' })
    if (!result) throw new Error('a classic PDF was not updated')
    expect(result.pages).toBe(4)
    // An incremental update: everything before stays byte for byte.
    expect(Buffer.from(result.pdf.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true)
    expect(result.pdf.length).toBeGreaterThan(original.length)

    const back = await PDFDocument.load(result.pdf)
    expect(back.getPageCount()).toBe(4)
    expect(back.getTitle()).toBe('Chile — “a title” (x)')
    expect(readOutline(back)).toEqual(OUTLINE)
    expect(back.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'))
    const lang = back.catalog.lookup(PDFName.of('Lang'))
    expect(lang && 'decodeText' in lang ? (lang as PDFString).decodeText() : undefined).toBe('en')

    const info = pdfinfo(result.pdf)
    expect(info.err).toBe('')
    expect(info.out).toMatch(/^Title:\s+Chile — “a title” \(x\)$/m)
    expect(info.out).toMatch(/^Pages:\s+4$/m)
  })

  it('replaces an outline it appended before (a second update on top of the first)', async () => {
    const once = appendOutline(await classicPdf(3), [{ title: 'A', page: 0, children: [] }], { title: 'One', lang: 'en' })
    const twice = once && appendOutline(once.pdf, [{ title: 'B', page: 2, children: [{ title: 'C', page: 1, children: [] }] }], { title: 'Two', lang: 'fr' })
    if (!twice) throw new Error('not updated')
    const back = await PDFDocument.load(twice.pdf)
    expect(back.getTitle()).toBe('Two')
    expect(readOutline(back)).toEqual([{ title: 'B', page: 2, children: [{ title: 'C', page: 1, children: [] }] }])
    expect(pdfinfo(twice.pdf).err).toBe('')
  })

  it('says where an entry points past the last page', async () => {
    const pdf = await classicPdf(2)
    expect(() => appendOutline(pdf, [{ title: 'Too far', page: 5, children: [] }], { title: 't', lang: 'en' })).toThrow(/"Too far" points at page 6, but the PDF has 2/)
  })

  it('returns undefined for structures it does not read (a cross-reference stream, not a PDF)', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage()
    const withStreams = await pdf.save({ useObjectStreams: true })
    expect(appendOutline(withStreams, OUTLINE.slice(0, 1), { title: 't', lang: 'en' })).toBeUndefined()
    expect(appendOutline(new TextEncoder().encode('not a pdf'), [], { title: 't', lang: 'en' })).toBeUndefined()
  })

  it('writes text strings as UTF-16BE hex with a byte-order mark', () => {
    expect(pdfText('A€')).toBe('<FEFF004120AC>')
    expect(pdfText('𝄞')).toBe('<FEFFD834DD1E>')
  })
})

describe('readingToc', () => {
  it("reads read.html's table of contents: sections, their slides, entities decoded", () => {
    const html =
      '<body><nav class="read-toc" aria-labelledby="t"><h2 id="t">Contents</h2><ol>' +
      '<li><a href="#title">A &amp; B &lt;c&gt; &quot;d&quot; &#8217; &#x2014;</a></li>' +
      '<li><a href="#s1">Section one</a><ol><li><a href="#s1">First</a></li><li><a href="#s1-2">Second</a></li></ol></li>' +
      '<li><a href="#end">End</a></li></ol></nav><main><a href="#x">not in the contents</a></main></body>'
    expect(readingToc(html)).toEqual([
      { id: 'title', title: 'A & B <c> "d" ’ —', children: [] },
      { id: 's1', title: 'Section one', children: [{ id: 's1', title: 'First', children: [] }, { id: 's1-2', title: 'Second', children: [] }] },
      { id: 'end', title: 'End', children: [] },
    ])
  })

  it('is undefined when the page has no table of contents', () => {
    expect(readingToc('<html><body><h1>x</h1></body></html>')).toBeUndefined()
  })
})

describe('readingDeck', () => {
  const slide = fixtureSlide
  const deck = (subtitle?: string): Deck => ({
    config: { title: 'The deck & its "title"', ...(subtitle ? { subtitle } : {}), lang: 'de', wordsPerMinute: 140, targetMinutes: 20, toleranceMinutes: 5 },
    slides: [
      slide({ id: 'a', h: 0, v: 0, layout: 'title', title: 'Opening <and> ‘quotes’' }),
      slide({ id: 'b', h: 1, v: 0, section: 'Section B & co' }),
      slide({ id: 'b-2', h: 1, v: 1, section: 'Section B & co', layout: 'quote' }),
      slide({ id: 'c', h: 2, v: 0 }),
    ],
    html: '',
    totalSeconds: 240,
  })
  // The page as the build writes it: render.ts's body inside the page shell.
  const page = (d: Deck) => `<!doctype html><html lang="${d.config.lang}"><head><title>x</title></head><body>${renderReading(d)}</body></html>`

  it("reads the reading edition's title, subtitle, language, and each slide's title and section", () => {
    expect(readingDeck(page(deck('A subtitle, with "quotes" & more')))).toEqual({
      title: 'The deck & its "title"',
      subtitle: 'A subtitle, with "quotes" & more',
      lang: 'de',
      slides: [
        { id: 'a', title: 'Opening <and> ‘quotes’' },
        { id: 'b', title: 'Title b', section: 'Section B & co' },
        // A sub-slide shows no section of its own: it is its stack's.
        { id: 'b-2', title: 'Title b-2' },
        { id: 'c', title: 'Title c' },
      ],
    })
    expect(readingDeck(page(deck()))?.subtitle).toBeUndefined()
  })

  it('is undefined when the page does not have the shape render.ts gives it', () => {
    expect(readingDeck('<html lang="en"><body><h1>x</h1></body></html>')).toBeUndefined()
    // An article whose heading is not read is not skipped silently.
    expect(readingDeck(page(deck()).replace('<span class="read-number">2.</span> ', ''))).toBeUndefined()
  })
})
