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
