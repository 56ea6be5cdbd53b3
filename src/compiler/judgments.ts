/**
 * `layout: judgments`, a bottom line: the slide's list read as key judgments, each item
 * `- likely, moderate confidence: the judgment (article)`: a term of the deck's likelihood
 * scale, a confidence, the judgment, and optionally whose it is. Set as a two-column table
 * (the estimate, term and confidence as badges, then the judgment), so every edition and the PPTX (which reads tables as tables) show the
 * same rows. Pure.
 */

import { closest } from '../text/did-you-mean.ts'
import { escapeHtml } from '../text/escape.ts'
import { diag } from './diagnostics.ts'
import { scanFences } from './split.ts'
import type { Diagnostic, ProseLine, Segment } from './types.ts'

/** ICD 203's words of likelihood, from least to most likely: the default scale. */
export const ICD_203 = ['almost no chance', 'very unlikely', 'unlikely', 'roughly even chance', 'likely', 'very likely', 'almost certainly'] as const
export const CONFIDENCE = ['low', 'moderate', 'high'] as const

/** One judgment as written. `rank` is the term's place on the scale (0 the least likely). */
export interface Judgment {
  term: string
  rank: number
  confidence: (typeof CONFIDENCE)[number]
  /** Whose judgment: a closing "(article)", "(briefer)" of at most three words. */
  by?: string
  line: number
}

const RE_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])[ \t]+(.*)$/
/** `likely, moderate confidence: …`; the word "confidence" may be left out. */
const RE_HEAD = /^([^,:]+?)[ \t]*,[ \t]*([^,:\s]+)(?:[ \t]+confidence)?[ \t]*:[ \t]+\S/i
const RE_BY = /[ \t]*\(([^()]+)\)[ \t]*$/
const EXAMPLE = '"- likely, moderate confidence: the judgment", optionally ending "(article)" or "(briefer)"'

/**
 * The judgments of a slide body's first list, checked against the scale; every malformed item,
 * term off the scale or unknown confidence is an error at its column, with the fix.
 */
export function parseJudgments(content: Segment, scale: readonly string[] = ICD_203): { judgments: (Judgment | null)[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const judgments: (Judgment | null)[] = []
  const at = (line: number, column: number) => ({ ...content.start, line, column })
  const { lines } = scanFences(content)
  // The first list's top-level items (with their continuation lines), until a line that is neither.
  let item: { line: number; column: number; text: string } | undefined
  let started = false
  const items: { line: number; column: number; text: string }[] = []
  for (const l of lines) {
    const line = content.start.line + l.index
    const m = l.inFence ? null : RE_ITEM.exec(l.text)
    if (m) {
      started = true
      item = { line, column: l.text.length - (m[2]?.length ?? 0) + 1, text: m[2] ?? '' }
      items.push(item)
    } else if (started && item && /^[ \t]+\S/.test(l.text) && !/^[ \t]+([-*+]|\d+[.)])[ \t]/.test(l.text)) item.text += ` ${l.text.trim()}`
    else if (started && l.text.trim() && !/^[ \t]/.test(l.text)) break
    else if (started && /^[ \t]+([-*+]|\d+[.)])[ \t]/.test(l.text)) item = undefined
  }
  if (!items.length) diagnostics.push(diag('judgment-invalid', content.start, `a judgments slide needs a list, one judgment an item: write ${EXAMPLE}`))
  for (const it of items) {
    const head = RE_HEAD.exec(it.text)
    if (!head) {
      diagnostics.push(diag('judgment-invalid', at(it.line, it.column), `this item is not a judgment: write ${EXAMPLE} (the scale: ${scale.join(', ')})`))
      judgments.push(null)
      continue
    }
    const term = (head[1] ?? '').trim()
    const conf = (head[2] ?? '').toLowerCase()
    const rank = scale.findIndex((w) => w.toLowerCase() === term.toLowerCase().replace(/\s+/g, ' '))
    let ok = true
    if (rank < 0) {
      const near = closest(term, scale)
      diagnostics.push(
        diag(
          'judgment-invalid',
          at(it.line, it.column),
          `"${term}" is not a term of the deck's likelihood scale${near ? `: did you mean "${near}"?` : ''} Use one of: ${scale.join(', ')} (or set the scale with "likelihood:" in deck.yaml)`,
        ),
      )
      ok = false
    }
    if (!(CONFIDENCE as readonly string[]).includes(conf)) {
      const near = closest(conf, CONFIDENCE)
      const column = it.column + it.text.indexOf(head[2] ?? '', (head[1] ?? '').length)
      diagnostics.push(
        diag('judgment-invalid', at(it.line, column), `"${head[2]}" is not a confidence${near ? `: did you mean "${near}"?` : ''} Use low, moderate or high`),
      )
      ok = false
    }
    const by = RE_BY.exec(it.text)?.[1]?.trim()
    judgments.push(ok ? { term, rank, confidence: conf as Judgment['confidence'], ...(by && by.split(/\s+/).length <= 3 ? { by } : {}), line: it.line } : null)
  }
  return { judgments, diagnostics }
}

/**
 * The rendered body with its first top-level list set as the judgments table: each item's head
 * (term and confidence) becomes the estimate cell, its closing "(whose)" a label after the text.
 * `build`: each row appears one step at a time when presenting.
 */
export function judgmentsHtml(html: string, judgments: readonly (Judgment | null)[], scale: readonly string[], build = false): string {
  const list = firstList(html)
  if (!list) return html
  const rows = list.items.map((inner, i) => {
    const j = judgments[i]
    let text = inner.trim()
    if (j) {
      // The head as the page has it: up to the first colon outside a tag.
      text = text.replace(/^((?:<p>)?)[^<:]*:\s*/, '$1')
      // (Its text as typeset: "briefer's" may now hold a curly apostrophe.)
      if (j.by) text = text.replace(/\s*\(([^()<]*)\)(\s*(?:<\/p>)?)$/, (_, who: string, end: string) => ` <span class="judgment-by">(${who})</span>${end}`)
    }
    const cls = `judgment${build ? ' fragment' : ''}`
    const estimate = j ? `<span class="judgment-term-word">${escapeHtml(j.term)}</span><br><span class="judgment-level">${j.confidence} confidence</span>` : ''
    const rank = j ? ` data-rank="${j.rank + 1}" data-of="${scale.length}" data-confidence="${j.confidence}"` : ''
    return `<tr class="${cls}"${rank}><td class="judgment-estimate">${estimate}</td><td class="judgment-text">${text}</td></tr>`
  })
  // No header row: the badges say what they are, and the words stay on the judgments.
  const table = `<table class="judgments"><tbody>${rows.join('')}</tbody></table>`
  return html.slice(0, list.start) + table + html.slice(list.end)
}

/** The first list outside any other element of the body: where it is, and its items' inner HTML. */
function firstList(html: string): { start: number; end: number; items: string[] } | undefined {
  const re = /<(\/?)(ul|ol|li|div|table|blockquote)\b[^>]*>/g
  let depth = 0
  let start = -1
  let itemFrom = -1
  let listDepth = 0
  const items: string[] = []
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const close = m[1] === '/'
    const name = m[2]
    if (!close) {
      if (start < 0 && depth === 0 && (name === 'ul' || name === 'ol')) {
        start = m.index
        listDepth = 1
      } else if (start >= 0) {
        if (name === 'li' && listDepth === 1) itemFrom = m.index + m[0].length
        if (name !== 'li') listDepth++
      }
      if (name !== 'li') depth++
    } else {
      if (name !== 'li') depth--
      if (start >= 0) {
        if (name === 'li' && listDepth === 1 && itemFrom >= 0) {
          items.push(html.slice(itemFrom, m.index))
          itemFrom = -1
        }
        if (name !== 'li' && --listDepth === 0) return { start, end: m.index + m[0].length, items }
      }
    }
  }
  return undefined
}

/**
 * A judgments slide's prose as the page shows it: each item's judgment starts its own cell (a
 * sentence start, for the fidelity check), its head (term and confidence) apart.
 */
export function judgmentProse(lines: readonly ProseLine[]): ProseLine[] {
  return lines.map((l) => {
    const head = l.role === 'bullet' && !l.notes ? /^[^,:]+,[^,:]+:\s+/.exec(l.text) : null
    return head ? { ...l, text: l.text.slice(head[0].length), pos: { ...l.pos, column: l.pos.column + head[0].length } } : l
  })
}
