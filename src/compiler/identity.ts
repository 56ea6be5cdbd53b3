/**
 * deck.yaml's identity keys: who made the briefing (`author`, `organisation`, `date`), how it is
 * handled (`marking`), the `footer`, the `logo` and the `theme`. The checks for the key table in
 * schema.ts, and the reading of the files they name (through the read gate, via the env). Pure.
 */
import { closest } from '../text/did-you-mean.ts'
import { escapeHtml } from '../text/escape.ts'
import { contrastRatio } from './contrast.ts'
import { diag } from './diagnostics.ts'
import { resolveLocal } from './local-paths.ts'
import type { MarkdownEnv } from './markdown.ts'
import type { DeckConfig, Diagnostic, SourcePos } from './types.ts'

type Result<T> = { ok: true; value: T } | { ok: false; expected: string }

const RE_COLOUR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `YYYY-MM-DD` or `YYYY-MM`, a real day; YAML may hand over a Date for an unquoted day. */
export function asOfDate(v: unknown): Result<string> {
  const text = v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v
  const m = typeof text === 'string' ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text.trim()) : null
  const [y, mo, d] = [Number(m?.[1]), Number(m?.[2]), m?.[3] === undefined ? 1 : Number(m[3])]
  const real = m && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
  return real ? { ok: true, value: (text as string).trim() } : { ok: false, expected: 'a day as YYYY-MM-DD or a month as YYYY-MM, e.g. 2026-12-07' }
}

/** "7 December 2026", or "December 2026" for a month. */
export function showDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  const month = MONTHS[(m ?? 1) - 1] ?? ''
  return d ? `${d} ${month} ${y}` : `${month} ${y}`
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim() !== ''
const colour = (v: unknown): v is string => typeof v === 'string' && RE_COLOUR.test(v.trim())

/** Keys of a nested mapping that are not among `names`, for the message. */
function stray(v: Record<string, unknown>, names: readonly string[]): string | undefined {
  const bad = Object.keys(v).find((k) => !names.includes(k))
  if (bad === undefined) return undefined
  const near = closest(bad, names)
  return `an unknown key "${bad}"${near ? ` (did you mean "${near}"?)` : ''}`
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)

/** `marking: "OFFICIAL-SENSITIVE"` or `marking: { text: "TLP:AMBER", colour: "#ffc000" }`. */
export function marking(v: unknown): Result<NonNullable<DeckConfig['marking']>> {
  const expected = 'a text such as "OFFICIAL-SENSITIVE", or { text: "TLP:AMBER", colour: "#ffc000" }'
  if (text(v)) return { ok: true, value: { text: v.trim() } }
  if (!isMapping(v)) return { ok: false, expected }
  const bad = stray(v, ['text', 'colour'])
  if (bad) return { ok: false, expected: `${expected}, without ${bad}` }
  if (!text(v.text)) return { ok: false, expected: `${expected}: its "text" is missing` }
  if (v.colour !== undefined && !colour(v.colour)) return { ok: false, expected: `${expected}: "colour" is a #rrggbb colour` }
  return { ok: true, value: { text: v.text.trim(), ...(v.colour !== undefined ? { colour: (v.colour as string).trim() } : {}) } }
}

/** `logo: ../assets/logo.svg` or `logo: { file: ../assets/logo.svg, on: title }`; the path as written. */
export function logo(v: unknown): Result<NonNullable<DeckConfig['logo']>> {
  const expected = 'the path of an SVG, PNG or JPEG file relative to this file, e.g. "../assets/logo.svg", or { file: …, on: title }'
  if (text(v)) return { ok: true, value: { file: v.trim(), on: 'all' } }
  if (!isMapping(v)) return { ok: false, expected }
  const bad = stray(v, ['file', 'on'])
  if (bad) return { ok: false, expected: `${expected}, without ${bad}` }
  if (!text(v.file)) return { ok: false, expected: `${expected}: its "file" is missing` }
  if (v.on !== undefined && v.on !== 'title' && v.on !== 'all') return { ok: false, expected: `${expected}: "on" is title or all` }
  return { ok: true, value: { file: v.file.trim(), on: v.on === 'title' ? 'title' : 'all' } }
}

/** `theme: { look: light|dark, colours: { primary, accent }, font: <woff2 path> }`. */
export function theme(v: unknown): Result<NonNullable<DeckConfig['theme']>> {
  const expected =
    'indented lines under it: "look: light" or "look: dark", "colours: { primary: \\"#0b3d91\\", accent: \\"#d4351c\\" }", "font: ../assets/House.woff2"'
  if (!isMapping(v)) return { ok: false, expected }
  const bad = stray(v, ['look', 'colours', 'font'])
  if (bad) return { ok: false, expected: `${expected}, without ${bad}` }
  if (v.look !== undefined && v.look !== 'light' && v.look !== 'dark') return { ok: false, expected: `${expected}: "look" is light or dark` }
  const out: NonNullable<DeckConfig['theme']> = { look: v.look === 'dark' ? 'dark' : 'light' }
  if (v.colours !== undefined) {
    if (!isMapping(v.colours)) return { ok: false, expected: `${expected}: "colours" holds primary and accent` }
    const badColour = stray(v.colours, ['primary', 'accent'])
    if (badColour) return { ok: false, expected: `${expected}: "colours" holds primary and accent, not ${badColour}` }
    for (const k of ['primary', 'accent'] as const) {
      const c = v.colours[k]
      if (c !== undefined && !colour(c)) return { ok: false, expected: `${expected}: "colours.${k}" is a #rrggbb colour` }
    }
    const { primary, accent } = v.colours as { primary?: string; accent?: string }
    out.colours = { ...(primary ? { primary: primary.trim() } : {}), ...(accent ? { accent: accent.trim() } : {}) }
  }
  if (v.font !== undefined) {
    if (!text(v.font) || !/\.woff2$/i.test(v.font.trim())) return { ok: false, expected: `${expected}: "font" is the path of a .woff2 file` }
    out.font = v.font.trim()
  }
  return { ok: true, value: out }
}

/** Largest logo and font read: a logo is a few kB, a font file a few hundred. */
export const MAX_LOGO_BYTES = 512_000
export const MAX_FONT_BYTES = 2_000_000

const MIME: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', woff2: 'font/woff2' }

/**
 * The logo and font deck.yaml names, resolved from its folder and read through the env's read
 * gate, as data: URLs; `config` gets their project paths. A file that cannot be read is an
 * error at the key's value.
 */
export function embedIdentity(
  config: DeckConfig,
  deckPath: string,
  pos: Record<string, { key: SourcePos; value: SourcePos }>,
  env: MarkdownEnv,
  out: Diagnostic[],
): { config: DeckConfig; embedded: { logo?: string; font?: string } } {
  const embedded: { logo?: string; font?: string } = {}
  const read = (href: string, where: SourcePos, what: string, max: number): { path: string; url: string } | undefined => {
    const path = resolveLocal(deckPath, href)
    const ext = href.split('.').pop()?.toLowerCase() ?? ''
    const mime = MIME[ext]
    if (!mime) {
      out.push(diag('deck-config', where, `the ${what} "${href}" is not an SVG, PNG, JPEG or WebP picture: convert it, or name another file`))
      return undefined
    }
    const got = path === null ? 'it points outside the project' : env.readAsset ? env.readAsset(path, max) : new Uint8Array()
    if (typeof got === 'string') {
      out.push(diag('deck-config', where, `the ${what} "${href}" cannot be used: ${got} (paths are relative to deck.yaml; keep the file in assets/)`))
      return undefined
    }
    return { path: path as string, url: `data:${mime};base64,${Buffer.from(got).toString('base64')}` }
  }
  let next = config
  if (config.logo) {
    const got = read(config.logo.file, pos['logo.file']?.value ?? pos.logo?.value ?? at1(deckPath), 'logo', MAX_LOGO_BYTES)
    if (got) {
      embedded.logo = got.url
      next = { ...next, logo: { ...config.logo, file: got.path } }
    } else next = withoutKey(next, 'logo')
  }
  if (config.theme?.font) {
    const got = read(config.theme.font, pos['theme.font']?.value ?? pos.theme?.value ?? at1(deckPath), 'font', MAX_FONT_BYTES)
    if (got) {
      embedded.font = got.url
      next = { ...next, theme: { ...config.theme, font: got.path } }
    } else {
      const { font: _font, ...rest } = config.theme
      next = { ...next, theme: rest }
    }
  }
  return { config: next, embedded }
}

const at1 = (file: string): SourcePos => ({ file, line: 1, column: 1 })

function withoutKey<K extends keyof DeckConfig>(config: DeckConfig, key: K): DeckConfig {
  const { [key]: _drop, ...rest } = config
  return rest as DeckConfig
}

/** The author, organisation and "as of" line of the title slide (HTML), or '' when deck.yaml names none. */
export function bylineHtml(config: DeckConfig): string {
  const who = [config.author, config.organisation].filter(Boolean).map((s) => escapeHtml(s as string))
  const when = config.date ? `As of <time datetime="${escapeHtml(config.date)}">${escapeHtml(showDate(config.date))}</time>` : ''
  const parts = [...who, ...(when ? [when] : [])]
  return parts.length ? `<p class="deck-byline">${parts.map((p) => `<span>${p}</span>`).join('')}</p>` : ''
}

/** What deck.yaml adds around one slide's frame: the marking banners, the footer line, the title slide's byline and logo. */
export interface SlideChrome {
  /** Classes on the `<section>` that make room for the banners and the footer. */
  classes: string[]
  /** Before the frame (the top banner), after it (the footer, the bottom banner), and at the end of the title slide's frame. */
  before: string
  after: string
  title: string
}

/** The banner: text (searchable, read once: the bottom one is hidden from screen readers). */
export function markingHtml(text: string, where: 'top' | 'bottom', cls = 'deck-marking'): string {
  const aria = where === 'top' ? ' role="note" aria-label="Handling marking"' : ' aria-hidden="true"'
  return `<p class="${cls} ${cls}-${where}"${aria}>${escapeHtml(text)}</p>`
}

/** The chrome of a slide of `layout` (title slides carry the byline and the large logo). */
export function slideChrome(config: DeckConfig, embedded: { logo?: string } | undefined, isTitle: boolean): SlideChrome {
  const mark = config.marking?.text
  const logoSrc = embedded?.logo
  const alt = escapeHtml(config.organisation ? `${config.organisation} logo` : 'Logo')
  const small = logoSrc && config.logo?.on !== 'title' && !isTitle ? `<img class="deck-logo" src="${logoSrc}" alt="${alt}">` : ''
  const foot = [
    config.footer ? `<span class="deck-footer-text">${escapeHtml(config.footer)}</span>` : '',
    config.date && config.footer ? `<span class="deck-footer-date">${escapeHtml(showDate(config.date))}</span>` : '',
  ].join('')
  const footer = foot || small ? `<div class="deck-footer">${foot}${small}</div>` : ''
  const big = logoSrc && isTitle ? `<img class="deck-logo-title" src="${logoSrc}" alt="${alt}">` : ''
  return {
    classes: [...(mark ? ['is-marked'] : []), ...(footer ? ['has-footer'] : [])],
    before: mark ? markingHtml(mark, 'top') : '',
    after: footer + (mark ? markingHtml(mark, 'bottom') : ''),
    title: isTitle ? bylineHtml(config) + big : '',
  }
}

/** Black or white, whichever reads better on `hex` (WCAG contrast). */
export function inkOn(hex: string): string {
  return contrastRatio(hex, '#000000') >= contrastRatio(hex, '#ffffff') ? '#000000' : '#ffffff'
}

/** The font's family name: its file's name (`House.woff2` -> "House"), as the PPTX theme names it too. */
export function fontFamily(file: string): string {
  return (file.split('/').pop() ?? file).replace(/\.woff2$/i, '').replace(/["'\\;{}<>]/g, '')
}

/** The default banner: a dark neutral grey, white text. */
export const MARKING_DEFAULT = '#3d4452'
