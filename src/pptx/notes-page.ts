/**
 * Printed notes pages that hold all the notes. pptxgenjs gives the notes page the slide's size
 * turned on its side (7.5 × 13.33 in) while its notes master is laid out for 7.5 × 10 in, and its
 * notes slides name placeholders the master does not have (`idx` 1 and 10 for the master's 3 and
 * 5), so Impress sets the notes in a default large size and cuts them at the page's foot. Here
 * the page is 7.5 × 10 in, the placeholders are the master's, and each slide's notes get the
 * largest size, 12 pt at most, that fits the master's notes box.
 */
import type { Paragraph } from './model.ts'
import type { Parts } from './parts.ts'

/** The notes page, EMU: 7.5 × 10 in, portrait (PowerPoint's own). */
export const NOTES_PAGE = { cx: 6858000, cy: 9144000 }
/** The notes master's text box (pptxgenjs's master), less its insets, in points. */
const BOX = { w: (5486400 - 2 * 91440) / 12700, h: (3600450 - 2 * 45720) / 12700 }
/**
 * The average advance of a character in em: wide, so that the notes fit in the font Impress or
 * PowerPoint puts in place of the deck's when that is not installed (DejaVu Sans is ~0.55).
 */
const CHAR_EM = 0.58
/** Line height, in em, with room for the substitute font's taller lines. */
const LINE_EM = 1.22
const SIZES = [12, 11.5, 11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7]

/** The lines a paragraph takes at `size` points in the notes box. */
function lines(p: Paragraph, size: number): number {
  const indent = p.bullet ? 22.5 * ((p.level ?? 0) + 1) : 0
  const perLine = Math.max(1, Math.floor((BOX.w - indent) / (size * CHAR_EM)))
  const parts = p.runs
    .map((r) => r.text + (r.br ? '\n' : ''))
    .join('')
    .split('\n')
  return parts.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / perLine)), 0)
}

/** The largest size (points) at which these notes fit the notes box, 7 pt at the least. */
export function notesSize(notes: readonly Paragraph[]): number {
  for (const size of SIZES) {
    const total = notes.reduce((n, p) => n + lines(p, size), 0)
    if (total * size * LINE_EM <= BOX.h) return size
  }
  return SIZES[SIZES.length - 1] ?? 7
}

/** The notes page size, the notes slides' placeholders as the master's, and each slide's notes size. */
export function fitNotesPages(parts: Parts, notes: readonly (readonly Paragraph[])[]): void {
  const text = (path: string) => {
    const v = parts.get(path)
    return typeof v === 'string' ? v : v && Buffer.from(v).toString('utf8')
  }
  const pres = text('ppt/presentation.xml')
  if (pres) parts.set('ppt/presentation.xml', pres.replace(/<p:notesSz [^>]*\/>/, `<p:notesSz cx="${NOTES_PAGE.cx}" cy="${NOTES_PAGE.cy}"/>`))
  const master = text('ppt/notesMasters/notesMaster1.xml') ?? ''
  const idx = (type: string) => new RegExp(`<p:ph type="${type}"[^>]*\\bidx="(\\d+)"`).exec(master)?.[1]
  notes.forEach((paragraphs, i) => {
    const path = `ppt/notesSlides/notesSlide${i + 1}.xml`
    let xml = text(path)
    if (xml === undefined) return
    for (const type of ['sldImg', 'body', 'sldNum']) {
      const n = idx(type)
      if (n)
        xml = xml.replace(
          new RegExp(`<p:ph type="${type}"([^>]*)/>`),
          (_m, rest: string) => `<p:ph type="${type}"${rest.replace(/ idx="\d+"/, '')} idx="${n}"/>`,
        )
    }
    // The size on each run of the notes, and shrink-on-overflow for PowerPoint when they are edited.
    const sz = Math.round(notesSize(paragraphs) * 100)
    xml = xml.replace(/(<p:ph type="body"[\s\S]*?<p:txBody>)<a:bodyPr\/>([\s\S]*?)(<\/p:txBody>)/, (_m, head: string, body: string, tail: string) => {
      const sized = body.replace(/<a:(rPr|endParaRPr)\b(?![^>]*\bsz=)([^>]*?)(\/?)>/g, `<a:$1$2 sz="${sz}"$3>`)
      return `${head}<a:bodyPr><a:normAutofit/></a:bodyPr>${sized}${tail}`
    })
    parts.set(path, xml)
  })
}
