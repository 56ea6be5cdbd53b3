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
import { createRequire } from 'node:module'
import { geoAzimuthalEqualArea, geoConicConformal, geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo'
import { feature, merge, mesh } from 'topojson-client'
import type { MultiPolygon, Polygon } from 'topojson-specification'
import { resolveCountry, type Bounds } from './countries.ts'
import { prepareTopology, type CountryProps, type CountryTopology, type Point } from './geo.ts'
import type { FigureKind, FigureRender } from './kinds.ts'
import { coverage, placeLabels, type LabelRequest, type Mask, type PlacedLabel, type Rect } from './map-labels.ts'
import { attrs, escapeXml, num, SLIDE_FIGURE_BOX, svgDocument, textWidth, wrapBalanced } from './svg.ts'
import { Issues, isRecord, record, str, type Path } from './validate.ts'

// ---- the spec ---------------------------------------------------------------------------------

export const PALETTE = ['blue', 'red', 'ochre', 'green', 'purple', 'teal', 'brown', 'pink'] as const
export type Colour = (typeof PALETTE)[number]

export interface MapCountry {
  /** world-atlas key (ISO 3166-1 numeric id, or the name for shapes without one). */
  key: string
  /** The name drawn and written in the text equivalent. */
  name: string
  note?: string
  bounds: Bounds
}

export interface HighlightCountry extends MapCountry {
  colour: Colour
  group?: string
}

export interface MapPoint {
  name: string
  /** [longitude, latitude] in degrees. */
  at: Point
  note?: string
}

export interface MapSpec {
  title: string
  countries: HighlightCountry[]
  context: MapCountry[]
  places: MapPoint[]
  seas: MapPoint[]
  labels: MapPoint[]
  /** [[west, south], [east, north]]; west > east crosses the 180° meridian. */
  extent?: Bounds
  /** What the place markers mean, shown in the key (e.g. "Place named in the article"). */
  marker?: string
}

export const MAP_KEYS = ['title', 'countries', 'context', 'places', 'seas', 'labels', 'extent', 'marker'] as const
const COUNTRY_KEYS = ['name', 'label', 'note', 'colour', 'color', 'group'] as const
const CONTEXT_KEYS = ['name', 'label', 'note'] as const
const POINT_KEYS = ['name', 'at', 'note'] as const
const MAX_ITEMS = 16

// ---- layout constants -------------------------------------------------------------------------

/** The figure is drawn at the slide's figure box height, so 1 unit shows as 1 slide px. */
export const MAP_HEIGHT = SLIDE_FIGURE_BOX.height
const MAX_WIDTH = SLIDE_FIGURE_BOX.width
const MIN_ASPECT = 1.9
/** Type sizes in units (= slide px), all at least 3 % of the slide height. */
export const MAP_SIZES = { country: 26, place: 24, note: 23, sea: 24, context: 23, label: 23, key: 23, credit: 23 } as const
const LINE = (size: number) => Math.round(size * 1.18)
const POINT_R = 6
const NOTE_WIDTH = 250
const KEY_GAP = 26
const KEY_SWATCH = 28
const CELL = 6
export const CREDIT = ['Borders: Natural Earth 1:50m', 'via world-atlas']

// ---- validation -------------------------------------------------------------------------------

const show = (v: unknown): string => (v === null || v === undefined ? 'nothing' : Array.isArray(v) ? 'a list' : isRecord(v) ? 'a mapping' : JSON.stringify(v))

function listOf(top: Record<string, unknown>, key: string, issues: Issues): unknown[] {
  const v = top[key]
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) {
    issues.error([key], `"${key}" must be a list ("- …" lines or [ …, … ]); got ${show(v)}`)
    return []
  }
  if (v.length > MAX_ITEMS) issues.error([key, MAX_ITEMS], `"${key}" has ${v.length} items, more than the ${MAX_ITEMS} a map can label legibly: split the map or drop some`)
  return v
}

function country(v: unknown, path: Path, issues: Issues, keys: readonly string[]): (MapCountry & { colour?: Colour; group?: string }) | undefined {
  let nameValue: unknown = v
  let entry: Record<string, unknown> | undefined
  if (isRecord(v)) {
    entry = record(v, path, keys, issues, 'a country')
    if (!entry) return undefined
    nameValue = entry.name
    if (nameValue === undefined || nameValue === null) return issues.error(path, 'a country needs "name": an English name or an ISO 3166 code, e.g. { name: Laos, note: "…" }')
  }
  const namePath = entry ? [...path, 'name'] : path
  if (typeof nameValue !== 'string' && typeof nameValue !== 'number') return issues.error(namePath, `a country is an English name or an ISO 3166 code (or { name, … }); got ${show(nameValue)}`)
  const found = resolveCountry(nameValue)
  if ('error' in found) return issues.error(namePath, `${found.error}${found.suggestion ? `: did you mean "${found.suggestion}"?` : ''} Write an English name (Laos, United States) or an ISO 3166 code (LA, LAO, 418)`)
  const out: MapCountry & { colour?: Colour; group?: string } = { ...found.country }
  if (entry) {
    const label = str(entry, 'label', path, issues, { max: 40 })
    if (label) out.name = label
    const note = str(entry, 'note', path, issues, { max: 120 })
    if (note) out.note = note
    if (keys.includes('group')) {
      const group = str(entry, 'group', path, issues, { max: 60 })
      if (group) out.group = group
      const colourKey = entry.colour !== undefined ? 'colour' : 'color'
      const c = entry[colourKey]
      if (c !== undefined && c !== null) {
        if (typeof c === 'string' && (PALETTE as readonly string[]).includes(c.toLowerCase())) out.colour = c.toLowerCase() as Colour
        else issues.error([...path, colourKey], `"${colourKey}" must be one of ${PALETTE.join(', ')} (colours that read on the deck's background); got ${show(c)}`)
      }
    }
  }
  return out
}

/** A [longitude, latitude] pair, or an issue at its path. */
function lonLat(v: unknown, path: Path, issues: Issues, what: string): Point | undefined {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    return issues.error(path, `${what} must be [longitude, latitude] in degrees, two numbers, e.g. [104.92, 11.56]; got ${Array.isArray(v) ? JSON.stringify(v) : show(v)}`)
  }
  const [lon, lat] = v as [number, number]
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180
    return issues.error(
      path,
      `${what} [${lon}, ${lat}] is off the globe: longitude runs -180..180, latitude -90..90` + (swapped ? `; it looks like [latitude, longitude]: write [${lat}, ${lon}]` : ''),
    )
  }
  return [lon, lat]
}

function point(v: unknown, path: Path, issues: Issues, what: string): MapPoint | undefined {
  const r = record(v, path, POINT_KEYS, issues, what)
  if (!r) return undefined
  const name = str(r, 'name', path, issues, { required: true, max: 40 })
  if (r.at === undefined || r.at === null) return issues.error(path, `${what} needs "at": [longitude, latitude], e.g. at: [104.92, 11.56]`)
  const at = lonLat(r.at, [...path, 'at'], issues, `"at"`)
  const note = str(r, 'note', path, issues, { max: 120 })
  if (name === undefined || at === undefined) return undefined
  return { name, at, ...(note ? { note } : {}) }
}

function extentOf(v: unknown, issues: Issues): Bounds | undefined {
  const bad = () => issues.error(['extent'], `"extent" must be [[west, south], [east, north]] in degrees, e.g. [[95, 8], [112, 27]]; got ${Array.isArray(v) ? JSON.stringify(v) : show(v)}`)
  if (!Array.isArray(v) || v.length !== 2) return bad()
  const sw = lonLat(v[0], ['extent', 0], issues, 'the south-west corner')
  const ne = lonLat(v[1], ['extent', 1], issues, 'the north-east corner')
  if (!sw || !ne) return undefined
  if (sw[1] >= ne[1]) return issues.error(['extent'], `"extent" goes from south ${sw[1]} to north ${ne[1]}: the first corner is [west, south], the second [east, north]`)
  if (sw[0] === ne[0]) return issues.error(['extent'], '"extent" has no width: west and east are the same longitude')
  return [sw, ne]
}

export function validateMap(data: unknown): { spec?: MapSpec; issues: Issues } {
  const issues = new Issues()
  const top = record(data, [], MAP_KEYS, issues, 'a map')
  if (!top) return { issues }
  const title = str(top, 'title', [], issues, { required: true, max: 140 })
  const marker = str(top, 'marker', [], issues, { max: 60 })
  const countries: Array<ReturnType<typeof country>> = listOf(top, 'countries', issues).map((v, i) => country(v, ['countries', i], issues, COUNTRY_KEYS))
  const context = listOf(top, 'context', issues).map((v, i) => country(v, ['context', i], issues, CONTEXT_KEYS))
  const places = listOf(top, 'places', issues).map((v, i) => point(v, ['places', i], issues, 'a place'))
  const seas = listOf(top, 'seas', issues).map((v, i) => point(v, ['seas', i], issues, 'a sea'))
  const labels = listOf(top, 'labels', issues).map((v, i) => point(v, ['labels', i], issues, 'a label'))
  const extent = top.extent === undefined || top.extent === null ? undefined : extentOf(top.extent, issues)

  // Each country once, in either list.
  const seen = new Map<string, Path>()
  const check = (list: ReadonlyArray<MapCountry | undefined>, key: string) =>
    list.forEach((c, i) => {
      if (!c) return
      const before = seen.get(c.key)
      if (before) issues.error([key, i], `"${c.name}" is listed twice (also at ${before.join('.')}): keep one`)
      else seen.set(c.key, [key, i])
    })
  check(countries, 'countries')
  check(context, 'context')

  // Colours: an explicit one, else one per group, else one per country, in palette order.
  const highlighted: HighlightCountry[] = []
  const groupColour = new Map<string, Colour>()
  const used = new Set<Colour>(countries.flatMap((c) => (c?.colour ? [c.colour] : [])))
  let next = 0
  const fresh = (): Colour => {
    for (let tries = 0; tries < PALETTE.length; tries++) {
      const c = PALETTE[next++ % PALETTE.length] as Colour
      if (!used.has(c)) {
        used.add(c)
        return c
      }
    }
    return PALETTE[next++ % PALETTE.length] as Colour
  }
  for (const c of countries) {
    if (!c) continue
    let colour = c.colour ?? (c.group ? groupColour.get(c.group) : undefined)
    colour ??= fresh()
    if (c.group && !groupColour.has(c.group)) groupColour.set(c.group, colour)
    highlighted.push({ ...c, colour })
  }
  if (countries.length > 0 && new Set(countries.map((c) => c?.colour ?? c?.group ?? c?.key)).size > PALETTE.length) {
    issues.error(['countries'], `more than ${PALETTE.length} highlighted colours are hard to tell apart: give related countries one "group", or move some to "context"`)
  }

  const points = [...places, ...seas, ...labels]
  if (countries.length + context.length + points.length === 0 && !extent) {
    issues.error([], 'a map needs something to show: "countries", "places", "seas" or "labels" (or an "extent")')
  }

  // Coordinates that are valid but far from everything else are usually [latitude, longitude].
  const named = [...countries, ...context].filter((c): c is MapCountry => c !== undefined)
  const groups: Array<[string, Array<MapPoint | undefined>]> = [
    ['places', places],
    ['seas', seas],
    ['labels', labels],
  ]
  for (const [key, list] of groups) {
    list.forEach((p, i) => {
      if (!p) return
      const swapped: Point = [p.at[1], p.at[0]]
      const canSwap = Math.abs(swapped[1]) <= 90
      if (extent) {
        if (distanceOutside(p.at, extent) > 0) {
          const hint = canSwap && distanceOutside(swapped, extent) === 0 ? `; it looks like [latitude, longitude]: write [${p.at[1]}, ${p.at[0]}]` : ': widen "extent" or drop it'
          issues.error([key, i, 'at'], `"${p.name}" at [${p.at[0]}, ${p.at[1]}] lies outside the map's "extent"${hint}`)
        }
        return
      }
      // The region of the named countries, or else of the other points.
      const others = points.filter((q): q is MapPoint => q !== undefined && q !== p).map((q) => q.at)
      if (named.length === 0 && others.length < 2) return
      const region = named.length > 0 ? fitExtent(named.map((c) => c.bounds), []) : fitExtent([], others)
      const tolerance = Math.max(8, size(unwrapBox(region)))
      if (distanceOutside(p.at, region) <= tolerance) return
      if (canSwap && distanceOutside(swapped, region) <= 2) {
        issues.error([key, i, 'at'], `"${p.name}" at [${p.at[0]}, ${p.at[1]}] lies far from the rest of the map; it looks like [latitude, longitude]: write [longitude, latitude] = [${p.at[1]}, ${p.at[0]}]`)
      } else {
        issues.warn([key, i, 'at'], `"${p.name}" at [${p.at[0]}, ${p.at[1]}] lies far from the other places and countries, so the map will cover a wide area: check it is [longitude, latitude]`)
      }
    })
  }

  if (!issues.ok || title === undefined) return { issues }
  const clean = <T>(xs: Array<T | undefined>): T[] => xs.filter((x): x is T => x !== undefined)
  const spec: MapSpec = {
    title,
    countries: highlighted,
    context: clean(context).map(({ key, name, note, bounds }) => ({ key, name, bounds, ...(note ? { note } : {}) })),
    places: clean(places),
    seas: clean(seas),
    labels: clean(labels),
    ...(extent ? { extent } : {}),
    ...(marker ? { marker } : {}),
  }
  if (!extent) {
    // A highlighted country far bigger than everything else and apart from it is left out of the
    // fitted region (the United States beside Mali): say so, rather than show its colour in the key only.
    const region = unwrapBox(autoExtent(spec))
    countries.forEach((c, i) => {
      if (c && !intersect(shiftNear(unwrapBox(c.bounds), (region[0] + region[2]) / 2), region)) {
        issues.warn(['countries', i], `"${c.name}" lies outside the map: it is far bigger than everything else named and apart from it, so the map is fitted to the rest and shows ${c.name} only in its key; set "extent" to take it in, or leave it to the notes`)
      }
    })
  }
  return { spec, issues }
}

// ---- the extent -------------------------------------------------------------------------------

/** [west, south, east, north] with east ≥ west (east may exceed 180). */
type Box = [number, number, number, number]

const unwrapBox = ([[w, s], [e, n]]: Bounds): Box => [w, s, e < w ? e + 360 : e, n]
const shiftNear = (b: Box, ref: number): Box => {
  const mid = (b[0] + b[2]) / 2
  const k = Math.round((ref - mid) / 360) * 360
  return [b[0] + k, b[1], b[2] + k, b[3]]
}
const union = (a: Box, b: Box): Box => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]
const intersect = (a: Box, b: Box): Box | undefined => {
  const r: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]
  return r[0] <= r[2] && r[1] <= r[3] ? r : undefined
}
/** The larger side of a box, in degrees of latitude (longitude shrunk by the cosine of its middle latitude). */
const size = (b: Box): number => Math.max((b[2] - b[0]) * Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180), b[3] - b[1])
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

function grow(b: Bounds, f: number): Bounds {
  return toBounds(growBox(unwrapBox(b), f))
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

/** The extent of a spec without one: its places, seas, labels and highlighted countries (context countries only when there is nothing else). */
export function autoExtent(spec: Pick<MapSpec, 'countries' | 'context' | 'places' | 'seas' | 'labels'>): Bounds {
  const points = [...spec.places, ...spec.seas, ...spec.labels].map((p) => p.at)
  const countries = spec.countries.length + points.length > 0 ? spec.countries : spec.context
  return fitExtent(countries.map((c) => c.bounds), points)
}

/** How far (degrees) a point lies outside a box; 0 inside. */
function distanceOutside([lon, lat]: Point, b: Bounds): number {
  const [w, s, e, n] = unwrapBox(b)
  let x = lon
  while (x < (w + e) / 2 - 180) x += 360
  while (x > (w + e) / 2 + 180) x -= 360
  const dx = x < w ? w - x : x > e ? x - e : 0
  const dy = lat < s ? s - lat : lat > n ? lat - n : 0
  return Math.hypot(dx, dy)
}

// ---- rendering --------------------------------------------------------------------------------

/** world-atlas's 1:50m TopoJSON (3.6 MB), read only when a map is drawn (not on a figure-cache hit). */
const loadCountries = (): CountryTopology => createRequire(import.meta.url)('world-atlas/countries-50m.json') as CountryTopology

function projectionFor(extent: Bounds): GeoProjection {
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
function outline(extent: Bounds): GeoPermissibleObjects {
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
function screenRings(projection: GeoProjection, object: GeoPermissibleObjects): Point[][] {
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
function rasterise(rings: readonly Point[][], width: number, height: number): Mask {
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

function ringArea(ring: readonly Point[]): number {
  let a = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ((ring[j] as Point)[0] + (ring[i] as Point)[0]) * ((ring[j] as Point)[1] - (ring[i] as Point)[1])
  return Math.abs(a / 2)
}

/** A point inside the biggest visible part of a shape: its centroid, or the set cell nearest it. */
function anchorOf(rings: readonly Point[][], mask: Mask): Point | undefined {
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

interface Line {
  text: string
  size: number
  cls: string
  bold: boolean
  /** Extra width per character (letter-spacing), in units. */
  spacing?: number
}

interface Block {
  lines: Line[]
  width: number
  height: number
}

function block(lines: Line[]): Block {
  let width = 0
  for (const l of lines) width = Math.max(width, textWidth(l.text, l.size, l.bold) + (l.spacing ?? 0) * Math.max(0, [...l.text].length - 1))
  const height = lines.reduce((h, l) => h + LINE(l.size), 0) + 4
  return { lines, width: Math.ceil(width) + 2, height: Math.ceil(height) }
}

const noteLines = (note: string | undefined, size: number, width = NOTE_WIDTH): Line[] =>
  note ? wrapBalanced(note, size, width).map((text) => ({ text, size, cls: 'fig-map-note', bold: false })) : []

function drawBlock(b: Block, box: Rect, align: PlacedLabel['align'], extraClass: string): string {
  const x = align === 'start' ? box.x0 + 1 : align === 'end' ? box.x1 - 1 : (box.x0 + box.x1) / 2
  let y = box.y0 + 2
  let out = `<text${attrs({ class: `fig-label ${extraClass}`.trim(), 'text-anchor': align === 'start' ? undefined : align })}>`
  for (const l of b.lines) {
    const lh = LINE(l.size)
    const baseline = y + lh * 0.8
    out += `<tspan${attrs({ class: l.cls, x, y: baseline, 'font-size': l.size })}>${escapeXml(l.text)}</tspan>`
    y += lh
  }
  return `${out}</text>`
}

interface KeyEntry {
  swatch: Colour | 'marker'
  text: string
}

interface Layout {
  width: number
  panelWidth: number
  projection: GeoProjection
  keyWidth: number
}

function layoutFor(extent: Bounds, keyEntries: readonly KeyEntry[]): Layout {
  const keyText = keyEntries.length > 0 ? Math.max(...keyEntries.map((k) => keyTextLines(k.text).reduce((w, l) => Math.max(w, textWidth(l, MAP_SIZES.key)), 0)), ...CREDIT.map((c) => textWidth(c, MAP_SIZES.credit))) : 0
  const keyWidth = keyEntries.length > 0 ? Math.ceil(KEY_GAP + KEY_SWATCH + 12 + keyText) : 0
  const probe = projectionFor(extent).fitExtent(
    [
      [0, 0],
      [1000, 1000],
    ],
    outline(extent),
  )
  const [[x0, y0], [x1, y1]] = geoPath(probe).bounds(outline(extent))
  const aspect = (x1 - x0) / Math.max(1, y1 - y0)
  const panelWidth = Math.round(Math.min(MAX_WIDTH - keyWidth, Math.max(MIN_ASPECT * MAP_HEIGHT, aspect * MAP_HEIGHT)))
  const pad = 4
  const projection = projectionFor(extent)
    .fitExtent(
      [
        [pad, pad],
        [panelWidth - pad, MAP_HEIGHT - pad],
      ],
      outline(extent),
    )
    .clipExtent([
      [0, 0],
      [panelWidth, MAP_HEIGHT],
    ])
  return { width: panelWidth + keyWidth, panelWidth, projection, keyWidth }
}

function keyTextLines(text: string): string[] {
  return wrapBalanced(text, MAP_SIZES.key, 250)
}

/** Lon/lat box of the panel (its edges sampled and inverted), grown by `margin` degrees. */
function visibleRegion(projection: GeoProjection, width: number, margin: number): [Point, Point] {
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

interface Drawn {
  svg: string
  /** Every string drawn, in drawing order. */
  drawn: string[]
  /** Placement results (for tests). */
  labels: PlacedLabel[]
  width: number
  panelWidth: number
  /** Highlighted countries named in the key because no label fitted on the map. */
  inKey: string[]
}

/** Renders the map body and reports what it drew (exported for tests). */
export function drawMap(spec: MapSpec): Drawn {
  const extent = spec.extent ?? autoExtent(spec)
  const groups: KeyEntry[] = []
  for (const c of spec.countries) if (c.group && !groups.some((g) => g.text === c.group)) groups.push({ swatch: c.colour, text: c.group })
  const baseKey: KeyEntry[] = [...groups, ...(spec.marker && spec.places.length > 0 ? [{ swatch: 'marker' as const, text: spec.marker }] : [])]
  let result = drawWith(spec, extent, baseKey)
  // A highlighted country whose name found no place on the map is named in the key instead.
  if (result.inKey.length > 0) {
    const extra = spec.countries.filter((c) => result.inKey.includes(c.key) && !c.group).map((c): KeyEntry => ({ swatch: c.colour, text: c.note ? `${c.name}: ${c.note}` : c.name }))
    if (extra.length > 0) result = drawWith(spec, extent, [...extra, ...baseKey])
  }
  return result
}

function drawWith(spec: MapSpec, extent: Bounds, baseKey: readonly KeyEntry[]): Drawn {
  const { width, panelWidth, projection, keyWidth } = layoutFor(extent, baseKey)
  const a = projection(projection.invert?.([panelWidth / 2, MAP_HEIGHT / 2]) ?? [0, 0]) ?? [0, 0]
  const b = projection.invert?.([a[0], a[1] - 100])
  const c = projection.invert?.([a[0], a[1]])
  const ppd = b && c ? 100 / Math.max(0.01, Math.abs(b[1] - c[1])) : 10
  const source = loadCountries()
  const topology = prepareTopology(source, { tolerance: 0.8 / ppd, minArea: 10 / (ppd * ppd), region: visibleRegion(projection, panelWidth, 2) })
  const path = geoPath(projection).digits(1)
  const geometries = topology.objects.countries.geometries
  const polygons = geometries.filter((g): g is Polygon<CountryProps> | MultiPolygon<CountryProps> => g.type === 'Polygon' || g.type === 'MultiPolygon')
  const land = merge(topology, polygons)
  const borders = mesh(topology, topology.objects.countries, (x, y) => x !== y)
  const keyOf = (g: (typeof geometries)[number]) => (g.id === undefined ? ((g.properties as CountryProps | undefined)?.name ?? '') : String(g.id))
  const featureOf = (key: string): GeoPermissibleObjects =>
    ({ type: 'FeatureCollection', features: geometries.filter((g) => keyOf(g) === key).map((g) => feature(topology, g)) }) as GeoPermissibleObjects

  const parts: string[] = []
  const drawn: string[] = []
  parts.push(`<rect${attrs({ class: 'fig-water', x: 0, y: 0, width: panelWidth, height: MAP_HEIGHT })}/>`)
  parts.push(`<path class="fig-land" d="${path(land) ?? ''}"/>`)
  parts.push(`<path class="fig-border" d="${path(borders) ?? ''}"/>`)

  // Shapes and masks of the named countries.
  const shapes = new Map<string, { rings: Point[][]; mask: Mask; anchor?: Point; area: number }>()
  for (const c of [...spec.countries, ...spec.context]) {
    const rings = screenRings(projection, featureOf(c.key))
    const mask = rasterise(rings, panelWidth, MAP_HEIGHT)
    const anchor = anchorOf(rings, mask)
    shapes.set(c.key, { rings, mask, ...(anchor ? { anchor } : {}), area: rings.reduce((s, r) => s + ringArea(r), 0) })
  }
  for (const c of spec.countries) {
    const d = path(featureOf(c.key)) ?? ''
    if (d) parts.push(`<path${attrs({ class: `fig-country fig-hl-${c.colour}`, 'data-key': c.key, d })}/>`)
  }
  const landMask = rasterise(screenRings(projection, land), panelWidth, MAP_HEIGHT)
    const namedMask: Mask = { ...landMask, bits: new Uint8Array(landMask.bits.length) }
  for (const c of [...spec.countries, ...spec.context]) {
    const m = shapes.get(c.key)?.mask
    if (m) m.bits.forEach((v, i) => v && (namedMask.bits[i] = 1))
  }

  // The data credit: in the key's column when there is one, else in the emptiest bottom corner.
  const creditBlock = block(CREDIT.map((text) => ({ text, size: MAP_SIZES.credit, cls: 'fig-caption', bold: false })))
  const obstacles: Array<{ rect: Rect; key: string }> = []
  const pointsXY = spec.places.map((p, i) => ({ at: projection(p.at) as Point, r: POINT_R, key: `place:${i}` }))
  let creditBox: Rect | undefined
  if (keyWidth === 0) {
    const pad = 8
    const corners: Rect[] = [
      { x0: panelWidth - pad - creditBlock.width, y0: MAP_HEIGHT - pad - creditBlock.height, x1: panelWidth - pad, y1: MAP_HEIGHT - pad },
      { x0: pad, y0: MAP_HEIGHT - pad - creditBlock.height, x1: pad + creditBlock.width, y1: MAP_HEIGHT - pad },
      { x0: panelWidth - pad - creditBlock.width, y0: pad, x1: panelWidth - pad, y1: pad + creditBlock.height },
      { x0: pad, y0: pad, x1: pad + creditBlock.width, y1: pad + creditBlock.height },
    ]
    const busy = (r: Rect) => {
      let n = 0
      const anchors = [...pointsXY.map((p) => p.at), ...[...shapes.values()].flatMap((s) => (s.anchor ? [s.anchor] : [])), ...[...spec.seas, ...spec.labels].map((p) => projection(p.at) as Point)]
      for (const [x, y] of anchors) if (x > r.x0 - 60 && x < r.x1 + 60 && y > r.y0 - 40 && y < r.y1 + 40) n += 10
      for (const c of spec.countries) n += coverage(shapes.get(c.key)?.mask as Mask, r)
      return n
    }
    creditBox = corners.reduce((best, r) => (busy(r) < busy(best) ? r : best))
    obstacles.push({ rect: creditBox, key: 'credit' })
  }
  // Small highlighted countries stay visible: other labels keep off them.
  for (const c of spec.countries) {
    const s = shapes.get(c.key)
    if (!s || s.rings.length === 0 || s.area > 2500) continue
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
    for (const r of s.rings) for (const [x, y] of r) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)]
    obstacles.push({ rect: { x0, y0, x1, y1 }, key: `country:${c.key}` })
  }

  // What to label: place names, sea names, free labels, highlighted and context countries.
  const placeRequests: LabelRequest[] = []
  const freeRequests: LabelRequest[] = []
  const blocks = new Map<string, { block: Block; cls: string; texts: string[] }>()
  spec.places.forEach((p, i) => {
    const key = `place:${i}`
    const b = block([{ text: p.name, size: MAP_SIZES.place, cls: 'fig-map-place', bold: true }, ...noteLines(p.note, MAP_SIZES.note)])
    blocks.set(key, { block: b, cls: '', texts: [p.name, ...(p.note ? [p.note] : [])] })
    placeRequests.push({ key, width: b.width, height: b.height, anchor: pointsXY[i]?.at as Point, mode: 'point', avoid: namedMask, avoidWeight: 6 })
  })
  const countryRequests: LabelRequest[] = []
  for (const c of spec.countries) {
    const s = shapes.get(c.key)
    if (!s?.anchor) continue
    const key = `country:${c.key}`
    const b = block([
      { text: c.name.toUpperCase(), size: MAP_SIZES.country, cls: `fig-map-country fig-ink-${c.colour}`, bold: true, spacing: MAP_SIZES.country * 0.06 },
      ...noteLines(c.note, MAP_SIZES.note),
    ])
    blocks.set(key, { block: b, cls: '', texts: [c.name, ...(c.note ? [c.note] : [])] })
    countryRequests.push({ key, width: b.width, height: b.height, anchor: s.anchor, mode: 'area', mask: s.mask, maxDistance: 240, optional: true, avoid: namedMask, avoidWeight: 80 })
  }
  for (const [i, s] of spec.seas.entries()) {
    const key = `sea:${i}`
    const words = wrapBalanced(s.name, MAP_SIZES.sea, 110)
    const b = block([...words.map((text) => ({ text, size: MAP_SIZES.sea, cls: 'fig-map-sea', bold: true })), ...noteLines(s.note, MAP_SIZES.note, 170).map((l) => ({ ...l, cls: 'fig-map-sea-note' }))])
    blocks.set(key, { block: b, cls: 'fig-label-water', texts: [s.name, ...(s.note ? [s.note] : [])] })
    freeRequests.push({ key, width: b.width, height: b.height, anchor: projection(s.at) as Point, mode: 'free', avoid: landMask })
  }
  for (const [i, l] of spec.labels.entries()) {
    const key = `label:${i}`
    const b = block([{ text: l.name, size: MAP_SIZES.label, cls: 'fig-map-text', bold: false }, ...noteLines(l.note, MAP_SIZES.note)])
    blocks.set(key, { block: b, cls: '', texts: [l.name, ...(l.note ? [l.note] : [])] })
    freeRequests.push({ key, width: b.width, height: b.height, anchor: projection(l.at) as Point, mode: 'free' })
  }
  const contextRequests: LabelRequest[] = []
  for (const c of spec.context) {
    const s = shapes.get(c.key)
    if (!s?.anchor) continue
    const key = `context:${c.key}`
    const b = block([{ text: c.name, size: MAP_SIZES.context, cls: 'fig-map-context', bold: true }, ...noteLines(c.note, MAP_SIZES.note)])
    blocks.set(key, { block: b, cls: '', texts: [c.name, ...(c.note ? [c.note] : [])] })
    contextRequests.push({ key, width: b.width, height: b.height, anchor: s.anchor, mode: 'area', mask: s.mask, maxDistance: 120, optional: true, minInside: 0.4 })
  }
  // Greedy order: highlighted names inside their country (the map's subject, needing the most
  // room), places, seas and labels, context names on their country; then the names that need a leader.
  const inside = (r: LabelRequest): LabelRequest => ({ ...r, insideOnly: true })
  const requests = [...countryRequests.map(inside), ...placeRequests, ...freeRequests, ...contextRequests.map(inside), ...countryRequests, ...contextRequests]

  const placed = placeLabels({ frame: { x0: 0, y0: 0, x1: panelWidth, y1: MAP_HEIGHT }, inset: 4, points: pointsXY, obstacles, labels: requests })
  const placedKeys = new Set(placed.map((p) => p.key))
  for (const p of placed) {
    if (p.leader) {
      const [[x1, y1], [x2, y2]] = p.leader
      parts.push(`<path class="fig-leader" d="M${num(x1)} ${num(y1)}L${num(x2)} ${num(y2)}"/>`)
    }
  }
  for (const p of pointsXY) parts.push(`<circle${attrs({ class: 'fig-point', cx: p.at[0], cy: p.at[1], r: POINT_R })}/>`)
  for (const p of placed) {
    const b = blocks.get(p.key)
    if (!b) continue
    parts.push(drawBlock(b.block, p.box, p.align, b.cls))
    drawn.push(...b.texts)
  }
  parts.push(`<rect${attrs({ class: 'fig-frame', x: 0.5, y: 0.5, width: panelWidth - 1, height: MAP_HEIGHT - 1 })}/>`)

  if (creditBox) {
    parts.push(drawBlock(creditBlock, creditBox, 'end', 'fig-credit'))
  }
  if (keyWidth > 0) {
    const x = panelWidth + KEY_GAP
    let y = 8
    parts.push('<g class="fig-key">')
    for (const entry of baseKey) {
      const lines = keyTextLines(entry.text)
      const lh = LINE(MAP_SIZES.key)
      if (entry.swatch === 'marker') parts.push(`<circle${attrs({ class: 'fig-point', cx: x + KEY_SWATCH / 2, cy: y + lh / 2, r: POINT_R })}/>`)
      else parts.push(`<rect${attrs({ class: `fig-swatch fig-hl-${entry.swatch}`, x, y: y + lh / 2 - 11, width: KEY_SWATCH, height: 22, rx: 3 })}/>`)
      const b = block(lines.map((text) => ({ text, size: MAP_SIZES.key, cls: 'fig-key-text', bold: false })))
      parts.push(drawBlock(b, { x0: x + KEY_SWATCH + 12, y0: y - 2, x1: x + KEY_SWATCH + 12 + b.width, y1: y - 2 + b.height }, 'start', ''))
      drawn.push(entry.text)
      y += lines.length * lh + 16
    }
    parts.push(drawBlock(creditBlock, { x0: x, y0: MAP_HEIGHT - creditBlock.height - 4, x1: x + creditBlock.width, y1: MAP_HEIGHT - 4 }, 'start', 'fig-credit'))
    parts.push('</g>')
  }
  drawn.push(CREDIT.join(' '))
  const inKey = spec.countries.filter((c) => !placedKeys.has(`country:${c.key}`)).map((c) => c.key)
  return { svg: parts.join(''), drawn, labels: placed, width, panelWidth, inKey }
}

// ---- text equivalent --------------------------------------------------------------------------

const listWords = (xs: readonly string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`)
const withNote = (x: { name: string; note?: string }) => (x.note ? `${x.name} (${x.note})` : x.name)

/** The text equivalent: what the map shows, in sentences (the compiler puts the author's title before it). */
export function mapText(spec: MapSpec): string {
  // Ungrouped countries one by one, each group once (where its first country is), in spec order.
  const entries: Array<{ group?: string; names: string[] }> = []
  for (const c of spec.countries) {
    const same = c.group ? entries.find((e) => e.group === c.group) : undefined
    if (same) same.names.push(withNote(c))
    else entries.push({ ...(c.group ? { group: c.group } : {}), names: [withNote(c)] })
  }
  const items = entries.map((e) => (e.group ? `${listWords(e.names)} (${e.group})` : listWords(e.names)))
  const out: string[] = [items.length > 0 ? `Map highlighting ${listWords(items)}.` : 'Map.']
  if (spec.context.length > 0) out.push(`Also shown: ${listWords(spec.context.map(withNote))}.`)
  if (spec.seas.length > 0) out.push(`${spec.seas.length === 1 ? 'Sea' : 'Seas'}: ${listWords(spec.seas.map(withNote))}.`)
  if (spec.places.length > 0) out.push(`${spec.marker ? `${spec.marker.replace(/[.!?]$/, '')}, marked` : 'Places marked'}: ${spec.places.map(withNote).join('; ')}.`)
  if (spec.labels.length > 0) out.push(`Also labelled: ${listWords(spec.labels.map(withNote))}.`)
  out.push(`${CREDIT.join(' ')}.`)
  return out.join(' ')
}

export function renderMapSpec(spec: MapSpec, id: string): FigureRender & { labels: PlacedLabel[]; width: number; panelWidth: number } {
  const d = drawMap(spec)
  const text = mapText(spec)
  const svg = svgDocument({ name: 'map', id, width: d.width, height: MAP_HEIGHT, title: spec.title, desc: text, body: d.svg })
  // The data credit is the tool's, not the author's: no claim for the fidelity check to hold to a source.
  const credit = CREDIT.join(' ')
  return { svg, text, claims: [...new Set([spec.title, ...d.drawn.filter((t) => t !== credit)])], labels: d.labels, width: d.width, panelWidth: d.panelWidth }
}

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
