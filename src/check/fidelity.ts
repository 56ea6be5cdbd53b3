/**
 * Fidelity to the source article: every number, year, percentage, number word, proper name
 * and quoted phrase on a slide or in its notes must be found in the source. Pure: text in,
 * findings out. The CLI (`npm run check -- --source <article>`) does the I/O.
 *
 * Normalisation, applied the same way to the source and to the slides: case, curly/straight
 * quotes, dashes (hyphen, en and em dash), `U.S.` = `US`, `%` = `percent` = `per cent`,
 * thousands separators, possessives (`Chile's` = `Chile`) and simple plurals (`pillars` =
 * `pillar`). A proper name must meet a capitalised occurrence in the source, so the month
 * "May" is not excused by the verb "may".
 */
import { isSeq, parseDocument } from 'yaml'
import type { Diagnostic, ProseLine } from '../deck/model.ts'
import { MAGNITUDES } from '../text/magnitudes.ts'
import { finding } from './findings.ts'

export type ClaimKind = 'number' | 'number-word' | 'name' | 'quote'

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
}

interface Part {
  norm: string
  /** A name part: its source occurrence must be capitalised. */
  cap: boolean
}

export interface AllowEntry {
  /** One term, or several sharing one reason (`["1", "2", "3"]`). */
  terms: string[]
  reason: string
  /** Restrict the entry to these slide files (posix paths relative to the root). */
  files?: string[]
  /** Restrict the entry to the text drawn inside this figure (`timeline`, `map`). */
  figure?: string
  /** Line of the entry in the allowlist file. */
  line?: number
}

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

// ---------------------------------------------------------------------------------------------
// Normalisation and tokens

const RE_WORD = /\p{N}+(?:[.,]\p{N}+)*(?:st|nd|rd|th|s)?|[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[-‐‑–—][\p{L}\p{N}]+(?:['’][\p{L}]+)*)*/gu
const RE_DASH = /[-‐‑–—]/

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

const isCap = (w: string) => /^\p{Lu}/u.test(w)
const isPossessive = (w: string) => /(['’]s|s['’])$/i.test(w)

interface SourceToken {
  norm: string
  cap: boolean
  /** Only whitespace or a dash separates it from the previous token. */
  adjacent: boolean
}

/** The source, tokenised once. */
export interface SourceIndex {
  tokens: SourceToken[]
  /** Positions of each normalised token, for quick lookup. */
  at: Map<string, number[]>
  /** Every number's value, written in figures or with a magnitude word (`26,000` and `26 thousand` are both 26000). */
  values: Set<number>
}

/** The value of a number as written (`26,000`, `1.5`), or undefined for a year span, an ordinal or a decade (`1990s`). */
export function numberValue(word: string): number | undefined {
  if (!/^\d+(?:,\d{3})*(?:\.\d+)?$/.test(word)) return undefined
  return Number(word.replace(/,/g, ''))
}

/** A number times its magnitude, rounded so that 1.2 million and 1,200,000 compare equal. */
const scaled = (value: number, magnitude: number): number => Math.round(value * magnitude * 1000) / 1000

export function indexSource(text: string): SourceIndex {
  const tokens: SourceToken[] = []
  const norm = normalizeText(text)
  let last = 0
  for (const m of norm.matchAll(RE_WORD)) {
    const gap = norm.slice(last, m.index)
    last = m.index + m[0].length
    m[0].split(RE_DASH).forEach((p, i) => {
      if (!p) return
      tokens.push({ norm: normWord(p), cap: isCap(p), adjacent: i > 0 || /^\s*$/.test(gap) })
    })
  }
  const at = new Map<string, number[]>()
  const values = new Set<number>()
  tokens.forEach((t, i) => {
    const list = at.get(t.norm)
    if (list) list.push(i)
    else at.set(t.norm, [i])
    const v = numberValue(t.norm)
    if (v === undefined) return
    values.add(v)
    const next = tokens[i + 1]
    const magnitude = next?.adjacent ? MAGNITUDES.get(next.norm) : undefined
    if (magnitude) values.add(scaled(v, magnitude))
  })
  return { tokens, at, values }
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
  const adjacent = claim.kind !== 'quote'
  if (findParts(index, claim.parts, adjacent)) return true
  if (claim.value !== undefined && index.values.has(claim.value)) return true
  const rest = claim.parts.slice(claim.optionalParts ?? 0)
  if (claim.optionalParts && (rest.length === 0 || findParts(index, rest, adjacent))) return true
  return claim.compound === true && rest.every((p) => findParts(index, [p], true))
}

// ---------------------------------------------------------------------------------------------
// Claims

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
    const value = numberValue(w.text)
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
    } else if (NUMBER_WORDS.has(w.text.toLowerCase())) {
      const shown = `${w.text.toLowerCase()}${unitText}`
      make(
        'number-word',
        shown,
        w.start,
        shown.split(' ').map((p) => ({ norm: normWord(p), cap: false })),
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

function wordsOf(text: string): string[] {
  return [...normalizeText(text).matchAll(RE_WORD)].flatMap((m) => m[0].split(RE_DASH).filter(Boolean))
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

// ---------------------------------------------------------------------------------------------
// The check

/** Normalised form of an allowlist term or a claim's shown text, for comparison. */
export function termKey(text: string): string {
  return wordsOf(text).map(normWord).join(' ')
}

export interface FidelityInput {
  source: string
  /** The deck's prose, line by line, in deck order (the record's: slides, titles, deck.yaml's title and subtitle). */
  prose: readonly ProseLine[]
  /** Text drawn inside figures, reported at the line of the figure's fence. */
  figureTexts?: readonly { file: string; line: number; figure: string; texts: string[] }[]
  allowlist: readonly AllowEntry[]
  /** Where the allowlist lives, for messages. */
  allowlistPath: string
}

export interface FidelityResult {
  findings: Diagnostic[]
  claims: number
  allowed: number
}

const KIND_LABEL: Record<ClaimKind, string> = { number: 'number', 'number-word': 'number', name: 'name', quote: 'quoted phrase' }

export function checkFidelity(input: FidelityInput): FidelityResult {
  const index = indexSource(input.source)
  const claims: Claim[] = []
  const byFile = new Map<string, ProseLine[]>()
  for (const l of input.prose) byFile.set(l.pos.file, [...(byFile.get(l.pos.file) ?? []), l])
  for (const [file, lines] of byFile) claims.push(...extractClaims(lines, file))
  for (const fig of input.figureTexts ?? []) {
    const lines = fig.texts.map((text): ProseLine => ({ pos: { file: fig.file, line: fig.line, column: 1 }, text, blockStart: true, notes: false }))
    claims.push(...extractClaims(lines, fig.file, `${fig.figure} figure`).map((c) => ({ ...c, figure: fig.figure })))
  }
  const used = new Set<string>()
  const findings: Diagnostic[] = []
  let allowed = 0
  const seen = new Set<string>()
  for (const c of claims) {
    if (isFound(index, c)) continue
    const key = termKey(c.text)
    const entry = input.allowlist.find(
      (e) => e.terms.some((t) => termKey(t) === key) && (!e.files || e.files.includes(c.file)) && (e.figure === undefined || e.figure === c.figure),
    )
    if (entry) {
      used.add(`${input.allowlist.indexOf(entry)}:${key}`)
      allowed++
      continue
    }
    const where = c.where ? ` (in the ${c.where})` : c.notes ? ' (in the notes)' : ''
    const msg = `${KIND_LABEL[c.kind]} "${c.text}"${where} is not in the source: correct it to the article's wording, or, if it is a labelled outside fact, add it to ${input.allowlistPath} with its reason`
    const dedupe = `${c.file}:${c.line}:${msg}`
    if (seen.has(dedupe)) continue
    seen.add(dedupe)
    findings.push(finding('fidelity', { file: c.file, line: c.line }, msg))
  }
  input.allowlist.forEach((e, i) => {
    for (const t of e.terms)
      if (!used.has(`${i}:${termKey(t)}`))
        findings.push(
          finding(
            'fidelity',
            { file: input.allowlistPath, line: e.line ?? 1 },
            `allowlist term "${t}" matches nothing the source lacks${e.files ? ` in ${e.files.join(', ')}` : ''}: remove it, so the list stays small and current`,
          ),
        )
  })
  return { findings, claims: claims.length, allowed }
}

/** Read the allowlist file's YAML: a list of `{ term, reason, files?, figure? }`. Throws a plain message when malformed. */
export function parseAllowlist(text: string, path: string): AllowEntry[] {
  const doc = parseDocument(text)
  if (doc.errors.length) throw new Error(`${path}: ${doc.errors[0]?.message ?? 'not valid YAML'}`)
  const data: unknown = doc.toJS()
  const list = data === null || data === undefined ? [] : data
  if (!Array.isArray(list)) throw new Error(`${path}: expected a list of entries "- term: ...\\n  reason: ..."`)
  const items = isSeq(doc.contents) ? doc.contents.items : []
  return list.map((item: unknown, i): AllowEntry => {
    const e = item as Record<string, unknown> | null
    const term = e?.term
    const terms = typeof term === 'string' || typeof term === 'number' ? [String(term)] : Array.isArray(term) ? term.map(String) : []
    const reason = e?.reason
    const label = terms.join(', ')
    if (!terms.length || terms.some((t) => !t.trim())) throw new Error(`${path}: entry ${i + 1} needs a "term" (a word, number or phrase, or a list of them)`)
    if (typeof reason !== 'string' || reason.trim().length < 8)
      throw new Error(`${path}: entry ${i + 1} ("${label}") needs a "reason" saying why it may stand though the source lacks it`)
    const unknown = Object.keys(e ?? {}).filter((k) => !['term', 'reason', 'files', 'figure'].includes(k))
    if (unknown.length) throw new Error(`${path}: entry ${i + 1} ("${label}") has unknown key "${unknown[0]}": use term, reason, files, figure`)
    const files = e?.files
    if (files !== undefined && !(Array.isArray(files) && files.every((f) => typeof f === 'string')))
      throw new Error(`${path}: entry ${i + 1} ("${label}"): "files" must be a list of slide paths`)
    const figure = e?.figure
    if (figure !== undefined && typeof figure !== 'string')
      throw new Error(`${path}: entry ${i + 1} ("${label}"): "figure" must be a figure name such as timeline`)
    const node = items[i]
    const offset = node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? Number(node.range[0]) : -1
    const line = offset >= 0 ? text.slice(0, offset).split('\n').length : undefined
    return { terms, reason, ...(files ? { files: files as string[] } : {}), ...(figure !== undefined ? { figure } : {}), ...(line ? { line } : {}) }
  })
}
