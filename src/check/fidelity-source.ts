/**
 * The source side of the fidelity check: text normalised and tokenised the same way for the
 * source and the slides, and the lookup of a claim's parts in a source. Pure.
 *
 * Normalisation: case, curly/straight quotes, dashes (hyphen, en and em dash), `U.S.` = `US`,
 * `%` = `percent` = `per cent`, thousands separators, possessives (`Chile's` = `Chile`) and
 * simple plurals (`pillars` = `pillar`). A proper name must meet a capitalised occurrence in the
 * source, so the month "May" is not excused by the verb "may".
 */
import { MAGNITUDES } from '../text/magnitudes.ts'
import { datesIn, wordValue } from './fidelity-values.ts'

export type ClaimKind = 'number' | 'number-word' | 'name' | 'quote' | 'date'

export interface Claim {
  kind: ClaimKind
  /** What is reported and matched against the allowlist, e.g. `2025`, `Eurasian Economic Union`. */
  text: string
  file: string
  line: number
  /** True when the claim is in the speaker notes rather than on the slide itself. */
  notes: boolean
  /** Where else it shows, e.g. `map figure`. */
  where?: string
  /** The figure whose drawn text holds it. */
  figure?: string
  /** Normalised parts that must be found in order, adjacent. */
  parts: Part[]
  /** A sentence-initial name: this many leading parts may be an ordinary word ("Then Lagos", "Anti-Colonial"). */
  optionalParts?: number
  /** The checked name is one hyphenated word ("Chile-Bolivia"): found when each name in it is found on its own. */
  compound?: boolean
  /** A number's value, its magnitude word applied ("26 thousand" = 26000): found when the source has that value in any form. */
  value?: number
  /** A date a figure prints, by its key (`2022-02-24`, `2022-02`): found when the source names that date in any form. */
  date?: string
}

export interface Part {
  norm: string
  /** A name part: its source occurrence must be capitalised. */
  cap: boolean
}

export const RE_WORD = /\p{N}+(?:[.,]\p{N}+)*(?:st|nd|rd|th|s)?|[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[-‐‑–—][\p{L}\p{N}]+(?:['’][\p{L}]+)*)*/gu
export const RE_DASH = /[-‐‑–—]/

/** Text-level normalisation shared by the source and the slides; keeps line structure. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?/g, (_, a: string, b: string, c?: string) => `${a}${b}${c ?? ''}`)
    .replace(/(\p{N})\s*%/gu, '$1 percent')
    .replace(/\bper\s+cent\b/gi, 'percent')
}

/** One word to its comparable form: lower case, no possessive, no simple plural, no thousands commas. */
export function normWord(w: string): string {
  let s = w.toLowerCase().replace(/’/g, "'")
  if (/^\p{N}/u.test(s)) return s.replace(/,(?=\d)/g, '').replace(/(\d)s$/, '$1')
  s = s.replace(/'s$/, '').replace(/s'$/, 's').replace(/'$/, '')
  if (s.length >= 4 && s.endsWith('s') && !s.endsWith('ss')) {
    if (s.endsWith('ies')) s = `${s.slice(0, -3)}y`
    else if (/(ch|sh|x|ss)es$/.test(s)) s = s.slice(0, -2)
    else s = s.slice(0, -1)
  }
  return s
}

export const isCap = (w: string) => /^\p{Lu}/u.test(w)
export const isPossessive = (w: string) => /(['’]s|s['’])$/i.test(w)

interface SourceToken {
  norm: string
  cap: boolean
  /** Only whitespace or a dash separates it from the previous token. */
  adjacent: boolean
  /** A number word's value ("four" = 4), from the word as written (not "tens"). */
  word?: number
}

/** The source, tokenised once. */
export interface SourceIndex {
  tokens: SourceToken[]
  /** Positions of each normalised token, for quick lookup. */
  at: Map<string, number[]>
  /** Every number's value, written in figures or with a magnitude word (`26,000` and `26 thousand` are both 26000). */
  values: Set<number>
  /** Every date it names, by key (`2022-02-24`, and `2022-02` for its month). */
  dates: Set<string>
}

/** The value of a number as written (`26,000`, `1.5`), or undefined for a year span, an ordinal or a decade (`1990s`). */
export function numberValue(word: string): number | undefined {
  if (!/^\d+(?:,\d{3})*(?:\.\d+)?$/.test(word)) return undefined
  return Number(word.replace(/,/g, ''))
}

/** A number times its magnitude, rounded so that 1.2 million and 1,200,000 compare equal. */
export const scaled = (value: number, magnitude: number): number => Math.round(value * magnitude * 1000) / 1000

export function indexSource(text: string): SourceIndex {
  const tokens: SourceToken[] = []
  const norm = normalizeText(text)
  let last = 0
  for (const m of norm.matchAll(RE_WORD)) {
    const gap = norm.slice(last, m.index)
    last = m.index + m[0].length
    m[0].split(RE_DASH).forEach((p, i) => {
      if (!p) return
      const word = wordValue(p)
      tokens.push({ norm: normWord(p), cap: isCap(p), adjacent: i > 0 || /^\s*$/.test(gap), ...(word !== undefined ? { word } : {}) })
    })
  }
  const at = new Map<string, number[]>()
  const values = new Set<number>()
  tokens.forEach((t, i) => {
    const list = at.get(t.norm)
    if (list) list.push(i)
    else at.set(t.norm, [i])
    const next = tokens[i + 1]
    // "twenty-four" (or "twenty four") is 24.
    const unit = t.word !== undefined && t.word >= 20 && t.word < 100 && next?.adjacent && next.word !== undefined && next.word < 10 ? next.word : 0
    const v = numberValue(t.norm) ?? (t.word === undefined ? undefined : t.word + unit)
    if (v === undefined) return
    values.add(v)
    const after = unit ? tokens[i + 2] : next
    const magnitude = after?.adjacent && v < 1000 ? MAGNITUDES.get(after.norm) : undefined
    if (magnitude) values.add(scaled(v, magnitude))
  })
  const dates = new Set<string>()
  for (const d of datesIn(tokens.map((t) => t.norm))) {
    dates.add(d.key)
    if (d.monthKey) dates.add(d.monthKey)
  }
  return { tokens, at, values, dates }
}

/** Are the parts in the source, in order? `adjacent`: with nothing but spaces or dashes between. */
function findParts(index: SourceIndex, parts: readonly Part[], adjacent: boolean): boolean {
  const first = parts[0]
  if (!first) return true
  for (const start of index.at.get(first.norm) ?? []) {
    let ok = true
    for (let k = 0; k < parts.length && ok; k++) {
      const p = parts[k]
      const t = index.tokens[start + k]
      if (!p || !t || t.norm !== p.norm || (p.cap && !t.cap) || (adjacent && k > 0 && !t.adjacent)) ok = false
    }
    if (ok) return true
  }
  return false
}

/** Is the claim found in the source? */
export function isFound(index: SourceIndex, claim: Claim): boolean {
  if (claim.date !== undefined) return index.dates.has(claim.date)
  const adjacent = claim.kind !== 'quote'
  if (findParts(index, claim.parts, adjacent)) return true
  if (claim.value !== undefined && index.values.has(claim.value)) return true
  const rest = claim.parts.slice(claim.optionalParts ?? 0)
  if (claim.optionalParts && (rest.length === 0 || findParts(index, rest, adjacent))) return true
  return claim.compound === true && rest.every((p) => findParts(index, [p], true))
}

/** The words of a text, normalised and split at dashes (not yet normWord'ed). */
export function wordsOf(text: string): string[] {
  return [...normalizeText(text).matchAll(RE_WORD)].flatMap((m) => m[0].split(RE_DASH).filter(Boolean))
}
