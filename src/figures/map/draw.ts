/**
 * Draws the map's body: water, land, borders, highlighted countries, place markers, the labels
 * placed by `labels.ts`, the key and the data credit, in a panel fitted to the extent; and
 * reports every string it drew.
 */
import { createRequire } from 'node:module'
import { type GeoPermissibleObjects, type GeoProjection, geoPath } from 'd3-geo'
import { feature, merge, mesh } from 'topojson-client'
import type { MultiPolygon, Polygon } from 'topojson-specification'
import type { Bounds } from '../countries.ts'
import { type CountryProps, type CountryTopology, type Point, prepareTopology } from '../geo.ts'
import { ESTIMATE } from '../measure.ts'
import { attrs, escapeXml, num, type TextMeasure, textWidth, wrapBalanced } from '../svg.ts'
import { autoExtent } from './extent.ts'
import { coverage, type LabelRequest, type Mask, type PlacedLabel, type Rect } from './labels.ts'
import {
  type Block,
  block,
  CREDIT,
  KEY_GAP,
  KEY_SWATCH,
  type KeyEntry,
  keyTextLines,
  LINE,
  type Line,
  MAP_HEIGHT,
  MAP_SIZES,
  MAX_WIDTH,
  MIN_ASPECT,
  noteLines,
  POINT_R,
} from './layout.ts'
import { drawOverlays, overlayKey } from './overlay-draw.ts'
import { anchorOf, outline, projectionFor, rasterise, ringArea, screenRings, visibleRegion } from './projection.ts'
import { placeLabels, type Unplaced } from './solve.ts'
import type { MapSpec } from './spec.ts'

/** world-atlas's 1:50m TopoJSON (3.6 MB), read only when a map is drawn (not on a figure-cache hit). */
const loadCountries = (): CountryTopology => createRequire(import.meta.url)('world-atlas/countries-50m.json') as CountryTopology

/** `data` names the label for the check's measuring in the browser (src/check/in-page/figure-labels.ts). */
function drawBlock(b: Block, box: Rect, align: PlacedLabel['align'], extraClass: string, data: Record<`data-${string}`, string> = {}): string {
  const x = align === 'start' ? box.x0 + 1 : align === 'end' ? box.x1 - 1 : (box.x0 + box.x1) / 2
  let y = box.y0 + 2
  let out = `<text${attrs({ class: `fig-label ${extraClass}`.trim(), 'text-anchor': align === 'start' ? undefined : align, ...data })}>`
  for (const l of b.lines) {
    const lh = LINE(l.size)
    const baseline = y + lh * 0.8
    out += `<tspan${attrs({ class: l.cls, x, y: baseline, 'font-size': l.size })}>${escapeXml(l.text)}</tspan>`
    y += lh
  }
  return `${out}</text>`
}

interface Layout {
  width: number
  panelWidth: number
  projection: GeoProjection
  keyWidth: number
}

function layoutFor(extent: Bounds, keyEntries: readonly KeyEntry[], m: TextMeasure): Layout {
  const keyText =
    keyEntries.length > 0
      ? Math.max(
          ...keyEntries.map((k) => keyTextLines(k.text, m).reduce((w, l) => Math.max(w, textWidth(l, MAP_SIZES.key, false, m)), 0)),
          ...CREDIT.map((c) => textWidth(c, MAP_SIZES.credit, false, m)),
        )
      : 0
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
  /** Keys of the labels drawn (`context:643`…), so the text equivalent says only what is shown. */
  shown: Set<string>
  /** Labels that found no clear position (drawn anyway, marked forced): the spec is refused for them. */
  failed: Unplaced[]
}

/** Renders the map body and reports what it drew (exported for tests). */
export function drawMap(spec: MapSpec, m: TextMeasure = ESTIMATE): Drawn {
  const extent = spec.extent ?? autoExtent(spec)
  const groups: KeyEntry[] = []
  for (const c of spec.countries) if (c.group && !groups.some((g) => g.text === c.group)) groups.push({ swatch: c.colour, text: c.group })
  const baseKey: KeyEntry[] = [
    ...groups,
    ...(spec.marker && spec.places.length > 0 ? [{ swatch: 'marker' as const, text: spec.marker }] : []),
    ...overlayKey(spec.routes, spec.areas),
  ]
  let result = drawWith(spec, extent, baseKey, m)
  // A highlighted country whose name found no place on the map is named in the key instead.
  if (result.inKey.length > 0) {
    const extra = spec.countries
      .filter((c) => result.inKey.includes(c.key) && !c.group)
      .map((c): KeyEntry => ({ swatch: c.colour, text: c.note ? `${c.name}: ${c.note}` : c.name }))
    if (extra.length > 0) result = drawWith(spec, extent, [...extra, ...baseKey], m)
  }
  return result
}

function drawWith(spec: MapSpec, extent: Bounds, baseKey: readonly KeyEntry[], m: TextMeasure): Drawn {
  const { width, panelWidth, projection, keyWidth } = layoutFor(extent, baseKey, m)
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
  const overlays = drawOverlays(spec.routes, spec.areas, projection, panelWidth, m)
  parts.push(...overlays.svg)
  const landMask = rasterise(screenRings(projection, land), panelWidth, MAP_HEIGHT)
  const namedMask: Mask = { ...landMask, bits: new Uint8Array(landMask.bits.length) }
  for (const c of [...spec.countries, ...spec.context]) {
    const m = shapes.get(c.key)?.mask
    if (m) for (let i = 0; i < m.bits.length; i++) if (m.bits[i]) namedMask.bits[i] = 1
  }

  // The data credit: in the key's column when there is one, else in the emptiest bottom corner.
  const creditBlock = block(
    CREDIT.map((text) => ({ text, size: MAP_SIZES.credit, cls: 'fig-caption', bold: false })),
    m,
  )
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
      const anchors = [
        ...pointsXY.map((p) => p.at),
        ...[...shapes.values()].flatMap((s) => (s.anchor ? [s.anchor] : [])),
        ...[...spec.seas, ...spec.labels].map((p) => projection(p.at) as Point),
      ]
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
  // For each place, the highlighted countries it does not lie in.
  const cellOf = ([x, y]: Point) => Math.floor(y / landMask.cell) * landMask.cols + Math.floor(x / landMask.cell)
  const foreignOf = (at: Point): Mask => {
    const bits = new Uint8Array(landMask.bits.length)
    for (const c of spec.countries) {
      const m = shapes.get(c.key)?.mask
      if (!m || m.bits[cellOf(at)]) continue
      for (let k = 0; k < m.bits.length; k++) if (m.bits[k]) bits[k] = 1
    }
    return { ...landMask, bits }
  }
  /** A named item's label: its name lines, then its note, registered under `key` with the text it shows. */
  const named = (key: string, item: { name: string; note?: string }, head: Line[], notes = noteLines(item.note, MAP_SIZES.note, m), cls = ''): Block => {
    const b = block([...head, ...notes], m)
    blocks.set(key, { block: b, cls, texts: [item.name, ...(item.note ? [item.note] : [])] })
    return b
  }
  spec.places.forEach((p, i) => {
    const key = `place:${i}`
    const b = named(key, p, [{ text: p.name, size: MAP_SIZES.place, cls: 'fig-map-place', bold: true }])
    placeRequests.push({
      key,
      width: b.width,
      height: b.height,
      anchor: pointsXY[i]?.at as Point,
      mode: 'point',
      avoid: namedMask,
      avoidWeight: 6,
      foreign: foreignOf(pointsXY[i]?.at as Point),
      ...(p.side ? { side: p.side } : {}),
      ...(p.offset ? { offset: p.offset } : {}),
    })
  })
  const countryRequests: LabelRequest[] = []
  for (const c of spec.countries) {
    const s = shapes.get(c.key)
    if (!s?.anchor) continue
    const key = `country:${c.key}`
    const b = named(key, c, [
      { text: c.name.toUpperCase(), size: MAP_SIZES.country, cls: `fig-map-country fig-ink-${c.colour}`, bold: true, spacing: MAP_SIZES.country * 0.06 },
    ])
    countryRequests.push({
      key,
      width: b.width,
      height: b.height,
      anchor: s.anchor,
      mode: 'area',
      mask: s.mask,
      maxDistance: 240,
      omitCost: 3000,
      avoid: namedMask,
      avoidWeight: 80,
    })
  }
  for (const [i, s] of spec.seas.entries()) {
    const key = `sea:${i}`
    const words = wrapBalanced(s.name, MAP_SIZES.sea, 110, false, m)
    const seaNote = noteLines(s.note, MAP_SIZES.note, m, 170).map((l) => ({ ...l, cls: 'fig-map-sea-note' }))
    const b = named(
      key,
      s,
      words.map((text) => ({ text, size: MAP_SIZES.sea, cls: 'fig-map-sea', bold: true })),
      seaNote,
      'fig-label-water',
    )
    freeRequests.push({ key, width: b.width, height: b.height, anchor: projection(s.at) as Point, mode: 'free', avoid: landMask })
  }
  for (const [i, l] of spec.labels.entries()) {
    const key = `label:${i}`
    const b = named(key, l, [{ text: l.name, size: MAP_SIZES.label, cls: 'fig-map-text', bold: false }])
    // A region's name stays on its point: at most a few px off it.
    freeRequests.push({ key, width: b.width, height: b.height, anchor: projection(l.at) as Point, mode: 'free', maxDistance: 12 })
  }
  const contextRequests: LabelRequest[] = []
  for (const c of spec.context) {
    const s = shapes.get(c.key)
    if (!s?.anchor) continue
    const key = `context:${c.key}`
    const b = named(key, c, [{ text: c.name, size: MAP_SIZES.context, cls: 'fig-map-context', bold: true }])
    contextRequests.push({
      key,
      width: b.width,
      height: b.height,
      anchor: s.anchor,
      mode: 'area',
      mask: s.mask,
      maxDistance: 120,
      // A context country the author gave a note to is named unless nothing fits.
      omitCost: c.note ? 2000 : 300,
      minInside: 0.4,
    })
  }
  // The solver's greedy start takes them in this order: pinned places, highlighted names (the
  // map's subject, needing the most room), places, seas and labels, context names.
  const pinned = placeRequests.filter((r) => r.side)
  const requests = [...pinned, ...countryRequests, ...placeRequests.filter((r) => !r.side), ...overlays.requests, ...freeRequests, ...contextRequests]
  for (const [k, v] of overlays.blocks) blocks.set(k, v)

  const { placed, failed } = placeLabels({
    frame: { x0: 0, y0: 0, x1: panelWidth, y1: MAP_HEIGHT },
    inset: 4,
    points: pointsXY,
    obstacles,
    lines: overlays.lines,
    labels: requests,
  })
  const placedKeys = new Set(placed.map((p) => p.key))
  for (const p of placed) {
    if (p.leader) {
      const [[x1, y1], [x2, y2]] = p.leader
      parts.push(`<path${attrs({ class: 'fig-leader', d: `M${num(x1)} ${num(y1)}L${num(x2)} ${num(y2)}`, 'data-leader': p.key })}/>`)
    }
  }
  for (const p of pointsXY) parts.push(`<circle${attrs({ class: 'fig-point', cx: p.at[0], cy: p.at[1], r: POINT_R, 'data-point': p.key })}/>`)
  for (const p of placed) {
    const b = blocks.get(p.key)
    if (!b) continue
    // A place's or a region's label belongs beside its point: the check measures how far.
    const data: Record<`data-${string}`, string> = { 'data-label': p.key }
    if (/^(place|label):/.test(p.key)) data['data-at'] = `${num(p.anchor[0])} ${num(p.anchor[1])}`
    const side = p.key.startsWith('place:') ? spec.places[Number(p.key.slice(6))]?.side : undefined
    if (side) data['data-side'] = side
    parts.push(drawBlock(b.block, p.box, p.align, b.cls, data))
    drawn.push(...b.texts)
  }
  parts.push(`<rect${attrs({ class: 'fig-frame', x: 0.5, y: 0.5, width: panelWidth - 1, height: MAP_HEIGHT - 1 })}/>`)

  if (creditBox) {
    parts.push(drawBlock(creditBlock, creditBox, 'end', 'fig-credit', { 'data-label': 'credit' }))
  }
  if (keyWidth > 0) {
    const x = panelWidth + KEY_GAP
    let y = 8
    parts.push('<g class="fig-key">')
    for (const entry of baseKey) {
      const lines = keyTextLines(entry.text, m)
      const lh = LINE(MAP_SIZES.key)
      if (entry.swatch === 'marker') parts.push(`<circle${attrs({ class: 'fig-point', cx: x + KEY_SWATCH / 2, cy: y + lh / 2, r: POINT_R })}/>`)
      else if (entry.swatch === 'area') parts.push(`<rect${attrs({ class: 'fig-area', x, y: y + lh / 2 - 11, width: KEY_SWATCH, height: 22, rx: 3 })}/>`)
      else if (entry.swatch === 'route' || entry.swatch === 'route-arrow') {
        const [x1, x2, cy] = [x, x + KEY_SWATCH, y + lh / 2]
        parts.push(`<path class="fig-route" d="M${num(x1)} ${num(cy)}L${num(entry.swatch === 'route' ? x2 : x2 - 8)} ${num(cy)}"/>`)
        if (entry.swatch === 'route-arrow')
          parts.push(`<path class="fig-route-arrow" d="M${num(x2)} ${num(cy)}L${num(x2 - 14)} ${num(cy - 7)}L${num(x2 - 14)} ${num(cy + 7)}Z"/>`)
      } else parts.push(`<rect${attrs({ class: `fig-swatch fig-hl-${entry.swatch}`, x, y: y + lh / 2 - 11, width: KEY_SWATCH, height: 22, rx: 3 })}/>`)
      const b = block(
        lines.map((text) => ({ text, size: MAP_SIZES.key, cls: 'fig-key-text', bold: false })),
        m,
      )
      parts.push(drawBlock(b, { x0: x + KEY_SWATCH + 12, y0: y - 2, x1: x + KEY_SWATCH + 12 + b.width, y1: y - 2 + b.height }, 'start', ''))
      drawn.push(entry.text)
      y += lines.length * lh + 16
    }
    parts.push(drawBlock(creditBlock, { x0: x, y0: MAP_HEIGHT - creditBlock.height - 4, x1: x + creditBlock.width, y1: MAP_HEIGHT - 4 }, 'start', 'fig-credit'))
    parts.push('</g>')
  }
  drawn.push(CREDIT.join(' '))
  const inKey = spec.countries.filter((c) => !placedKeys.has(`country:${c.key}`)).map((c) => c.key)
  return { svg: parts.join(''), drawn, labels: placed, width, panelWidth, inKey, failed, shown: placedKeys }
}
