/**
 * What every part of `npm run check` reports: a finding names the slide file (and line when
 * known), the check that failed, and what to fix. Pure formatting lives here too.
 */

export type CheckName = 'overflow' | 'legibility' | 'accessibility' | 'offline' | 'budget' | 'links' | 'fidelity' | 'build'

export interface Finding {
  check: CheckName
  /** Slide file (`slides/04-economic-pillars.md`), or a page such as `dist/read.html`. */
  file: string
  line?: number
  /** Slide id when the finding belongs to one slide. */
  slide?: string
  message: string
}

export function formatFinding(f: Finding): string {
  const where = f.line ? `${f.file}:${f.line}` : f.file
  return `${where}${f.slide ? ` #/${f.slide}` : ''}: ${f.check}: ${f.message}`
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
  const fmt = (row: string[]) => row.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  const totals = `${rows.length} slides, ${(totalSeconds / 60).toFixed(1)} min planned, ${rows.reduce((s, r) => s + r.words, 0)} words on slides, ${rows.reduce((s, r) => s + r.notesWords, 0)} in notes`
  return [fmt(head), rule, ...body.map(fmt), rule, totals].join('\n')
}
