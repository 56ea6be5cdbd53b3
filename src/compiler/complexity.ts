import { diag } from './diagnostics.ts'
import { scanFences } from './split.ts'
import type { Diagnostic, Segment } from './types.ts'

/**
 * marked's inline rules try to pair every emphasis, code, strike, link and HTML marker with a
 * later one (and lex every table cell on its own), so text made of thousands of them (`_a_a_a…`, `*a*a…`, `<!--<!--…`) costs far more
 * than the same bytes of prose: 256 KB of `_a` took 95 s. No slide needs more than a few dozen,
 * so a segment (a slide's body or its notes) with more than MAX_INLINE_MARKERS outside fenced
 * code, or more than MAX_COMMENT_OPENERS `<!--`, is refused before rendering, at the line where
 * it crosses the limit. Limits and their cost are measured in the bench's worst-case row.
 */
export const MAX_INLINE_MARKERS = 2_000
export const MAX_COMMENT_OPENERS = 64
const RE_MARKER = /[*_~`[<|]/g
const RE_COMMENT = /<!--/g

export function tooComplex(seg: Segment): Diagnostic | undefined {
  let markers = 0
  let comments = 0
  for (const line of scanFences(seg).lines) {
    if (line.inFence) continue
    markers += line.text.match(RE_MARKER)?.length ?? 0
    comments += line.text.match(RE_COMMENT)?.length ?? 0
    const pos = { file: seg.start.file, line: seg.start.line + line.index, column: 1 }
    if (comments > MAX_COMMENT_OPENERS) {
      return diag('markdown-too-complex', pos, `by this line the slide has opened more than ${MAX_COMMENT_OPENERS} HTML comments ("<!--"): comments are removed from slides anyway, so delete them (or put the text in a \`\`\`text block)`)
    }
    if (markers > MAX_INLINE_MARKERS) {
      return diag('markdown-too-complex', pos, `by this line the slide's text holds more than ${MAX_INLINE_MARKERS.toLocaleString('en')} emphasis, code, link, HTML and table markers (*, _, ~, \`, [, <, |), which would stall the renderer: a slide needs a few dozen, so this looks pasted or generated; put it in a \`\`\`text block or split it`)
    }
  }
  return undefined
}
