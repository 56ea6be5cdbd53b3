import { diag } from './diagnostics.ts'
import { scanFences } from './split.ts'
import type { Diagnostic, Segment } from './types.ts'

/**
 * marked's inline rules try to pair every emphasis, code, strike, link and HTML marker with a
 * later one (and lex every table cell on its own), so text made of thousands of them (`_a_a_a…`,
 * `*a*a…`, `<!--<!--…`) costs far more than the same bytes of prose: 256 KB of `_a` took 95 s.
 * No slide needs more than a few dozen (the most in any deck here is 16 in a whole file), so a
 * file whose slides and notes hold more than MAX_INLINE_MARKERS outside fenced code, or more
 * than MAX_COMMENT_OPENERS `<!--`, is refused before rendering, at the line where it crosses
 * the limit. The limit is per file, not per slide: sixty sub-slides each just under a per-slide
 * limit would cost sixty times as much. The bench's worst-case row measures what is left.
 */
export const MAX_INLINE_MARKERS = 2_000
export const MAX_COMMENT_OPENERS = 64
/** Sub-slides in one file: a section of a talk has a handful; thousands of tiny ones cost like thousands of slides. */
export const MAX_PARTS = 50
// `!` opens an image (`![`) and marked pairs each with every later one: 40,000 took 4 s.
const RE_MARKER = /[*_~`[<|!\\]/g
const RE_COMMENT = /<!--/g

/** One segment (a slide's body or its notes) on its own. */
export function tooComplex(seg: Segment): Diagnostic | undefined {
  return tooComplexFile([seg])
}

/** A whole file's segments (bodies and notes), counted together. */
export function tooComplexFile(segments: readonly Segment[]): Diagnostic | undefined {
  let markers = 0
  let comments = 0
  for (const seg of segments) {
    for (const line of scanFences(seg).lines) {
      if (line.inFence) continue
      markers += line.text.match(RE_MARKER)?.length ?? 0
      comments += line.text.match(RE_COMMENT)?.length ?? 0
      const pos = { file: seg.start.file, line: seg.start.line + line.index, column: 1 }
      if (comments > MAX_COMMENT_OPENERS) {
        return diag(
          'markdown-too-complex',
          pos,
          `by this line the file has opened more than ${MAX_COMMENT_OPENERS} HTML comments ("<!--"): comments are removed from slides anyway, so delete them (or put the text in a \`\`\`text block)`,
        )
      }
      if (markers > MAX_INLINE_MARKERS) {
        return diag(
          'markdown-too-complex',
          pos,
          `by this line the file's slides and notes hold more than ${MAX_INLINE_MARKERS.toLocaleString('en')} emphasis, code, link, image, escape, HTML and table markers (*, _, ~, \`, [, <, |, !, \\), which would stall the renderer: a slide needs a few dozen, so this looks pasted or generated; put it in a \`\`\`text block or split the file`,
        )
      }
    }
  }
  return undefined
}

/** A file cut into more than MAX_PARTS slides, at the `--` line that starts the first one over. */
export function tooManyParts(parts: readonly { pos: Diagnostic['pos'] }[]): Diagnostic | undefined {
  const over = parts[MAX_PARTS]
  if (!over) return undefined
  return diag(
    'markdown-too-complex',
    over.pos,
    `this file holds more than ${MAX_PARTS} slides (one per "--" line, plus the first): a section of a talk needs a handful, so split it into more files`,
  )
}
