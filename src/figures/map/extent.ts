/**
 * The region a map shows, in lon/lat: fitted to what the spec names, with boxes that may cross the
 * 180° meridian.
 */
import type { Bounds } from '../countries.ts'
import type { Point } from '../geo.ts'
import { type MapArea, type MapRoute, overlayPoints } from './overlays.ts'

/** [west, south, east, north] with east ≥ west (east may exceed 180). */
export type Box = [number, number, number, number]
/** Bounds as a box whose east is past its west (+360 across the 180° meridian). */
export const unwrapBox = ([[w, s], [e, n]]: Bounds): Box => [w, s, e < w ? e + 360 : e, n]
/** The box moved by whole turns of longitude to lie nearest `ref`. */
export const shiftNear = (b: Box, ref: number): Box => {
  const mid = (b[0] + b[2]) / 2
  const k = Math.round((ref - mid) / 360) * 360
  return [b[0] + k, b[1], b[2] + k, b[3]]
}
const union = (a: Box, b: Box): Box => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]
/** Where two boxes overlap, if they do. */
export const intersect = (a: Box, b: Box): Box | undefined => {
  const r: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]
  return r[0] <= r[2] && r[1] <= r[3] ? r : undefined
}
/** The larger side of a box, in degrees of latitude (longitude shrunk by the cosine of its middle latitude). */
export const size = (b: Box): number => Math.max((b[2] - b[0]) * Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180), b[3] - b[1])
const growBox = (b: Box, f: number, min = 0): Box => {
  const dx = Math.max((b[2] - b[0]) * f, min)
  const dy = Math.max((b[3] - b[1]) * f, min)
  return [b[0] - dx, Math.max(-85, b[1] - dy), b[2] + dx, Math.min(85, b[3] + dy)]
}
const toBounds = (b: Box): Bounds => {
  const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180
  return [
    [wrap(b[0]), b[1]],
    [b[2] - b[0] >= 360 ? wrap(b[0]) + 360 : wrap(b[2]) === -180 && b[2] > b[0] ? 180 : wrap(b[2]), b[3]],
  ]
}

/**
 * The region a map shows: the places and the named countries, with a margin. A country much
 * bigger than the rest (China beside Laos, or beside Vietnam, the Philippines and Malaysia)
 * adds only its part near them, so one vast country does not shrink everything else to dots:
 * taken smallest first, a country is taken whole when it at most widens the region so far 2.5
 * times, and is itself at most 1.75 times the size of everything else named (the places and the
 * other countries). A country the region then misses entirely (Greenland beside Denmark) is added
 * whole unless it is that much bigger than everything else: a highlighted country is not left off
 * the map for lying apart.
 */
export function fitExtent(countries: readonly Bounds[], points: readonly Point[]): Bounds {
  const ref = points[0]?.[0] ?? (countries[0] ? (unwrapBox(countries[0])[0] + unwrapBox(countries[0])[2]) / 2 : 0)
  let core: Box | undefined
  for (const [lon, lat] of points) {
    const p = shiftNear([lon, lat, lon, lat], ref)
    core = core ? union(core, p) : p
  }
  const placed = core
  const boxes = countries.map((c) => shiftNear(unwrapBox(c), ref)).sort((a, b) => size(a) - size(b))
  /** Much bigger than everything else named (the places and the other countries, whole). */
  const vast = (b: Box): boolean => {
    const rest = boxes.reduce<Box | undefined>((acc, o) => (o === b ? acc : acc ? union(acc, o) : o), placed)
    return !!rest && size(b) > 1.75 * Math.max(size(rest), 8)
  }
  for (const b of boxes) {
    if (!core) {
      core = b
      continue
    }
    const u = union(core, b)
    if (size(u) <= 2.5 * Math.max(size(core), 8) && !vast(b)) core = u
    else {
      const near = intersect(b, core)
      if (near) core = union(core, near)
    }
  }
  // A highlighted country the region still misses entirely (it lies apart from the rest) comes in whole.
  for (const b of boxes) if (core && !intersect(b, core) && !vast(b)) core = union(core, b)
  core ??= [-180, -60, 180, 80]
  // At least 4° across, then a margin of 6 % (at least half a degree) on every side.
  const mid: Point = [(core[0] + core[2]) / 2, (core[1] + core[3]) / 2]
  const minLon = 4 / Math.max(0.2, Math.cos((mid[1] * Math.PI) / 180))
  if (core[2] - core[0] < minLon) core = [mid[0] - minLon / 2, core[1], mid[0] + minLon / 2, core[3]]
  if (core[3] - core[1] < 4) core = [core[0], mid[1] - 2, core[2], mid[1] + 2]
  return toBounds(growBox(core, 0.06, 0.5))
}

/** What of a map spec decides its extent (the shape of MapSpec's fields; spec.ts calls autoExtent). */
export interface ExtentInputs {
  countries: readonly { bounds: Bounds }[]
  context: readonly { bounds: Bounds }[]
  places: readonly { at: Point }[]
  seas: readonly { at: Point }[]
  labels: readonly { at: Point }[]
  routes?: readonly MapRoute[]
  areas?: readonly MapArea[]
}

/** The extent of a spec without one: its places, seas, labels and highlighted countries (context countries only when there is nothing else). */
export function autoExtent(spec: ExtentInputs): Bounds {
  const points = [...[...spec.places, ...spec.seas, ...spec.labels].map((p) => p.at), ...overlayPoints(spec.routes ?? [], spec.areas ?? [])]
  const countries = spec.countries.length + points.length > 0 ? spec.countries : spec.context
  return fitExtent(
    countries.map((c) => c.bounds),
    points,
  )
}

/** How far (degrees) a point lies outside a box; 0 inside. */
export function distanceOutside([lon, lat]: Point, b: Bounds): number {
  const [w, s, e, n] = unwrapBox(b)
  let x = lon
  while (x < (w + e) / 2 - 180) x += 360
  while (x > (w + e) / 2 + 180) x -= 360
  const dx = x < w ? w - x : x > e ? x - e : 0
  const dy = lat < s ? s - lat : lat > n ? lat - n : 0
  return Math.hypot(dx, dy)
}
