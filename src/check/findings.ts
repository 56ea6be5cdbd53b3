/**
 * What every part of `npm run check` reports: a Diagnostic (the compiler's problem record) whose
 * code is the check that failed, naming the slide file (and line when known) or a page such as
 * `dist/read.html`, and what to fix. Pure formatting lives here too.
 */
import type { CheckCode, Diagnostic } from '../deck/model.ts'

/** Where a check's finding is: a file (a line of 0 when unknown), and the slide when it is about one. */
export interface FindingAt {
  file: string
  line?: number
  slide?: string
}

/** A check's finding as a Diagnostic (always an error: a finding fails the check). */
export function finding(code: CheckCode, at: FindingAt, message: string): Diagnostic {
  return { severity: 'error', code, message, pos: { file: at.file, line: at.line ?? 0, column: at.line ? 1 : 0 }, ...(at.slide ? { slide: at.slide } : {}) }
}

/** `slides/03-x.md:12 #/x: budget: 52 words on the slide, …` (the line and the slide when known). */
export function formatFinding(d: Diagnostic): string {
  const where = d.pos.line ? `${d.pos.file}:${d.pos.line}` : d.pos.file
  return `${where}${d.slide ? ` #/${d.slide}` : ''}: ${d.code}: ${d.message}`
}

/** One row of the summary table. */
export interface SummaryRow {
  id: string
  file: string
  words: number
  bullets: number
  notesWords: number
  seconds: number
  /** Worst overflow in slide pixels across the viewports checked; 0 when none. */
  overflow: number
  /** Findings of every kind on this slide. */
  violations: number
}

/** The one-page summary: a fixed-width table, then totals. */
export function summaryTable(rows: readonly SummaryRow[], totalSeconds: number): string {
  const head = ['slide', 'file', 'words', 'bul', 'notes', 'sec', 'overflow', 'findings']
  const body = rows.map((r) => [
    r.id,
    r.file.replace(/^.*\//, ''),
    String(r.words),
    String(r.bullets),
    String(r.notesWords),
    String(r.seconds),
    r.overflow > 0 ? `${Math.round(r.overflow)}px` : '-',
    r.violations > 0 ? String(r.violations) : '-',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)))
  const numeric = new Set([2, 3, 4, 5, 6, 7])
  const fmt = (row: string[]) =>
    row
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  const totals = `${rows.length} slides, ${(totalSeconds / 60).toFixed(1)} min planned, ${rows.reduce((s, r) => s + r.words, 0)} words on slides, ${rows.reduce((s, r) => s + r.notesWords, 0)} in notes`
  return [fmt(head), rule, ...body.map(fmt), rule, totals].join('\n')
}
