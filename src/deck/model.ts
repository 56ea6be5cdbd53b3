/**
 * The deck model: the types that cross rooms (compiler, Vite plugin, editions, check, PDF, PPTX).
 * No logic lives here. What the compiler uses only inside itself is in src/compiler/types.ts.
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
  | 'html-id-renamed'
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
  | 'citation-unknown'
  | 'source-uncited'
  | 'judgment-invalid'
  | CheckCode

/** What `npm run check` finds, each a Diagnostic of its own code (src/check/). */
export type CheckCode =
  | 'overflow'
  | 'legibility'
  | 'accessibility'
  | 'offline'
  | 'budget'
  | 'links'
  | 'fidelity'
  | 'build'
  | 'stale'
  | 'figure-label-overlap'
  | 'figure-label-outside'
  | 'figure-label-far'
  | 'figure-label-leader'

export interface Diagnostic {
  severity: Severity
  code: DiagnosticCode
  message: string
  /** Where: a line of 0 names the file (or page) alone. */
  pos: SourcePos
  /** The slide it belongs to, when it is about one slide (a check's finding). */
  slide?: string
}

export type Layout = 'title' | 'statement' | 'bullets' | 'figure' | 'quote' | 'agenda' | 'section' | 'big-number' | 'sources' | 'judgments'

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
  /** The sources the deck cites as `[@id]` and the fidelity check reads (deck.yaml `sources:`). */
  sources?: DeckSource[]
  /** What `npm run check` holds each slide to (deck.yaml `budgets:`); missing keys take the defaults. */
  budgets?: Budgets
  /** Who made the briefing: title slide and every file's document properties. */
  author?: string
  organisation?: string
  /** "As of": `YYYY-MM-DD` or `YYYY-MM`, as written. */
  date?: string
  /** The handling marking, a banner at the top and bottom of every slide and page. */
  marking?: Marking
  /** A line at the foot of every slide. */
  footer?: string
  /** The organisation's logo: a project path (resolved from deck.yaml's folder), on every slide or the title slide only. */
  logo?: { file: string; on: 'all' | 'title' }
  /** The look: a built-in one, with the organisation's colours and font on top. */
  theme?: Theme
  /** The words of likelihood judgments and the lint hold to, least to most likely. @default ICD 203's */
  likelihood?: string[]
  /** Minutes of the target kept for questions: the talk plus these must fit it. @default 0 */
  qa?: number
}

/** A handling marking (e.g. `OFFICIAL-SENSITIVE`, `TLP:AMBER`) and its banner's colour. */
export interface Marking {
  text: string
  /** `#rrggbb`; the banner's ground. @default a neutral dark grey */
  colour?: string
}

export interface Theme {
  /** @default 'light' */
  look: 'light' | 'dark'
  colours?: { primary?: string; accent?: string }
  /** A woff2 file (project path), embedded in every edition. */
  font?: string
}

/** One entry of deck.yaml's `sources:`; `file` is relative to deck.yaml's folder. */
export interface DeckSource {
  id: string
  file?: string
  title?: string
  publisher?: string
  /** As written: `2024`, `2024-02`, `2024-02-24`. */
  date?: string
  url?: string
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
  /** What its body and notes cite (`[@id, p. 4]`), in order. */
  cites?: { id: string; locator?: string }[]
  /** The source sentences that support its checked claims (when the deck names sources). */
  provenance?: ProvenanceEntry[]
}

/** One source sentence and the claims of a slide it supports. */
export interface ProvenanceEntry {
  /** The source's id (deck.yaml `sources:`; `source` for the one `source:`). */
  source: string
  sentence: string
  /** The claims as the fidelity check reads them (`90 percent` for "90%"), in the slide's order; each once. */
  claims: { text: string; kind: 'number' | 'number-word' | 'name' | 'quote' | 'date'; notes: boolean }[]
}

export interface Deck {
  config: DeckConfig
  slides: RenderedSlide[]
  /** The `<section>` elements for `.reveal .slides`. */
  html: string
  totalSeconds: number
  /** Files deck.yaml names, read through the read gate, as data: URLs (the logo, the theme's font). */
  embedded?: { logo?: string; font?: string }
}

/**
 * One line of prose as the audience or the presenter reads it: the plain text of a block (a
 * paragraph, a heading, a list item, a table cell, a title) taken from the compiler's own
 * tokens, markup gone. Code is never prose.
 */
export interface ProseLine {
  /** Where the line starts in its file (a slide file, or deck.yaml for the title and subtitle). */
  pos: SourcePos
  text: string
  /** Starts a block: its first word starts a sentence. */
  blockStart: boolean
  /** In the speaker notes rather than on the slide. */
  notes: boolean
  /** A table's header cell ("Year", "Event"): a column heading. */
  heading?: boolean
  /** A (sub-)slide's title, a section's name, or the first line of a list item: what the reviewer's lint reads. */
  role?: 'title' | 'section' | 'bullet'
}

export interface DeckResult {
  deck: Deck
  diagnostics: Diagnostic[]
  files: string[]
  /** Every line of prose, in deck order (deck.yaml's title and subtitle first). */
  prose: ProseLine[]
}
