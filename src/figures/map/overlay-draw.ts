/**
 * Draws the map's routes and areas on screen: areas as shaded shapes (a polygon, or a geodesic
 * circle from d3-geo's geoCircle), routes as lines along great circles with an arrowhead when
 * asked; and asks the label solver for their names (beside a route's middle, inside an area).
 */
import { type GeoPermissibleObjects, type GeoProjection, geoArea, geoCircle, geoInterpolate, geoPath } from 'd3-geo'
import type { Point } from '../geo.ts'
import { attrs, num, type TextMeasure } from '../svg.ts'
import type { LabelRequest } from './labels.ts'
import { type Block, block, type KeyEntry, MAP_HEIGHT, MAP_SIZES, noteLines } from './layout.ts'
import { kmToDegrees, type MapArea, type MapRoute } from './overlays.ts'
import { anchorOf, rasterise, screenRings } from './projection.ts'

export interface OverlayDrawing {
  /** SVG elements, areas under routes, drawn under the points and labels. */
  svg: string[]
  requests: LabelRequest[]
  blocks: Map<string, { block: Block; cls: string; texts: string[] }>
  /** The routes on screen, for the solver to keep labels off. */
  lines: Point[][]
}

/** The key's rows for the routes and areas (from the spec alone, so the layout can make room). */
export function overlayKey(routes: readonly MapRoute[], areas: readonly MapArea[]): KeyEntry[] {
  return [
    ...routes.map((r): KeyEntry => ({ swatch: r.arrow ? 'route-arrow' : 'route', text: r.name })),
    ...areas.map((a): KeyEntry => ({ swatch: 'area', text: a.name })),
  ]
}

/** An area as a spherical polygon d3-geo fills the right side of (its ring turned round if it came out as the rest of the globe). */
export function areaGeometry(a: MapArea): GeoPermissibleObjects {
  if (a.around && a.km) return geoCircle().center(a.around).radius(kmToDegrees(a.km)).precision(2)()
  const ring = [...(a.polygon ?? [])]
  const [first, last] = [ring[0], ring[ring.length - 1]]
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first)
  const polygon = { type: 'Polygon' as const, coordinates: [ring] }
  return geoArea(polygon) > 2 * Math.PI ? { type: 'Polygon', coordinates: [ring.reverse()] } : polygon
}

/** A route's points on screen, along great circles, 16 steps a leg; points off the projection are dropped. */
export function routeScreen(projection: GeoProjection, path: readonly Point[]): Point[] {
  const out: Point[] = []
  for (let i = 0; i + 1 < path.length; i++) {
    const step = geoInterpolate(path[i] as Point, path[i + 1] as Point)
    for (let k = i === 0 ? 0 : 1; k <= 16; k++) {
      const p = projection(step(k / 16))
      if (p && Number.isFinite(p[0]) && Number.isFinite(p[1])) out.push([p[0], p[1]])
    }
  }
  return out
}

/** Points at given shares of a polyline's length. */
function alongLine(line: readonly Point[], shares: readonly number[]): Point[] {
  const lengths = [0]
  for (let i = 1; i < line.length; i++)
    lengths.push((lengths[i - 1] as number) + Math.hypot((line[i] as Point)[0] - (line[i - 1] as Point)[0], (line[i] as Point)[1] - (line[i - 1] as Point)[1]))
  const total = lengths[lengths.length - 1] as number
  return shares.map((f) => {
    const target = f * total
    const i = Math.max(
      1,
      lengths.findIndex((l) => l >= target),
    )
    const [a, b] = [line[i - 1] as Point, line[i] as Point]
    const span = (lengths[i] as number) - (lengths[i - 1] as number)
    const t = span > 0 ? (target - (lengths[i - 1] as number)) / span : 0
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
  })
}

/** An arrowhead at the line's end, pointing along its last 14 px. */
function arrowhead(line: readonly Point[]): string {
  const tip = line[line.length - 1] as Point
  let k = line.length - 2
  while (k > 0 && Math.hypot(tip[0] - (line[k] as Point)[0], tip[1] - (line[k] as Point)[1]) < 14) k--
  const from = line[Math.max(0, k)] as Point
  const len = Math.hypot(tip[0] - from[0], tip[1] - from[1]) || 1
  const [ux, uy] = [(tip[0] - from[0]) / len, (tip[1] - from[1]) / len]
  const base: Point = [tip[0] - ux * 16, tip[1] - uy * 16]
  const pts = [tip, [base[0] - uy * 7, base[1] + ux * 7], [base[0] + uy * 7, base[1] - ux * 7]] as Point[]
  return `<path class="fig-route-arrow" d="M${pts.map(([x, y]) => `${num(x)} ${num(y)}`).join('L')}Z"/>`
}

/** Draws the routes and areas and asks for their labels. */
export function drawOverlays(
  routes: readonly MapRoute[],
  areas: readonly MapArea[],
  projection: GeoProjection,
  panelWidth: number,
  m: TextMeasure,
): OverlayDrawing {
  const path = geoPath(projection).digits(1)
  const svg: string[] = []
  const requests: LabelRequest[] = []
  const blocks: OverlayDrawing['blocks'] = new Map()
  const lines: Point[][] = []
  const labelBlock = (name: string, note: string | undefined, cls: string) =>
    block([{ text: name, size: MAP_SIZES.label, cls, bold: true }, ...noteLines(note, MAP_SIZES.note, m)], m)

  areas.forEach((a, i) => {
    const geometry = areaGeometry(a)
    const d = path(geometry) ?? ''
    if (d) svg.push(`<path${attrs({ class: 'fig-area', d })}/>`)
    const rings = screenRings(projection, geometry)
    const mask = rasterise(rings, panelWidth, MAP_HEIGHT)
    const anchor = anchorOf(rings, mask)
    if (!anchor) return
    const key = `area:${i}`
    const b = labelBlock(a.name, a.note, 'fig-map-area')
    blocks.set(key, { block: b, cls: '', texts: [a.name, ...(a.note ? [a.note] : [])] })
    requests.push({ key, width: b.width, height: b.height, anchor, mode: 'area', mask, maxDistance: 160, minInside: 0.85 })
  })
  routes.forEach((r, i) => {
    const d = path({ type: 'LineString', coordinates: r.path }) ?? ''
    const line = routeScreen(projection, r.path)
    if (d) svg.push(`<path${attrs({ class: 'fig-route', d })}/>`)
    if (r.arrow && line.length > 1) svg.push(arrowhead(line))
    if (line.length === 0) return
    lines.push(line)
    const along = alongLine(line, [0.5, 0.35, 0.65, 0.2, 0.8])
    const key = `route:${i}`
    const b = labelBlock(r.name, r.note, 'fig-map-route')
    blocks.set(key, { block: b, cls: '', texts: [r.name, ...(r.note ? [r.note] : [])] })
    requests.push({ key, width: b.width, height: b.height, anchor: along[0] as Point, along, mode: 'line' })
  })
  return { svg, requests, blocks, lines }
}
