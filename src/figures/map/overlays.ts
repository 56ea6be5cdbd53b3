/**
 * What a map draws over the land: routes (a shipping lane, a pipeline, a front line) as lines and
 * areas (a closed zone, a reservoir, a weapon's range) as shaded shapes, checked from the author's
 * data with every problem located at its path.
 */
import type { Point } from '../geo.ts'
import type { Issues, Path } from '../validate.ts'
import { record, str } from '../validate.ts'
import { MAP_LIMITS } from './limits.ts'

/** A line through points, drawn along great circles, with an arrowhead at its end when asked. */
export interface MapRoute {
  name: string
  /** [longitude, latitude] points, in order. */
  path: Point[]
  arrow: boolean
  note?: string
}

/** A shaded area: a polygon, or every point within `km` of `around` (a geodesic circle). */
export interface MapArea {
  name: string
  polygon?: Point[]
  around?: Point
  km?: number
  note?: string
}

const ROUTE_KEYS = ['name', 'path', 'arrow', 'note'] as const
const AREA_KEYS = ['name', 'polygon', 'around', 'km', 'note'] as const

type LonLat = (v: unknown, path: Path, issues: Issues, what: string) => Point | undefined

/** A list of `min` to MAP_LIMITS.pathPoints [longitude, latitude] points. */
function points(v: unknown, path: Path, issues: Issues, lonLat: LonLat, min: number, what: string): Point[] | undefined {
  if (!Array.isArray(v) || v.length < min || v.length > MAP_LIMITS.pathPoints)
    return issues.error(
      path,
      `${what} is a list of ${min} to ${MAP_LIMITS.pathPoints} [longitude, latitude] points, e.g. [[30.7, 46.5], [30.2, 43.0]]; got ${Array.isArray(v) ? `${v.length} item${v.length === 1 ? '' : 's'}` : JSON.stringify(v ?? null)}`,
    )
  const out = v.map((p, i) => lonLat(p, [...path, i], issues, `point ${i + 1}`))
  return out.every((p): p is Point => p !== undefined) ? out : undefined
}

/** A route entry, or issues at its path. */
export function routeOf(v: unknown, path: Path, issues: Issues, lonLat: LonLat): MapRoute | undefined {
  const r = record(v, path, ROUTE_KEYS, issues, 'a route')
  if (!r) return undefined
  const name = str(r, 'name', path, issues, { required: true, max: 40 })
  const note = str(r, 'note', path, issues, { max: 120 })
  if (r.path === undefined || r.path === null)
    return issues.error(path, 'a route needs "path": its points in order, e.g. path: [[30.7, 46.5], [30.2, 43.0], [28.9, 41.0]]')
  const line = points(r.path, [...path, 'path'], issues, lonLat, 2, '"path"')
  const arrow = r.arrow ?? false
  if (typeof arrow !== 'boolean')
    return issues.error([...path, 'arrow'], `"arrow" is true (an arrowhead at the path's end) or false; got ${JSON.stringify(arrow)}`)
  if (!name || !line) return undefined
  return { name, path: line, arrow, ...(note ? { note } : {}) }
}

/** An area entry (`polygon`, or `around` with `km`), or issues at its path. */
export function areaOf(v: unknown, path: Path, issues: Issues, lonLat: LonLat): MapArea | undefined {
  const r = record(v, path, AREA_KEYS, issues, 'an area')
  if (!r) return undefined
  const name = str(r, 'name', path, issues, { required: true, max: 40 })
  const note = str(r, 'note', path, issues, { max: 120 })
  const hasPolygon = r.polygon !== undefined && r.polygon !== null
  const hasCircle = r.around !== undefined || r.km !== undefined
  if (hasPolygon === hasCircle)
    return issues.error(
      path,
      hasPolygon
        ? 'an area is either "polygon" or "around" with "km", not both: keep one'
        : 'an area needs "polygon": [[lon, lat], …] (3 or more corners), or "around": [lon, lat] with "km": its radius',
    )
  if (hasPolygon) {
    const polygon = points(r.polygon, [...path, 'polygon'], issues, lonLat, 3, '"polygon"')
    return name && polygon ? { name, polygon, ...(note ? { note } : {}) } : undefined
  }
  if (r.around === undefined) return issues.error(path, 'an area with "km" needs "around": its centre, [longitude, latitude]')
  const around = lonLat(r.around, [...path, 'around'], issues, '"around"')
  const km = r.km
  if (typeof km !== 'number' || !Number.isFinite(km) || km <= 0 || km > MAP_LIMITS.areaKm)
    return issues.error(
      km === undefined ? path : [...path, 'km'],
      `"km" is the area's radius in kilometres, a number above 0 and up to ${MAP_LIMITS.areaKm}, e.g. km: 300; got ${km === undefined ? 'nothing' : JSON.stringify(km)}`,
    )
  return name && around ? { name, around, km, ...(note ? { note } : {}) } : undefined
}

/** Degrees of latitude in `km` along the Earth's surface. */
export const kmToDegrees = (km: number): number => (km / 6371.0088) * (180 / Math.PI)

/** Points that bound an overlay, for fitting the map's extent (a circle by its four compass points). */
export function overlayPoints(routes: readonly MapRoute[], areas: readonly MapArea[]): Point[] {
  const out: Point[] = routes.flatMap((r) => r.path)
  for (const a of areas) {
    if (a.polygon) out.push(...a.polygon)
    if (a.around && a.km) {
      const [lon, lat] = a.around
      const d = kmToDegrees(a.km)
      const dl = Math.min(179, d / Math.max(0.05, Math.cos((Math.min(89, Math.abs(lat) + d) * Math.PI) / 180)))
      out.push([lon, Math.min(89.9, lat + d)], [lon, Math.max(-89.9, lat - d)], [lon - dl, lat], [lon + dl, lat])
    }
  }
  return out
}
