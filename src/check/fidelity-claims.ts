/**
 * The claims of the fidelity check: every number, number word, proper name and quoted phrase in
 * the deck's prose (the build's record), each at its file and line. Pure.
 */
import type { ProseLine } from '../deck/model.ts'
import { MAGNITUDES } from '../text/magnitudes.ts'
import {
  type Claim,
  type ClaimKind,
  isCap,
  isPossessive,
  normalizeText,
  normWord,
  numberValue,
  type Part,
  RE_DASH,
  RE_WORD,
  scaled,
  wordsOf,
} from './fidelity-source.ts'
import { datesIn, wordValue } from './fidelity-values.ts'

/** One line of prose, normalised, as the claims are read from it. */
interface Line {
  line: number
  text: string
  /** Starts a block (paragraph, bullet, heading, title, figure text): its first word starts a sentence. */
  blockStart: boolean
  notes: boolean
  /** A table's header cell ("Year", "Event"): a column heading, not a claim of a name. */
  heading?: boolean
}

const NUMBER_WORDS = new Set(
  'two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen'.split(
    ' ',
  ),
)
const UNIT_AFTER = /^\s+(percent|times)\b/i
/** Capitalised words that are never names. */
const NOT_NAMES = new Set(['I'])

interface Word {
  text: string
  start: number
  end: number
  line: number
  notes: boolean
}

/** Words before a magnitude that make it a quantity ("a thousand drones"), not a unit's scale. */
const QUANTIFIERS = new Set(['a', 'an', 'one', 'some', 'several', 'few', 'many', 'hundred', 'hundreds', 'tens', 'over', 'nearly', 'almost', 'about', 'around'])

/**
 * A magnitude that labels a unit, not a quantity: "thousand tonnes" in a chart's title or axis
 * ("Output, thousand tonnes", "in million barrels"). Singular, with no number or quantifier
 * before it and a word other than "of" after it ("thousands of troops", "a thousand drones" and
 * "one million people" stay claims).
 */
function isScaleLabel(w: Word, prev: Word | undefined, next: Word | undefined, plain: string): boolean {
  if (!MAGNITUDES.has(w.text.toLowerCase()) || !next || next.text.toLowerCase() === 'of') return false
  if (!prev) return true
  const between = plain.slice(prev.end, w.start)
  if (/[,;:(–—]/.test(between)) return true
  return numberValue(prev.text) === undefined && !NUMBER_WORDS.has(prev.text.toLowerCase()) && !QUANTIFIERS.has(prev.text.toLowerCase())
}

/** Claims in one block of prose (a paragraph, a bullet, a heading: lines joined). */
function blockClaims(lines: readonly Line[], file: string, where?: string): Claim[] {
  let text = ''
  const starts: { offset: number; line: Line }[] = []
  for (const l of lines) {
    if (text) text += ' '
    starts.push({ offset: text.length, line: l })
    text += l.text
  }
  const lineAt = (offset: number): Line => {
    let found = starts[0]?.line
    for (const s of starts) if (s.offset <= offset) found = s.line
    return found as Line
  }
  const claims: Claim[] = []
  const make = (kind: ClaimKind, shown: string, offset: number, parts: Part[], extra: Partial<Claim> = {}): void => {
    const l = lineAt(offset)
    claims.push({ kind, text: shown, file, line: l.line, notes: l.notes, parts, ...(where ? { where } : {}), ...extra })
  }

  // Quoted phrases: checked whole; what they contain is not checked again.
  const masked = text.split('')
  for (const m of text.matchAll(/["“”]([^"“”]+)["“”]/g)) {
    const inner = m[1] ?? ''
    const parts = wordsOf(inner).map((w) => ({ norm: normWord(w), cap: false }))
    if (parts.length) make('quote', inner.trim().replace(/[.,;:]$/, ''), m.index, parts)
    // Mask the quote, keeping a sentence end inside it ("… complicated." It frames …).
    const end = m.index + m[0].length
    for (let k = m.index; k < end; k++) masked[k] = k === end - 2 && /[.!?]/.test(text[k] ?? '') ? (text[k] ?? '') : '\u0002'
  }
  // Dates a figure prints ("24 Feb 2022" from 2022-02-24): one date claim each, found as that
  // date in any form; their month is not a name, their day and year not numbers of their own.
  if (where) {
    const found = [...masked.join('').matchAll(RE_WORD)].flatMap((m) => m[0].split(RE_DASH).map((p, i) => ({ p, at: m.index + (i ? m[0].indexOf(p) : 0) })))
    for (const d of datesIn(found.map((f) => f.p))) {
      const first = found[d.start]
      const last = found[d.start + d.length - 1]
      if (!first || !last) continue
      const end = last.at + last.p.length
      const shown = text.slice(first.at, end)
      make(
        'date',
        shown,
        first.at,
        wordsOf(shown).map((w) => ({ norm: normWord(w), cap: false })),
        { date: d.key },
      )
      for (let k = first.at; k < end; k++) masked[k] = '\u0002'
    }
  }
  const plain = masked.join('')

  const words: Word[] = []
  for (const m of plain.matchAll(RE_WORD)) {
    const l = lineAt(m.index)
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length, line: l.line, notes: l.notes })
  }

  // Numbers and number words, with a following unit ("90 percent", "three times") or magnitude
  // ("26 thousand": one claim, found as 26,000 too, and the other way round).
  const magnitudeWords = new Set<Word>()
  for (const [k, w] of words.entries()) {
    const unit = UNIT_AFTER.exec(plain.slice(w.end))
    const unitText = unit?.[1] ? ` ${unit[1].toLowerCase()}` : ''
    const word = wordValue(w.text)
    const value = numberValue(w.text) ?? (word !== undefined && word < 100 ? word : undefined)
    const next = words[k + 1]
    const magnitude = next && value !== undefined && /^\s+$/.test(plain.slice(w.end, next.start)) ? MAGNITUDES.get(next.text.toLowerCase()) : undefined
    if (magnitude && next) {
      magnitudeWords.add(next)
      const shown = `${w.text} ${next.text.toLowerCase()}`
      make(
        'number',
        shown,
        w.start,
        shown.split(' ').map((p) => ({ norm: normWord(p), cap: false })),
        { value: scaled(value ?? 0, magnitude) },
      )
    } else if (/^\p{N}/u.test(w.text)) {
      const shown = `${w.text}${unitText}`
      make(
        'number',
        shown,
        w.start,
        shown.split(' ').map((p) => ({ norm: normWord(p), cap: false })),
        value !== undefined && !unitText ? { value } : {},
      )
    } else if (magnitudeWords.has(w)) {
    } else if (isScaleLabel(w, words[k - 1], next, plain)) {
    } else if (NUMBER_WORDS.has(w.text.toLowerCase()) || (RE_DASH.test(w.text) && word !== undefined)) {
      const shown = `${w.text.toLowerCase()}${unitText}`
      // By value too: "four" is found as 4, "a dozen" as 12 (not with a unit: "three times" is a phrase).
      make(
        'number-word',
        shown,
        w.start,
        shown.split(/[\s‐‑–—-]+/).map((p) => ({ norm: normWord(p), cap: false })),
        word !== undefined && !unitText ? { value: word } : {},
      )
    }
  }

  // Proper names: runs of capitalised words (joined by spaces, or by "of"), not at a sentence start.
  const sentenceStart = (k: number): boolean => {
    const prev = words[k - 1]
    const gap = plain.slice(prev ? prev.end : 0, words[k]?.start ?? 0)
    if (!prev) return true
    if (lines.length && starts.some((s) => s.offset === words[k]?.start && s.line.blockStart)) return true
    return /[.!?]/.test(gap)
  }
  let run: { words: string[]; start: number; initial: boolean } | null = null
  const flush = (): void => {
    if (run?.words.length) {
      const names = run.words
      const wordParts = names.map((n) =>
        n
          .split(RE_DASH)
          .filter(Boolean)
          .map((p) => ({ norm: normWord(p), cap: p !== 'of' })),
      )
      const parts = wordParts.flat()
      // At a sentence start the first word may be ordinary: check the rest (or, for one
      // hyphenated word, its other parts).
      const single = names.length === 1
      const optionalParts = !run.initial ? 0 : single ? 1 : (wordParts[0]?.length ?? 0)
      const checked = run.initial && !single ? names.slice(1) : names
      const compound = checked.length === 1 && RE_DASH.test(checked[0] ?? '')
      const skip = run.initial && single && !compound
      if (!skip && !(single && NOT_NAMES.has(names[0] ?? ''))) {
        const shown = checked.join(' ').replace(/(['’]s|['’])$/, '')
        make('name', shown, run.start, parts, { ...(optionalParts ? { optionalParts } : {}), ...(compound ? { compound: true } : {}) })
      }
    }
    run = null
  }
  words.forEach((w, k) => {
    const pieces = w.text.split(RE_DASH).filter(Boolean)
    const allCap = pieces.every(isCap)
    const someCap = pieces.some(isCap)
    const prev = words[k - 1]
    const gap = prev ? plain.slice(prev.end, w.start) : ''
    const joined = run !== null && /^[ \t\n]+$/.test(gap)
    if (allCap && !/^\p{N}/u.test(w.text)) {
      if (!joined) {
        flush()
        run = { words: [], start: w.start, initial: sentenceStart(k) }
      }
      run?.words.push(stripPossessive(w.text))
      if (isPossessive(w.text)) flush()
      return
    }
    if (w.text === 'of' && joined && isCap(words[k + 1]?.text ?? '') && /^ $/.test(plain.slice(w.end, words[k + 1]?.start ?? 0))) {
      run?.words.push('of')
      return
    }
    flush()
    if (someCap) {
      pieces.forEach((p, i) => {
        if (!isCap(p) || (i === 0 && sentenceStart(k))) return
        make('name', stripPossessive(p), w.start, [{ norm: normWord(p), cap: true }])
      })
    }
  })
  flush()
  return claims
}

function stripPossessive(w: string): string {
  return w.replace(/['’]s$/i, '').replace(/s['’]$/i, 's')
}

/** Every claim in a file's prose lines (the build's record): blocks are cut at each block start. */
export function extractClaims(prose: readonly ProseLine[], file: string, where?: string): Claim[] {
  const lines = prose.map(
    (l): Line => ({ line: l.pos.line, text: normalizeText(l.text), blockStart: l.blockStart, notes: l.notes, ...(l.heading ? { heading: true } : {}) }),
  )
  const blocks: Line[][] = []
  for (const l of lines) {
    const last = blocks[blocks.length - 1]
    if (l.blockStart || !last) blocks.push([l])
    else last.push(l)
  }
  // A column heading names the column, not something in the world: its numbers and quotes still count.
  return blocks.flatMap((b) => blockClaims(b, file, where).filter((c) => !(c.kind === 'name' && b.every((l) => l.heading))))
}
