/** Small, pure helpers shared by the figure renderers: escaping, number formatting, text layout, the SVG wrapper. */
import { escapeXml } from '../text/escape.ts'
import { ESTIMATE, type TextMeasure } from './measure.ts'

export type { TextMeasure } from './measure.ts'

/** The figures' escape, from the tool's one escape module. */
export { escapeXml }

/**
 * The room a figure gets on a 1280×720 slide: the body's width (1280 − 2 × 72 px) and the height
 * left under a kicker and a one-line title, above the deck's navigation arrows. The figure's SVG
 * is scaled to fit this box, so its text shows at `size × slideScale(width, height)` slide pixels.
 */
export const SLIDE_FIGURE_BOX = { width: 1136, height: 420 } as const
/** Smallest text a figure may show, in slide pixels: 3 % of the 720 px slide height. */
export const MIN_TEXT_PX = 22

/** How much a `width`×`height` viewBox is scaled when fitted into the slide's figure box. */
export function slideScale(width: number, height: number): number {
  return Math.min(SLIDE_FIGURE_BOX.width / width, SLIDE_FIGURE_BOX.height / height)
}

export interface SvgFrame {
  /** Figure name, used in the class `figure figure-{name}`. */
  name: string
  /** Unique prefix for element ids (already validated). */
  id: string
  width: number
  height: number
  /** Short accessible name. */
  title: string
  /** Full text equivalent: the author's alt text followed by everything the figure shows. */
  desc: string
  /** Inner SVG markup. */
  body: string
  /** `data-*` attributes on the root, for editions that rebuild the figure from its data. */
  data?: Record<`data-${string}`, string>
}

// HTML ids (the figures are inlined in HTML) may start with a digit; slide ids like "04-economy" do.
const RE_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/

/** Throws unless `id` can prefix XML ids and be listed in `aria-labelledby` (no spaces, no markup). */
export function assertValidIdPrefix(id: string): void {
  if (!RE_ID.test(id)) {
    throw new RangeError(`Figure id "${id}" must be non-empty and contain only letters, digits, "_", "." or "-" (not starting with "." or "-")`)
  }
}

/** Rounds to one decimal and prints without a trailing ".0" (deterministic, compact). */
export function num(value: number): string {
  const r = Math.round(value * 10) / 10
  return String(Object.is(r, -0) ? 0 : r)
}

/** Renders attributes in the given order; `undefined` values are skipped, numbers go through `num`. */
export function attrs(values: Record<string, string | number | undefined>): string {
  let out = ''
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue
    // Path data is built from raw numbers: round them like every other coordinate.
    const text = typeof value === 'number' ? num(value) : key === 'd' ? value.replace(/-?\d+\.\d{2,}(e-?\d+)?/g, (n) => num(Number(n))) : value
    out += ` ${key}="${typeof value === 'number' ? text : escapeXml(text)}"`
  }
  return out
}

/**
 * Advance width of `text` in px at `size` px, as `measure` (the deck's fonts, src/fonts/) sets it;
 * `ESTIMATE` where no font is known.
 */
export function textWidth(text: string, size: number, bold = false, measure: TextMeasure = ESTIMATE): number {
  let em = 0
  for (const ch of text) em += measure.advance(ch.codePointAt(0) ?? 0, bold)
  return em * size
}

/** A `<text>` element; several lines become `<tspan>`s spaced by `lineHeight`. */
export function text(
  lines: string | readonly string[],
  x: number,
  y: number,
  cls: string,
  opts: { anchor?: 'start' | 'middle' | 'end'; lineHeight?: number; size?: number } = {},
): string {
  const list = typeof lines === 'string' ? [lines] : lines
  const anchor = opts.anchor && opts.anchor !== 'start' ? opts.anchor : undefined
  const head = `<text${attrs({ class: cls, x, y, 'font-size': opts.size, 'text-anchor': anchor })}>`
  if (list.length === 1) return `${head}${escapeXml(list[0] ?? '')}</text>`
  const dy = opts.lineHeight ?? 24
  const spans = list.map((line, i) => `<tspan${attrs({ x, dy: i === 0 ? undefined : dy })}>${escapeXml(line)}</tspan>`)
  return `${head}${spans.join('')}</text>`
}

/** Text with one of these classes gets a halo in the figure's background colour (water's for `fig-label-water`). */
export const HALO_CLASSES: readonly string[] = ['fig-label', 'fig-legend']

/**
 * Gives each haloed `<text>` an id and a `<use>` of it just beneath, drawn through a dilating
 * filter: the halo is a picture of the glyphs, not text, so a PDF's text layer and a screen
 * reader get each label once (a stroke with `paint-order` prints the words twice).
 */
function withHalos(body: string, id: string): { body: string; defs: string } {
  let n = 0
  const out = body.replace(/<text\b[^>]*>/g, (tag) => {
    const cls = /\bclass="([^"]*)"/.exec(tag)?.[1]?.split(/\s+/) ?? []
    if (!cls.some((c) => HALO_CLASSES.includes(c))) return tag
    const tid = `${id}-t${n++}`
    const filter = `url(#${id}-halo${cls.includes('fig-label-water') ? '-water' : ''})`
    return `<use${attrs({ href: `#${tid}`, class: 'fig-halo', filter, 'aria-hidden': 'true' })}/>${tag.replace('<text', `<text id="${tid}"`)}`
  })
  if (n === 0) return { body, defs: '' }
  const halo = (suffix: string, cls: string) =>
    `<filter${attrs({ id: `${id}-halo${suffix}`, x: '-0.1', y: '-0.3', width: '1.2', height: '1.6' })}>` +
    `<feMorphology${attrs({ in: 'SourceAlpha', operator: 'dilate', radius: '3.5', result: 'grown' })}/>` +
    `<feFlood${attrs({ class: cls })}/><feComposite${attrs({ operator: 'in', in2: 'grown' })}/></filter>`
  return { body: out, defs: `<defs>${halo('', 'fig-halo-bg')}${halo('-water', 'fig-halo-water')}</defs>` }
}

/** Wraps a figure body in the accessible `<svg>` root every figure shares. */
export function svgDocument(frame: SvgFrame): string {
  const { id, name } = frame
  const { body, defs } = withHalos(frame.body, id)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({
      viewBox: `0 0 ${num(frame.width)} ${num(frame.height)}`,
      role: 'img',
      'aria-labelledby': `${id}-title`,
      'aria-describedby': `${id}-desc`,
      class: `figure figure-${name}`,
      ...frame.data,
    })}>` +
    `<title id="${id}-title">${escapeXml(frame.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(frame.desc)}</desc>` +
    defs +
    // The drawing's words are in the description: hidden here so nothing reads them twice
    // (reveal.js's status region reads a slide's text, skipping what is aria-hidden).
    `<g aria-hidden="true">${body}</g>` +
    `</svg>`
  )
}

/** Joins the author's alt text and the generated description into one sentence sequence. */
export function joinDesc(alt: string, details: string): string {
  const a = alt.trim()
  if (a === '') return details
  return /[.!?]$/.test(a) ? `${a} ${details}` : `${a}. ${details}`
}

/** Greedy word wrap to `maxWidth` px using `textWidth`; a word longer than the line stays whole. */
export function wrapText(value: string, size: number, maxWidth: number, bold: boolean, measure: TextMeasure): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of value.split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (line !== '' && textWidth(candidate, size, bold, measure) > maxWidth) {
      lines.push(line)
      line = word
    } else {
      line = candidate
    }
  }
  if (line !== '') lines.push(line)
  return lines
}

/**
 * Word wrap with the fewest lines that fit `maxWidth`, then as even as possible: the narrowest
 * width that still gives that many lines (so "a b c d" wraps 2+2 rather than 3+1).
 */
export function wrapBalanced(value: string, size: number, maxWidth: number, bold: boolean, measure: TextMeasure): string[] {
  const greedy = wrapText(value, size, maxWidth, bold, measure)
  let lo = 0
  let hi = maxWidth
  let best = greedy
  for (let i = 0; i < 20; i++) {
    const mid = (lo + hi) / 2
    const lines = wrapText(value, size, mid, bold, measure)
    if (lines.length <= greedy.length && lines.every((l) => textWidth(l, size, bold, measure) <= maxWidth)) {
      best = lines
      hi = mid
    } else {
      lo = mid
    }
  }
  return best
}

/** One piece of a label (a date, a name, a note): its wrapped lines, all at one size and weight. */
export interface TextRun {
  lines: readonly string[]
  size: number
  bold?: boolean
  cls: string
}

/** Runs stacked into one label, with the box they take. */
export interface TextBlock {
  runs: readonly TextRun[]
  width: number
  height: number
}

/** Distance between baselines for text of `size` px. */
export const lineHeight = (size: number): number => Math.round(size * 1.22)

/** A label from its runs (empty runs are dropped); its width is the widest line. */
export function textBlock(runs: readonly TextRun[], measure: TextMeasure): TextBlock {
  const kept = runs.filter((r) => r.lines.length > 0)
  let width = 0
  let height = 0
  for (const r of kept) {
    for (const line of r.lines) width = Math.max(width, textWidth(line, r.size, r.bold, measure))
    height += lineHeight(r.size) * r.lines.length
  }
  return { runs: kept, width, height }
}

/** Draws a label with its top edge at `top`, centred on `cx` (or starting/ending there). */
export function drawBlock(b: TextBlock, cx: number, top: number, anchor: 'start' | 'middle' | 'end' = 'middle'): string {
  let y = top
  let out = ''
  for (const r of b.runs) {
    const lh = lineHeight(r.size)
    out += text(r.lines, cx, y + lh * 0.8, r.cls, { anchor, lineHeight: lh, size: r.size })
    y += lh * r.lines.length
  }
  return out
}

/** Every font size a rendered figure sets, from its `font-size` attributes (for tests and checks). */
export function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/<text\b[^>]*\bfont-size="([\d.]+)"/g)].map((m) => Number(m[1]))
}

/** The viewBox size of a rendered figure. */
export function viewBoxOf(svg: string): { width: number; height: number } {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)
  return { width: Number(m?.[1] ?? 0), height: Number(m?.[2] ?? 0) }
}
