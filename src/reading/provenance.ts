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
  const word = (w: string): string => (/^\p{Lu}{2,3}$/u.test(w) ? w.split('').join('\\.?') + '\\.?' : [...w].map(char).join(''))
  const gap = c.kind === 'number-word' ? '(?:\\s|&nbsp;|[-‐‑–—])+' : '(?:\\s|&nbsp;)+'
  let src = word(words[0] ?? '')
  for (const w of words.slice(1)) src += w.toLowerCase() === 'percent' ? `(?:\\s*%|${gap}per(?:\\s|&nbsp;)*cent|${gap}percent)` : `${gap}${word(w)}`
  // A quoted phrase is found where the HTML quotes it.
  const before = c.kind === 'quote' ? `(?<=["“‘']|&quot;|&#39;)` : '(?<![\\p{L}\\p{N}])'
  return new RegExp(`${before}${src}(?![\\p{L}\\p{N}])`, c.kind === 'number-word' ? 'giu' : 'gu')
}

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

  entries.forEach((e, i) => {
    for (const c of e.claims) {
      if (c.notes !== notes) continue
      const re = claimPattern(c)
      if (!re) continue
      placed: for (const run of runs) {
        const text = html.slice(run.start, run.end)
        for (const m of text.matchAll(re)) {
          const from = m.index
          const to = from + m[0].length
          if (run.marks.some((k) => from < k.to && to > k.from)) continue
          run.marks.push({ from, to, n: i + 1 })
          break placed
        }
      }
    }
  })

  const numbered = new Set<number>()
  let out = ''
  let at = 0
  for (const run of runs) {
    for (const k of run.marks.sort((a, b) => a.from - b.from)) {
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

/** How a footnote names its source: its title (else its publisher, else its id); the references give the rest. */
export function sourceLabel(id: string, sources: readonly DeckSource[]): string {
  const s = sources.find((x) => x.id === id)
  if (!s) return escapeHtml(id === 'source' ? 'the source' : id)
  return s.title ? `<cite>${escapeHtml(s.title)}</cite>` : escapeHtml(s.publisher ?? s.id)
}

/**
 * A slide's footnotes: each supporting sentence, quoted (cut at `max` characters), with its
 * source; `back(n)`, when it gives an id, links footnote n back to its place in the text.
 */
export function footnotesHtml(
  entries: readonly ProvenanceEntry[],
  sources: readonly DeckSource[],
  cls: string,
  id: (n: number) => string,
  back?: (n: number) => string | undefined,
  max = Number.POSITIVE_INFINITY,
): string {
  if (!entries.length) return ''
  const items = entries.map((e, i) => {
    const to = back?.(i + 1)
    const sentence = e.sentence.length <= max ? e.sentence : `${e.sentence.slice(0, max - 1).replace(/\s+\S*$/, '')}…`
    const link = to ? ` <a class="prov-back" href="#${escapeHtml(to)}" aria-label="Back to the text">↩</a>` : ''
    return `<li id="${escapeHtml(id(i + 1))}"><q>${escapeHtml(sentence)}</q> — ${sourceLabel(e.source, sources)}${link}</li>`
  })
  return `<aside class="${cls}" aria-label="Where the facts come from"><p class="${cls}-title">Where the facts come from</p><ol>${items.join('')}</ol></aside>`
}

/** The speaker view's list for one slide (claim, then the sentence and its source), inert until the speaker view shows it. */
export function speakerTemplate(entries: readonly ProvenanceEntry[], sources: readonly DeckSource[]): string {
  if (!entries.length) return ''
  const items = entries.map((e) => {
    const claims = [...new Set(e.claims.map((c) => c.text))].map(escapeHtml).join(', ')
    const source = sources.find((x) => x.id === e.source)
    const name = escapeHtml(source ? shortName(source) : e.source === 'source' ? 'the source' : e.source)
    return `<li><b class="deck-provenance-claims">${claims}</b> <q>${escapeHtml(e.sentence)}</q> <span class="deck-provenance-source">${name}</span></li>`
  })
  return `<template class="deck-provenance"><ol>${items.join('')}</ol></template>`
}
