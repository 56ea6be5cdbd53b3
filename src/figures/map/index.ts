/**
 * The `map` figure kind: any region of the world, drawn from Natural Earth 1:50m borders
 * (world-atlas) with d3-geo, from data an author writes in a slide:
 *
 * ```map
 * title: "The Mekong: dams upstream, farmers downstream"
 * countries: [China, Laos, Thailand, Cambodia, Vietnam]   # highlighted: names or ISO 3166 codes
 * places:
 *   - { name: Xayaburi, at: [101.82, 19.25], note: "dam, 2019" }   # [longitude, latitude]
 * ```
 *
 * Highlighted countries get a colour each (or one per `group`) and their name on the map; context
 * countries are grey with their name; places are marked and labelled; seas are named in italic.
 * The extent is fitted to what is named (or given); labels never leave the frame or collide; a key
 * appears only for what direct labels cannot say (groups, the marker's meaning).
 */

import type { FigureKind, FigureRender } from '../kinds.ts'
import { svgDocument } from '../svg.ts'
import { drawMap } from './draw.ts'
import type { PlacedLabel } from './labels.ts'
import { CREDIT, MAP_HEIGHT } from './layout.ts'
import { MAP_KEYS, type MapSpec, validateMap } from './spec.ts'
import { mapText } from './text.ts'

export type { MapSpec } from './spec.ts'

/** Renders a valid spec: the SVG document, its text equivalent and claims, and (for tests) where its labels went. */
export function renderMapSpec(spec: MapSpec, id: string): FigureRender & { labels: PlacedLabel[]; width: number; panelWidth: number } {
  const d = drawMap(spec)
  const text = mapText(spec)
  const svg = svgDocument({ name: 'map', id, width: d.width, height: MAP_HEIGHT, title: spec.title, desc: text, body: d.svg })
  // The data credit is the tool's, not the author's: no claim for the fidelity check to hold to a source.
  const credit = CREDIT.join(' ')
  return { svg, text, claims: [...new Set([spec.title, ...d.drawn.filter((t) => t !== credit)])], labels: d.labels, width: d.width, panelWidth: d.panelWidth }
}

/** The `map` figure kind. */
export const mapFigure: FigureKind<MapSpec> = {
  name: 'map',
  keys: MAP_KEYS,
  validate(data) {
    const { spec, issues } = validateMap(data)
    return spec ? { spec, issues: issues.list } : { issues: issues.list }
  },
  render(spec, id) {
    const { svg, text, claims } = renderMapSpec(spec, id)
    return { svg, text, claims }
  },
}
