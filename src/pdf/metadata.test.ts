import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { writeMetadata, xmpPacket } from './metadata.ts'

const info = { title: 'A <marked> briefing', lang: 'en', author: 'A. Analyst', organisation: 'Regional Desk', date: '2026-12-07', marking: 'TLP:AMBER' }

/** A one-page PDF as a printer leaves it (its creation time and producer set), through `writeMetadata`, saved and read back. */
async function written(i: typeof info | { title: string; lang: string }): Promise<{ doc: PDFDocument; xmp: string }> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.addPage()
  doc.setCreationDate(new Date('2026-12-07T09:30:00.000Z'))
  doc.setProducer('Skia/PDF m156')
  writeMetadata(doc, i)
  const back = await PDFDocument.load(await doc.save(), { updateMetadata: false })
  const stream = back.catalog.lookup(PDFName.of('Metadata'))
  if (!(stream instanceof PDFRawStream)) throw new Error('no /Metadata stream on the catalog')
  return { doc: back, xmp: new TextDecoder().decode(stream.contents) }
}

describe('writeMetadata', () => {
  it('writes author, organisation, as-of date, marking and title in the Info dictionary and the same in an XMP stream', async () => {
    const { doc, xmp } = await written(info)
    expect(doc.getTitle()).toBe('A <marked> briefing')
    expect(doc.getAuthor()).toBe('A. Analyst')
    expect(doc.getSubject()).toBe('Regional Desk, as of 7 December 2026')
    expect(doc.getKeywords()).toBe('TLP:AMBER')
    expect(doc.getProducer()).toBe('Skia/PDF m156')
    expect(xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">A &lt;marked&gt; briefing</rdf:li></rdf:Alt></dc:title>')
    expect(xmp).toContain('<dc:creator><rdf:Seq><rdf:li>A. Analyst</rdf:li></rdf:Seq></dc:creator>')
    expect(xmp).toContain('<dc:publisher><rdf:Bag><rdf:li>Regional Desk</rdf:li></rdf:Bag></dc:publisher>')
    expect(xmp).toContain('<dc:date><rdf:Seq><rdf:li>2026-12-07</rdf:li></rdf:Seq></dc:date>')
    expect(xmp).toContain('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Regional Desk, as of 7 December 2026</rdf:li></rdf:Alt></dc:description>')
    expect(xmp).toContain('<pdf:Keywords>TLP:AMBER</pdf:Keywords>')
    // When it was made: the printer's time, as the Info dictionary has it.
    expect(xmp).toContain('<xmp:CreateDate>2026-12-07T09:30:00Z</xmp:CreateDate>')
    expect(xmp).toContain('<pdf:Producer>Skia/PDF m156</pdf:Producer>')
    expect(xmp.startsWith('<?xpacket begin="\uFEFF"')).toBe(true)
    expect(xmp.endsWith('<?xpacket end="w"?>')).toBe(true)
  })

  it('leaves out what deck.yaml does not say', async () => {
    const { doc, xmp } = await written({ title: 'Deck', lang: 'fr' })
    expect(doc.getAuthor()).toBeUndefined()
    expect(xmp).not.toMatch(/dc:creator|dc:publisher|dc:date|dc:description|pdf:Keywords/)
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>fr</rdf:li></rdf:Bag></dc:language>')
  })

  it('is well-formed XML whatever the text holds', () => {
    const xmp = xmpPacket({ ...info, author: 'O\'Brien & "Sons" <x>', marking: 'A]]>B' }, {})
    expect(xmp).toContain('O&apos;Brien &amp; &quot;Sons&quot; &lt;x&gt;')
    expect(xmp).not.toContain(']]>')
  })
})
