/**
 * The PDF outline (bookmarks), title and language, written with pdf-lib after Chromium prints:
 * Chromium's own outline comes from headings and does not follow the slides. Tests read
 * outlines back with `readOutline`. Pure (bytes or an in-memory PDFDocument).
 */
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib'
import type { OutlineEntry } from '../deck/outline.ts'
import { type DocumentInfo, writeMetadata } from './metadata.ts'

/**
 * Replace the document's outline: one entry per item, its children beneath (collapsed),
 * each pointing at its 0-based page. Also asks viewers to open the bookmarks pane.
 */
export function writeOutline(pdf: PDFDocument, entries: readonly OutlineEntry[]): void {
  const ctx = pdf.context
  const pages = pdf.getPages()
  if (entries.length === 0) return
  const rootRef = ctx.nextRef()

  function level(items: readonly OutlineEntry[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } {
    const refs = items.map(() => ctx.nextRef())
    items.forEach((item, i) => {
      const page = pages[item.page]
      if (!page) throw new Error(`outline entry "${item.title}" points at page ${item.page + 1}, but the PDF has ${pages.length}`)
      const dict = ctx.obj({ Title: PDFHexString.fromText(item.title), Parent: parent, Dest: [page.ref, 'XYZ', null, null, null] })
      const ref = refs[i] as PDFRef
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1] as PDFRef)
      if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1] as PDFRef)
      if (item.children.length) {
        const kids = level(item.children, ref)
        dict.set(PDFName.of('First'), kids.first)
        dict.set(PDFName.of('Last'), kids.last)
        dict.set(PDFName.of('Count'), PDFNumber.of(-kids.count))
      }
      ctx.assign(ref, dict)
    })
    return { first: refs[0] as PDFRef, last: refs[refs.length - 1] as PDFRef, count: items.length }
  }

  const top = level(entries, rootRef)
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }))
  pdf.catalog.set(PDFName.of('Outlines'), rootRef)
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/** Read a document's outline back: titles, 0-based target pages and children. */
export function readOutline(pdf: PDFDocument): OutlineEntry[] {
  const pageIndex = new Map(pdf.getPages().map((p, i) => [p.ref.toString(), i]))
  const outlines = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  const walk = (first: unknown): OutlineEntry[] => {
    const out: OutlineEntry[] = []
    let ref = first
    for (let guard = 0; ref instanceof PDFRef && guard < 10_000; guard++) {
      const item = pdf.context.lookup(ref, PDFDict)
      const t = item.get(PDFName.of('Title'))
      const title = t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : ''
      const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray)
      const target = dest?.get(0)
      out.push({ title, page: target instanceof PDFRef ? (pageIndex.get(target.toString()) ?? -1) : -1, children: walk(item.get(PDFName.of('First'))) })
      ref = item.get(PDFName.of('Next'))
    }
    return out
  }
  return outlines ? walk(outlines.get(PDFName.of('First'))) : []
}

/**
 * `pdf` (e.g. as Chromium printed it) with its metadata (src/pdf/metadata.ts) and outline set; its page count.
 * The rest of the file (a tagged PDF's structure tree too) is kept.
 */
export async function withOutline(pdf: Uint8Array, entries: readonly OutlineEntry[], info: DocumentInfo): Promise<{ pdf: Uint8Array; pages: number }> {
  // Parsed and written in one go (pdf-lib otherwise yields every 50 objects), without object
  // streams: compressing them more than doubles the time for a tenth of the size.
  const doc = await PDFDocument.load(pdf, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false })
  writeMetadata(doc, info)
  writeOutline(doc, entries)
  return { pdf: await doc.save({ objectsPerTick: Number.POSITIVE_INFINITY, useObjectStreams: false }), pages: doc.getPageCount() }
}
