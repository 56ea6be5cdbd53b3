/**
 * The map figure: Iran and Russia with the Caspian Sea between them, Armenia, and the places the
 * article names. Real Natural Earth 1:50m borders (world-atlas), projected with d3-geo.
 */
import { createRequire } from 'node:module'
import { geoConicConformal, geoPath, type GeoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo'
import { feature, merge, mesh } from 'topojson-client'
import type { MultiPolygon, Polygon } from 'topojson-specification'
import { prepareTopology, type CountryProps, type Point } from './geo.ts'
import { attrs, escapeXml, joinDesc, num, svgDocument, text, textWidth, type SvgFrame } from './svg.ts'

export const MAP_WIDTH = 1100
export const MAP_HEIGHT = 580
/** The geographic panel; the key sits to its right. */
const PANEL: [Point, Point] = [
  [0, 0],
  [800, MAP_HEIGHT],
]
const KEY_X = 826

/** world-atlas's 1:50m TopoJSON (3.6 MB), read only when the map is drawn (not on a figure-cache hit). */
type CountriesJson = typeof import('world-atlas/countries-50m.json').default
const loadCountries = (): CountriesJson => createRequire(import.meta.url)('world-atlas/countries-50m.json') as CountriesJson

/** ISO 3166-1 numeric codes of the countries the map fills in colour. */
export const FOCUS = [
  { iso: '643', cls: 'fig-focus-russia', name: 'Russia' },
  { iso: '364', cls: 'fig-focus-iran', name: 'Iran' },
  { iso: '051', cls: 'fig-focus-armenia', name: 'Armenia' },
] as const

/**
 * The latitude band that must fit the panel height: from just south of the Persian Gulf coast at
 * Bushehr to just north of Kazan. The width follows from the panel's aspect ratio, centred on 46°E:
 * roughly Ukraine's western border to well east of the Caspian.
 */
const FIT_POINTS: Point[] = [
  [46, 26.2],
  [46, 57.1],
]

export type LabelStyle = 'country' | 'country-focus-russia' | 'country-focus-iran' | 'place' | 'water' | 'note'

export interface MapLabel {
  /** What the label names; tests check that every one is present. */
  key: string
  lines: ReadonlyArray<{ text: string; style: LabelStyle }>
  /** Geographic anchor of the label text (lon, lat). */
  at: Point
  dx?: number
  dy?: number
  anchor?: 'start' | 'middle' | 'end'
  /** A feature the label points to with a leader line (lon, lat), when the label sits away from it. */
  leaderTo?: Point
  /** A point symbol at this position (lon, lat). */
  point?: Point
}

/** Font size in px (1 viewBox unit = 1 px at the intended 1100 px display width) per label style. */
export const LABEL_SIZE: Record<LabelStyle, number> = {
  country: 22,
  'country-focus-russia': 28,
  'country-focus-iran': 28,
  place: 23,
  water: 23,
  note: 22,
}
const LINE_GAP = 4

export const BUSHEHR: Point = [50.84, 28.97]
export const KAZAN: Point = [49.12, 55.79]

export const MAP_LABELS: readonly MapLabel[] = [
  { key: 'Russia', lines: [{ text: 'RUSSIA', style: 'country-focus-russia' }], at: [41.5, 52.6], anchor: 'middle' },
  { key: 'Iran', lines: [{ text: 'IRAN', style: 'country-focus-iran' }], at: [55.2, 32.6], anchor: 'middle' },
  {
    key: 'Caspian Sea',
    lines: [
      { text: 'Caspian', style: 'water' },
      { text: 'Sea', style: 'water' },
    ],
    at: [51.05, 45.1],
    anchor: 'middle',
  },
  { key: 'Ukraine', lines: [{ text: 'Ukraine', style: 'country' }], at: [31.6, 49], anchor: 'middle' },
  { key: 'Syria', lines: [{ text: 'Syria', style: 'country' }], at: [39.2, 34.5], anchor: 'middle' },
  { key: 'Israel', lines: [{ text: 'Israel', style: 'country' }], at: [33.2, 33.2], anchor: 'end', leaderTo: [34.95, 31.6] },
  {
    key: 'Armenia',
    lines: [
      { text: 'Armenia', style: 'place' },
      { text: 'the only EEU state', style: 'note' },
      { text: 'bordering Iran', style: 'note' },
    ],
    at: [40.6, 39.2],
    anchor: 'end',
    leaderTo: [44.9, 40.2],
  },
  {
    key: 'Kazan',
    lines: [
      { text: 'Kazan', style: 'place' },
      { text: 'BRICS summit host', style: 'note' },
    ],
    at: KAZAN,
    dx: 12,
    dy: 6,
    point: KAZAN,
  },
  {
    key: 'Bushehr',
    lines: [
      { text: 'Bushehr', style: 'place' },
      { text: 'nuclear plant', style: 'note' },
      { text: 'built by Russia', style: 'note' },
    ],
    at: BUSHEHR,
    dx: -12,
    dy: -14,
    anchor: 'end',
    point: BUSHEHR,
  },
]

export interface Box {
  key: string
  x0: number
  y0: number
  x1: number
  y1: number
}

export interface PlacedLabel {
  label: MapLabel
  x: number
  y: number
  box: Box
  leader?: { from: Point; to: Point }
  point?: Point
}

function projectionFor(): GeoProjection {
  return geoConicConformal()
    .parallels([32, 52])
    .rotate([-46, 0])
    .fitExtent(
      [
        [PANEL[0][0] + 6, PANEL[0][1] + 6],
        [PANEL[1][0] - 6, PANEL[1][1] - 6],
      ],
      { type: 'MultiPoint', coordinates: FIT_POINTS },
    )
    .clipExtent(PANEL)
}

/** Lon/lat bounding box of the panel (its edges sampled and inverted), grown by `margin` degrees. */
function visibleRegion(projection: GeoProjection, margin: number): [Point, Point] {
  const [[x0, y0], [x1, y1]] = PANEL
  const lons: number[] = []
  const lats: number[] = []
  for (let i = 0; i <= 20; i++) {
    const fx = x0 + ((x1 - x0) * i) / 20
    const fy = y0 + ((y1 - y0) * i) / 20
    for (const xy of [[fx, y0], [fx, y1], [x0, fy], [x1, fy]] as Point[]) {
      const ll = projection.invert?.(xy)
      if (ll) {
        lons.push(ll[0])
        lats.push(ll[1])
      }
    }
  }
  return [
    [Math.min(...lons) - margin, Math.min(...lats) - margin],
    [Math.max(...lons) + margin, Math.max(...lats) + margin],
  ]
}

function project(projection: GeoProjection, p: Point): Point {
  const xy = projection(p)
  if (!xy) throw new Error(`Cannot project ${p.join(',')}`)
  return [xy[0], xy[1]]
}

/** Screen positions and extents of every label (exported for the overlap test). */
export function placeLabels(projection: GeoProjection = projectionFor()): PlacedLabel[] {
  return MAP_LABELS.map((label) => {
    const [ax, ay] = project(projection, label.at)
    const x = ax + (label.dx ?? 0)
    const y = ay + (label.dy ?? 0)
    const sizes = label.lines.map((l) => LABEL_SIZE[l.style])
    const widths = label.lines.map((l) => textWidth(l.text, LABEL_SIZE[l.style], l.style !== 'note'))
    const w = Math.max(...widths)
    const first = sizes[0] ?? 20
    const last = sizes[sizes.length - 1] ?? 20
    const height = sizes.reduce((s, v, i) => s + (i === 0 ? 0 : v + LINE_GAP), 0)
    const anchor = label.anchor ?? 'start'
    const x0 = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w
    const box = { key: label.key, x0, x1: x0 + w, y0: y - first * 0.78, y1: y + height + last * 0.25 }
    const placed: PlacedLabel = { label, x, y, box }
    if (label.leaderTo) {
      const to = project(projection, label.leaderTo)
      const fromX = anchor === 'end' ? box.x1 + 4 : anchor === 'start' ? box.x0 - 4 : x
      placed.leader = { from: [fromX, y - first * 0.3], to }
    }
    if (label.point) placed.point = project(projection, label.point)
    return placed
  })
}

function renderLabel(p: PlacedLabel): string {
  const spans = p.label.lines.map((line, i) => {
    const dy = i === 0 ? undefined : LABEL_SIZE[line.style] + LINE_GAP
    return `<tspan${attrs({ class: `fig-label-${line.style}`, x: i === 0 ? undefined : p.x, dy })}>${escapeXml(line.text)}</tspan>`
  })
  const anchor = p.label.anchor && p.label.anchor !== 'start' ? p.label.anchor : undefined
  return `<text${attrs({ class: 'fig-label', x: p.x, y: p.y, 'text-anchor': anchor })}>${spans.join('')}</text>`
}

let cachedBody: string | undefined

function geoPathString(path: GeoPath, object: GeoPermissibleObjects): string {
  return path(object) ?? ''
}

/** The map's SVG body (everything inside `<svg>` after title and desc); computed once. */
function renderMapBody(): string {
  if (cachedBody !== undefined) return cachedBody
  const projection = projectionFor()
  // Pixels per degree of latitude at the map centre sets the simplification tolerance (~0.8 px).
  const a = project(projection, [46, 40])
  const b = project(projection, [46, 41])
  const ppd = Math.hypot(a[0] - b[0], a[1] - b[1])
  const topology = prepareTopology(loadCountries(), {
    tolerance: 0.8 / ppd,
    minArea: 10 / (ppd * ppd),
    region: visibleRegion(projection, 2),
  })
  const path = geoPath(projection).digits(1)
  const geometries = topology.objects.countries.geometries
  // merge() wants an array of polygons at run time, whatever its typings accept.
  const polygons = geometries.filter((g): g is Polygon<CountryProps> | MultiPolygon<CountryProps> => g.type === 'Polygon' || g.type === 'MultiPolygon')
  const land = merge(topology, polygons)
  const borders = mesh(topology, topology.objects.countries, (x, y) => x !== y)

  const parts: string[] = []
  parts.push(`<rect${attrs({ class: 'fig-water', x: 0, y: 0, width: PANEL[1][0], height: PANEL[1][1] })}/>`)
  parts.push(`<path class="fig-land" d="${geoPathString(path, land)}"/>`)
  // Borders first, so the focus countries' coloured outlines are drawn over them on every side.
  parts.push(`<path class="fig-border" d="${geoPathString(path, borders)}"/>`)
  for (const f of FOCUS) {
    const geometry = geometries.find((g) => g.id === f.iso)
    if (!geometry) throw new Error(`world-atlas has no country ${f.iso}`)
    const d = geoPathString(path, feature(topology, geometry))
    parts.push(`<path${attrs({ class: `fig-country ${f.cls}`, 'data-iso': f.iso, d })}><title>${f.name}</title></path>`)
  }
  parts.push(`<rect${attrs({ class: 'fig-frame', x: 0.5, y: 0.5, width: PANEL[1][0] - 1, height: PANEL[1][1] - 1 })}/>`)

  const placed = placeLabels(projection)
  for (const p of placed) {
    if (p.leader) {
      const [[x1, y1], [x2, y2]] = [p.leader.from, p.leader.to]
      parts.push(`<path class="fig-leader" d="M${num(x1)} ${num(y1)}L${num(x2)} ${num(y2)}"/>`)
    }
  }
  for (const p of placed) {
    if (p.point) parts.push(`<circle${attrs({ class: 'fig-point', cx: p.point[0], cy: p.point[1], r: 6 })}/>`)
  }
  for (const p of placed) parts.push(renderLabel(p))
  parts.push(renderKey())
  cachedBody = parts.join('')
  return cachedBody
}

/** Key entries to the right of the map. */
const KEY: ReadonlyArray<{ swatch: string; lines: string[] }> = [
  { swatch: 'fig-focus-russia', lines: ['Russia'] },
  { swatch: 'fig-focus-iran', lines: ['Iran'] },
  { swatch: 'fig-focus-armenia', lines: ['Armenia (EEU member)'] },
  { swatch: 'fig-water', lines: ['Caspian Sea: a direct', 'Iran–Russia link'] },
  { swatch: 'point', lines: ['Place named in', 'the article'] },
]

function renderKey(): string {
  const out: string[] = [`<g class="fig-key">`]
  let y = 40
  for (const entry of KEY) {
    if (entry.swatch === 'point') {
      out.push(`<circle${attrs({ class: 'fig-point', cx: KEY_X + 14, cy: y - 6, r: 6 })}/>`)
    } else {
      out.push(`<rect${attrs({ class: `fig-swatch ${entry.swatch}`, x: KEY_X, y: y - 18, width: 28, height: 22, rx: 3 })}/>`)
    }
    out.push(text(entry.lines, KEY_X + 40, y, 'fig-key-text', { lineHeight: 27 }))
    y += 27 * entry.lines.length + 22
  }
  out.push(text(['Borders: Natural Earth 1:50m', 'via world-atlas'], KEY_X, MAP_HEIGHT - 50, 'fig-caption', { lineHeight: 26 }))
  out.push(`</g>`)
  return out.join('')
}

const MAP_DETAILS =
  'Map of the region from Ukraine and the eastern Mediterranean to east of the Caspian Sea, and from the Persian Gulf north to Kazan. ' +
  'Russia, to the north, and Iran, to the south, are highlighted; the Caspian Sea between them is a direct Iran–Russia link. ' +
  'Armenia, an EEU member in the Caucasus, is labelled as the only EEU state bordering Iran. ' +
  'Ukraine, Syria and Israel are labelled. ' +
  'Points mark places named in the article: Kazan in Russia, the BRICS summit host, and Bushehr on Iran’s Gulf coast, site of the nuclear plant built by Russia. ' +
  'Borders: Natural Earth 1:50m via world-atlas.'

/** Renders the map figure. */
export function renderMap(alt: string, id: string): string {
  const frame: SvgFrame = {
    name: 'map',
    id,
    width: MAP_WIDTH,
    height: MAP_HEIGHT,
    title: 'Map: Iran, Russia and the Caspian Sea between them',
    desc: joinDesc(alt, MAP_DETAILS),
    body: renderMapBody(),
  }
  return svgDocument(frame)
}
