/**
 * A PDF's description of itself, in both places readers look: the Info dictionary (title, author,
 * subject, keywords) and an XMP metadata stream on the catalog, which PDF 2.0, PDF/A and most
 * document managers read instead. Pure (an in-memory PDFDocument).
 */
import { type PDFDocument, PDFName } from 'pdf-lib'
import { showDate } from '../compiler/identity.ts'
import { escapeXml } from '../text/escape.ts'

/** What a PDF says of itself. */
export interface DocumentInfo {
  title: string
  /** BCP 47 language tag, e.g. "en". */
  lang: string
  /** deck.yaml's author; the organisation and "as of" date go in the subject, the marking in the keywords. */
  author?: string
  organisation?: string
  date?: string
  marking?: string
}

/** "Regional Desk, as of 7 December 2026": the organisation and the "as of" date, or ''. */
export function subjectOf(info: DocumentInfo): string {
  return [info.organisation, info.date ? `as of ${showDate(info.date)}` : ''].filter(Boolean).join(', ')
}

/** An ISO 8601 time as XMP writes it, to the second, in UTC. */
const xmpTime = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * The XMP packet: Dublin Core's title, creator (the author), description (the subject), publisher
 * (the organisation), date (the "as of" day), language and subject (the marking); the PDF's
 * keywords and producer; when it was made (`created`, the time the Info dictionary gives).
 */
export function xmpPacket(info: DocumentInfo, made: { created?: Date; producer?: string; creatorTool?: string }): string {
  const x = escapeXml
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${x(v)}</rdf:li></rdf:Alt>`
  const list = (kind: 'Seq' | 'Bag', v: string) => `<rdf:${kind}><rdf:li>${x(v)}</rdf:li></rdf:${kind}>`
  const subject = subjectOf(info)
  const props = [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(info.title)}</dc:title>`,
    info.author ? `<dc:creator>${list('Seq', info.author)}</dc:creator>` : '',
    subject ? `<dc:description>${alt(subject)}</dc:description>` : '',
    info.organisation ? `<dc:publisher>${list('Bag', info.organisation)}</dc:publisher>` : '',
    info.date ? `<dc:date>${list('Seq', info.date)}</dc:date>` : '',
    `<dc:language>${list('Bag', info.lang)}</dc:language>`,
    info.marking ? `<dc:subject>${list('Bag', info.marking)}</dc:subject><pdf:Keywords>${x(info.marking)}</pdf:Keywords>` : '',
    made.producer ? `<pdf:Producer>${x(made.producer)}</pdf:Producer>` : '',
    made.creatorTool ? `<xmp:CreatorTool>${x(made.creatorTool)}</xmp:CreatorTool>` : '',
    made.created ? `<xmp:CreateDate>${xmpTime(made.created)}</xmp:CreateDate><xmp:ModifyDate>${xmpTime(made.created)}</xmp:ModifyDate>` : '',
    made.created ? `<xmp:MetadataDate>${xmpTime(made.created)}</xmp:MetadataDate>` : '',
  ].join('')
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">' +
    `${props}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  )
}

/**
 * Set the title (shown in the viewer's title bar), language, author, subject and keywords in the
 * Info dictionary, and the same as an XMP stream on the catalog, keeping the printer's creation
 * time and producer so both places agree.
 */
export function writeMetadata(doc: PDFDocument, info: DocumentInfo): void {
  doc.setTitle(info.title, { showInWindowTitleBar: true })
  doc.setLanguage(info.lang)
  if (info.author) doc.setAuthor(info.author)
  const subject = subjectOf(info)
  if (subject) doc.setSubject(subject)
  if (info.marking) doc.setKeywords([info.marking])
  const xmp = xmpPacket(info, { created: doc.getCreationDate(), producer: doc.getProducer(), creatorTool: doc.getCreator() })
  // Uncompressed, as XMP asks, so tools that scan files for packets find it.
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' })
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream))
}
