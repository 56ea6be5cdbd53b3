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

import type { FigureIssue, FigureKind, FigureRender } from '../kinds.ts'
import { ESTIMATE } from '../measure.ts'
import { svgDocument, type TextMeasure } from '../svg.ts'
import { drawMap } from './draw.ts'
import type { PlacedLabel } from './labels.ts'
import { CREDIT, MAP_HEIGHT } from './layout.ts'
import { MAP_KEYS, type MapSpec, validateMap } from './spec.ts'
import { mapText } from './text.ts'

export type { MapSpec } from './spec.ts'

// The layout is computed once for validation (to refuse a crowded map) and reused by render.
const drawnFor = new WeakMap<TextMeasure, WeakMap<MapSpec, ReturnType<typeof drawMap>>>()
const drawOnce = (spec: MapSpec, m: TextMeasure) => {
  const forMeasure = drawnFor.get(m) ?? new WeakMap<MapSpec, ReturnType<typeof drawMap>>()
  drawnFor.set(m, forMeasure)
  const known = forMeasure.get(spec)
  if (known) return known
  const d = drawMap(spec, m)
  forMeasure.set(spec, d)
  return d
}

/** Renders a valid spec: the SVG document, its text equivalent and claims, and (for tests) where its labels went. */
export function renderMapSpec(
  spec: MapSpec,
  id: string,
  m: TextMeasure = ESTIMATE,
): FigureRender & { labels: PlacedLabel[]; width: number; panelWidth: number } {
  const d = drawOnce(spec, m)
  const text = mapText(spec, d.shown)
  const svg = svgDocument({ name: 'map', id, width: d.width, height: MAP_HEIGHT, title: spec.title, desc: text, body: d.svg })
  // The data credit is the tool's, not the author's: no claim for the fidelity check to hold to a source.
  const credit = CREDIT.join(' ')
  return { svg, text, claims: [...new Set([spec.title, ...d.drawn.filter((t) => t !== credit)])], labels: d.labels, width: d.width, panelWidth: d.panelWidth }
}

/** The spec path and name of a label or obstacle key from the layout (`place:2`, `country:418`, `credit`). */
function describe(spec: MapSpec, key: string): { path: Array<string | number>; name: string } {
  const [kind, rest = ''] = key.split(':') as [string, string?]
  const i = Number(rest)
  if (kind === 'place') return { path: ['places', i], name: `"${spec.places[i]?.name}"` }
  if (kind === 'sea') return { path: ['seas', i], name: `"${spec.seas[i]?.name}"` }
  if (kind === 'label') return { path: ['labels', i], name: `"${spec.labels[i]?.name}"` }
  if (kind === 'country' || kind === 'context') {
    const list = kind === 'country' ? spec.countries : spec.context
    const at = list.findIndex((c) => c.key === rest)
    return { path: [kind === 'country' ? 'countries' : 'context', at], name: `"${list[at]?.name}"` }
  }
  if (kind === 'route') return { path: ['routes', i], name: `"${spec.routes[i]?.name}"` }
  if (kind === 'area') return { path: ['areas', i], name: `"${spec.areas[i]?.name}"` }
  if (kind === 'frame') return { path: [], name: "the map's edge" }
  if (kind === 'far') return { path: [], name: 'the labels near its point' }
  if (kind === 'foreign') return { path: [], name: 'the neighbouring countries' }
  return { path: [], name: 'the data credit' }
}

/** Located errors for labels the solver could not place clear of the rest, naming what crowds them and the fix. */
export function placementIssues(spec: MapSpec, m: TextMeasure = ESTIMATE): FigureIssue[] {
  return drawOnce(spec, m).failed.map((f) => {
    const self = describe(spec, f.key)
    const crowd = [...new Set(f.crowd.map((k) => describe(spec, k).name))]
    const pin = f.key.startsWith('place:')
      ? spec.places[Number(f.key.slice(6))]?.side
        ? 'move its "side" or "offset"'
        : 'pin a label with side: n, ne, e, se, s, sw, w or nw'
      : "pin a nearby place's label with side: n, ne, e, se, s, sw, w or nw"
    return {
      path: self.path,
      message: `the label ${self.name} finds no place near what it names that stays clear of ${crowd.length > 0 ? crowd.join(', ') : 'the other labels'}: the map is too crowded there. Name fewer places there, give a larger "extent", or ${pin}`,
    }
  })
}

/** The `map` figure kind. */
export const mapFigure: FigureKind<MapSpec> = {
  name: 'map',
  keys: MAP_KEYS,
  validate(data, measure) {
    const { spec, issues } = validateMap(data)
    if (!spec) return { issues: issues.list }
    const crowded = placementIssues(spec, measure)
    return crowded.length > 0 ? { issues: [...issues.list, ...crowded] } : { spec, issues: issues.list }
  },
  render(spec, id, measure) {
    const { svg, text, claims } = renderMapSpec(spec, id, measure)
    return { svg, text, claims }
  },
}
