/**
 * Generated figures for the deck. Each renderer is pure and deterministic: the same name and
 * options always give a byte-identical SVG string, with no external references.
 */
import { renderMap } from './map.ts'
import { renderPillars } from './pillars.ts'
import { assertValidIdPrefix } from './svg.ts'
import { renderTimeline } from './timeline.ts'

export type FigureName = 'map' | 'timeline' | 'pillars'

export const FIGURE_NAMES: readonly FigureName[] = Object.freeze(['map', 'timeline', 'pillars'] as const)

export interface FigureOptions {
  /** The author's text equivalent; it opens the SVG's `<desc>`, followed by the figure's full description. */
  alt: string
  /** Unique prefix for element ids (`{id}-title`, `{id}-desc`): letters, digits, `_`, `.`, `-`, not starting with `.` or `-`. */
  id: string
}

const RENDERERS: Record<FigureName, (alt: string, id: string) => string> = {
  map: renderMap,
  timeline: renderTimeline,
  pillars: renderPillars,
}

/** Type guard for figure names (e.g. from slide Markdown). */
export function isFigureName(name: string): name is FigureName {
  return (FIGURE_NAMES as readonly string[]).includes(name)
}

/**
 * Returns an SVG string, or undefined for an unknown name.
 * @throws RangeError if `opts.id` is not a usable id prefix (empty, spaces, markup).
 */
export function renderFigure(name: string, opts: FigureOptions): string | undefined {
  if (!isFigureName(name)) return undefined
  assertValidIdPrefix(opts.id)
  return RENDERERS[name](opts.alt, opts.id)
}
