/**
 * Types that cross the compiler's own module boundaries (load -> parse -> validate -> render ->
 * assemble). What other rooms use too is the deck model, src/deck/model.ts.
 */
import type { Layout, SourcePos } from '../deck/model.ts'

export type {
  Budgets,
  Deck,
  DeckConfig,
  DeckResult,
  DeckSource,
  Diagnostic,
  DiagnosticCode,
  Layout,
  ProseLine,
  RenderedSlide,
  Severity,
  SourceFile,
  SourcePos,
} from '../deck/model.ts'

/** A slice of a file plus where it starts, so offsets inside map back to file:line:col. */
export interface Segment {
  text: string
  start: SourcePos
}

/** Validated frontmatter of a slide file. */
export interface SlideMeta {
  /** Deep-link id, `#/<id>`. @default the file name without its numeric prefix */
  id: string
  /** The headline: an assertion, rendered as the slide heading. */
  title: string
  /** The source article's section this slide covers (kicker, agenda, PDF outline). */
  section?: string
  /** @default 'bullets' */
  layout: Layout
  /** Extra CSS classes on the slide. */
  class?: string
  /** Planned seconds; overrides the time computed from the notes. */
  timing?: number
  /** Top-level bullets appear one at a time when presenting (reveal.js fragments). @default false */
  build?: boolean
}

/** The `{layout=quote .class build}` marker after a sub-slide's `## ` heading, as written. */
export interface PartAttrs {
  /** The text between the braces. */
  text: string
  /** Where the text between the braces starts. */
  pos: SourcePos
}

/** One (sub-)slide cut from a file, before validation of its metadata. */
export interface SlidePart {
  /** Title of a vertical sub-slide (its leading `## ` heading); undefined for the first part. */
  title?: string
  /** The sub-slide's own layout, classes and build, from `{…}` after its heading. */
  attrs?: PartAttrs
  content: Segment
  notes: Segment | null
  /** Where the part starts (the `--` line for sub-slides). */
  pos: SourcePos
}

export interface ParsedFile {
  file: string
  order: number
  data: Record<string, unknown>
  /** Position of each frontmatter key and its value, for located messages. */
  keyPos: Record<string, { key: SourcePos; value: SourcePos }>
  dataPos: SourcePos
  /** False when the frontmatter could not be read, so its keys are unknown rather than absent. */
  dataOk: boolean
  parts: SlidePart[]
}

export interface SlideFile extends Omit<ParsedFile, 'data' | 'dataOk'> {
  meta: SlideMeta
}
