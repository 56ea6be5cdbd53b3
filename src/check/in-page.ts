/**
 * The measuring code that runs inside the deck's page, and the shapes it returns (read by
 * `browser.ts`). The code is typed TypeScript in `in-page/`, one file a concern, each a
 * self-contained function that installs its part on `window.__deckCheck`; `IN_PAGE_SOURCE`
 * is their calls as one script.
 */
import { inPageCall } from '../browser/in-page-call.ts'
import { installContentChecks } from './in-page/content.ts'
import { installFigureLabelChecks } from './in-page/figure-labels.ts'
import { installHelpers } from './in-page/helpers.ts'
import { installLayoutChecks } from './in-page/layout.ts'
import type { PageLimits } from './in-page/types.ts'

export type {
  Covered,
  DeckCheckPage,
  DocInspection,
  FigureLabelFinding,
  Inspection,
  MarginIntrusion,
  Overflow,
  PageLimits,
  SlideRef,
  SmallText,
} from './in-page/types.ts'

export const SLIDE_WIDTH = 1280
export const SLIDE_HEIGHT = 720
/** Minimum rendered text size in slide pixels: 3% of the height for body text, 2.2% for captions. */
export const MIN_BODY_PX = SLIDE_HEIGHT * 0.03
export const MIN_CAPTION_PX = SLIDE_HEIGHT * 0.022

const LIMITS: PageLimits = { slideWidth: SLIDE_WIDTH, minBodyPx: MIN_BODY_PX, minCaptionPx: MIN_CAPTION_PX }

/** The script that installs `window.__deckCheck` in a page: helpers first, then the checks that use them. */
export const IN_PAGE_SOURCE = [installHelpers, installContentChecks, installLayoutChecks, installFigureLabelChecks]
  .map((install) => `${inPageCall(install, LIMITS)};`)
  .join('\n')
