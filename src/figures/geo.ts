/**
 * Geometry preparation for the map: decode the world-atlas TopoJSON, simplify its arcs for the map's
 * scale and adjust one boundary. Working on arcs (not on features) keeps shared borders identical in
 * every shape that uses them, so fills, focus outlines and the border mesh line up exactly.
 */
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification'

export type Point = [number, number]

export interface CountryProps {
  name: string
}

export type CountryTopology = Topology<{ countries: GeometryCollection<CountryProps> }>

type ArcIndexes = number[]
type PolygonArcs = ArcIndexes[]

/** Absolute lon/lat coordinates of every arc (undoing TopoJSON quantisation and delta encoding). */
export function decodeArcs(topology: Topology): Point[][] {
  const t = topology.transform
  const [sx, sy] = t ? t.scale : [1, 1]
  const [tx, ty] = t ? t.translate : [0, 0]
  return topology.arcs.map((arc) => {
    let x = 0
    let y = 0
    return arc.map((position): Point => {
      const px = position[0] ?? 0
      const py = position[1] ?? 0
      if (!t) return [px, py]
      x += px
      y += py
      return [x * sx + tx, y * sy + ty]
    })
  })
}

/**
 * Douglas–Peucker on one arc, in degrees with longitude scaled by cos(latitude) so the tolerance
 * is roughly isotropic. Endpoints are always kept (they are shared with neighbouring arcs).
 */
export function simplifyArc(arc: readonly Point[], tolerance: number): Point[] {
  const n = arc.length
  if (n <= 2) return arc.slice()
  const first = arc[0] as Point
  const k = Math.cos((first[1] * Math.PI) / 180)
  const keep = new Uint8Array(n)
  keep[0] = 1
  keep[n - 1] = 1
  const tol2 = tolerance * tolerance
  const stack: Array<[number, number]> = []
  const last = arc[n - 1] as Point
  if (first[0] === last[0] && first[1] === last[1]) {
    // A closed arc (an island): split at the point farthest from the start, or DP has no baseline.
    let far = 0
    let best = -1
    for (let i = 1; i < n - 1; i++) {
      const p = arc[i] as Point
      const d = ((p[0] - first[0]) * k) ** 2 + (p[1] - first[1]) ** 2
      if (d > best) {
        best = d
        far = i
      }
    }
    keep[far] = 1
    stack.push([0, far], [far, n - 1])
  } else {
    stack.push([0, n - 1])
  }
  while (stack.length > 0) {
    const [i0, i1] = stack.pop() as [number, number]
    const a = arc[i0] as Point
    const b = arc[i1] as Point
    const abx = (b[0] - a[0]) * k
    const aby = b[1] - a[1]
    const len2 = abx * abx + aby * aby
    let far = -1
    let best = tol2
    for (let i = i0 + 1; i < i1; i++) {
      const p = arc[i] as Point
      const apx = (p[0] - a[0]) * k
      const apy = p[1] - a[1]
      let d: number
      if (len2 === 0) d = apx * apx + apy * apy
      else {
        const cross = apx * aby - apy * abx
        d = (cross * cross) / len2
      }
      if (d > best) {
        best = d
        far = i
      }
    }
    if (far >= 0) {
      keep[far] = 1
      stack.push([i0, far], [far, i1])
    }
  }
  return arc.filter((_, i) => keep[i] === 1)
}

/** Planar area of a closed ring in "scaled degrees" (longitude × cos(latitude)), always ≥ 0. */
function ringArea(ring: readonly Point[]): number {
  const first = ring[0]
  if (!first) return 0
  const k = Math.cos((first[1] * Math.PI) / 180)
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[i] as Point
    const q = ring[j] as Point
    sum += q[0] * k * p[1] - p[0] * k * q[1]
  }
  return Math.abs(sum / 2)
}

/** Coordinates of a ring given as arc indexes (a negative index ~i walks arc i backwards). */
function ringCoordinates(arcs: readonly Point[][], ring: ArcIndexes): Point[] {
  const out: Point[] = []
  for (const index of ring) {
    const arc = arcs[index < 0 ? ~index : index] ?? []
    const points = index < 0 ? arc.slice().reverse() : arc
    for (let i = out.length > 0 ? 1 : 0; i < points.length; i++) out.push(points[i] as Point)
  }
  return out
}

type Bounds = [Point, Point]

function arcBounds(arc: readonly Point[]): Bounds {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of arc) {
    if (x < x0) x0 = x
    if (x > x1) x1 = x
    if (y < y0) y0 = y
    if (y > y1) y1 = y
  }
  return [
    [x0, y0],
    [x1, y1],
  ]
}

function intersects([[ax0, ay0], [ax1, ay1]]: Bounds, [[bx0, by0], [bx1, by1]]: Bounds): boolean {
  return ax0 <= bx1 && bx0 <= ax1 && ay0 <= by1 && by0 <= ay1
}

/** Polygons of a polygonal geometry as arc-index rings; other geometry types give none. */
function polygonsOf(geometry: GeometryObject<CountryProps>): PolygonArcs[] {
  if (geometry.type === 'Polygon') return [geometry.arcs]
  if (geometry.type === 'MultiPolygon') return geometry.arcs
  return []
}

/** Rebuilds a geometry from a subset of its polygons (a null geometry when none are left). */
function withPolygons(geometry: GeometryObject<CountryProps>, polygons: PolygonArcs[]): GeometryObject<CountryProps> {
  const { id } = geometry
  // Every country in world-atlas carries { name }; the typings widen it through GeometryCollection.
  const properties = geometry.properties as CountryProps | undefined
  if (polygons.length === 0) return { type: null, id, properties }
  return { type: 'MultiPolygon', id, properties, arcs: polygons }
}

export interface PrepareOptions {
  /** Douglas–Peucker tolerance in degrees of latitude. */
  tolerance: number
  /** Polygons with an outer ring smaller than this (scaled square degrees) after simplification are dropped. */
  minArea: number
  /** Only polygons whose outer ring's bounding box meets this lon/lat box are kept (whole polygons, so no winding changes). */
  region: Bounds
}

/** Bounding box test for a polygon of arc indexes. */
function polygonWithin(arcs: Point[][], polygon: PolygonArcs, [[x0, y0], [x1, y1]]: [Point, Point]): boolean {
  const outer = polygon[0]
  if (!outer) return false
  return ringCoordinates(arcs, outer).every(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1)
}

/** The Crimean peninsula's bounding box; Natural Earth draws it inside Russia's MultiPolygon. */
const CRIMEA_BOX: [Point, Point] = [
  [32.3, 44.2],
  [36.8, 46.3],
]

/**
 * Returns a simplified, non-quantised copy of the countries topology, reduced to the polygons near
 * `region`. Crimea is moved from Russia's geometry to Ukraine's, so the map shows internationally
 * recognised borders (Natural Earth places Crimea in Russia).
 */
export function prepareTopology(source: CountryTopology, opts: PrepareOptions): CountryTopology {
  const raw = decodeArcs(source)
  const bounds = raw.map(arcBounds)
  const ringBounds = (ring: ArcIndexes | undefined): Bounds | undefined => {
    let out: Bounds | undefined
    for (const index of ring ?? []) {
      const b = bounds[index < 0 ? ~index : index]
      if (!b) continue
      out = out
        ? [
            [Math.min(out[0][0], b[0][0]), Math.min(out[0][1], b[0][1])],
            [Math.max(out[1][0], b[1][0]), Math.max(out[1][1], b[1][1])],
          ]
        : b
    }
    return out
  }
  const near = (polygon: PolygonArcs): boolean => {
    const b = ringBounds(polygon[0])
    return b !== undefined && intersects(b, opts.region)
  }
  let geometries = source.objects.countries.geometries.map((g) => withPolygons(g, polygonsOf(g).filter(near)))

  // Simplify only the arcs still in use; the others are left empty.
  const used = new Set<number>()
  for (const g of geometries) for (const polygon of polygonsOf(g)) for (const ring of polygon) for (const i of ring) used.add(i < 0 ? ~i : i)
  const arcs = raw.map((arc, i) => (used.has(i) ? simplifyArc(arc, opts.tolerance) : []))

  const big = (polygon: PolygonArcs): boolean => {
    const outer = polygon[0]
    return outer !== undefined && ringArea(ringCoordinates(arcs, outer)) >= opts.minArea
  }
  geometries = geometries.map((g) => withPolygons(g, polygonsOf(g).filter(big)))

  const russia = geometries.find((g) => g.id === '643')
  const ukraine = geometries.find((g) => g.id === '804')
  if (russia && ukraine) {
    const crimea = polygonsOf(russia).filter((p) => polygonWithin(arcs, p, CRIMEA_BOX))
    geometries = geometries.map((g) => {
      if (g === russia)
        return withPolygons(
          russia,
          polygonsOf(russia).filter((p) => !crimea.includes(p)),
        )
      if (g === ukraine) return withPolygons(ukraine, [...polygonsOf(ukraine), ...crimea])
      return g
    })
  }
  return {
    type: 'Topology',
    bbox: source.bbox,
    arcs,
    objects: { countries: { type: 'GeometryCollection', geometries } },
  }
}
