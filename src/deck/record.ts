/**
 * `dist/deck.json`: what a build knew of the deck, for the commands that read the build
 * (check, pdf, pptx) so none compiles again or reads data back out of the HTML. Written by
 * every build (src/build/pipeline.ts); read and validated here.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { DeckConfig, DeckResult, Layout, ProseLine, ProvenanceEntry, SourceFile } from './model.ts'
import { deckOutline } from './outline.ts'

/** Bumped when the record's shape changes: an older record is refused with "run npm run build". */
export const RECORD_VERSION = 2
export const RECORD_FILE = 'deck.json'

export interface RecordSlide {
  id: string
  title: string
  section?: string
  h: number
  v: number
  seconds: number
  layout: Layout
  file: string
  line: number
  bodyWords: number
  bullets: number
  notesWords: number
  /** The source ids it cites (`[@id]`), in order: tried first by the fidelity check. */
  cites?: string[]
  /** The source sentences that support its claims, when the deck names sources. */
  provenance?: ProvenanceEntry[]
}

/** A figure's drawn texts, claimed against the source at the line of its fence. */
export interface RecordFigure {
  slide: string
  file: string
  line: number
  name: string
  claims: string[]
}

/** A contents entry: a section (or an unsectioned slide) and the slide titles under it. */
export interface OutlineItem {
  title: string
  id: string
  children: OutlineItem[]
}

export interface DeckRecord {
  version: typeof RECORD_VERSION
  /** The slide folder, relative to the project root. */
  slidesDir: string
  config: DeckConfig
  totalSeconds: number
  slides: RecordSlide[]
  /** Each slide file's (and deck.yaml's) content hash, by project-relative path. */
  files: Record<string, string>
  prose: ProseLine[]
  figures: RecordFigure[]
  outline: OutlineItem[]
}

/** The content hash a record keeps of a source file (its text as the compiler read it). */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32)
}

/** The record of a compile of `sources` (the files as loaded). Pure. */
export function deckRecord(result: DeckResult, sources: readonly SourceFile[], slidesDir = 'slides'): DeckRecord {
  const { config, slides, totalSeconds } = result.deck
  const ids = slides.map((s) => s.id)
  const toItem = (e: ReturnType<typeof deckOutline>[number]): OutlineItem => ({ title: e.title, id: ids[e.page] ?? '', children: e.children.map(toItem) })
  return {
    version: RECORD_VERSION,
    slidesDir,
    config,
    totalSeconds,
    slides: slides.map((s) => ({
      id: s.id,
      title: s.title,
      ...(s.section !== undefined ? { section: s.section } : {}),
      h: s.h,
      v: s.v,
      seconds: s.seconds,
      layout: s.layout,
      file: s.file,
      line: s.line,
      bodyWords: s.bodyWords,
      bullets: s.bullets,
      notesWords: s.notesWords,
      ...(s.cites?.length ? { cites: [...new Set(s.cites.map((c) => c.id))] } : {}),
      ...(s.provenance?.length ? { provenance: s.provenance } : {}),
    })),
    files: Object.fromEntries(sources.map((f) => [f.path, textHash(f.text)])),
    prose: result.prose,
    figures: slides.flatMap((s) => s.figures.map((f) => ({ slide: s.id, file: s.file, line: f.line ?? s.line, name: f.name, claims: f.claims ?? [] }))),
    outline: deckOutline(slides).map(toItem),
  }
}

/** Write the record into a build's output folder. */
export function writeRecord(outDir: string, record: DeckRecord): void {
  writeFileSync(join(outDir, RECORD_FILE), `${JSON.stringify(record)}\n`)
}

/** A record that cannot be used: missing, unreadable, or from another version of the tool. */
export class RecordError extends Error {
  override readonly name = 'RecordError'
}

/**
 * The record in `distDir`, validated. Throws a RecordError that says to run `npm run build`
 * when it is missing, unreadable or of another version.
 */
export function readRecord(distDir: string): DeckRecord {
  const file = join(distDir, RECORD_FILE)
  const shown = relative(process.cwd(), file) || file
  if (!existsSync(file)) throw new RecordError(`${shown} is missing (no build here, or one by an older version of the tool): run \`npm run build\` first`)
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    throw new RecordError(`${shown} is not readable JSON: run \`npm run build\` again`)
  }
  const r = data as Partial<DeckRecord> | null
  if (r?.version !== RECORD_VERSION)
    throw new RecordError(
      `${shown} was written by another version of the tool (record version ${String(r?.version)}, expected ${RECORD_VERSION}): run \`npm run build\` again`,
    )
  if (
    typeof r.slidesDir !== 'string' ||
    !r.config ||
    !Array.isArray(r.slides) ||
    !r.files ||
    !Array.isArray(r.prose) ||
    !Array.isArray(r.figures) ||
    !Array.isArray(r.outline)
  )
    throw new RecordError(`${shown} is incomplete: run \`npm run build\` again`)
  return r as DeckRecord
}

/**
 * The source files whose content differs from the record's (changed, added or removed), as
 * project-relative paths; `current` is the slide files (and deck.yaml) as they are now.
 */
export function changedFiles(record: DeckRecord, current: readonly SourceFile[]): string[] {
  const now = new Map(current.map((f) => [f.path, textHash(f.text)]))
  const changed = new Set<string>()
  for (const [path, hash] of Object.entries(record.files)) if (now.get(path) !== hash) changed.add(path)
  for (const path of now.keys()) if (!(path in record.files)) changed.add(path)
  return [...changed].sort()
}
