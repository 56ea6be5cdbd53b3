/**
 * Provenance in the editions: each supported claim in a slide's HTML becomes a link to a
 * numbered footnote quoting the source sentence (plain links and lists, so it works without
 * script, on paper and as an e-mail attachment), and the speaker view's list for the slide
 * travels inside the slide as an inert `<template>`. Pure.
 */
import { shortName } from '../compiler/citations.ts'
import type { DeckSource, ProvenanceEntry } from '../deck/model.ts'
import { escapeHtml } from '../text/escape.ts'

/** Elements whose text is never marked: links and code keep their meaning, figures their drawing, headings their words. */
const SKIP = new Set(['a', 'code', 'pre', 'svg', 'script', 'style', 'template', 'sup', 'kbd', 'title', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

/** A pattern that finds a claim as the HTML writes it: `90 percent` as `90%`, `US` as `U.S.`, quotes and dashes in any form. */
function claimPattern(c: ProvenanceEntry['claims'][number]): RegExp | undefined {
  const words = c.text.split(/\s+/).filter(Boolean)
  if (!words.length) return undefined
  const char = (ch: string): string => {
    if (/['’]/.test(ch)) return "(?:['’]|&#39;|&#x27;|&apos;)"
    if (/["“”]/.test(ch)) return '(?:["“”]|&quot;)'
    if (/[-‐‑–—]/.test(ch)) return '[-‐‑–—]'
    if (ch === '&') return '&(?:amp;)?'
    return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  const word = (w: string): string => (/^\p{Lu}{2,3}$/u.test(w) ? `${w.split('').join('\\.?')}\\.?` : [...w].map(char).join(''))
  const gap = c.kind === 'number-word' ? '(?:\\s|&nbsp;|[-‐‑–—])+' : '(?:\\s|&nbsp;)+'
  let src = word(words[0] ?? '')
  for (const w of words.slice(1)) src += w.toLowerCase() === 'percent' ? `(?:\\s*%|${gap}per(?:\\s|&nbsp;)*cent|${gap}percent)` : `${gap}${word(w)}`
  // No Unicode property classes here: each costs its compile, once per claim.
  return new RegExp(src, c.kind === 'number-word' ? 'giu' : 'gu')
}

/**
 * Does the match from `from` to `to` stand where a claim may: not running on into a word, and
 * after a quotation mark for a quote (found where the HTML quotes it), else not inside a word.
 * Checked here: a lookbehind would be tried at every position of the text.
 */
function standsAlone(text: string, from: number, to: number, kind: string): boolean {
  if (WORD_CHAR.test(text.slice(to, to + 2))) return false
  const head = text.slice(Math.max(0, from - 6), from)
  if (kind === 'quote') return /(?:["“‘']|&quot;|&#39;)$/.test(head)
  return !/[\p{L}\p{N}]$/u.test(head)
}

const WORD_CHAR = /^[\p{L}\p{N}]/u

/**
 * `html` with each claim of `entries` (those of the body, or of the notes) linked to its
 * footnote: the first place of each, outside links, code and figures. The first claim of a
 * footnote carries its number; `id(n)` names footnote n, `refId(n)` that first place.
 */
export function markClaims(
  html: string,
  entries: readonly ProvenanceEntry[],
  notes: boolean,
  id: (n: number) => string,
  refId?: (n: number) => string,
): string {
  // The text between tags, each with where it is and the marks placed in it.
  const runs: { start: number; end: number; marks: { from: number; to: number; n: number }[] }[] = []
  // The open elements, each marked when its text is not to be marked (a skipped tag, or hidden from assistive technology).
  const open: { tag: string; skip: boolean }[] = []
  const skipping = () => open.some((o) => o.skip)
  let last = 0
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>|<!--[\s\S]*?-->/g)) {
    if (m.index > last && !skipping()) runs.push({ start: last, end: m.index, marks: [] })
    last = m.index + m[0].length
    const tag = m[2]?.toLowerCase()
    if (!tag || m[3] || VOID.has(tag)) continue
    if (!m[1]) open.push({ tag, skip: SKIP.has(tag) || /\saria-hidden="true"/.test(m[0]) })
    else {
      const at = open.map((o) => o.tag).lastIndexOf(tag)
      if (at >= 0) open.length = at
    }
  }
  if (last < html.length && !skipping()) runs.push({ start: last, end: html.length, marks: [] })

  // The runs joined by a character no pattern matches, so each claim is looked for in one pass.
  const starts: number[] = []
  let joined = ''
  for (const run of runs) {
    starts.push(joined.length)
    joined += `${html.slice(run.start, run.end)}\0`
  }
  const runAt = (offset: number): number => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  entries.forEach((e, i) => {
    for (const c of e.claims) {
      if (c.notes !== notes) continue
      const re = claimPattern(c)
      if (!re) continue
      for (const m of joined.matchAll(re)) {
        if (!standsAlone(joined, m.index, m.index + m[0].length, c.kind)) continue
        const r = runAt(m.index)
        const run = runs[r]
        if (!run) continue
        const from = m.index - (starts[r] ?? 0)
        const to = from + m[0].length
        if (run.marks.some((k) => from < k.to && to > k.from)) continue
        run.marks.push({ from, to, n: i + 1 })
        break
      }
    }
  })

  const numbered = new Set<number>()
  let out = ''
  let at = 0
  for (const run of runs) {
    for (const k of joinAdjacent(run.marks, html.slice(run.start, run.end))) {
      const from = run.start + k.from
      const to = run.start + k.to
      const first = !numbered.has(k.n)
      numbered.add(k.n)
      const sup = first ? `<sup class="prov-n">${k.n}</sup>` : ''
      const idAttr = first && refId ? ` id="${escapeHtml(refId(k.n))}"` : ''
      out += `${html.slice(at, from)}<a class="prov" href="#${escapeHtml(id(k.n))}"${idAttr}>${html.slice(from, to)}${sup}</a>`
      at = to
    }
  }
  return out + html.slice(at)
}

/**
 * The marks in order, those of one footnote with only spaces between made one ("3 March 2023"
 * read as the number 3 and the date March 2023 takes one link and one number, at its end).
 */
function joinAdjacent(marks: readonly { from: number; to: number; n: number }[], text: string): { from: number; to: number; n: number }[] {
  const out: { from: number; to: number; n: number }[] = []
  for (const k of [...marks].sort((a, b) => a.from - b.from)) {
    const last = out[out.length - 1]
    if (last && last.n === k.n && /^(?:\s|&nbsp;)*$/.test(text.slice(last.to, k.from))) last.to = k.to
    else out.push({ ...k })
  }
  return out
}

/** The heading of a slide's footnotes, the handout's endnotes and their PDF bookmark. */
export const SOURCES_HEADING = 'Where the facts come from'

/** How a footnote names its source: as the slide's source line does (publisher, date); the references give the rest. */
export function sourceLabel(id: string, sources: readonly DeckSource[]): string {
  const s = sources.find((x) => x.id === id)
  return escapeHtml(s ? shortName(s) : id === 'source' ? 'the source' : id)
}

/** How a slide's footnotes are written: `back(n)`, when it gives an id, links footnote n back to its place in the text. */
export interface FootnoteOptions {
  cls: string
  id: (n: number) => string
  back?: (n: number) => string | undefined
  /** Under a heading of their own ("Where the facts come from"), or a bare list under the caller's. @default true */
  titled?: boolean
}

/** A slide's footnotes: each supporting sentence, quoted, with its source. */
export function footnotesHtml(entries: readonly ProvenanceEntry[], sources: readonly DeckSource[], opts: FootnoteOptions): string {
  if (!entries.length) return ''
  const { cls, id, back } = opts
  const items = entries.map((e, i) => {
    const to = back?.(i + 1)
    const link = to ? ` <a class="prov-back" href="#${escapeHtml(to)}" aria-label="Back to the text">↩</a>` : ''
    return `<li id="${escapeHtml(id(i + 1))}"><q>${escapeHtml(e.sentence)}</q> — ${sourceLabel(e.source, sources)}${link}</li>`
  })
  const list = `<ol class="${cls}">${items.join('')}</ol>`
  if (opts.titled === false) return list
  return `<aside class="${cls}" aria-label="${SOURCES_HEADING}"><p class="${cls}-title">${SOURCES_HEADING}</p>${list.replace(` class="${cls}"`, '')}</aside>`
}

/** The speaker view's list for one slide (claim, then the sentence and its source), inert until the speaker view shows it. */
export function speakerTemplate(entries: readonly ProvenanceEntry[], sources: readonly DeckSource[]): string {
  if (!entries.length) return ''
  const items = entries.map((e) => {
    const claims = [...new Set(e.claims.map((c) => c.text))].map(escapeHtml).join(', ')
    const name = sourceLabel(e.source, sources)
    return `<li><b class="deck-provenance-claims">${claims}</b> <q>${escapeHtml(e.sentence)}</q> <span class="deck-provenance-source">${name}</span></li>`
  })
  return `<template class="deck-provenance"><ol>${items.join('')}</ol></template>`
}
