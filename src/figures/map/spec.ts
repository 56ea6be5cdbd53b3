/**
 * The map's spec: the data an author writes in a ```map block, checked into a `MapSpec` with every
 * problem located at its path (unknown countries with a did-you-mean, [latitude, longitude] swaps,
 * places outside the extent).
 */

import { closest } from '../../text/did-you-mean.ts'
import { type Bounds, resolveCountry } from '../countries.ts'
import type { Point } from '../geo.ts'
import { Issues, isRecord, type Path, record, str } from '../validate.ts'
import { autoExtent, distanceOutside, fitExtent, intersect, shiftNear, size, unwrapBox } from './extent.ts'
import { SIDES, type Side } from './labels.ts'
import { MAP_LIMITS } from './limits.ts'
import { areaOf, type MapArea, type MapRoute, routeOf } from './overlays.ts'

/** Highlight colours, named as the deck's theme names them (fig-hl-<colour>). */
export const PALETTE = ['blue', 'red', 'ochre', 'green', 'purple', 'teal', 'brown', 'pink'] as const
export type Colour = (typeof PALETTE)[number]

/** A country the map names, resolved to its world-atlas shape. */
export interface MapCountry {
  /** world-atlas key (ISO 3166-1 numeric id, or the name for shapes without one). */
  key: string
  /** The name drawn and written in the text equivalent. */
  name: string
  note?: string
  bounds: Bounds
}

/** A highlighted country, with its colour (given, its group's, or the next free one). */
export interface HighlightCountry extends MapCountry {
  colour: Colour
  group?: string
}

/** A place, sea or free label at a point. */
export interface MapPoint {
  name: string
  /** [longitude, latitude] in degrees. */
  at: Point
  note?: string
  /** Places only: the side of the point the author pinned the label to, and a nudge in px. */
  side?: Side
  offset?: [number, number]
}

/** A valid map: what `validateMap` returns and the renderer draws. */
export interface MapSpec {
  title: string
  countries: HighlightCountry[]
  context: MapCountry[]
  places: MapPoint[]
  seas: MapPoint[]
  labels: MapPoint[]
  /** Lines (a shipping lane, a pipeline) and shaded areas (a closed zone, a range), in the key and the text. */
  routes: MapRoute[]
  areas: MapArea[]
  /** [[west, south], [east, north]]; west > east crosses the 180° meridian. */
  extent?: Bounds
  /** What the place markers mean, shown in the key (e.g. "Place named in the article"). */
  marker?: string
}

/** Top-level keys of a map block. */
export const MAP_KEYS = ['title', 'countries', 'context', 'places', 'seas', 'labels', 'routes', 'areas', 'extent', 'marker'] as const
const COUNTRY_KEYS = ['name', 'label', 'note', 'colour', 'color', 'group'] as const
const CONTEXT_KEYS = ['name', 'label', 'note'] as const
const POINT_KEYS = ['name', 'at', 'note'] as const
const PLACE_KEYS = ['name', 'at', 'note', 'side', 'offset'] as const
const MAX_ITEMS = MAP_LIMITS.items
/** Largest nudge an `offset` may give a label, in px. */
const MAX_OFFSET = 200

// ---- validation -------------------------------------------------------------------------------

const show = (v: unknown): string => (v === null || v === undefined ? 'nothing' : Array.isArray(v) ? 'a list' : isRecord(v) ? 'a mapping' : JSON.stringify(v))

function listOf(top: Record<string, unknown>, key: string, issues: Issues): unknown[] {
  const v = top[key]
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) {
    issues.error([key], `"${key}" must be a list ("- …" lines or [ …, … ]); got ${show(v)}`)
    return []
  }
  if (v.length > MAX_ITEMS) {
    issues.error([key, MAX_ITEMS], `"${key}" has ${v.length} items, more than the ${MAX_ITEMS} a map can label legibly: split the map or drop some`)
    // The items past the limit are not checked: the work stays bounded (it grows as places × countries).
    return v.slice(0, MAX_ITEMS)
  }
  return v
}

function country(v: unknown, path: Path, issues: Issues, keys: readonly string[]): (MapCountry & { colour?: Colour; group?: string }) | undefined {
  let nameValue: unknown = v
  let entry: Record<string, unknown> | undefined
  if (isRecord(v)) {
    entry = record(v, path, keys, issues, 'a country')
    if (!entry) return undefined
    nameValue = entry.name
    if (nameValue === undefined || nameValue === null)
      return issues.error(path, 'a country needs "name": an English name or an ISO 3166 code, e.g. { name: Laos, note: "…" }')
  }
  const namePath = entry ? [...path, 'name'] : path
  if (typeof nameValue !== 'string' && typeof nameValue !== 'number')
    return issues.error(namePath, `a country is an English name or an ISO 3166 code (or { name, … }); got ${show(nameValue)}`)
  const found = resolveCountry(nameValue)
  if ('error' in found)
    return issues.error(
      namePath,
      `${found.error}${found.suggestion ? `: did you mean "${found.suggestion}"?` : ''} Write an English name (Laos, United States) or an ISO 3166 code (LA, LAO, 418)`,
    )
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
        else
          issues.error([...path, colourKey], `"${colourKey}" must be one of ${PALETTE.join(', ')} (colours that read on the deck's background); got ${show(c)}`)
      }
    }
  }
  return out
}

/** A [longitude, latitude] pair, or an issue at its path. */
function lonLat(v: unknown, path: Path, issues: Issues, what: string): Point | undefined {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    return issues.error(
      path,
      `${what} must be [longitude, latitude] in degrees, two numbers, e.g. [104.92, 11.56]; got ${Array.isArray(v) ? JSON.stringify(v) : show(v)}`,
    )
  }
  const [lon, lat] = v as [number, number]
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180
    return issues.error(
      path,
      `${what} [${lon}, ${lat}] is off the globe: longitude runs -180..180, latitude -90..90` +
        (swapped ? `; it looks like [latitude, longitude]: write [${lat}, ${lon}]` : ''),
    )
  }
  return [lon, lat]
}

function point(v: unknown, path: Path, issues: Issues, what: string): MapPoint | undefined {
  const isPlace = what === 'a place'
  const r = record(v, path, isPlace ? PLACE_KEYS : POINT_KEYS, issues, what)
  if (!r) return undefined
  const name = str(r, 'name', path, issues, { required: true, max: 40 })
  if (r.at === undefined || r.at === null) return issues.error(path, `${what} needs "at": [longitude, latitude], e.g. at: [104.92, 11.56]`)
  const at = lonLat(r.at, [...path, 'at'], issues, `"at"`)
  const note = str(r, 'note', path, issues, { max: 120 })
  const side = isPlace ? sideOf(r, path, issues) : undefined
  const offset = isPlace ? offsetOf(r, path, issues) : undefined
  if (name === undefined || at === undefined) return undefined
  if (offset && !side) return issues.error([...path, 'offset'], '"offset" nudges a label pinned with "side": add side: n, ne, e, se, s, sw, w or nw')
  return { name, at, ...(note ? { note } : {}), ...(side ? { side } : {}), ...(offset ? { offset } : {}) }
}

/** A place's `side`: one of the eight compass sides, with a did-you-mean. */
function sideOf(r: Record<string, unknown>, path: Path, issues: Issues): Side | undefined {
  const v = r.side
  if (v === undefined || v === null) return undefined
  const s = typeof v === 'string' ? v.trim().toLowerCase() : ''
  if ((SIDES as readonly string[]).includes(s)) return s as Side
  const words: Record<string, Side> = { north: 'n', northeast: 'ne', east: 'e', southeast: 'se', south: 's', southwest: 'sw', west: 'w', northwest: 'nw' }
  const letters = s.replace(/[^a-z]/g, '')
  const near = (SIDES as readonly string[]).includes(letters) ? letters : (words[letters] ?? closest(letters, SIDES))
  return issues.error(
    [...path, 'side'],
    `"side" puts the label on one side of its point: one of ${SIDES.join(', ')} (n above, e to the right); got ${show(v)}${near ? `: did you mean "${near}"?` : ''}`,
  )
}

/** A place's `offset`: [dx, dy] in px (y down), within ±MAX_OFFSET. */
function offsetOf(r: Record<string, unknown>, path: Path, issues: Issues): [number, number] | undefined {
  const v = r.offset
  if (v === undefined || v === null) return undefined
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= MAX_OFFSET))
    return issues.error(
      [...path, 'offset'],
      `"offset" is [dx, dy] in px (right and down), each within ±${MAX_OFFSET}, e.g. offset: [0, -10]; got ${Array.isArray(v) ? JSON.stringify(v) : show(v)}`,
    )
  return [v[0] as number, v[1] as number]
}

function extentOf(v: unknown, issues: Issues): Bounds | undefined {
  const bad = () =>
    issues.error(
      ['extent'],
      `"extent" must be [[west, south], [east, north]] in degrees, e.g. [[95, 8], [112, 27]]; got ${Array.isArray(v) ? JSON.stringify(v) : show(v)}`,
    )
  if (!Array.isArray(v) || v.length !== 2) return bad()
  const sw = lonLat(v[0], ['extent', 0], issues, 'the south-west corner')
  const ne = lonLat(v[1], ['extent', 1], issues, 'the north-east corner')
  if (!sw || !ne) return undefined
  if (sw[1] >= ne[1])
    return issues.error(['extent'], `"extent" goes from south ${sw[1]} to north ${ne[1]}: the first corner is [west, south], the second [east, north]`)
  if (sw[0] === ne[0]) return issues.error(['extent'], '"extent" has no width: west and east are the same longitude')
  return [sw, ne]
}

/** Checks a map block's data into a spec, with every problem located at its path; a spec only when there are no errors. */
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
  const routes = listOf(top, 'routes', issues).map((v, i) => routeOf(v, ['routes', i], issues, lonLat))
  const areas = listOf(top, 'areas', issues).map((v, i) => areaOf(v, ['areas', i], issues, lonLat))
  const extent = top.extent === undefined || top.extent === null ? undefined : extentOf(top.extent, issues)
  if (extent) {
    for (const [i, r] of routes.entries())
      for (const [k, p] of (r?.path ?? []).entries())
        if (r && distanceOutside(p, extent) > 0)
          issues.error(['routes', i, 'path', k], `a point of "${r.name}" lies outside the map's "extent": widen "extent" or drop it`)
  }

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
  // Two dots on one spot cannot each have the label nearest them.
  places.forEach((p, i) => {
    const j = places.findIndex((q) => q && p && Math.abs(q.at[0] - p.at[0]) < 0.01 && Math.abs(q.at[1] - p.at[1]) < 0.01)
    if (p && j < i)
      issues.error(['places', i], `"${p.name}" is at the same spot as places[${j}] "${places[j]?.name}": keep one, and put both names in its name or note`)
  })

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
    issues.error(
      ['countries'],
      `more than ${PALETTE.length} highlighted colours are hard to tell apart: give related countries one "group", or move some to "context"`,
    )
  }

  const points = [...places, ...seas, ...labels]
  if (countries.length + context.length + points.length + routes.length + areas.length === 0 && !extent) {
    issues.error([], 'a map needs something to show: "countries", "places", "seas" or "labels" (or an "extent")')
  }

  // Coordinates that are valid but far from everything else are usually [latitude, longitude].
  const named = [...countries, ...context].filter((c): c is MapCountry => c !== undefined)
  const groups: Array<[string, Array<MapPoint | undefined>]> = [
    ['places', places],
    ['seas', seas],
    ['labels', labels],
  ]
  const namedRegion =
    named.length > 0
      ? fitExtent(
          named.map((c) => c.bounds),
          [],
        )
      : undefined
  for (const [key, list] of groups) {
    list.forEach((p, i) => {
      if (!p) return
      const swapped: Point = [p.at[1], p.at[0]]
      const canSwap = Math.abs(swapped[1]) <= 90
      if (extent) {
        if (distanceOutside(p.at, extent) > 0) {
          const hint =
            canSwap && distanceOutside(swapped, extent) === 0
              ? `; it looks like [latitude, longitude]: write [${p.at[1]}, ${p.at[0]}]`
              : ': widen "extent" or drop it'
          issues.error([key, i, 'at'], `"${p.name}" at [${p.at[0]}, ${p.at[1]}] lies outside the map's "extent"${hint}`)
        }
        return
      }
      // The region of the named countries, or else of the other points.
      const others = points.filter((q): q is MapPoint => q !== undefined && q !== p).map((q) => q.at)
      if (named.length === 0 && others.length < 2) return
      const region = namedRegion ?? fitExtent([], others)
      const tolerance = Math.max(8, size(unwrapBox(region)))
      if (distanceOutside(p.at, region) <= tolerance) return
      if (canSwap && distanceOutside(swapped, region) <= 2) {
        issues.error(
          [key, i, 'at'],
          `"${p.name}" at [${p.at[0]}, ${p.at[1]}] lies far from the rest of the map; it looks like [latitude, longitude]: write [longitude, latitude] = [${p.at[1]}, ${p.at[0]}]`,
        )
      } else {
        issues.warn(
          [key, i, 'at'],
          `"${p.name}" at [${p.at[0]}, ${p.at[1]}] lies far from the other places and countries, so the map will cover a wide area: check it is [longitude, latitude]`,
        )
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
    routes: clean(routes),
    areas: clean(areas),
    ...(extent ? { extent } : {}),
    ...(marker ? { marker } : {}),
  }
  if (!extent) {
    // A highlighted country far bigger than everything else and apart from it is left out of the
    // fitted region (the United States beside Mali): say so, rather than show its colour in the key only.
    const region = unwrapBox(autoExtent(spec))
    countries.forEach((c, i) => {
      if (c && !intersect(shiftNear(unwrapBox(c.bounds), (region[0] + region[2]) / 2), region)) {
        issues.warn(
          ['countries', i],
          `"${c.name}" lies outside the map: it is far bigger than everything else named and apart from it, so the map is fitted to the rest and shows ${c.name} only in its key; set "extent" to take it in, or leave it to the notes`,
        )
      }
    })
  }
  return { spec, issues }
}
