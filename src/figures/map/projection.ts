/**
 * The map on screen: the projection for an extent, shapes projected to closed rings, rasterised
 * into masks for label placement, a label's anchor inside a shape, and the lon/lat the panel shows.
 */
import { type GeoPermissibleObjects, type GeoProjection, geoAzimuthalEqualArea, geoConicConformal, geoPath } from 'd3-geo'
import type { Bounds } from '../countries.ts'
import type { Point } from '../geo.ts'
import { unwrapBox } from './extent.ts'
import type { Mask } from './labels.ts'
import { CELL, MAP_HEIGHT } from './layout.ts'

/** Conic conformal for a region on one side of the equator, else azimuthal equal-area, centred on the extent. */
export function projectionFor(extent: Bounds): GeoProjection {
  const [w, s, e, n] = unwrapBox(extent)
  const lon0 = (w + e) / 2
  const lat0 = (s + n) / 2
  const oneSide = s >= 5 || n <= -5
  if (oneSide && n - s <= 60 && e - w <= 140) {
    const span = n - s
    return geoConicConformal()
      .parallels([s + span / 6, n - span / 6])
      .rotate([-lon0, 0])
  }
  return geoAzimuthalEqualArea().rotate([-lon0, -lat0])
}

/** Points along the extent's edges (a box on the globe projects to a curved shape). */
export function outline(extent: Bounds): GeoPermissibleObjects {
  const [w, s, e, n] = unwrapBox(extent)
  const coordinates: Point[] = []
  for (let i = 0; i <= 24; i++) {
    const lon = w + ((e - w) * i) / 24
    const lat = s + ((n - s) * i) / 24
    coordinates.push([lon, s], [lon, n], [w, lat], [e, lat])
  }
  return { type: 'MultiPoint', coordinates }
}

/** Closed rings of a shape in screen units, as the projection (with its clip) draws them. */
export function screenRings(projection: GeoProjection, object: GeoPermissibleObjects): Point[][] {
  const rings: Point[][] = []
  let ring: Point[] = []
  const ctx = {
    moveTo(x: number, y: number) {
      if (ring.length > 2) rings.push(ring)
      ring = [[x, y]]
    },
    lineTo(x: number, y: number) {
      ring.push([x, y])
    },
    closePath() {
      if (ring.length > 2) rings.push(ring)
      ring = []
    },
    arc() {},
  }
  geoPath(projection, ctx as unknown as CanvasRenderingContext2D)(object)
  if (ring.length > 2) rings.push(ring)
  return rings
}

/** Even-odd scanline fill of rings into a raster of `cell`-unit cells. */
export function rasterise(rings: readonly Point[][], width: number, height: number): Mask {
  const cols = Math.ceil(width / CELL)
  const rows = Math.ceil(height / CELL)
  const bits = new Uint8Array(cols * rows)
  for (let r = 0; r < rows; r++) {
    const y = (r + 0.5) * CELL
    const xs: number[] = []
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1, y1] = ring[i] as Point
        const [x2, y2] = ring[j] as Point
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1))
      }
    }
    xs.sort((a, b) => a - b)
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const c0 = Math.max(0, Math.ceil((xs[k] as number) / CELL - 0.5))
      const c1 = Math.min(cols - 1, Math.floor((xs[k + 1] as number) / CELL - 0.5))
      for (let c = c0; c <= c1; c++) bits[r * cols + c] = 1
    }
  }
  return { cell: CELL, cols, rows, bits }
}

/** A ring's area (shoelace), in square units. */
export function ringArea(ring: readonly Point[]): number {
  let a = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += ((ring[j] as Point)[0] + (ring[i] as Point)[0]) * ((ring[j] as Point)[1] - (ring[i] as Point)[1])
  return Math.abs(a / 2)
}

/** A point inside the biggest visible part of a shape: its centroid, or the set cell nearest it. */
export function anchorOf(rings: readonly Point[][], mask: Mask): Point | undefined {
  let best: Point[] | undefined
  let bestArea = 0
  for (const r of rings) {
    const a = ringArea(r)
    if (a > bestArea) {
      bestArea = a
      best = r
    }
  }
  if (!best) return undefined
  let cx = 0
  let cy = 0
  let a2 = 0
  for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
    const [x0, y0] = best[j] as Point
    const [x1, y1] = best[i] as Point
    const f = x0 * y1 - x1 * y0
    cx += (x0 + x1) * f
    cy += (y0 + y1) * f
    a2 += f
  }
  const c: Point = a2 === 0 ? (best[0] as Point) : [cx / (3 * a2), cy / (3 * a2)]
  const at = (x: number, y: number) => mask.bits[Math.floor(y / mask.cell) * mask.cols + Math.floor(x / mask.cell)] === 1
  if (c[0] >= 0 && c[1] >= 0 && at(c[0], c[1])) return c
  let found: Point | undefined
  let d = Infinity
  for (let r = 0; r < mask.rows; r++)
    for (let k = 0; k < mask.cols; k++) {
      if (mask.bits[r * mask.cols + k] !== 1) continue
      const p: Point = [(k + 0.5) * mask.cell, (r + 0.5) * mask.cell]
      const dd = Math.hypot(p[0] - c[0], p[1] - c[1])
      if (dd < d) {
        d = dd
        found = p
      }
    }
  return found
}

/** Lon/lat box of the panel (its edges sampled and inverted), grown by `margin` degrees. */
export function visibleRegion(projection: GeoProjection, width: number, margin: number): [Point, Point] {
  const lons: number[] = []
  const lats: number[] = []
  for (let i = 0; i <= 20; i++) {
    const fx = (width * i) / 20
    const fy = (MAP_HEIGHT * i) / 20
    for (const xy of [
      [fx, 0],
      [fx, MAP_HEIGHT],
      [0, fy],
      [width, fy],
    ] as Point[]) {
      const ll = projection.invert?.(xy)
      if (ll) {
        lons.push(ll[0])
        lats.push(ll[1])
      }
    }
  }
  // Across the 180° meridian the sampled longitudes jump: then keep every longitude.
  const spread = Math.max(...lons) - Math.min(...lons)
  const wrapped = spread > 300 || lats.some((l) => Math.abs(l) > 80)
  return [
    [wrapped ? -180 : Math.min(...lons) - margin, Math.max(-90, Math.min(...lats) - margin)],
    [wrapped ? 180 : Math.max(...lons) + margin, Math.min(90, Math.max(...lats) + margin)],
  ]
}
