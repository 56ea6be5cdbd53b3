import type { RevealConfig } from 'reveal.js'

/**
 * reveal.js 6's bundled types reject some options its runtime accepts (numeric
 * `defaultTiming`, `totalTime`, `showNotes: 'separate-page'`). This is the one place that
 * widens them; everything else uses `DeckRevealConfig`.
 */
export type DeckRevealConfig = Omit<RevealConfig, 'showNotes' | 'defaultTiming' | 'totalTime'> & {
  showNotes?: boolean | 'separate-page'
  defaultTiming?: number | null
  totalTime?: number | null
}

/** Options the build writes into the page (`#deck-options`). */
export interface PageOptions {
  totalTime: number
  title: string
}

/** The deck's reveal.js configuration. Pure, so it can be tested without a browser. */
export function deckConfig(page: PageOptions, opts: { reducedMotion: boolean; print: boolean }): DeckRevealConfig {
  const motion = opts.reducedMotion || opts.print ? 'none' : 'slide'
  return {
    hash: true,
    respondToHashChanges: true,
    width: 1280,
    height: 720,
    margin: 0,
    minScale: 0.1,
    maxScale: 3,
    center: false,
    // → and a clicker's "next" step through every slide, sub-slides included: in reveal's default
    // mode → jumps to the next section and a presenter loses the sub-slides. ↓ still steps down.
    navigationMode: 'linear',
    controls: true,
    controlsTutorial: false,
    progress: true,
    slideNumber: 'c/t',
    showSlideNumber: 'all',
    help: true,
    transition: motion,
    backgroundTransition: opts.reducedMotion ? 'none' : 'fade',
    autoAnimate: !opts.reducedMotion,
    totalTime: page.totalTime,
    // reveal switches to its scroll view below 435px wide, and that view drops `#/<id>` deep
    // links (a phone opening a shared slide lands on the first one). Phones get the scaled
    // deck; reading on a phone is what the reading edition (read.html) is for.
    scrollActivationWidth: 0,
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
  }
}
