/**
 * Fidelity to the source article: every number, year, percentage, number word, proper name
 * and quoted phrase on a slide or in its notes must be found in the source. Pure: text in,
 * findings out. The CLI (`npm run check -- --source <article>`) does the I/O. The claims are
 * read in fidelity-claims.ts, looked up in fidelity-source.ts; the allowlist is
 * fidelity-allowlist.ts.
 */
import type { Diagnostic, ProseLine } from '../deck/model.ts'
import { type AllowEntry, termKey } from './fidelity-allowlist.ts'
import { extractClaims } from './fidelity-claims.ts'
import { type Claim, type ClaimKind, indexSource, isFound } from './fidelity-source.ts'
import { finding } from './findings.ts'

export { type AllowEntry, parseAllowlist, termKey } from './fidelity-allowlist.ts'
export { extractClaims } from './fidelity-claims.ts'
export { type Claim, type ClaimKind, indexSource, isFound, normalizeText, normWord, numberValue, type SourceIndex } from './fidelity-source.ts'

/** One source the deck may draw on; `name` is how findings name it. */
export interface FidelitySource {
  id: string
  name: string
  text: string
}

export interface FidelityInput {
  /** The one source article (`source:`); or several, `sources`. */
  source?: string
  sources?: readonly FidelitySource[]
  /** The ids cited where a claim stands (its slide's `[@id]`s), tried first and named first. */
  citedAt?: (file: string, line: number) => readonly string[]
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

const KIND_LABEL: Record<ClaimKind, string> = { number: 'number', 'number-word': 'number', name: 'name', quote: 'quoted phrase', date: 'date' }

/** Is `inner` a run of words inside `outer`? */
const runIn = (inner: readonly string[], outer: readonly string[]): boolean =>
  inner.length > 0 && outer.some((_, i) => inner.every((w, k) => outer[i + k] === w))

export function checkFidelity(input: FidelityInput): FidelityResult {
  const sources = (input.sources ?? [{ id: 'source', name: 'the source', text: input.source ?? '' }]).map((s) => ({ ...s, index: indexSource(s.text) }))
  const claims: Claim[] = []
  const byFile = new Map<string, ProseLine[]>()
  // The words of each line, so that an allowed phrase ("Back to SIFAR") covers the claims inside it.
  const lineWords = new Map<string, string[]>()
  const addWords = (file: string, line: number, text: string) =>
    lineWords.set(`${file}:${line}`, [...(lineWords.get(`${file}:${line}`) ?? []), ...termKey(text).split(' ')])
  for (const l of input.prose) {
    byFile.set(l.pos.file, [...(byFile.get(l.pos.file) ?? []), l])
    addWords(l.pos.file, l.pos.line, l.text)
  }
  for (const [file, lines] of byFile) claims.push(...extractClaims(lines, file))
  for (const fig of input.figureTexts ?? []) {
    const lines = fig.texts.map((text): ProseLine => ({ pos: { file: fig.file, line: fig.line, column: 1 }, text, blockStart: true, notes: false }))
    for (const t of fig.texts) addWords(fig.file, fig.line, t)
    claims.push(...extractClaims(lines, fig.file, `${fig.figure} figure`).map((c) => ({ ...c, figure: fig.figure })))
  }
  const allowedBy = (term: string, key: string, c: Claim): boolean => {
    const t = termKey(term)
    if (t === key) return true
    const phrase = t.split(' ')
    return phrase.length > 1 && runIn(key.split(' '), phrase) && runIn(phrase, lineWords.get(`${c.file}:${c.line}`) ?? [])
  }
  const used = new Set<string>()
  const findings: Diagnostic[] = []
  let allowed = 0
  const seen = new Set<string>()
  for (const c of claims) {
    const cited = input.citedAt?.(c.file, c.line) ?? []
    const tried = [...sources].sort((a, b) => rank(cited, a.id) - rank(cited, b.id))
    if (tried.some((s) => isFound(s.index, c))) continue
    const key = termKey(c.text)
    const entry = input.allowlist.find(
      (e) => e.terms.some((t) => allowedBy(t, key, c)) && (!e.files || e.files.includes(c.file)) && (e.figure === undefined || e.figure === c.figure),
    )
    if (entry) {
      for (const t of entry.terms) if (allowedBy(t, key, c)) used.add(`${input.allowlist.indexOf(entry)}:${termKey(t)}`)
      allowed++
      continue
    }
    const where = c.where ? ` (in the ${c.where})` : c.notes ? ' (in the notes)' : ''
    const missing = tried.length === 1 ? 'is not in the source' : `is in none of the sources tried (${tried.map((s) => `${s.name} [@${s.id}]`).join(', ')})`
    const msg = `${KIND_LABEL[c.kind]} "${c.text}"${where} ${missing}: correct it to the ${tried.length === 1 ? "article's" : "sources'"} wording, or, if it is a labelled outside fact, add it to ${input.allowlistPath} with its reason`
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
            `allowlist term "${t}" matches nothing the ${sources.length === 1 ? 'source lacks' : 'sources lack'}${e.files ? ` in ${e.files.join(', ')}` : ''}: remove it, so the list stays small and current`,
          ),
        )
  })
  return { findings, claims: claims.length, allowed }
}

/** A source's place in the order tried: the cited ones first, in citation order. */
function rank(cited: readonly string[], id: string): number {
  const i = cited.indexOf(id)
  return i < 0 ? cited.length : i
}
