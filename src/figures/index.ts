/**
 * The registry of figure kinds. A slide draws a figure with a fenced block whose language is a
 * kind's name and whose body is YAML data; the compiler validates it with the kind and renders it
 * to SVG at build time. A new kind is one module meeting `FigureKind` plus one line here.
 */
import { chartFigure } from './chart/index.ts'
import type { FigureKind } from './kinds.ts'
import { mapFigure } from './map/index.ts'
import { pillarsFigure } from './pillars.ts'
import { timelineFigure } from './timeline/index.ts'

export type { FigureIssue, FigureKind, FigureRender } from './kinds.ts'

type AnyKind = FigureKind<unknown>

const KINDS: readonly AnyKind[] = [mapFigure as AnyKind, timelineFigure as AnyKind, chartFigure as AnyKind, pillarsFigure as AnyKind]

/** Figure kinds by fence language. */
export const FIGURE_KINDS: ReadonlyMap<string, AnyKind> = new Map(KINDS.map((k) => [k.name, k]))

/** The kind a fence language names, if any. */
export function figureKind(lang: string): AnyKind | undefined {
  return FIGURE_KINDS.get(lang)
}
