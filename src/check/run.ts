/**
 * `npm run check`: the built deck (dist/ and the record the build wrote there, never a compile
 * of its own): the budgets, the pages in a real browser, and, with a source article, fidelity
 * to it. Returns every finding; the CLI prints and sets the exit code.
 */
import { existsSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import type { Browser } from 'playwright-core'
import { deckSources } from '../compiler/citations.ts'
import { loadSlides } from '../compiler/load.ts'
import type { Diagnostic } from '../deck/model.ts'
import { changedFiles, type DeckRecord, readRecord } from '../deck/record.ts'
import { runBrowserChecks } from './browser.ts'
import { checkBudgets } from './budgets.ts'
import { craftFindings } from './craft-deck.ts'
import { checkFidelity } from './fidelity.ts'
import { finding, formatFinding, type SummaryRow, summaryTable } from './findings.ts'
import { readAllowlist, readSources } from './sources.ts'

export interface CheckOptions {
  /** Project root. */
  root: string
  /** Built deck, with the build's record (deck.json). @default <root>/dist */
  distDir?: string
  /** Screenshots. @default <dist>/check */
  screenshotDir?: string
  /**
   * The source article (relative to the working directory): turns on the fidelity check, and
   * stands in for deck.yaml's `source:` (or the first of its `sources:`, relative to deck.yaml's
   * folder). A source that cannot be read, here or in deck.yaml, is a finding at its line.
   */
  source?: string
  /** @default <slidesDir>/fidelity-allowlist.yaml */
  allowlist?: string
  /** Run the browser checks (overflow, legibility, accessibility, offline, links). @default true */
  browser?: boolean
  /** Progress lines. @default no output */
  log?: (line: string) => void
  /** A browser for the browser checks, left open (the tests share one). @default one launched for the check */
  sharedBrowser?: Browser
}

export interface CheckResult {
  /** What fails the check. */
  findings: Diagnostic[]
  /** What a reviewer would say (likelihood words, topic titles, repeats, question time): reported, never failing. */
  warnings: Diagnostic[]
  rows: SummaryRow[]
  record: DeckRecord
  notes: string[]
  summary: string
  ms: number
}

const posix = (p: string) => p.split(sep).join('/')

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  const started = performance.now()
  const log = opts.log ?? (() => {})
  const root = resolve(opts.root)
  const distDir = resolve(opts.distDir ?? join(root, 'dist'))
  const findings: Diagnostic[] = []
  const notes: string[] = []

  // What was built, and whether the slides still read as they did then (by content, not file times).
  const deck = readRecord(distDir)
  const slidesDir = deck.slidesDir
  const loaded = loadSlides(root, slidesDir)
  const changed = changedFiles(deck, [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])])
  const built = posix(relative(root, distDir)) || 'dist'
  if (changed.length)
    findings.push(
      finding(
        'stale',
        { file: built },
        `${changed.join(', ')} changed after ${built}/ was built, so the check would read old slides: run "npm run build" again`,
      ),
    )
  findings.push(...checkBudgets(deck, posix(join(slidesDir, 'deck.yaml'))))
  const warnings = craftFindings(deck, loaded.deckFile)

  const deckYaml = loaded.deckFile?.text ?? ''
  findings.push(...fidelity(root, slidesDir, deck, deckYaml, opts.source, opts.allowlist, notes))

  let overflow = new Map<string, number>()
  if (opts.browser === false) {
    notes.push('browser checks skipped (--no-browser): overflow, legibility, accessibility, offline and links were not checked')
  } else if (!existsSync(join(distDir, 'index.html'))) {
    findings.push(finding('build', { file: built }, 'no built deck here: run "npm run build" first'))
  } else {
    const ids = deck.slides.map((s) => s.id)
    const b = await runBrowserChecks({
      distDir,
      ...(opts.sharedBrowser ? { browser: opts.sharedBrowser } : {}),
      screenshotDir: resolve(opts.screenshotDir ?? join(distDir, 'check')),
      figures: deck.figures,
      onSlide: ({ index, total, slide, viewport, findings: n }) =>
        log(
          `[${String(index + 1).padStart(String(total).length)}/${total}] ${viewport.padEnd(15)} ${slide.file} #/${slide.id}${n ? `  ${n} finding${n === 1 ? '' : 's'}` : '  ok'}`,
        ),
    })
    findings.push(...b.findings)
    notes.push(...b.notes)
    overflow = b.overflow
    const shown = b.slides.map((s) => s.id)
    if (shown.join(' ') !== ids.join(' '))
      findings.push(
        finding(
          'build',
          { file: built },
          `the built deck (${shown.length} slides) does not match its record (${ids.length}): run "npm run build" again before the check`,
        ),
      )
  }

  const rows: SummaryRow[] = deck.slides.map((s) => ({
    id: s.id,
    file: s.file,
    words: s.bodyWords,
    bullets: s.bullets,
    notesWords: s.notesWords,
    seconds: s.seconds,
    overflow: overflow.get(s.id) ?? 0,
    violations: findings.filter((f) => slideOf(f, deck) === s.id).length,
  }))
  return { findings, warnings, rows, record: deck, notes, summary: summaryTable(rows, deck.totalSeconds), ms: performance.now() - started }
}

/** The slide a finding belongs to: its own, else the slide of the file whose lines hold it. */
function slideOf(f: Diagnostic, deck: DeckRecord): string | undefined {
  if (f.slide) return f.slide
  const inFile = deck.slides.filter((s) => s.file === f.pos.file)
  if (!f.pos.line) return inFile[0]?.id
  return inFile.filter((s) => s.line <= f.pos.line).pop()?.id ?? inFile[0]?.id
}

function fidelity(
  root: string,
  slidesDir: string,
  deck: DeckRecord,
  deckYaml: string,
  sourceOpt: string | undefined,
  allowlistOpt: string | undefined,
  notes: string[],
): Diagnostic[] {
  const deckPath = posix(join(slidesDir, 'deck.yaml'))
  if (sourceOpt === undefined && !deckSources(deck.config).length) {
    notes.push(
      `fidelity not checked: name the source article in ${deckPath} (source: <path>, or sources:) or pass --source <article> to check every number, name and quote against it`,
    )
    return []
  }
  const read = readSources(root, deck, deckYaml, sourceOpt)
  const allowPath = allowlistOpt ? resolve(root, allowlistOpt) : join(root, slidesDir, 'fidelity-allowlist.yaml')
  const allow = readAllowlist(root, allowPath, allowlistOpt !== undefined)
  const failed = [...read.findings, ...allow.findings]
  if (failed.length) {
    notes.push('fidelity not checked: a source or the allowlist could not be read (see the findings)')
    return failed
  }
  // What figures show is on the slide too: the texts their data gives (labels, values, dates,
  // not coordinates), reported at the figure's fence.
  const figureTexts = deck.figures.map((f) => ({ file: f.file, line: f.line, figure: f.name, texts: f.claims }))
  const allowRel = posix(relative(root, allowPath))
  const r = checkFidelity({
    sources: read.sources,
    citedAt: (file, line) => deck.slides.filter((s) => s.file === file && s.line <= line).pop()?.cites ?? [],
    prose: deck.prose,
    figureTexts,
    allowlist: allow.entries,
    allowlistPath: allowRel,
  })
  notes.push(
    `fidelity: ${r.claims} numbers, names and quotes checked against ${read.shown.join(', ')}; ${r.allowed} allowed by ${allowRel} (${allow.entries.length} entries)`,
  )
  return r.findings
}

/** The whole report as text: findings by file, then the summary table. */
export function report(result: CheckResult): string {
  const sorted = [...result.findings].sort((a, b) => a.pos.file.localeCompare(b.pos.file) || a.pos.line - b.pos.line)
  const lines = ['', result.summary, '', ...result.notes]
  const warned = [...result.warnings].sort((a, b) => a.pos.file.localeCompare(b.pos.file) || a.pos.line - b.pos.line)
  if (warned.length)
    lines.push('', `${warned.length} warning${warned.length === 1 ? '' : 's'}, a reviewer's (they do not fail the check):`, ...warned.map(formatFinding))
  if (sorted.length) lines.push('', `${sorted.length} finding${sorted.length === 1 ? '' : 's'}:`, ...sorted.map(formatFinding), '', 'check failed.')
  else lines.push('', `check passed in ${(result.ms / 1000).toFixed(1)} s.`)
  return lines.join('\n')
}
