/**
 * The compiled deck, as laid out by the browser (`model.ts`), into an editable PowerPoint
 * file. Pure: data in, the .pptx bytes out (pptxgenjs writes the package's parts; a few it does not
 * cover are then set in their XML, and jszip makes the package again).
 *
 * What goes where:
 * - each slide's heading into the title placeholder of a slide layout ("Deck", "Deck, dark", or
 *   "Deck, title" for a title slide showing deck.yaml's logo large), so PowerPoint's outline view
 *   and accessibility checker find it; the marking, footer and logo on the layouts;
 * - lists as bulleted or numbered paragraphs with their levels; tables as tables; every other
 *   block (paragraphs, quotes, big numbers, code) as a text box; emphasis, code and links kept;
 * - charts as native charts with the same data (src/pptx/chart.ts); other figures as SVG pictures
 *   with a PNG fallback (how PowerPoint stores SVG); both with their text equivalent as alt
 *   text; images with their alt text;
 * - speaker notes into the notes pane, a paragraph each; the planned time per slide as the
 *   slide's rehearsed timing (with "use timings" off, so nothing advances by itself);
 * - sections as PowerPoint sections; the title, subject and language in the document properties;
 *   the deck's colours and fonts in the theme.
 */
import PptxGenJS from 'pptxgenjs'
import { inkOn, MARKING_DEFAULT, showDate } from '../compiler/identity.ts'
import { appProperties } from './app-props.ts'
import { addNativeChart, type ChartPoints, pointColours } from './chart.ts'
import { logoObject, masterObjects } from './identity.ts'
import { shareMedia } from './media.ts'
import type { Block, DeckInfo, ExtractedDeck, FigurePngs, Palette, Paragraph, Run, TextBlock, TextStyle } from './model.ts'
import { fitNotesPages, markNotesPages } from './notes-page.ts'
import { finish, pptxParts, zipParts } from './parts.ts'
import { color, inch, pt } from './units.ts'

/** Room kept below the lowest block, px (the frame's bottom padding stays clear). */
const SLIDE_H = 720
const BOTTOM_CLEAR = 24

/**
 * PowerPoint sections: a run of slides with the same `section` is one, named as in the agenda.
 * Slides outside any section: the opening run is named after the deck (`deckTitle`), a later run
 * (the close) after its first slide.
 */
export function sectionNames(slides: readonly DeckInfo['slides'][number][], deckTitle?: string): string[] {
  const names: string[] = []
  const used = new Map<string, number>()
  let current = ''
  slides.forEach((s, i) => {
    if (i === 0 || s.section !== slides[i - 1]?.section) {
      const base = s.section ?? (i === 0 && deckTitle ? deckTitle : s.title)
      const n = (used.get(base) ?? 0) + 1
      used.set(base, n)
      current = n === 1 ? base : `${base} (${n})`
    }
    names.push(current)
  })
  return names
}

/**
 * The .pptx bytes. `pngs` may be a promise: the figures' PNGs are needed only at the end, so a
 * caller can draw them while the slides are converted.
 */
export async function deckToPptx(info: DeckInfo, extracted: ExtractedDeck, pngs: FigurePngs | Promise<FigurePngs> = new Map()): Promise<Uint8Array> {
  const { palette } = extracted
  const byId = new Map(extracted.slides.map((s) => [s.id, s]))
  const slideNumber = new Map(info.slides.map((s, i) => [s.id, i + 1]))
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_WIDE'
  pptx.title = info.title
  pptx.subject = [info.subtitle ?? info.title, info.date ? `as of ${showDate(info.date)}` : ''].filter(Boolean).join(', ')
  // Who made it (deck.yaml's author): never the deck's title; empty rather than pptxgenjs's own name.
  pptx.author = info.author ?? ''
  pptx.company = info.organisation ?? ''
  pptx.theme = { headFontFace: palette.font, bodyFontFace: palette.font, lang: info.lang } as PptxGenJS.ThemeProps

  const first = extracted.slides.find((s) => s.background === palette.background) ?? extracted.slides[0]
  const titleBox = first?.title.box ?? { x: 72, y: 52, w: 1136, h: 60 }
  const { logo } = extracted
  const small = logo?.small ? [logoObject(logo, logo.small)] : []
  // The title slide's own layout when it shows the logo large: its ground, its title's place.
  const opening = extracted.slides.find((s) => s.titleLogo)
  const openingBg = opening?.background ?? palette.dark
  // The footer's date ends left of the small logo, a gap (24px, assets/marking.css) before it.
  const footerRight = logo?.small ? logo.small.x - 24 : undefined
  const masters: [string, string, string, string, typeof titleBox, ReturnType<typeof logoObject>[], number | undefined][] = [
    ['Deck', palette.background, palette.ink, palette.muted, titleBox, small, footerRight],
    ['Deck, dark', palette.dark, palette.onDark, palette.onDark, titleBox, small, footerRight],
  ]
  if (opening && logo?.title) {
    const light = openingBg === palette.background
    masters.push([
      'Deck, title',
      openingBg,
      light ? palette.ink : palette.onDark,
      light ? palette.muted : palette.onDark,
      opening.title.box,
      [logoObject(logo, logo.title)],
      undefined,
    ])
  }
  for (const [name, bg, ink, muted, box, pictures, right] of masters) {
    pptx.defineSlideMaster({
      title: name,
      background: { color: color(bg) ?? 'FFFFFF' },
      objects: [
        {
          placeholder: {
            options: {
              name: 'title',
              type: 'title',
              x: inch(box.x),
              y: inch(box.y),
              w: inch(box.w),
              h: inch(box.h),
              fontFace: palette.font,
              color: color(ink),
              bold: true,
              margin: 0,
            } as PptxGenJS.PlaceholderProps,
            text: '',
          },
        },
        ...masterObjects(info, palette.font, muted, right),
        ...pictures,
      ],
    })
  }

  const names = sectionNames(info.slides, info.title)
  for (const name of new Set(names)) pptx.addSection({ title: name })

  const figureOrder: { slide: number; key: string }[] = []
  const charts: ChartPoints[] = []
  info.slides.forEach((s, i) => {
    const model = byId.get(s.id)
    if (!model) throw new Error(`slide "${s.id}" was not found in the laid-out deck`)
    const dark = model.background !== palette.background
    const masterName = model.titleLogo && logo?.title ? 'Deck, title' : dark ? 'Deck, dark' : 'Deck'
    const slide = pptx.addSlide({ masterName, sectionTitle: names[i] ?? '' })
    slide.background = { color: color(model.background) ?? 'FFFFFF' }
    const ctx: Ctx = { palette, lang: info.lang, slideNumber }
    // The title, in the layout's title placeholder (at the place the browser put it).
    slide.addText(textRuns(model.title, ctx), { ...boxOpts(model.title, model.title.box.h), ...blockOpts(model.title, ctx), placeholder: 'title' })
    if (model.kicker) slide.addText(textRuns(model.kicker, ctx), { ...boxOpts(model.kicker, model.kicker.box.h), ...blockOpts(model.kicker, ctx) })
    for (const r of model.rules) {
      slide.addShape('line', {
        x: inch(Math.min(r.x1, r.x2)),
        y: inch(Math.min(r.y1, r.y2)),
        w: inch(Math.abs(r.x2 - r.x1)),
        h: inch(Math.abs(r.y2 - r.y1)),
        line: { color: color(r.color) ?? '000000', width: pt(r.width) },
      })
    }
    if (model.byline) slide.addText(textRuns(model.byline, ctx), { ...boxOpts(model.byline, model.byline.box.h), ...blockOpts(model.byline, ctx) })
    let figures = 0
    let slideCharts = 0
    model.blocks.forEach((b, bi) => {
      const room = roomBelow(model.blocks, bi)
      if (b.kind === 'figure' && b.card) {
        // The figure's light card (the dark look), under it: its text is drawn for a light ground.
        const { box, color: fill } = b.card
        slide.addShape(pptx.ShapeType.rect, {
          x: inch(box.x),
          y: inch(box.y),
          w: inch(box.w),
          h: inch(box.h),
          fill: { color: color(fill) ?? 'FBFAF7' },
          line: { type: 'none' },
        })
      }
      if (b.kind === 'text') slide.addText(textRuns(b, ctx), { ...boxOpts(b, room), ...blockOpts(b, ctx) })
      else if (b.kind === 'table') addTable(slide, b, ctx)
      else if (b.kind === 'figure' && b.chart) {
        figures++
        const points = addNativeChart(pptx, slide, { ...b, chart: b.chart }, palette.font, info.lang)
        charts.push({ slide: i + 1, index: slideCharts++, type: b.chart.type, points })
      } else if (b.kind === 'figure') {
        const data = `data:image/svg+xml;base64,${Buffer.from(b.svg, 'utf8').toString('base64')}`
        slide.addImage({ data, x: inch(b.box.x), y: inch(b.box.y), w: inch(b.box.w), h: inch(b.box.h), altText: b.alt })
        figureOrder.push({ slide: i + 1, key: `${s.id}#${figures++}` })
      } else if (b.kind === 'image' && b.data) {
        slide.addImage({ data: b.data, x: inch(b.box.x), y: inch(b.box.y), w: inch(b.box.w), h: inch(b.box.h), altText: b.alt })
      }
    })
    // A notes slide for every slide; its text is written below, a paragraph each.
    slide.addNotes(model.notes.map(plain).join('\n') || ' ')
  })

  const parts = await pptxParts(pptx)
  pointColours(parts, charts)
  finish(parts, info, extracted, await pngs, figureOrder)
  fitNotesPages(
    parts,
    info.slides.map((s) => byId.get(s.id)?.notes ?? []),
  )
  if (info.marking) {
    const bg = info.marking.colour ?? MARKING_DEFAULT
    markNotesPages(parts, { text: info.marking.text, colour: bg, ink: inkOn(bg) }, palette.font, info.lang)
  }
  appProperties(
    parts,
    info.slides.map((s) => s.title),
  )
  shareMedia(parts)
  return zipParts(parts)
}

interface Ctx {
  palette: Palette
  lang: string
  slideNumber: Map<string, number>
}

/** The space a block may grow into: down to the next block below it, or the slide's foot. */
function roomBelow(blocks: readonly Block[], index: number): number {
  const b = blocks[index]
  if (!b) return 0
  const bottom = b.box.y + b.box.h
  let limit = SLIDE_H - BOTTOM_CLEAR
  for (const other of blocks) {
    if (other === b) continue
    const overlapsX = other.box.x < b.box.x + b.box.w && other.box.x + other.box.w > b.box.x
    if (overlapsX && other.box.y >= bottom - 1) limit = Math.min(limit, other.box.y - 4)
  }
  return Math.max(b.box.h, limit - b.box.y)
}

function boxOpts(b: TextBlock, h: number): PptxGenJS.TextPropsOptions {
  const inset = b.inset ?? { l: 0, t: 0, r: 0, b: 0 }
  return {
    x: inch(b.box.x),
    y: inch(b.box.y),
    w: inch(b.box.w),
    h: inch(h),
    // The browser's padding, as the box's inset (points): [left, right, bottom, top].
    margin: [pt(inset.l), pt(inset.r), pt(inset.b), pt(inset.t)],
    valign: 'top',
    // Where the reader's font is wider than the deck's, PowerPoint and Impress shrink the text.
    fit: 'shrink',
    ...(b.fill ? { fill: { color: color(b.fill) ?? 'FFFFFF' } } : {}),
  }
}

function blockOpts(b: TextBlock, ctx: Ctx): PptxGenJS.TextPropsOptions {
  const s: TextStyle = b.style
  return {
    fontFace: s.mono ? ctx.palette.mono : ctx.palette.font,
    fontSize: pt(s.size),
    color: color(s.color),
    bold: s.bold,
    italic: s.italic,
    align: s.align,
    lineSpacing: pt(s.lineHeight),
    ...(s.letterSpacing ? { charSpacing: pt(s.letterSpacing) } : {}),
    lang: ctx.lang,
  }
}

/** A block's paragraphs as pptxgenjs text runs: paragraph options on each run, a break after each paragraph. */
function textRuns(b: TextBlock, ctx: Ctx): PptxGenJS.TextProps[] {
  const out: PptxGenJS.TextProps[] = []
  const base = b.style
  // Text indent for list paragraphs: measured per level; pptxgenjs indents level n by (n + 1) × indent.
  const indent0 = b.paragraphs.find((p) => p.level === 0)?.indent
  b.paragraphs.forEach((p, pi) => {
    const paraOpts: PptxGenJS.TextPropsOptions = {}
    if (p.bullet) {
      const indent = pt(indent0 ?? p.indent ?? 24)
      const characterCode = p.glyph?.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')
      paraOpts.bullet =
        p.bullet === 'number'
          ? { type: 'number', numberType: 'arabicPeriod', numberStartAt: p.number ?? 1, indent }
          : { indent, ...(characterCode ? { characterCode } : {}) }
      paraOpts.indentLevel = p.level ?? 0
    }
    if (p.after && pi < b.paragraphs.length - 1) paraOpts.paraSpaceAfter = pt(p.after)
    const runs = p.runs.length ? p.runs : [{ text: '' }]
    runs.forEach((r, ri) => {
      const last = ri === runs.length - 1
      const opts = runOpts(r, base, ctx)
      const pieces = linkPieces(r.text, opts)
      pieces.forEach((piece, k) => {
        const end = last && k === pieces.length - 1 && pi < b.paragraphs.length - 1
        out.push({ text: piece.text, options: { ...paraOpts, ...piece.options, ...(end ? { breakLine: true } : {}) } })
      })
      if (r.br && !last) out.push({ text: '', options: { ...paraOpts, breakLine: true } })
    })
  })
  return out
}

/**
 * A linked run as a run per word, the spaces between them unlinked: Impress makes each linked run
 * one field, which it wraps as if it were one word ("A S|hared"). Other runs stay whole.
 */
export function linkPieces(text: string, options: PptxGenJS.TextPropsOptions): { text: string; options: PptxGenJS.TextPropsOptions }[] {
  if (!options.hyperlink || !/\S\s+\S/.test(text)) return [{ text, options }]
  const { hyperlink: _link, ...rest } = options
  // Underlined like the words around them (pptxgenjs underlines links), so the link reads as one.
  const plain = { ...rest, underline: rest.underline ?? { style: 'sng' as const } }
  return text
    .split(/(\s+)/)
    .filter(Boolean)
    .map((piece) => ({ text: piece, options: /^\s+$/.test(piece) ? plain : options }))
}

function runOpts(r: Run, base: TextStyle, ctx: Ctx): PptxGenJS.TextPropsOptions {
  const o: PptxGenJS.TextPropsOptions = {}
  if (r.bold !== undefined || base.bold) o.bold = r.bold ?? false
  if (r.italic !== undefined || base.italic) o.italic = r.italic ?? false
  if (r.underline) o.underline = { style: 'sng' }
  if (r.strike) o.strike = 'sngStrike'
  if (r.code && !base.mono) o.fontFace = ctx.palette.mono
  if (r.color) o.color = color(r.color)
  if (r.size) o.fontSize = pt(r.size)
  const link = r.href ? hyperlink(r.href, ctx) : undefined
  if (link) o.hyperlink = link
  return o
}

/** `decodeURIComponent`, or the text as it is when its escapes are malformed (`%E0%A4%A`). */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** A link PowerPoint can follow: to another slide (`#/<id>`), a web address or an e-mail. */
export function hyperlink(href: string, ctx: Pick<Ctx, 'slideNumber'>): PptxGenJS.HyperlinkProps | undefined {
  const internal = /^#\/?([^/?#]+)/.exec(href)
  if (internal) {
    const n = ctx.slideNumber.get(safeDecode(internal[1] ?? ''))
    return n ? { slide: n } : undefined
  }
  if (/^(https?:|mailto:)/i.test(href)) return { url: href }
  return undefined
}

function addTable(slide: PptxGenJS.Slide, b: Extract<Block, { kind: 'table' }>, ctx: Ctx): void {
  const rule = { type: 'solid' as const, pt: 0.75, color: color(b.ruleColor) ?? '999999' }
  const none = { type: 'none' as const }
  const rows: PptxGenJS.TableRow[] = b.rows.map((cells) =>
    cells.map((c) => ({
      // A <br> in a cell (a judgment's term over its confidence) is a line break here too.
      text: c.runs.map((r) => ({ text: r.text, options: { ...runOpts(r, b.style, ctx), ...(r.br ? { breakLine: true } : {}) } })),
      options: {
        bold: b.style.bold,
        align: c.align,
        colspan: c.colspan > 1 ? c.colspan : undefined,
        rowspan: c.rowspan > 1 ? c.rowspan : undefined,
        border: [none, none, rule, none],
      },
    })),
  )
  const total = b.colW.reduce((a, w) => a + w, 0) || b.box.w
  slide.addTable(rows, {
    x: inch(b.box.x),
    y: inch(b.box.y),
    w: inch(b.box.w),
    colW: b.colW.length ? b.colW.map((w) => inch((w / total) * b.box.w)) : undefined,
    rowH: b.rowH.map(inch),
    fontFace: ctx.palette.font,
    fontSize: pt(b.style.size),
    color: color(b.style.color),
    valign: 'middle',
    margin: 0.05,
  } as PptxGenJS.TableProps)
}

const plain = (p: Paragraph): string => p.runs.map((r) => r.text + (r.br ? '\n' : '')).join('')
