/**
 * The package's parts: read from pptxgenjs before it zips them, then what it leaves out or fills
 * with placeholders set in their XML (notes a paragraph each, decorative rules, title positions,
 * bullet colours, timings, figure PNG fallbacks, the language and the theme).
 */
import JSZip from 'jszip'
import type PptxGenJS from 'pptxgenjs'
import { escapeXml } from '../text/escape.ts'
import type { DeckInfo, ExtractedDeck, FigurePngs, Paragraph } from './model.ts'
import { color, emu } from './units.ts'

/** A package's parts by path: XML as text, media as bytes, in pptxgenjs's order ([Content_Types].xml first). */
export type Parts = Map<string, string | Uint8Array>

/** The parts pptxgenjs writes: its package, written uncompressed, read back. */
export async function pptxParts(pptx: PptxGenJS): Promise<Parts> {
  const written = (await pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array
  const zip = await JSZip.loadAsync(written)
  const files = Object.values(zip.files).filter((f) => !f.dir)
  const data = await Promise.all(files.map((f) => (/\.(xml|rels)$/.test(f.name) ? f.async('string') : f.async('uint8array'))))
  return new Map(files.map((f, i) => [f.name, data[i] as string | Uint8Array]))
}

/** The package of `parts`, in their order: text deflated, media (already compressed) stored. */
export function zipParts(parts: Parts): Promise<Uint8Array> {
  const zip = new JSZip()
  for (const [name, data] of parts) zip.file(name, data, { compression: /\.(png|jpe?g|gif)$/i.test(name) ? 'STORE' : 'DEFLATE', createFolders: false })
  // Level 1: a third of level 6's CPU in jszip's JavaScript deflate, for a package 1 % larger.
  return zip.generateAsync({ type: 'uint8array', compressionOptions: { level: 1 } })
}

const xml = escapeXml

/** A notes paragraph as DrawingML: its runs with bold and italic kept, list items bulleted. */
function notesParagraphXml(p: Paragraph, lang: string): string {
  const lvl = p.level ?? 0
  const bullet =
    p.bullet === 'number'
      ? `<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"${p.number && p.number > 1 ? ` startAt="${p.number}"` : ''}/>`
      : p.bullet
        ? '<a:buFont typeface="+mn-lt"/><a:buChar char="•"/>'
        : '<a:buNone/>'
  const marL = p.bullet ? 285750 * (lvl + 1) : 0
  const pPr = `<a:pPr marL="${marL}" indent="${p.bullet ? -285750 : 0}">${bullet}</a:pPr>`
  const runs = p.runs
    .map((r) => {
      const attrs = `lang="${xml(lang)}"${r.bold ? ' b="1"' : ''}${r.italic ? ' i="1"' : ''} dirty="0"`
      return `<a:r><a:rPr ${attrs}/><a:t>${xml(r.text)}</a:t></a:r>${r.br ? `<a:br><a:rPr lang="${xml(lang)}"/></a:br>` : ''}`
    })
    .join('')
  return `<a:p>${pPr}${runs}</a:p>`
}

const DECORATIVE =
  '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'

/** Keep the first `<a:pPr>` of each paragraph: a second one makes the file invalid (PowerPoint repairs it). */
export function onePPrPerParagraph(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_m, inner: string) => {
    let seen = false
    return `<a:p>${inner.replace(/<a:pPr\b[^>]*\/>|<a:pPr\b[^>]*>[\s\S]*?<\/a:pPr>/g, (p) => {
      if (seen) return ''
      seen = true
      return p
    })}</a:p>`
  })
}

/** The parts pptxgenjs leaves out or fills with placeholders. */
export function finish(parts: Parts, info: DeckInfo, extracted: ExtractedDeck, pngs: FigurePngs, figures: { slide: number; key: string }[]): void {
  const text = (path: string): string | undefined => {
    const v = parts.get(path)
    return typeof v === 'string' ? v : v && Buffer.from(v).toString('utf8')
  }
  const byId = new Map(extracted.slides.map((s) => [s.id, s]))
  // Notes: a paragraph per paragraph (pptxgenjs writes one run with line breaks in it).
  for (const [i, s] of info.slides.entries()) {
    const path = `ppt/notesSlides/notesSlide${i + 1}.xml`
    const before = text(path)
    if (before === undefined) continue
    const notes = byId.get(s.id)?.notes ?? []
    const body = notes.length ? notes.map((p) => notesParagraphXml(p, info.lang)).join('') : `<a:p><a:endParaRPr lang="${xml(info.lang)}"/></a:p>`
    const updated = before.replace(
      /(<p:ph type="body" idx="1"\/><\/p:nvPr><\/p:nvSpPr><p:spPr\/><p:txBody><a:bodyPr\/><a:lstStyle\/>)[\s\S]*?(<\/p:txBody>)/,
      (_m, head: string, tail: string) => `${head}${body}${tail}`,
    )
    if (updated === before) throw new Error(`could not write the notes of slide ${i + 1}: pptxgenjs's notes layout changed`)
    parts.set(path, updated)
  }

  for (const [i, s] of info.slides.entries()) {
    const path = `ppt/slides/slide${i + 1}.xml`
    let slideXml = text(path)
    const model = byId.get(s.id)
    if (slideXml === undefined || !model) continue
    // One paragraph-properties element per paragraph: pptxgenjs writes one before every run.
    slideXml = onePPrPerParagraph(slideXml)
    // The rules under titles and beside quotes are decoration: marked so, the accessibility
    // checker asks no alt text for them (Office 2019's "decorative" flag).
    slideXml = slideXml.replace(/<p:sp>(?:(?!<\/p:sp>)[\s\S])*?<\/p:sp>/g, (sp) =>
      sp.includes('prst="line"') ? sp.replace(/(<p:cNvPr [^>]*?)(?:\/>|><\/p:cNvPr>)/, `$1>${DECORATIVE}</p:cNvPr>`) : sp,
    )
    // The title placeholder where the browser put this slide's heading (pptxgenjs copies the layout's).
    const b = model.title.box
    const xfrm = `<a:xfrm><a:off x="${emu(b.x)}" y="${emu(b.y)}"/><a:ext cx="${emu(b.w)}" cy="${emu(b.h)}"/></a:xfrm>`
    slideXml = slideXml.replace(/(type="title"[\s\S]*?<p:spPr>)<a:xfrm>[\s\S]*?<\/a:xfrm>/, `$1${xfrm}`)
    // Bullets in the list's marker colour (pptxgenjs has no option for it).
    const marker = model.blocks.flatMap((bl) => (bl.kind === 'text' ? bl.paragraphs : [])).find((p) => p.markerColor)?.markerColor
    if (marker) slideXml = slideXml.replace(/<a:buSzPct val="100000"\/>/g, `<a:buClr><a:srgbClr val="${color(marker)}"/></a:buClr>$&`)
    // Planned time per slide, as PowerPoint's rehearsed timings (shown in the slide sorter).
    const transition = `<p:transition advTm="${Math.max(0, Math.round(s.seconds * 1000))}"/>`
    slideXml = slideXml.replace(/<p:transition[^>]*\/>|<p:transition[\s\S]*?<\/p:transition>/, '').replace(/(<\/p:clrMapOvr>)/, `$1${transition}`)
    parts.set(path, slideXml)
  }
  // …which never advance the show by themselves: "use timings" off.
  parts.set(
    'ppt/presProps.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<p:presentationPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:showPr showNarration="1" useTimings="0"><p:sldAll/></p:showPr></p:presentationPr>',
  )

  // Figures: the PNG each SVG picture falls back to (pptxgenjs cannot render SVG in Node).
  let perSlide = 0
  let lastSlide = 0
  for (const f of figures) {
    perSlide = f.slide === lastSlide ? perSlide + 1 : 0
    lastSlide = f.slide
    const png = pngs.get(f.key)
    if (!png) continue
    const slideXml = text(`ppt/slides/slide${f.slide}.xml`) ?? ''
    const rels = text(`ppt/slides/_rels/slide${f.slide}.xml.rels`) ?? ''
    const pics = [...slideXml.matchAll(/<a:blip r:embed="(rId\d+)"[^>]*>\s*<a:extLst>[\s\S]*?svgBlip/g)]
    const rId = pics[perSlide]?.[1]
    const target = rId ? new RegExp(`Id="${rId}"[^>]*Target="\\.\\./media/([^"]+)"`).exec(rels)?.[1] : undefined
    if (target) parts.set(`ppt/media/${target}`, png)
  }

  // Document properties: the language.
  const core = text('docProps/core.xml')
  if (core) parts.set('docProps/core.xml', core.replace('</dc:subject>', `</dc:subject><dc:language>${xml(info.lang)}</dc:language>`))

  // Theme: the deck's colours and fonts, so new slides and recoloured shapes match it.
  const themePath = 'ppt/theme/theme1.xml'
  const theme = text(themePath)
  if (theme) {
    const p = extracted.palette
    const scheme: Record<string, string> = {
      dk1: p.ink,
      lt1: p.background,
      dk2: p.dark,
      lt2: p.onDark,
      accent1: p.accent,
      accent2: p.accent2,
      accent3: p.muted,
      hlink: p.link || p.accent,
    }
    let t = theme.replace('<a:clrScheme name="Office">', '<a:clrScheme name="Deck">')
    for (const [slot, hex] of Object.entries(scheme)) {
      const c = color(hex)
      if (c) t = t.replace(new RegExp(`<a:${slot}>[\\s\\S]*?</a:${slot}>`), `<a:${slot}><a:srgbClr val="${c}"/></a:${slot}>`)
    }
    parts.set(themePath, t)
  }
}
