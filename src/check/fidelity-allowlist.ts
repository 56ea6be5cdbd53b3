/**
 * The fidelity allowlist (`slides/fidelity-allowlist.yaml`): terms the deck may use although the
 * source lacks them, each with its reason. Parsed here; applied by checkFidelity.
 */
import { isSeq, LineCounter, parseDocument } from 'yaml'
import { normWord, wordsOf } from './fidelity-source.ts'

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

/** A malformed allowlist, at the line to fix (the YAML error's, or the entry's). */
export class AllowlistError extends Error {
  override readonly name = 'AllowlistError'
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message)
  }
}

/** Read the allowlist file's YAML: a list of `{ term, reason, files?, figure? }`. Throws an AllowlistError, located, when malformed. */
export function parseAllowlist(text: string, path: string): AllowEntry[] {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter })
  const error = doc.errors[0]
  if (error) throw new AllowlistError(`${path} is not valid YAML: ${error.message.split('\n')[0]}`, error.linePos?.[0]?.line)
  const data: unknown = doc.toJS()
  const list = data === null || data === undefined ? [] : data
  if (!Array.isArray(list)) throw new AllowlistError(`${path}: expected a list of entries "- term: ...\\n  reason: ..."`, 1)
  const items = isSeq(doc.contents) ? doc.contents.items : []
  return list.map((item: unknown, i): AllowEntry => {
    const node = items[i]
    const offset = node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? Number(node.range[0]) : -1
    const line = offset >= 0 ? counter.linePos(offset).line : undefined
    const fail = (message: string) => new AllowlistError(`${path}: entry ${i + 1}${message}`, line)
    const e = item as Record<string, unknown> | null
    const term = e?.term
    const terms = typeof term === 'string' || typeof term === 'number' ? [String(term)] : Array.isArray(term) ? term.map(String) : []
    const reason = e?.reason
    const label = terms.join(', ')
    if (!terms.length || terms.some((t) => !t.trim())) throw fail(' needs a "term" (a word, number or phrase, or a list of them)')
    if (typeof reason !== 'string' || reason.trim().length < 8) throw fail(` ("${label}") needs a "reason" saying why it may stand though the source lacks it`)
    const unknown = Object.keys(e ?? {}).filter((k) => !['term', 'reason', 'files', 'figure'].includes(k))
    if (unknown.length) throw fail(` ("${label}") has unknown key "${unknown[0]}": use term, reason, files, figure`)
    const files = e?.files
    if (files !== undefined && !(Array.isArray(files) && files.every((f) => typeof f === 'string')))
      throw fail(` ("${label}"): "files" must be a list of slide paths`)
    const figure = e?.figure
    if (figure !== undefined && typeof figure !== 'string') throw fail(` ("${label}"): "figure" must be a figure name such as timeline`)
    return { terms, reason, ...(files ? { files: files as string[] } : {}), ...(figure !== undefined ? { figure } : {}), ...(line ? { line } : {}) }
  })
}

/** Normalised form of an allowlist term or a claim's shown text, for comparison. */
export function termKey(text: string): string {
  return wordsOf(text).map(normWord).join(' ')
}
