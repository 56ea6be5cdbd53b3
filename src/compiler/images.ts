/**
 * Pictures on slides: the `{width=60% .left}` attributes after a Markdown image, and the
 * `src` of raw `<img>` tags, which follow the same path rule as Markdown images (relative to
 * the slide file, inside the project, must exist). Pure; markdown.ts calls these.
 */
import type { MarkedExtension, Token, Tokens } from 'marked'
import { decodeHtml, escapeHtml } from '../text/escape.ts'
import { diag } from './diagnostics.ts'
import type { Diagnostic, SourcePos } from './types.ts'

/** A Markdown image with the `{…}` written right after it. */
export interface ImageToken extends Tokens.Image {
  attrs?: string
  /** Validated: HTML attributes to add to the `<img>`. */
  extra?: Record<string, string>
}

/**
 * marked leaves `{width=60%}` after `![alt](path)` as text; move it onto the image token
 * (`attrs`), in every inline run of `tokens`. Only braces that touch the `)` count.
 */
export function attachImageAttrs(tokens: Token[]): void {
  for (const t of tokens) {
    const kids = (t as { tokens?: Token[] }).tokens
    if (kids) attachImageAttrs(kids)
    const items = (t as { items?: Token[] }).items
    if (items) attachImageAttrs(items)
  }
  for (let i = 0; i < tokens.length - 1; i++) {
    const img = tokens[i] as ImageToken
    const next = tokens[i + 1] as Tokens.Text
    if (img.type !== 'image' || next.type !== 'text') continue
    const m = /^\{([^{}\n]*)\}/.exec(next.raw)
    if (!m) continue
    img.attrs = m[1] ?? ''
    next.raw = next.raw.slice(m[0].length)
    next.text = next.text.slice(m[0].length)
    if (next.raw === '') tokens.splice(i + 1, 1)
  }
}

const RE_WORD = /\.([^\s=.{}]+)|([A-Za-z][\w-]*)=("[^"]*"|'[^']*'|[^\s"']*)|(\S+)/g
const RE_CLASS = /^-?[A-Za-z_][\w-]*$/
const HINT = 'write e.g. {width=60%}, {height=300px} or {.left}: width/height in % of the slide body or px, ".name" a CSS class'

/**
 * Check an image's `{…}`: `width=` / `height=` (a percentage of the slide body, or pixels on
 * the 1280x720 slide) and `.class` names. Returns the `<img>` attributes to add.
 */
export function imageOptions(attrs: string, pos: SourcePos): { extra: Record<string, string>; diagnostics: Diagnostic[] } {
  const extra: Record<string, string> = {}
  const classes: string[] = []
  const diagnostics: Diagnostic[] = []
  for (const m of attrs.matchAll(RE_WORD)) {
    const [word, klass, key, rawValue, other] = m
    if (klass !== undefined) {
      if (RE_CLASS.test(klass)) classes.push(klass)
      else diagnostics.push(diag('meta-invalid', pos, `".${klass}" after the image is not a CSS class name: ${HINT}`))
    } else if (key === 'width' || key === 'height') {
      const value = (rawValue ?? '').replace(/^(["'])(.*)\1$/, '$2')
      const size = /^(\d{1,4}(?:\.\d+)?)(%|px)?$/.exec(value)
      const n = Number(size?.[1])
      const max = size?.[2] === '%' ? 100 : key === 'width' ? 1280 : 720
      if (!size || !(n > 0) || n > max)
        diagnostics.push(
          diag(
            'meta-invalid',
            pos,
            `"${key}=${value}" after the image is not a size: use a percentage from 1% to 100% or pixels up to ${max}, e.g. ${key}=60% or ${key}=${key === 'width' ? 480 : 300}px`,
          ),
        )
      else extra[key] = size[2] === '%' ? `${n}%` : String(n)
    } else {
      diagnostics.push(diag('meta-invalid', pos, `"${key ?? other ?? word}" is not understood after the image: ${HINT}`))
    }
  }
  if (classes.length) extra.class = classes.join(' ')
  return { extra, diagnostics }
}

/** marked renders an image with validated `{…}` attributes as `<img … width="60%" class="left">`. */
export const imageAttrsExtension: MarkedExtension = {
  renderer: {
    image(token) {
      const extra = (token as ImageToken).extra
      if (!extra || Object.keys(extra).length === 0) return false
      const title = token.title ? ` title="${attr(token.title)}"` : ''
      const more = Object.entries(extra)
        .map(([k, v]) => ` ${k}="${attr(v)}"`)
        .join('')
      return `<img src="${attr(token.href)}" alt="${attr(token.text)}"${title}${more}>`
    },
  },
}

/** An attribute value from Markdown, where an author may have written entity references already. */
function attr(s: string): string {
  return escapeHtml(decodeHtml(s))
}

/** A `src` in raw HTML: the value, and the offset of the value inside the HTML. */
export interface RawSrc {
  value: string
  /** Offset of the `<img` tag in the HTML (for the error's position). */
  tag: number
  /** Offset and length of the value as written (inside its quotes, if any). */
  at: number
  length: number
}

const RE_IMG = /<img\b[^>]*>/gi
const RE_SRC = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i

/** Every `<img src>` in a piece of raw HTML. */
export function rawImageSources(html: string): RawSrc[] {
  const out: RawSrc[] = []
  for (const tag of html.matchAll(RE_IMG)) {
    const m = RE_SRC.exec(tag[0])
    if (!m) continue
    const value = m[1] ?? m[2] ?? m[3] ?? ''
    const quoted = m[1] !== undefined || m[2] !== undefined
    const valueStart = m.index + m[0].length - value.length - (quoted ? 1 : 0)
    out.push({ value, tag: tag.index, at: tag.index + valueStart, length: value.length })
  }
  return out
}

/** The position `offset` characters into `text`, which starts at `start`. */
export function posIn(start: SourcePos, text: string, offset: number): SourcePos {
  const before = text.slice(0, offset)
  const nl = before.lastIndexOf('\n')
  if (nl < 0) return { ...start, column: start.column + offset }
  return { ...start, line: start.line + (before.match(/\n/g) ?? []).length, column: offset - nl }
}

/** A paragraph holding only images gets the class that lets them fill the room left on the slide. */
export function markImageParagraphs(html: string): string {
  return html.replace(/<p>((?:\s*<img\b[^>]*>)+\s*)<\/p>/g, '<p class="deck-image">$1</p>')
}
