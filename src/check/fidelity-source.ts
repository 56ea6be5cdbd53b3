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
  /** The sentence it is in, when the source was indexed by sentence. */
  sentence: number
}

/** The source, tokenised once. */
export interface SourceIndex {
  tokens: SourceToken[]
  /** Positions of each normalised token, for quick lookup. */
  at: Map<string, number[]>
  /** Every number's value, written in figures or with a magnitude word (`26,000` and `26 thousand` are both 26000), and where. */
  values: Map<number, number[]>
  /** Every date it names, by key (`2022-02-24`, and `2022-02` for its month), and where. */
  dates: Map<string, number[]>
}

/** The value of a number as written (`26,000`, `1.5`), or undefined for a year span, an ordinal or a decade (`1990s`). */
export function numberValue(word: string): number | undefined {
  if (!/^\d+(?:,\d{3})*(?:\.\d+)?$/.test(word)) return undefined
  return Number(word.replace(/,/g, ''))
}

/** A number times its magnitude, rounded so that 1.2 million and 1,200,000 compare equal. */
export const scaled = (value: number, magnitude: number): number => Math.round(value * magnitude * 1000) / 1000

/**
 * Index a source. `cuts` (the offsets where its sentences start, the first 0) record each
 * token's sentence; each sentence is normalised on its own, which changes nothing as no
 * normalisation spans a sentence end.
 */
export function indexSource(text: string, cuts: readonly number[] = [0]): SourceIndex {
  const tokens: SourceToken[] = []
  const pieces = cuts.map((c, i) => normalizeText(text.slice(c, cuts[i + 1] ?? text.length)))
  const norm = pieces.join('')
  const starts: number[] = []
  let offset = 0
  for (const p of pieces) {
    starts.push(offset)
    offset += p.length
  }
  let sentence = 0
  let last = 0
  for (const m of norm.matchAll(RE_WORD)) {
    const gap = norm.slice(last, m.index)
    last = m.index + m[0].length
    while (sentence + 1 < starts.length && (starts[sentence + 1] ?? Number.POSITIVE_INFINITY) <= m.index) sentence++
    m[0].split(RE_DASH).forEach((p, i) => {
      if (!p) return
      const word = wordValue(p)
      tokens.push({ norm: normWord(p), cap: isCap(p), adjacent: i > 0 || /^\s*$/.test(gap), sentence, ...(word !== undefined ? { word } : {}) })
    })
  }
  const at = new Map<string, number[]>()
  const values = new Map<number, number[]>()
  const put = <K>(map: Map<K, number[]>, key: K, i: number) => {
    const list = map.get(key)
    if (list) list.push(i)
    else map.set(key, [i])
  }
  tokens.forEach((t, i) => {
    put(at, t.norm, i)
    const next = tokens[i + 1]
    // "twenty-four" (or "twenty four") is 24.
    const unit = t.word !== undefined && t.word >= 20 && t.word < 100 && next?.adjacent && next.word !== undefined && next.word < 10 ? next.word : 0
    const v = numberValue(t.norm) ?? (t.word === undefined ? undefined : t.word + unit)
    if (v === undefined) return
    put(values, v, i)
    const after = unit ? tokens[i + 2] : next
    const magnitude = after?.adjacent && v < 1000 ? MAGNITUDES.get(after.norm) : undefined
    if (magnitude) put(values, scaled(v, magnitude), i)
  })
  const dates = new Map<string, number[]>()
  for (const d of datesIn(tokens.map((t) => t.norm))) {
    put(dates, d.key, d.start)
    if (d.monthKey) put(dates, d.monthKey, d.start)
  }
  return { tokens, at, values, dates }
}

/** Where the parts are in the source, in order (at most `limit` places). `adjacent`: with nothing but spaces or dashes between. */
function findParts(index: SourceIndex, parts: readonly Part[], adjacent: boolean, limit: number): number[] {
  const first = parts[0]
  if (!first) return [-1]
  const found: number[] = []
  for (const start of index.at.get(first.norm) ?? []) {
    let ok = true
    for (let k = 0; k < parts.length && ok; k++) {
      const p = parts[k]
      const t = index.tokens[start + k]
      if (!p || !t || t.norm !== p.norm || (p.cap && !t.cap) || (adjacent && k > 0 && !t.adjacent)) ok = false
    }
    if (ok && found.push(start) >= limit) break
  }
  return found
}

/**
 * Where the source supports the claim: the first token of each place (at most `limit`), in
 * source order per way of finding it; -1 for found at no one place (the optional first word of a
 * name alone); empty when it is not found.
 */
export function locate(index: SourceIndex, claim: Claim, limit = 1): number[] {
  if (claim.date !== undefined) return (index.dates.get(claim.date) ?? []).slice(0, limit)
  const adjacent = claim.kind !== 'quote'
  const whole = findParts(index, claim.parts, adjacent, limit)
  if (whole.length) return whole
  const byValue = claim.value === undefined ? undefined : index.values.get(claim.value)
  if (byValue?.length) return byValue.slice(0, limit)
  const rest = claim.parts.slice(claim.optionalParts ?? 0)
  if (claim.optionalParts) {
    if (rest.length === 0) return [-1]
    const found = findParts(index, rest, adjacent, limit)
    if (found.length) return found
  }
  if (claim.compound !== true) return []
  const each = rest.map((p) => findParts(index, [p], true, limit))
  return each.every((f) => f.length) ? (each[0] ?? []) : []
}

/** Is the claim found in the source? */
export function isFound(index: SourceIndex, claim: Claim): boolean {
  return locate(index, claim).length > 0
}

/** The words of a text, normalised and split at dashes (not yet normWord'ed). */
export function wordsOf(text: string): string[] {
  return [...normalizeText(text).matchAll(RE_WORD)].flatMap((m) => m[0].split(RE_DASH).filter(Boolean))
}
