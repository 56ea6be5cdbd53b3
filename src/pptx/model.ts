/**
 * The slide model the PowerPoint conversion reads: each slide of the compiled deck as the
 * browser laid it out (boxes in slide pixels, 1280x720), with its text as runs, its lists as
 * paragraphs with levels, its tables as cells and its figures as standalone SVG. It is plain
 * data, produced by `extract.ts` inside the built deck's page and consumed by the pure
 * `convert.ts`. No logic lives here.
 */

/** A rectangle in slide pixels (the slide is 1280 x 720), relative to the slide's top left. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** One piece of text with one look. */
export interface Run {
  text: string
  bold?: boolean
  italic?: boolean
  /** Monospace (code). */
  code?: boolean
  underline?: boolean
  strike?: boolean
  /** `#rrggbb`. */
  color?: string
  /** Font size in px, when it differs from its paragraph's. */
  size?: number
  /** The link's `href`, as written: `https:`, `mailto:`, `#/<slide-id>`, or a relative path. */
  href?: string
  /** A line break (`<br>`) after this run, inside the paragraph. */
  br?: boolean
}

export interface Paragraph {
  runs: Run[]
  /** List paragraphs: 0 for a top-level item, 1 for an item nested in it, … */
  level?: number
  bullet?: 'bullet' | 'number'
  /** The number shown, for numbered items. */
  number?: number
  /** The bullet character of an unordered item (from its `list-style-type`). */
  glyph?: string
  /** The bullet's colour (`::marker`), `#rrggbb`. */
  markerColor?: string
  /** Space after the paragraph, px. */
  after?: number
  /** The list's indent from the box's left edge to the text, px (by level). */
  indent?: number
}

/** The look a text box's paragraphs share (computed CSS of the block). */
export interface TextStyle {
  /** px */
  size: number
  color: string
  bold: boolean
  italic: boolean
  /** Line height, px. */
  lineHeight: number
  /** Letter spacing, px. */
  letterSpacing: number
  upper: boolean
  align: 'left' | 'center' | 'right' | 'justify'
  mono: boolean
}

/** A border drawn as a line, in slide pixels. */
export interface Rule {
  x1: number
  y1: number
  x2: number
  y2: number
  /** px */
  width: number
  color: string
}

export interface TextBlock {
  kind: 'text'
  /** What it was in the page: `p`, `ul`, `ol`, `blockquote`, `pre`, `h3`, … */
  tag: string
  box: Box
  style: TextStyle
  paragraphs: Paragraph[]
  /** Background of the block (code), `#rrggbb`. */
  fill?: string
  /** The text's inset from the box (padding), px. */
  inset?: { l: number; t: number; r: number; b: number }
}

export interface TableCell {
  runs: Run[]
  header: boolean
  colspan: number
  rowspan: number
  align: 'left' | 'center' | 'right'
}

export interface TableBlock {
  kind: 'table'
  box: Box
  style: TextStyle
  rows: TableCell[][]
  /** Column widths and row heights as laid out, px. */
  colW: number[]
  rowH: number[]
  ruleColor: string
}

export interface FigureBlock {
  kind: 'figure'
  /** Where the drawing is (the SVG's viewBox fitted into its box), px. */
  box: Box
  /** A standalone SVG: the page's styles copied onto its elements. */
  svg: string
  /** The figure's text equivalent (its caption for screen readers). */
  alt: string
  /** A chart's data and look, to rebuild it as a native chart (its SVG stays for other uses). */
  chart?: ChartFigure
  /** The light card the page draws the figure on (the dark look), px and `#rrggbb`. */
  card?: { box: Box; color: string }
}

/** A chart as data (the `data-chart` its SVG carries) with the colours the page drew it in. */
export interface ChartFigure {
  title: string
  type: 'bar' | 'line'
  stacked: boolean
  orientation: 'vertical' | 'horizontal'
  /** What the values measure ('' when unnamed). */
  unit: string
  xLabel?: string
  source?: string
  categories: string[]
  series: { name: string; values: number[] }[]
  /** Each series' colour as drawn (its line, or its bars' most common fill), `#rrggbb`. */
  seriesColors: string[]
  /** Each bar's or point's fill with its opacity already laid on the figure's ground, by series then category, `#rrggbb`. */
  marks: string[][]
  /** Tick labels and axis titles; value labels; grid lines. `#rrggbb`. */
  muted: string
  ink: string
  grid: string
  /** The chart's text size on the slide, px. */
  textSize: number
}

export interface ImageBlock {
  kind: 'image'
  box: Box
  /** The image as a data: URL. */
  data: string
  alt: string
}

export type Block = TextBlock | TableBlock | FigureBlock | ImageBlock

export interface SlideModel {
  id: string
  /** Slide background, `#rrggbb`. */
  background: string
  /** The slide's heading, for the title placeholder. */
  title: TextBlock
  kicker?: TextBlock
  /** The title slide's author and as-of line (deck.yaml), where the browser put it. */
  byline?: TextBlock
  /** The slide shows deck.yaml's logo large (the title slide): its layout carries it. */
  titleLogo?: boolean
  rules: Rule[]
  blocks: Block[]
  /** The speaker notes, as paragraphs (list items become paragraphs of their own). */
  notes: Paragraph[]
}

/** Deck-wide colours, read from the page (its CSS custom properties, else from its slides). */
export interface Palette {
  background: string
  ink: string
  muted: string
  accent: string
  accent2: string
  dark: string
  onDark: string
  link: string
  font: string
  mono: string
}

/** deck.yaml's logo as the slides show it: large on the title slide, small on the others (unless `on: title`). */
export interface DeckLogo {
  /** A PNG data: URL. */
  data: string
  alt: string
  /** Where the title slide shows it, and where the other slides do, px. */
  title?: Box
  small?: Box
}

export interface ExtractedDeck {
  slides: SlideModel[]
  palette: Palette
  logo?: DeckLogo
}

/** What of deck.yaml's identity the PowerPoint file carries. */
export interface DeckIdentity {
  author?: string
  organisation?: string
  date?: string
  marking?: { text: string; colour?: string }
  footer?: string
}

/** What the conversion needs of the compiled deck besides the layout. */
export interface DeckInfo extends DeckIdentity {
  title: string
  subtitle?: string
  lang: string
  slides: { id: string; title: string; section?: string; seconds: number; layout?: string }[]
}

/** The PNG fallback of each figure, by `<slide id>#<figure index on the slide>`. */
export type FigurePngs = Map<string, Uint8Array>
