import { PDFDocument, PDFName } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { readOutline, writeOutline } from './outline.ts'
import type { OutlineEntry } from './render.ts'

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
      { title: 'Economic Pillars: Trade, Energy — “finance”', page: 1, children: [
        { title: 'First', page: 1, children: [] },
        { title: 'Second', page: 2, children: [] },
      ] },
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
