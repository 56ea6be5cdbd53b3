/**
 * How wide a figure's text is drawn: a `TextMeasure` gives each character's advance in em. The
 * compiler hands the figures one built from the fonts the deck draws in (src/fonts/); the
 * figures stay pure and never read a font themselves. `ESTIMATE` is the stand-in where no font
 * is known (unit tests, an env without fonts).
 */

/** Advance widths of one font face: code point -> advance in em. */
export type AdvanceTable = ReadonlyMap<number, number>

/** Character widths for layout; the same measure and text always give the same width. */
export interface TextMeasure {
  /** What the widths depend on (the fonts' contents, the tables' code): part of a cached figure's key. */
  readonly key: string
  /** The advance of one character in em, regular or bold. */
  advance(codePoint: number, bold: boolean): number
}

/** Marks drawn on the character before them, and invisible format characters: no advance of their own. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}]/u
/** Scripts set on a square body (Han, kana, Hangul, full-width forms) and emoji: about 1 em each. */
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u

/**
 * The advance of a character no known font draws: the browser picks a system font we cannot
 * know, so err wide (DejaVu Sans, Debian's fallback, sets Cyrillic and Greek 27-55 % wider than
 * Source Sans 3; Han and kana take a full em).
 */
export function fallbackAdvance(codePoint: number, bold: boolean): number {
  const ch = String.fromCodePoint(codePoint)
  if (ZERO_WIDTH.test(ch)) return 0
  return (WIDE.test(ch) ? 1 : 0.72) * (bold ? 1.08 : 1)
}

/** Latin letters and punctuation, which Source Sans 3's bundled faces draw. */
const isLatin = (cp: number): boolean => cp <= 0x24f || (cp >= 0x1e00 && cp <= 0x1eff) || (cp >= 0x2000 && cp <= 0x206f) || cp === 0x20ac || cp === 0x2212

/** The hand-set estimate for Source Sans 3's Latin letters (kept where no font is known); anything else as `fallbackAdvance`. */
export const ESTIMATE: TextMeasure = {
  key: 'estimate-v2',
  advance(cp, bold) {
    if (!isLatin(cp)) return fallbackAdvance(cp, bold)
    const ch = String.fromCodePoint(cp)
    let units = 0.51
    if (ch === ' ') units = 0.23
    else if ("il.,:;|!'’".includes(ch)) units = 0.26
    else if ('fjrt()[]-'.includes(ch)) units = 0.36
    else if ('mwMW—'.includes(ch)) units = 0.82
    else if (ch >= 'A' && ch <= 'Z') units = 0.58
    else if (ch >= '0' && ch <= '9') units = 0.52
    return units * (bold ? 1.05 : 1)
  },
}

/** Room kept on measured widths: kerning is not applied, and a browser rounds glyph positions. */
export const SAFETY = 1.02

/** One face of the font stack: its regular and bold tables (`bold` absent: the browser emboldens the regular). */
export interface FaceTables {
  regular: AdvanceTable
  bold?: AdvanceTable
}

/**
 * A measure from a font stack, first face first, as CSS falls back: each character is measured in
 * the first face that has it, else by `fallbackAdvance`. `key` names the faces (content hashes).
 */
export function stackMeasure(key: string, faces: () => readonly FaceTables[]): TextMeasure {
  let loaded: readonly FaceTables[] | undefined
  return {
    key,
    advance(cp, bold) {
      loaded ??= faces()
      for (const f of loaded) {
        const own = bold ? f.bold?.get(cp) : undefined
        if (own !== undefined) return own * SAFETY
        const regular = f.regular.get(cp)
        // A synthetic bold is drawn over the regular's advances; a little room for its wider strokes.
        if (regular !== undefined) return regular * SAFETY * (bold && !f.bold ? 1.03 : 1)
      }
      return fallbackAdvance(cp, bold)
    },
  }
}
