import type { Diagnostic, DiagnosticCode, Severity, SourcePos } from './types.ts'

/** Build a diagnostic value; the compiler returns these instead of throwing. */
export function diag(code: DiagnosticCode, pos: SourcePos, message: string, severity: Severity = 'error'): Diagnostic {
  return { severity, code, message, pos }
}

/** `slides/03-energy.md:12:1 error notes-missing Slide "energy" has no Notes: section` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.pos.file}:${d.pos.line}:${d.pos.column} ${d.severity} ${d.code} ${d.message}`
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error')
}

/** Stable order: by file, then line, then column. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.pos.file.localeCompare(b.pos.file) || a.pos.line - b.pos.line || a.pos.column - b.pos.column)
}

/** Thrown only at the edges (CLI, Vite plugin) when a deck has errors. */
export class SlideError extends Error {
  override readonly name = 'SlideError'
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'))
  }
}
