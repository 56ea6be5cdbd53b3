/** The shapes the in-page checks return and the page object they install (no runtime code). */

export interface SlideRef {
  id: string
  file: string
  h: number
  v: number
}

export interface Overflow {
  /** Slide pixels beyond the slide box (or beyond the clipping box for `cut`). */
  px: number
  side: string
  what: string
  /** `outside`: reaches outside the slide; `cut`: text or a figure cut off by a box that clips it. */
  kind: 'outside' | 'cut'
}

export interface SmallText {
  px: number
  min: number
  what: string
  tier: 'body' | 'caption'
  /** The figure drawing it, for SVG text: reported as one finding per figure. */
  figure?: string
}

/** Slide content lying under the deck's own controls (arrows, slide number, edition link). */
export interface Covered {
  what: string
  /** Which control covers it. */
  by: string
  /** Size of the overlap, in slide pixels. */
  w: number
  h: number
}

/** Slide content in the outer 5% of the slide (where a projector may crop it), in slide pixels. */
export interface MarginIntrusion {
  what: string
  side: string
  px: number
}

export interface Inspection {
  id: string
  /** Screen pixels per slide pixel, measured. */
  scale: number
  /** reveal.js's own `deck.getScale()`. */
  revealScale: number
  overflow: Overflow[]
  smallText: SmallText[]
  covered: Covered[]
  /** Slide content in the slide's outer 5% on any side, deepest first. */
  margin: MarginIntrusion[]
  missingText: string[]
  headings: string[]
  badLinks: string[]
  /** Relative links to files, to fetch from Node. */
  fileLinks: string[]
}

/** A label of a map or timeline that breaks a promise of its figure (in-page/figure-labels.ts). */
export interface FigureLabelFinding {
  /** The figure's place among the slide's figures (`figure.deck-figure`, in order), to find its line in the build's record. */
  figure: number
  kind: 'map' | 'timeline'
  code: 'figure-label-overlap' | 'figure-label-outside' | 'figure-label-far' | 'figure-label-leader'
  /** What is wrong, in slide px, and what to do. */
  message: string
}

export interface DocInspection {
  missingText: string[]
  headings: string[]
  badLinks: string[]
  fileLinks: string[]
}

/** The sizes the in-page code measures against (passed in: it cannot import them). */
export interface PageLimits {
  slideWidth: number
  minBodyPx: number
  minCaptionPx: number
}

/** What the in-page code installs on `window.__deckCheck`: the helpers the checks share, and the checks. */
export interface DeckCheckPage {
  describe(el: Element): string
  shortSrc(src: string): string
  shown(el: Element): boolean
  clips(el: Element): boolean
  hasOwnText(el: Element): boolean
  headingsOf(root: ParentNode): string[]
  missingTextOf(root: ParentNode): string[]
  linksOf(root: ParentNode): { bad: string[]; files: string[] }
  /** The deck's leaf slides, in order. */
  slides(): SlideRef[]
  /** Shows every fragment of the current slide. */
  showAllFragments(): void
  /** Measures the current slide. */
  inspect(): Inspection
  /** What of `section` is cut off by a box inside it or reaches past `box`, the slide's box on the page. */
  overflowIn(section: Element, box: DOMRect): Overflow[]
  /** The labels of every map and timeline in `section`, measured as drawn. */
  figureLabelsOf(section: Element): FigureLabelFinding[]
  /** Checks a whole page (the reading edition). */
  inspectDocument(): DocInspection
}
