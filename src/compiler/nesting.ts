/**
 * The nesting guard: marked recurses once per list or quote level, so a line nested hundreds of
 * levels deep is refused before rendering, and a stack overflow while rendering is reported at
 * the slide rather than crashing the build.
 */
import { diag } from './diagnostics.ts'
import { scanFences } from './split.ts'
import type { Diagnostic, Segment } from './types.ts'

/** Lists and quotes nest at most this deep; a slide needs three or four levels. */
export const MAX_NESTING = 10
// A list marker needs a space after it; a quote marker does not (`>>>` is three quotes deep).
const RE_NEST_PREFIX = /^(?:[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>))+/
const RE_NEST_MARK = /(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>/g

/**
 * marked's time grows with nesting depth times text size (and each level costs stack), so a
 * pasted file with hundreds of nested lists or quotes would stall the build. Such a line is
 * refused before rendering, located: nesting counts the list and quote markers at the start of
 * the line plus its indentation in steps of two columns. Fenced code does not count.
 */
export function tooDeepLine(seg: Segment): Diagnostic | undefined {
  for (const line of scanFences(seg).lines) {
    if (line.inFence) continue
    const indent = /^[ \t]*/.exec(line.text)?.[0].replace(/\t/g, '    ').length ?? 0
    if (indent < 2 * MAX_NESTING && !RE_NEST_PREFIX.test(line.text.slice(0, 4 * MAX_NESTING))) continue
    const prefix = RE_NEST_PREFIX.exec(line.text)?.[0] ?? ''
    const depth = Math.floor(indent / 2) + (prefix.match(RE_NEST_MARK) ?? []).length
    if (depth > MAX_NESTING) {
      return diag(
        'markdown-too-deep',
        { file: seg.start.file, line: seg.start.line + line.index, column: 1 },
        `this line nests lists or quotes ${depth} levels deep, over the limit of ${MAX_NESTING}: a slide needs three or four levels, so flatten it`,
      )
    }
  }
  return undefined
}

/**
 * marked and the token walk recurse once per nesting level, so hundreds of lists or quotes
 * inside each other exhaust the stack. That is a content problem, reported at the slide;
 * anything else is an internal fault and is rethrown.
 */
export function tooDeep(seg: Segment, err: unknown): Diagnostic {
  if (!(err instanceof RangeError)) throw err
  return diag(
    'markdown-too-deep',
    seg.start,
    'this Markdown is nested too deeply to render (lists or quotes hundreds of levels inside each other): flatten it to a few levels',
  )
}
