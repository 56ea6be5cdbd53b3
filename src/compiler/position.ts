import type { SourcePos } from './types.ts'

/** 1-based line and column of `offset` inside `text`. */
export function lineColAt(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lastNl = -1
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lastNl = i
    }
  }
  return { line, column: clamped - lastNl }
}

/** Position of `offset` inside a segment that starts at `start`. */
export function posIn(start: SourcePos, text: string, offset: number): SourcePos {
  const { line, column } = lineColAt(text, offset)
  return {
    file: start.file,
    line: start.line + line - 1,
    column: line === 1 ? start.column + column - 1 : column,
  }
}

export function at(file: string, line: number, column = 1): SourcePos {
  return { file, line, column }
}

/**
 * `posIn` for many offsets into one text: line starts are indexed once and each lookup is a
 * binary search, so locating every token of a large file stays linear-logarithmic, not quadratic.
 */
export function locator(start: SourcePos, text: string): (offset: number) => SourcePos {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    const o = Math.max(0, Math.min(offset, text.length))
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] ?? 0) <= o) lo = mid
      else hi = mid - 1
    }
    const column = o - (starts[lo] ?? 0) + 1
    return { file: start.file, line: start.line + lo, column: lo === 0 ? start.column + column - 1 : column }
  }
}
