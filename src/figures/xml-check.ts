/**
 * Test support: a strict parser for the small XML subset the figures emit (elements, double-quoted
 * attributes, text, the five predefined entities and numeric references). Anything else (comments,
 * CDATA, processing instructions, unescaped `<` or `&`, mismatched or unclosed tags, duplicate
 * attributes, text outside the root) throws, so a successful parse means the SVG is well-formed.
 */
import { decodeXml } from '../text/escape.ts'

export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
}
export type XmlNode = XmlElement | string

const RE_TOKEN = /<[^>]*>|[^<]+|</g
const RE_START = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)>$/
const RE_ATTR = /([A-Za-z_][\w.:-]*)\s*=\s*"([^"<]*)"/g
const RE_END = /^<\/([A-Za-z_][\w.:-]*)\s*>$/
const RE_BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/

function decode(raw: string): string {
  if (RE_BAD_AMP.test(raw)) throw new SyntaxError(`Unescaped "&" in ${JSON.stringify(raw.slice(0, 60))}`)
  return decodeXml(raw)
}

/** Parses `source` into its root element, or throws a SyntaxError saying what is malformed. */
export function parseXml(source: string): XmlElement {
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  for (const match of source.matchAll(RE_TOKEN)) {
    const token = match[0]
    if (token.startsWith('<')) {
      if (token === '<') throw new SyntaxError(`Unescaped "<" at ${match.index}`)
      const end = RE_END.exec(token)
      if (end) {
        const open = stack.pop()
        if (!open || open.name !== end[1]) throw new SyntaxError(`Unexpected ${token} (open: ${open?.name ?? 'none'})`)
        continue
      }
      const start = RE_START.exec(token)
      if (!start) throw new SyntaxError(`Malformed tag ${token.slice(0, 80)}`)
      const attrs: Record<string, string> = {}
      for (const [, key, value] of (start[2] ?? '').matchAll(RE_ATTR)) {
        if (key === undefined || value === undefined) continue
        if (key in attrs) throw new SyntaxError(`Duplicate attribute ${key} in <${start[1]}>`)
        attrs[key] = decode(value)
      }
      const element: XmlElement = { name: start[1] ?? '', attrs, children: [] }
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(element)
      else if (root) throw new SyntaxError('More than one root element')
      else root = element
      if (start[3] !== '/') stack.push(element)
    } else {
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(decode(token))
      else if (token.trim() !== '') throw new SyntaxError('Text outside the root element')
    }
  }
  if (stack.length > 0) throw new SyntaxError(`Unclosed <${stack[stack.length - 1]?.name}>`)
  if (!root) throw new SyntaxError('No root element')
  return root
}

/** All elements in document order (the root included) that satisfy `test`. */
export function findAll(node: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = []
  const walk = (e: XmlElement): void => {
    if (test(e)) out.push(e)
    for (const child of e.children) if (typeof child !== 'string') walk(child)
  }
  walk(node)
  return out
}

export const hasClass =
  (cls: string) =>
  (e: XmlElement): boolean =>
    (e.attrs.class ?? '').split(/\s+/).includes(cls)

/** Text content; each `<text>`/`<tspan>` boundary becomes a space so multi-line labels read naturally. */
export function textOf(node: XmlNode): string {
  if (typeof node === 'string') return node
  const inner = node.children.map(textOf).join(node.name === 'text' ? ' ' : '')
  return (node.name === 'tspan' || node.name === 'text' ? ` ${inner} ` : inner).replace(/\s+/g, ' ').trim()
}

/** The visible text items (each `<text>` element) under `node`, excluding `<title>`/`<desc>`. */
export function visibleTexts(node: XmlElement): string[] {
  return findAll(node, (e) => e.name === 'text').map(textOf)
}

/** A text's box in viewBox units. */
export interface TextBox {
  text: string
  cls: string
  size: number
  x0: number
  x1: number
  y0: number
  y1: number
}

const BOLD = /\bfig-(date|event-label|lane-title|order|roof-text|pillar-name|base-text|value|axis-title|year)\b/

/**
 * The box every `<text>` takes, from its position, anchor, `font-size` and the same width estimate
 * the layout uses (each `<tspan>` is a line; bold classes measured bold). Ascent 0.75, descent 0.22.
 */
export function textBoxes(root: XmlElement, width: (text: string, size: number, bold: boolean) => number): TextBox[] {
  return findAll(root, (e) => e.name === 'text').flatMap((t) => {
    const size = Number(t.attrs['font-size'] ?? NaN)
    const x = Number(t.attrs.x ?? 0)
    let y = Number(t.attrs.y ?? 0)
    const anchor = t.attrs['text-anchor'] ?? 'start'
    const cls = t.attrs.class ?? ''
    const spans = t.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === 'tspan')
    const lines = spans.length ? spans.map((s, i) => ({ text: textOf(s), dy: i === 0 ? 0 : Number(s.attrs.dy ?? 0) })) : [{ text: textOf(t), dy: 0 }]
    return lines.map((l) => {
      y += l.dy
      const w = width(l.text, size, BOLD.test(cls))
      const x0 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x
      return { text: l.text, cls, size, x0, x1: x0 + w, y0: y - 0.75 * size, y1: y + 0.22 * size }
    })
  })
}

/** Pairs of boxes from different texts that overlap (with `gap` units of tolerance). */
export function overlaps(boxes: readonly TextBox[], gap = 0): [TextBox, TextBox][] {
  const out: [TextBox, TextBox][] = []
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as TextBox
      const b = boxes[j] as TextBox
      if (a.x0 < b.x1 - gap && b.x0 < a.x1 - gap && a.y0 < b.y1 - gap && b.y0 < a.y1 - gap) out.push([a, b])
    }
  return out
}
