/**
 * The sources and the allowlist `npm run check` reads for the fidelity check, through the read
 * gate: a source deck.yaml names (`source:` or `sources:`) may lie outside the project, as it is
 * named explicitly, but must be a regular file of a sane size. A source or allowlist that cannot
 * be read is an error at the line of deck.yaml (or the allowlist) that names it.
 */
import { dirname, relative, resolve, sep } from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import { deckSources } from '../compiler/citations.ts'
import type { Diagnostic } from '../deck/model.ts'
import type { DeckRecord } from '../deck/record.ts'
import { readGated, refusalText } from '../files/read-gate.ts'
import type { FidelitySource } from './fidelity.ts'
import type { AllowEntry } from './fidelity-allowlist.ts'
import { AllowlistError, parseAllowlist } from './fidelity-allowlist.ts'
import { finding } from './findings.ts'

/** Largest source article or allowlist read: a long report fits; a disk image does not. */
export const MAX_SOURCE_BYTES = 8_000_000

const posix = (p: string) => p.split(sep).join('/')

/** The line of deck.yaml that names a source: `source:`, or the `file:` of `sources:` entry `i`. */
export function sourceLine(deckYaml: string, index?: number): number {
  const counter = new LineCounter()
  const doc = parseDocument(deckYaml, { lineCounter: counter })
  const node = index === undefined ? doc.getIn(['source'], true) : (doc.getIn(['sources', index, 'file'], true) ?? doc.getIn(['sources', index], true))
  const offset = node && typeof node === 'object' && 'range' in node && Array.isArray(node.range) ? Number(node.range[0]) : undefined
  return offset === undefined ? 1 : counter.linePos(offset).line
}

/** One file read through the gate, as text; or why not, in words. */
function readText(abs: string, folders: readonly string[], what: string): { text: string } | { error: string } {
  const r = readGated(abs, { folders, maxBytes: MAX_SOURCE_BYTES })
  if (r.reason === 'too-large') return { error: `${what} is ${r.size} bytes or more, over the ${MAX_SOURCE_BYTES}-byte limit for a source` }
  if (r.reason) return { error: refusalText(r, what, 'the project or the folder deck.yaml names') }
  return { text: new TextDecoder().decode(r.bytes).replace(/^\uFEFF/, '') }
}

export interface ReadSources {
  sources: FidelitySource[]
  /** Where each was read, for the summary line. */
  shown: string[]
  findings: Diagnostic[]
}

/**
 * The deck's sources as text. `override` (`--source`, relative to the working directory) stands
 * in for the first source; the others are read as deck.yaml names them.
 */
export function readSources(root: string, deck: Pick<DeckRecord, 'slidesDir' | 'config'>, deckYaml: string, override?: string): ReadSources {
  const deckPath = posix(relative(root, resolve(root, deck.slidesDir, 'deck.yaml')))
  const named = deckSources(deck.config)
  const list = named.length ? named : override ? [{ id: 'source' }] : []
  const out: ReadSources = { sources: [], shown: [], findings: [] }
  list.forEach((s, i) => {
    const given = i === 0 && override !== undefined
    const file = given ? override : s.file
    const name = s.publisher ?? s.title ?? (list.length === 1 ? 'the source' : s.id)
    if (!file) {
      out.findings.push(
        finding(
          'fidelity',
          { file: deckPath, line: sourceLine(deckYaml, i) },
          `source "${s.id}" has no "file:": add the path of its text, relative to deck.yaml's folder`,
        ),
      )
      return
    }
    const abs = given ? resolve(file) : resolve(root, deck.slidesDir, file)
    // Named explicitly (in deck.yaml, or on the command line): its own folder is allowed, besides the project.
    const read = readText(abs, [root, dirname(abs)], `the source "${file}"`)
    if ('error' in read) {
      const at = given ? { file: posix(file) } : { file: deckPath, line: named.length && deck.config.sources ? sourceLine(deckYaml, i) : sourceLine(deckYaml) }
      const fix = given ? 'pass the path of the article, --source <article.txt>' : "correct the path (relative to deck.yaml's folder), or put the file there"
      out.findings.push(finding('fidelity', at, /does not exist$/.test(read.error) ? `${read.error}: ${fix}` : read.error))
      return
    }
    out.sources.push({ id: s.id, name, text: read.text })
    out.shown.push(posix(relative(process.cwd(), abs)) || file)
  })
  return out
}

/**
 * The allowlist, read through the gate and parsed; an error at its line. The default one may be
 * absent; one given (`--allowlist=`) must be there, and may lie beside the project.
 */
export function readAllowlist(root: string, path: string, given = false): { entries: AllowEntry[]; findings: Diagnostic[] } {
  const shown = posix(relative(root, path))
  const read = readText(path, given ? [root, dirname(path)] : [root], `the allowlist ${shown}`)
  if ('error' in read) {
    if (!given && /does not exist$/.test(read.error)) return { entries: [], findings: [] }
    return { entries: [], findings: [finding('fidelity', { file: shown }, read.error)] }
  }
  try {
    return { entries: parseAllowlist(read.text, shown), findings: [] }
  } catch (err) {
    const line = err instanceof AllowlistError ? err.line : undefined
    return { entries: [], findings: [finding('fidelity', { file: shown, ...(line ? { line } : {}) }, err instanceof Error ? err.message : String(err))] }
  }
}
