/**
 * Citations: `[@id]`, `[@id, p. 4]` or `[@a; @b]` in a slide's body or notes name the deck's
 * sources (deck.yaml `sources:`). They are taken out of the Markdown before it is rendered (so
 * an id or a page number is never prose, nor a fidelity claim) and become a short source line
 * on the slide, a numbered reference, and the references slide (`layout: sources`). Pure.
 */

import { closest } from '../text/did-you-mean.ts'
import { escapeHtml } from '../text/escape.ts'
import { diag } from './diagnostics.ts'
import type { DeckConfig, DeckSource, Diagnostic, RenderedSlide, Segment } from './types.ts'

/** One citation where it stands. */
export interface Citation {
  id: string
  /** `p. 4`, as written after the comma. */
  locator?: string
  line: number
  column: number
}

const RE_CITE = /[ \t]?\[(@[A-Za-z0-9_][\w-]*(?:,[^\]\n;]*)?(?:;[ \t]*@[A-Za-z0-9_][\w-]*(?:,[^\]\n;]*)?)*)\](?!\()/g
const RE_FENCE = /^ {0,3}(`{3,}|~{3,})/

/** The sources the deck names: `sources:`, or the one `source:` as `source`. */
export function deckSources(config: DeckConfig): DeckSource[] {
  if (config.sources) return config.sources
  return config.source ? [{ id: 'source', file: config.source }] : []
}

/**
 * The segment with its citations taken out (a space before one goes with it), and the
 * citations, at their line and column. Code (fenced or in backticks) is left alone.
 */
export function takeCitations(seg: Segment): { seg: Segment; citations: Citation[] } {
  const citations: Citation[] = []
  let fence: string | undefined
  const lines = seg.text.split('\n').map((text, i) => {
    const f = RE_FENCE.exec(text)?.[1]
    if (f && (fence === undefined || (f[0] === fence[0] && f.length >= fence.length && !text.trim().slice(f.length)))) {
      fence = fence === undefined ? f : undefined
      return text
    }
    if (fence !== undefined || !text.includes('[@')) return text
    const code = [...text.matchAll(/`+[^`]*`+/g)].map((m) => [m.index, m.index + m[0].length] as const)
    return text.replace(RE_CITE, (whole: string, inner: string, offset: number) => {
      if (code.some(([a, b]) => offset >= a && offset < b)) return whole
      const line = seg.start.line + i
      let column = (i === 0 ? seg.start.column : 1) + offset + (whole.startsWith('[') ? 0 : 1) + 1
      for (const part of inner.split(';')) {
        const m = /^\s*@([\w-]+)\s*(?:,\s*(.*?))?\s*$/.exec(part)
        if (m?.[1]) citations.push({ id: m[1], ...(m[2] ? { locator: m[2] } : {}), line, column: column + part.indexOf('@') })
        column += part.length + 1
      }
      return ''
    })
  })
  return { seg: { ...seg, text: lines.join('\n') }, citations }
}

/** An unknown id is an error at its line and column, with the ids there are. */
export function checkCitations(citations: readonly Citation[], file: string, sources: readonly DeckSource[]): Diagnostic[] {
  const ids = sources.map((s) => s.id)
  return citations
    .filter((c) => !ids.includes(c.id))
    .map((c) => {
      const near = closest(c.id, ids)
      const known = ids.length ? `the sources are ${ids.map((i) => `@${i}`).join(', ')}` : 'deck.yaml names no sources: add a "sources:" list'
      return diag(
        'citation-unknown',
        { file, line: c.line, column: c.column },
        `"[@${c.id}]" cites no source in deck.yaml${near ? `: did you mean "@${near}"?` : ''} (${known})`,
      )
    })
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')

/** `2024-02` as `Feb 2024`, `2024-02-24` as `24 Feb 2024`; anything else as written. */
export function shortDate(date: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date.trim())
  if (!m) return date
  const mon = m[2] ? MONTHS[Number(m[2]) - 1] : undefined
  if (!mon) return m[1] ?? date
  return `${m[3] ? `${Number(m[3])} ` : ''}${mon} ${m[1]}`
}

/** How a source is named in a source line: its publisher (else its title, else its id) and date. */
export function shortName(s: DeckSource): string {
  const who = s.publisher ?? s.title ?? s.id
  return s.date ? `${who}, ${shortDate(s.date)}` : who
}

/** The sources cited across the deck, in order of first use. */
export function citedInOrder(slides: readonly RenderedSlide[], sources: readonly DeckSource[]): DeckSource[] {
  const order: string[] = []
  for (const s of slides) for (const { id } of s.cites ?? []) if (!order.includes(id)) order.push(id)
  return order.flatMap((id) => sources.filter((s) => s.id === id))
}

/**
 * The short source line under a slide's body: "Source: Back to SIFAR, Feb 2024, p. 4 [1]". The
 * number only when `listed` (a references slide shows the list it points into).
 */
export function sourceLineHtml(citations: readonly { id: string; locator?: string }[], numbered: readonly DeckSource[], listed = true): string {
  const parts: string[] = []
  for (const c of citations) {
    const i = numbered.findIndex((s) => s.id === c.id)
    const s = numbered[i]
    if (!s) continue
    const text = `${shortName(s)}${c.locator ? `, ${c.locator}` : ''}${listed ? ` [${i + 1}]` : ''}`
    if (!parts.includes(text)) parts.push(text)
  }
  if (!parts.length) return ''
  return `<p class="slide-source"><small>${parts.length > 1 ? 'Sources' : 'Source'}: ${escapeHtml(parts.join('; '))}</small></p>`
}

/** The references slide's list: every cited source, numbered in order of first use. */
export function referencesHtml(numbered: readonly DeckSource[]): string {
  const items = numbered.map((s) => {
    const title = s.title ? `<cite>${escapeHtml(s.title)}</cite>` : ''
    const rest = [s.publisher, s.date ? shortDate(s.date) : undefined].filter((x): x is string => !!x).map(escapeHtml)
    const url = s.url ? ` <a href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>` : ''
    return `<li id="ref-${escapeHtml(s.id)}">${[title, ...rest].filter(Boolean).join(', ') || escapeHtml(s.id)}.${url}</li>`
  })
  return items.length ? `<ol class="deck-references">${items.join('')}</ol>` : ''
}

/**
 * Every slide's source line, and the references slide's list, once the deck is in order: the
 * sources numbered by first use. A source never cited is a warning at deck.yaml.
 */
export function placeCitations(slides: RenderedSlide[], config: DeckConfig, deckFile: { path: string; text: string }): Diagnostic[] {
  const sources = deckSources(config)
  const numbered = citedInOrder(slides, sources)
  const listed = slides.some((s) => s.layout === 'sources')
  for (const s of slides) {
    if (s.cites?.length) s.bodyHtml += sourceLineHtml(s.cites, numbered, listed)
    if (s.layout === 'sources') s.bodyHtml = referencesHtml(numbered) + s.bodyHtml
  }
  // One source (the `source:` shorthand) needs no citing; of several, each should be cited somewhere.
  if (sources.length < 2) return []
  return sources
    .filter((s) => !numbered.includes(s))
    .map((s) =>
      diag(
        'source-uncited',
        { file: deckFile.path, line: lineOfId(deckFile.text, s.id), column: 1 },
        `source "${s.id}" is never cited: cite it as [@${s.id}] where the deck uses it, or remove it from "sources:"`,
        'warning',
      ),
    )
}

/** The line of deck.yaml where a source's `id:` is written (1 when not found). */
function lineOfId(text: string, id: string): number {
  return text.split('\n').findIndex((l) => new RegExp(`\\bid:\\s*["']?${id}(?![\\w-])`).test(l)) + 1 || 1
}
