/**
 * Printed notes pages that hold all the notes. pptxgenjs gives the notes page the slide's size
 * turned on its side (7.5 × 13.33 in) while its notes master is laid out for 7.5 × 10 in, and its
 * notes slides name placeholders the master does not have (`idx` 1 and 10 for the master's 3 and
 * 5), so Impress sets the notes in a default large size and cuts them at the page's foot. Here
 * the page is 7.5 × 10 in, the placeholders are the master's, and each slide's notes get the
 * largest size, 12 pt at most, that fits the master's notes box.
 */
import { escapeXml } from '../text/escape.ts'
import type { Paragraph } from './model.ts'
import type { Parts } from './parts.ts'
import { color } from './units.ts'

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

/** The marking on the notes page: 11 pt bold, as on the handout's printed pages (src/vite/identity-head.ts). */
const MARK_PT = 11
/** Widest banner, EMU: 5 in, centred, so it stays clear of the page number at the bottom right. */
const MARK_MAX_W = 4572000
const EMU_PER_PT = 12700

/**
 * The marking's banner at the top and the bottom of every notes page. On the notes master, as
 * shapes rather than placeholders: PowerPoint shows them on every notes page, and editing a notes
 * page cannot remove them. Impress reads no shape of a notes master, only each notes page's own:
 * so each page also holds a copy in the same place (one banner to the eye in PowerPoint), locked
 * against moving and editing.
 */
export function markNotesPages(parts: Parts, marking: { text: string; colour: string; ink: string }, font: string, lang: string): void {
  const text = (path: string) => {
    const v = parts.get(path)
    return typeof v === 'string' ? v : v && Buffer.from(v).toString('utf8')
  }
  // Sized to the text: bold caps with letter spacing, 0.9 em a character, wide enough for the
  // substitute font (DejaVu Sans Bold) a reader without the deck's font sees; wrapped when wider than 5 in.
  const padX = 8 * EMU_PER_PT
  const textW = Math.round(marking.text.length * MARK_PT * 0.9 * EMU_PER_PT)
  const w = Math.min(MARK_MAX_W, textW + 2 * padX)
  const lines = Math.ceil(textW / (w - 2 * padX))
  const h = Math.round((lines * MARK_PT * 1.25 + 6) * EMU_PER_PT)
  const x = Math.round((NOTES_PAGE.cx - w) / 2)
  const shape = (id: number, y: number, name: string, locked: boolean) =>
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${name}"/><p:cNvSpPr txBox="1">${locked ? '<a:spLocks noGrp="1" noMove="1" noResize="1" noTextEdit="1"/>' : ''}</p:cNvSpPr><p:nvPr${locked ? '' : ' userDrawn="1"'}/></p:nvSpPr>` +
    `<p:spPr><a:xfrm><a:off x="${x}" y="${y}"/><a:ext cx="${w}" cy="${h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>` +
    `<a:solidFill><a:srgbClr val="${color(marking.colour)}"/></a:solidFill></p:spPr>` +
    `<p:txBody><a:bodyPr wrap="square" lIns="${padX}" tIns="38100" rIns="${padX}" bIns="38100" anchor="ctr"><a:noAutofit/></a:bodyPr><a:lstStyle/>` +
    `<a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="${escapeXml(lang)}" sz="${MARK_PT * 100}" b="1" spc="60" dirty="0"><a:solidFill><a:srgbClr val="${color(marking.ink)}"/></a:solidFill>` +
    `<a:latin typeface="${escapeXml(font)}"/></a:rPr><a:t>${escapeXml(marking.text)}</a:t></a:r></a:p></p:txBody></p:sp>`
  // The top banner above the slide's picture (1.25 in down); the bottom one above the page number's line.
  const yTop = 182880
  const yBottom = NOTES_PAGE.cy - 182880 - h - 91440
  const mark = (path: string, locked: boolean) => {
    const xml = text(path)
    if (!xml) return
    const next = Math.max(0, ...[...xml.matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => Number(m[1]))) + 1
    const banners = shape(next, yTop, 'Handling marking, top', locked) + shape(next + 1, yBottom, 'Handling marking, bottom', locked)
    parts.set(path, xml.replace('</p:spTree>', `${banners}</p:spTree>`))
  }
  mark('ppt/notesMasters/notesMaster1.xml', false)
  for (const path of parts.keys()) if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(path)) mark(path, true)
}
