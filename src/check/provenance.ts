/**
 * Provenance: for each slide, the source sentences that support its checked claims (numbers,
 * names, quotes, dates in its body and notes), found with the fidelity check's own claims and
 * lookup. A claim no source has is left out (the check reports it). Pure.
 */
import type { ProseLine, ProvenanceEntry } from '../deck/model.ts'
import { extractClaims } from './fidelity-claims.ts'
import { indexSource, locate, type SourceIndex } from './fidelity-source.ts'
import { sentenceStarts, sentenceText } from './sentences.ts'

/** What the matching needs of a slide. */
export interface ProvenanceSlide {
  id: string
  file: string
  line: number
  /** The ids it cites, tried first (as the check tries them). */
  cites?: readonly string[]
}

/** Where a claim may be supported: each place's sentence is weighed, at most this many places per claim. */
const PLACES = 40

/**
 * A name the source uses in more sentences than this is what it is about ("Iran" in an article
 * on Iran), not a fact one sentence supports: it gets no footnote.
 */
const SPECIFIC_NAME = 2

interface IndexedSource {
  id: string
  text: string
  starts: number[]
  index: SourceIndex
}

/** A source indexed by sentence, once per build. */
export function indexBySentence(source: { id: string; text: string }): IndexedSource {
  const starts = sentenceStarts(source.text)
  return { id: source.id, text: source.text, starts, index: indexSource(source.text, starts) }
}

/**
 * Each slide's provenance, by slide id: one entry per supporting sentence, in the order of the
 * slide's first claim it supports. Of a claim's places in the first source that has it (cited
 * sources first), the sentence chosen is the one supporting most of the slide's claims, so that
 * a slide cites few sentences and each says much of what the slide says.
 */
export function findProvenance(
  slides: readonly ProvenanceSlide[],
  prose: readonly ProseLine[],
  sources: readonly IndexedSource[],
): Map<string, ProvenanceEntry[]> {
  const out = new Map<string, ProvenanceEntry[]>()
  if (!sources.length) return out
  for (const [slide, lines] of proseBySlide(slides, prose)) {
    const cited = slide.cites ?? []
    const tried = [...sources].sort((a, b) => rank(cited, a.id) - rank(cited, b.id))
    // Titles and section names are headings, where no claim is marked.
    const claims = extractClaims(
      lines.filter((l) => l.role !== 'title' && l.role !== 'section'),
      slide.file,
    ).flatMap((c) => {
      for (const s of tried) {
        const places = locate(s.index, c, PLACES).filter((p) => p >= 0)
        if (!places.length) continue
        const sentences = [...new Set(places.map((p) => s.index.tokens[p]?.sentence ?? 0))]
        return c.kind === 'name' && sentences.length > SPECIFIC_NAME ? [] : [{ claim: c, source: s, sentences }]
      }
      return []
    })
    const weight = new Map<string, number>()
    for (const c of claims) for (const n of c.sentences) weight.set(`${c.source.id}:${n}`, (weight.get(`${c.source.id}:${n}`) ?? 0) + 1)
    const entries = new Map<string, ProvenanceEntry>()
    for (const c of claims) {
      let best = c.sentences[0] ?? 0
      for (const n of c.sentences) if ((weight.get(`${c.source.id}:${n}`) ?? 0) > (weight.get(`${c.source.id}:${best}`) ?? 0)) best = n
      const key = `${c.source.id}:${best}`
      let entry = entries.get(key)
      if (!entry) {
        const { text, starts } = c.source
        entry = { source: c.source.id, sentence: sentenceText(text, starts[best] ?? 0, starts[best + 1] ?? text.length), claims: [] }
        entries.set(key, entry)
      }
      if (!entry.claims.some((k) => k.text === c.claim.text && k.notes === c.claim.notes))
        entry.claims.push({ text: c.claim.text, kind: c.claim.kind, notes: c.claim.notes })
    }
    if (entries.size) out.set(slide.id, [...entries.values()])
  }
  return out
}

/** The prose lines of each slide: a line belongs to the last slide of its file that starts at or before it. */
function proseBySlide(slides: readonly ProvenanceSlide[], prose: readonly ProseLine[]): Map<ProvenanceSlide, ProseLine[]> {
  const byFile = new Map<string, ProvenanceSlide[]>()
  for (const s of slides) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s])
  for (const list of byFile.values()) list.sort((a, b) => a.line - b.line)
  const out = new Map<ProvenanceSlide, ProseLine[]>()
  for (const l of prose) {
    const list = byFile.get(l.pos.file)
    if (!list) continue
    let slide: ProvenanceSlide | undefined
    for (const s of list) if (s.line <= l.pos.line) slide = s
    if (!slide) continue
    const lines = out.get(slide)
    if (lines) lines.push(l)
    else out.set(slide, [l])
  }
  return out
}

/** A source's place in the order tried: the cited ones first, in citation order. */
function rank(cited: readonly string[], id: string): number {
  const i = cited.indexOf(id)
  return i < 0 ? cited.length : i
}
