/** The benchmark's table (Markdown) and its place between the markers of docs/performance.md. Pure. */
import type { Summary } from './stats.ts'

export interface Row {
  metric: string
  ours: string
  baseline: string
  /** ours / baseline, or another figure the target is judged on. */
  ratio: string
  target: string
  /** true met, false missed, undefined not measured (or, with no target, nothing to meet). */
  met: boolean | undefined
  note?: string
}

export const START = '<!-- bench:start -->'
export const END = '<!-- bench:end -->'

export function fmtMs(s: Summary): string {
  const f = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`)
  return s.n > 1 ? `${f(s.median)} (${f(s.min)}–${f(s.max)})` : f(s.median)
}

export function fmtKB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}

export function verdict(met: boolean | undefined, hasTarget = true): string {
  if (met === undefined) return hasTarget ? 'not measured' : '—'
  return met ? 'met' : '**MISSED**'
}

export function renderTable(rows: readonly Row[], header: string): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|')
  const lines = [
    header,
    '',
    '| metric | ours: median (min–max) | baseline: median (min–max) | ratio / figure | target | result |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| ${[r.metric, r.ours, r.baseline, r.ratio, r.target, verdict(r.met, r.target !== '') + (r.note ? ` — ${r.note}` : '')].map(esc).join(' | ')} |`,
    ),
  ]
  return `${lines.join('\n')}\n`
}

/** Replace what stands between the bench markers; appends a marked block when they are missing. */
export function replaceBetweenMarkers(doc: string, table: string): string {
  const i = doc.indexOf(START)
  const j = doc.indexOf(END)
  if (i < 0 || j < i) return `${doc.replace(/\n*$/, '\n')}\n${START}\n${table}${END}\n`
  return `${doc.slice(0, i + START.length)}\n${table}${doc.slice(j)}`
}
