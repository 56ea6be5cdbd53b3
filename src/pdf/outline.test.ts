import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument, PDFName, type PDFString } from 'pdf-lib'
import { afterAll, describe, expect, it } from 'vitest'
import type { OutlineEntry } from '../deck/outline.ts'
import { readOutline, withOutline, writeOutline } from './outline.ts'

async function roundTrip(entries: OutlineEntry[], pages: number): Promise<PDFDocument> {
  const pdf = await PDFDocument.create()
  for (let i = 0; i < pages; i++) pdf.addPage([960, 540])
  writeOutline(pdf, entries)
  return PDFDocument.load(await pdf.save())
}

describe('PDF outline', () => {
  it('writes nested entries that read back with their titles and pages', async () => {
    const entries: OutlineEntry[] = [
      { title: 'Title', page: 0, children: [] },
      {
        title: 'Economic Pillars: Trade, Energy — “finance”',
        page: 1,
        children: [
          { title: 'First', page: 1, children: [] },
          { title: 'Second', page: 2, children: [] },
        ],
      },
      { title: 'Sources', page: 3, children: [] },
    ]
    const pdf = await roundTrip(entries, 4)
    expect(readOutline(pdf)).toEqual(entries)
    expect(String(pdf.catalog.get(PDFName.of('PageMode')))).toBe('/UseOutlines')
  })

  it('refuses an entry that points past the last page', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage()
    expect(() => writeOutline(pdf, [{ title: 'x', page: 3, children: [] }])).toThrow(/page 4, but the PDF has 1/)
  })

  it('reads an empty outline from a PDF without one', async () => {
    const pdf = await PDFDocument.create()
    pdf.addPage()
    expect(readOutline(pdf)).toEqual([])
  })
})

describe('withOutline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-outline-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  /** pdfinfo's report, and what it complained of on stderr (it exits 0 on syntax errors). */
  function pdfinfo(bytes: Uint8Array): { out: string; err: string } {
    const file = join(dir, `f${Math.random().toString(36).slice(2)}.pdf`)
    writeFileSync(file, bytes)
    try {
      const out = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      const err = execFileSync('sh', ['-c', 'pdfinfo "$1" 2>&1 >/dev/null', 'sh', file], { encoding: 'utf8' })
      return { out, err }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdfinfo not found: install poppler-utils (apt-get install -y poppler-utils)')
      throw e
    }
  }

  /** A tagged PDF of `n` pages, with a title and language of its own, as a printer might give it. */
  async function printed(n: number): Promise<Uint8Array> {
    const pdf = await PDFDocument.create()
    for (let i = 0; i < n; i++) pdf.addPage([960, 540]).drawText(`Page ${i + 1}`, { x: 50, y: 270, size: 30 })
    pdf.setTitle('Old title')
    pdf.setLanguage('de')
    pdf.catalog.set(PDFName.of('MarkInfo'), pdf.context.obj({ Marked: true }))
    pdf.catalog.set(PDFName.of('StructTreeRoot'), pdf.context.register(pdf.context.obj({ Type: 'StructTreeRoot' })))
    return pdf.save({ useObjectStreams: false })
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

  it('sets the title, language and outline that pdf-lib and pdfinfo read back, and keeps the pages and tags', async () => {
    const result = await withOutline(await printed(4), OUTLINE, { title: 'Chile — “a title” (x)', lang: 'en' })
    expect(result.pages).toBe(4)
    const back = await PDFDocument.load(result.pdf)
    expect(back.getPageCount()).toBe(4)
    expect(back.getTitle()).toBe('Chile — “a title” (x)')
    expect(readOutline(back)).toEqual(OUTLINE)
    const lang = back.catalog.lookup(PDFName.of('Lang'))
    expect(lang && 'decodeText' in lang ? (lang as PDFString).decodeText() : undefined).toBe('en')
    const info = pdfinfo(result.pdf)
    expect(info.err).toBe('')
    expect(info.out).toMatch(/^Title:\s+Chile — “a title” \(x\)$/m)
    expect(info.out).toMatch(/^Pages:\s+4$/m)
    expect(info.out).toMatch(/^Tagged:\s+yes$/m)
  })

  it('replaces an outline written before', async () => {
    const once = await withOutline(await printed(3), [{ title: 'A', page: 0, children: [] }], { title: 'One', lang: 'en' })
    const twice = await withOutline(once.pdf, [{ title: 'B', page: 2, children: [{ title: 'C', page: 1, children: [] }] }], { title: 'Two', lang: 'fr' })
    const back = await PDFDocument.load(twice.pdf)
    expect(back.getTitle()).toBe('Two')
    expect(readOutline(back)).toEqual([{ title: 'B', page: 2, children: [{ title: 'C', page: 1, children: [] }] }])
  })

  it('says where an entry points past the last page', async () => {
    await expect(withOutline(await printed(2), [{ title: 'Too far', page: 5, children: [] }], { title: 't', lang: 'en' })).rejects.toThrow(
      /"Too far" points at page 6, but the PDF has 2/,
    )
  })
})
