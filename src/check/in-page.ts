/**
 * The measuring code that runs inside the deck's page, and the shapes it returns (read by
 * `browser.ts`). The code is typed TypeScript in `in-page/`, one file a concern, each a
 * self-contained function that installs its part on `window.__deckCheck`; `IN_PAGE_SOURCE`
 * is their calls as one script.
 */
import { inPageCall } from '../browser/in-page-call.ts'
import { installContentChecks } from './in-page/content.ts'
import { installHelpers } from './in-page/helpers.ts'
import { installLayoutChecks } from './in-page/layout.ts'

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

export interface DocInspection {
  missingText: string[]
  headings: string[]
  badLinks: string[]
  fileLinks: string[]
}

export const SLIDE_WIDTH = 1280
export const SLIDE_HEIGHT = 720
/** Minimum rendered text size in slide pixels: 3% of the height for body text, 2.2% for captions. */
export const MIN_BODY_PX = SLIDE_HEIGHT * 0.03
export const MIN_CAPTION_PX = SLIDE_HEIGHT * 0.022

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
  /** Checks a whole page (the reading edition). */
  inspectDocument(): DocInspection
}

const LIMITS: PageLimits = { slideWidth: SLIDE_WIDTH, minBodyPx: MIN_BODY_PX, minCaptionPx: MIN_CAPTION_PX }

/** The script that installs `window.__deckCheck` in a page: helpers first, then the checks that use them. */
export const IN_PAGE_SOURCE = [installHelpers, installContentChecks, installLayoutChecks].map((install) => `${inPageCall(install, LIMITS)};`).join('\n')
