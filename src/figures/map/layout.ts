/**
 * The map's measures: its height, widths and type sizes, the credit line, and text blocks
 * measured for placement.
 */
import { SLIDE_FIGURE_BOX, type TextMeasure, textWidth, wrapBalanced } from '../svg.ts'
import type { Colour } from './spec.ts'

/** The figure is drawn at the slide's figure box height, so 1 unit shows as 1 slide px. */
export const MAP_HEIGHT = SLIDE_FIGURE_BOX.height
/** Widest the map and its key may be, and its least width-to-height ratio. */
export const MAX_WIDTH = SLIDE_FIGURE_BOX.width
export const MIN_ASPECT = 1.9
/** Type sizes in units (= slide px), all at least 3 % of the slide height. */
export const MAP_SIZES = { country: 26, place: 24, note: 23, sea: 24, context: 23, label: 23, key: 23, credit: 23 } as const
/** Line height for a type size. */
export const LINE = (size: number) => Math.round(size * 1.18)
/** A place marker's radius; the widest a note wraps to. */
export const POINT_R = 6
export const NOTE_WIDTH = 250
/** Space between the panel and the key; a key swatch's width. */
export const KEY_GAP = 26
export const KEY_SWATCH = 28
/** The label masks' raster cell, in units. */
export const CELL = 6
/** The data credit drawn on every map (the tool's, not the author's). */
export const CREDIT = ['Borders: Natural Earth 1:50m', 'via world-atlas']

/** One line of a label: its text, type size and class. */
export interface Line {
  text: string
  size: number
  cls: string
  bold: boolean
  /** Extra width per character (letter-spacing), in units. */
  spacing?: number
}

/** Lines set together, with the box they need. */
export interface Block {
  lines: Line[]
  width: number
  height: number
}

/** Measures lines into a block (its width from the font metrics, a line height per size). */
export function block(lines: Line[], m: TextMeasure): Block {
  let width = 0
  for (const l of lines) width = Math.max(width, textWidth(l.text, l.size, l.bold, m) + (l.spacing ?? 0) * Math.max(0, [...l.text].length - 1))
  const height = lines.reduce((h, l) => h + LINE(l.size), 0) + 4
  return { lines, width: Math.ceil(width) + 2, height: Math.ceil(height) }
}

/** A note wrapped into balanced lines under its name; none without a note. */
export const noteLines = (note: string | undefined, size: number, m: TextMeasure, width = NOTE_WIDTH): Line[] =>
  note ? wrapBalanced(note, size, width, false, m).map((text) => ({ text, size, cls: 'fig-map-note', bold: false })) : []

/** A row of the key: a colour swatch or the place marker, and what it means. */
export interface KeyEntry {
  swatch: Colour | 'marker' | 'route' | 'route-arrow' | 'area'
  text: string
}

/** A key row's text, wrapped. */
export function keyTextLines(text: string, m: TextMeasure): string[] {
  return wrapBalanced(text, MAP_SIZES.key, 250, false, m)
}
