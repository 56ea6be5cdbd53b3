import type { Diagnostic, DiagnosticCode, Severity, SourcePos } from './types.ts'

/** Build a diagnostic value; the compiler returns these instead of throwing. */
export function diag(code: DiagnosticCode, pos: SourcePos, message: string, severity: Severity = 'error'): Diagnostic {
  return { severity, code, message, pos }
}

/** `slides/03-energy.md:12:1 error notes-missing Slide "energy" has no Notes: section` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.pos.file}:${d.pos.line}:${d.pos.column} ${d.severity} ${d.code} ${d.message}`
}

/** Lines printed per file before the rest are counted: a page of problems, not megabytes of them. */
export const MAX_LINES_PER_FILE = 20

/**
 * The diagnostics as printed: the first `perFile` of each file (errors first, then in order),
 * then `<file>: and K more …` for the rest.
 */
export function formatCapped(ds: readonly Diagnostic[], perFile = MAX_LINES_PER_FILE): string[] {
  const byFile = new Map<string, Diagnostic[]>()
  for (const d of ds) {
    const list = byFile.get(d.pos.file)
    if (list) list.push(d)
    else byFile.set(d.pos.file, [d])
  }
  return [...byFile].flatMap(([file, list]) => {
    if (list.length <= perFile) return list.map(formatDiagnostic)
    const shown = new Set([...list].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error')).slice(0, perFile))
    const rest = list.length - perFile
    const errors = list.filter((d) => d.severity === 'error' && !shown.has(d)).length
    return [
      ...list.filter((d) => shown.has(d)).map(formatDiagnostic),
      `${file}: and ${rest} more (${errors} error${errors === 1 ? '' : 's'}), not shown: fix these first`,
    ]
  })
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
