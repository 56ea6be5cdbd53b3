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
