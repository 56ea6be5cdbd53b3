/**
 * Types that cross the compiler's module boundaries. No logic lives here.
 * The pipeline is: load (I/O) -> parse -> validate -> render -> assemble.
 */

/** 1-based line and column; `file` is relative to the project root, posix separators. */
export interface SourcePos {
  file: string
  line: number
  column: number
}

/** A slide file as read from disk: BOM stripped, line endings normalised to `\n`. */
export interface SourceFile {
  path: string
  text: string
}

/** A slice of a file plus where it starts, so offsets inside map back to file:line:col. */
export interface Segment {
  text: string
  start: SourcePos
}

export type Severity = 'error' | 'warning'

export type DiagnosticCode =
  | 'file-encoding'
  | 'file-too-large'
  | 'file-refused'
  | 'file-empty'
  | 'frontmatter-missing'
  | 'frontmatter-unclosed'
  | 'frontmatter-yaml'
  | 'meta-unknown-key'
  | 'meta-invalid'
  | 'meta-missing'
  | 'id-duplicate'
  | 'notes-duplicate'
  | 'notes-missing'
  | 'subslide-title-missing'
  | 'fence-unclosed'
  | 'code-lang-unknown'
  | 'code-unhighlighted'
  | 'asset-missing'
  | 'asset-outside'
  | 'figure-unknown'
  | 'figure-invalid'
  | 'link-broken'
  | 'html-removed'
  | 'markdown-too-deep'
  | 'markdown-too-complex'
  | 'deck-config'
  | 'pacing-range'
  | 'column-empty'
  | 'likelihood-off-scale'
  | 'hedge-vague'
  | 'title-topic'
  | 'bullet-repeated'
  | 'pacing-no-questions'

export interface Diagnostic {
  severity: Severity
  code: DiagnosticCode
  message: string
  pos: SourcePos
}

export type Layout = 'title' | 'statement' | 'bullets' | 'figure' | 'quote' | 'agenda' | 'section' | 'big-number'

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

/** Deck-wide settings from `slides/deck.yaml`. */
export interface DeckConfig {
  title: string
  subtitle?: string
  lang: string
  /** Speaking rate used to turn notes into planned time. @default 140 */
  wordsPerMinute: number
  /** The whole talk's target, in minutes. @default 20 */
  targetMinutes: number
  /** Accepted distance from the target, in minutes. @default 5 */
  toleranceMinutes: number
  /** The source article the fidelity check reads, as written: relative to deck.yaml's folder. */
  source?: string
  /** What `npm run check` holds each slide to (deck.yaml `budgets:`); missing keys take the defaults. */
  budgets?: Budgets
}

/** Content budgets per slide. Defaults in DEFAULT_BUDGETS (src/compiler/schema.ts). */
export interface Budgets {
  /** Words on a slide body (title excluded). @default 40 */
  words: number
  /** Bullets on a slide. @default 5 */
  bullets: number
  /** Words of notes on a content slide (one with a `section`, and its sub-slides), at least. @default 120 */
  notesMin: number
  /** ...and at most. @default 300 */
  notesMax: number
}

/** One rendered (sub-)slide: what the browser, the PDF and the reading edition share. */
export interface RenderedSlide {
  id: string
  file: string
  line: number
  title: string
  section?: string
  layout: Layout
  /** The slide's own CSS classes (a sub-slide's `{.class}`), besides the file's `class`. */
  class?: string
  /** Horizontal and vertical index, as reveal.js counts them. */
  h: number
  v: number
  seconds: number
  bodyWords: number
  bullets: number
  notesWords: number
  /** Inner HTML of the slide (heading + body), without the notes. */
  bodyHtml: string
  notesHtml: string
  /** Plain-text notes, for the handout and checks. */
  notesText: string
  /**
   * The figures it draws: kind, text equivalent (the caption), and for figures drawn from data
   * the texts they show (`claims`, for the fidelity check) and the line of their fence.
   */
  figures: { name: string; alt: string; claims?: string[]; line?: number }[]
}

export interface Deck {
  config: DeckConfig
  slides: RenderedSlide[]
  /** The `<section>` elements for `.reveal .slides`. */
  html: string
  totalSeconds: number
}

export interface DeckResult {
  deck: Deck
  diagnostics: Diagnostic[]
  files: string[]
}
