/**
 * Label placement for the map, in screen units: the requests, the geometry they are judged by, and
 * the candidate positions around each anchor (eight sides at a few distances for a point, cells of
 * its shape for an area, shifts for a free label). `solve.ts` chooses among them.
 */

export type Point = [number, number]

export interface Rect {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** A raster of the panel: 1 where a shape covers the cell's centre. */
export interface Mask {
  cell: number
  cols: number
  rows: number
  bits: Uint8Array
}

/** Where a label sits around its point, as compass sides (`n` above, `e` to the right). */
export const SIDES = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const
export type Side = (typeof SIDES)[number]

export interface LabelRequest {
  /** Identifies the label in tests and in the result. */
  key: string
  width: number
  height: number
  /** The point the label names (a place's marker, a country's centre, a sea's position). */
  anchor: Point
  /**
   * `point`: around a marker, then farther out with a leader. `area`: inside `mask` (the shape)
   * if the label fits there, else outside with a leader. `free`: centred on the anchor, else nearby.
   * `line`: beside one of `along` (points on a route), no leader.
   */
  mode: 'point' | 'area' | 'free' | 'line'
  mask?: Mask
  /** `line` labels: the points along the line a label may sit beside (best first). */
  along?: readonly Point[]
  /** Prefer positions over this mask's empty cells (water for sea names, off the highlighted countries for places). */
  avoid?: Mask
  /** Cost of covering `avoid` entirely, against 1 per step down the list of positions around a point. */
  avoidWeight?: number
  /** Shapes of countries other than the one the point lies in: a label there misleads, so it costs, and on a leader it is refused. */
  foreign?: Mask
  /** Farthest a leader may reach from its anchor (px). */
  maxDistance?: number
  /** May be left out when no clear position exists, at this cost (a country's name goes to the key). */
  omitCost?: number
  /** `area` labels: the least share of the label's box that must lie inside its area (default 0.85). */
  minInside?: number
  /** `point` labels: pinned by the author to this side (and moved by `offset`, in px). */
  side?: Side
  offset?: Point
}

export interface PlacedLabel {
  key: string
  /** The point it names (as requested). */
  anchor: Point
  box: Rect
  /** How its lines align: `start` (left edge), `middle`, `end` (right edge). */
  align: 'start' | 'middle' | 'end'
  leader?: [Point, Point]
  /** True when no clear position existed and the least-bad one was taken (the spec is then refused). */
  forced?: boolean
}

export interface PlacementInput {
  frame: Rect
  /** Margin kept between labels and the frame's edges. */
  inset: number
  /** Marker points (each with its radius) that labels must not cover. */
  points: ReadonlyArray<{ at: Point; r: number; key: string }>
  /** Areas labels must not cover (the data credit, small highlighted countries); the label with the same key may. */
  obstacles: ReadonlyArray<{ rect: Rect; key: string }>
  /** Lines drawn on the map (routes) that labels should keep off where they can. */
  lines?: ReadonlyArray<readonly Point[]>
  labels: readonly LabelRequest[]
}

/** A candidate position: its box, alignment, leader (if any) and cost before conflicts. */
export interface Candidate {
  box: Rect
  align: PlacedLabel['align']
  cost: number
  leader?: [Point, Point]
}

/** Space kept between two labels. */
export const GAP = 5
/** Space between a point and a label beside it. */
export const POINT_GAP = 9
/** Least distance from a leader to any point but its own. */
export const LEADER_CLEARANCE = 16

export function rectsOverlap(a: Rect, b: Rect, gap = 0): boolean {
  return a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap
}

/** Does the segment p–q cross rectangle r (grown by `gap`)? Liang–Barsky clipping. */
export function segmentHitsRect(p: Point, q: Point, r: Rect, gap = 0): boolean {
  const [x0, y0, x1, y1] = [r.x0 - gap, r.y0 - gap, r.x1 + gap, r.y1 + gap]
  const dx = q[0] - p[0]
  const dy = q[1] - p[1]
  let t0 = 0
  let t1 = 1
  const clip = (pp: number, qq: number): boolean => {
    if (pp === 0) return qq >= 0
    const t = qq / pp
    if (pp < 0) {
      if (t > t1) return false
      if (t > t0) t0 = t
    } else {
      if (t < t0) return false
      if (t < t1) t1 = t
    }
    return true
  }
  return clip(-dx, p[0] - x0) && clip(dx, x1 - p[0]) && clip(-dy, p[1] - y0) && clip(dy, y1 - p[1]) && t0 < t1
}

export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o = (p: Point, q: Point, r: Point) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0
}

/** Distance from point p to the segment a–b. */
export function segmentDistance(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]]
  const len = dx * dx + dy * dy
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len))
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
}

/** Distance from a point to a rectangle (0 inside). */
export function rectDistance([x, y]: Point, r: Rect): number {
  return Math.hypot(Math.max(r.x0 - x, 0, x - r.x1), Math.max(r.y0 - y, 0, y - r.y1))
}

/** Share of the cells under `r` that are set in `mask` (0 when `r` lies outside the raster). */
export function coverage(mask: Mask, r: Rect): number {
  const c0 = Math.max(0, Math.floor(r.x0 / mask.cell))
  const c1 = Math.min(mask.cols - 1, Math.floor((r.x1 - 0.001) / mask.cell))
  const r0 = Math.max(0, Math.floor(r.y0 / mask.cell))
  const r1 = Math.min(mask.rows - 1, Math.floor((r.y1 - 0.001) / mask.cell))
  if (c1 < c0 || r1 < r0) return 0
  let on = 0
  for (let y = r0; y <= r1; y++) for (let x = c0; x <= c1; x++) on += mask.bits[y * mask.cols + x] ?? 0
  return on / ((c1 - c0 + 1) * (r1 - r0 + 1))
}

/** A leader from just outside the anchor to the nearest point of the label's box. */
export function leaderLine(anchor: Point, box: Rect, startGap: number): [Point, Point] {
  const [ax, ay] = anchor
  const tx = Math.min(Math.max(ax, box.x0 - 3), box.x1 + 3)
  const ty = Math.min(Math.max(ay, box.y0 + 2), box.y1 - 2)
  const len = Math.hypot(tx - ax, ty - ay)
  const k = len > 0 ? startGap / len : 0
  return [
    [ax + (tx - ax) * k, ay + (ty - ay) * k],
    [tx, ty],
  ]
}

const rectAt = (x: number, y: number, w: number, h: number): Rect => ({ x0: x, y0: y, x1: x + w, y1: y + h })

/** Unit direction of each side, screen y pointing down. */
const DIRECTION: Record<Side, Point> = { n: [0, -1], ne: [1, -1], e: [1, 0], se: [1, 1], s: [0, 1], sw: [-1, 1], w: [-1, 0], nw: [-1, -1] }
/** The cartographer's order of preference around a point: right, upper right, lower right, then left. */
const PREFERENCE: readonly Side[] = ['e', 'ne', 'se', 'w', 'nw', 'sw', 'n', 's']

/** The box of a `w`×`h` label on `side` of the point, `g` px from it; side labels keep their first line level with the point. */
export function boxOnSide(anchor: Point, side: Side, g: number, w: number, h: number): { box: Rect; align: PlacedLabel['align'] } {
  const [ax, ay] = anchor
  const [dx, dy] = DIRECTION[side]
  const firstLine = Math.min(h, 30)
  const diag = dx !== 0 && dy !== 0 ? 0.7 : 1
  const x = dx > 0 ? ax + g * diag : dx < 0 ? ax - g * diag - w : ax - w / 2
  const y = dy < 0 ? ay - g * diag - h : dy > 0 ? ay + g * diag : ay - firstLine / 2
  return { box: rectAt(x, y, w, h), align: dx > 0 ? 'start' : dx < 0 ? 'end' : 'middle' }
}

/** Distances (px) beyond the gap at which a point's label is tried: the first two need no leader. */
const NEAR = [0, 10]
const FAR = [30, 50, 72, 96]

/** Positions around a point: eight sides close by, then farther out with a leader; one position when pinned. */
function pointCandidates(l: LabelRequest): Candidate[] {
  const out: Candidate[] = []
  if (l.side) {
    const { box, align } = boxOnSide(l.anchor, l.side, POINT_GAP, l.width, l.height)
    const [dx, dy] = l.offset ?? [0, 0]
    const moved = { x0: box.x0 + dx, y0: box.y0 + dy, x1: box.x1 + dx, y1: box.y1 + dy }
    const far = rectDistance(l.anchor, moved) > POINT_GAP + 6
    return [{ box: moved, align, cost: 0, ...(far ? { leader: leaderLine(l.anchor, moved, POINT_GAP - 2) } : {}) }]
  }
  PREFERENCE.forEach((side, rank) => {
    for (const [i, d] of NEAR.entries()) out.push({ ...boxOnSide(l.anchor, side, POINT_GAP + d, l.width, l.height), cost: rank + i * 8 })
    for (const d of FAR) {
      if (d > (l.maxDistance ?? 100)) break
      const { box, align } = boxOnSide(l.anchor, side, POINT_GAP + d, l.width, l.height)
      out.push({ box, align, cost: 40 + rank + d * 0.6, leader: leaderLine(l.anchor, box, POINT_GAP - 2) })
    }
  })
  return out
}

/** Positions on rings around an area's anchor, joined to it by a leader line. */
function ringCandidates(l: LabelRequest, baseCost: number): Candidate[] {
  const [ax, ay] = l.anchor
  const { width: w, height: h } = l
  const out: Candidate[] = []
  for (let d = 36; d <= (l.maxDistance ?? 200); d += 30) {
    for (let k = 0; k < 16; k++) {
      const angle = (k * Math.PI) / 8
      const px = ax + Math.cos(angle) * d
      const py = ay - Math.sin(angle) * d
      // The label's nearest edge faces the anchor.
      const c = Math.cos(angle)
      const align: PlacedLabel['align'] = c > 0.3 ? 'start' : c < -0.3 ? 'end' : 'middle'
      const x = align === 'start' ? px : align === 'end' ? px - w : px - w / 2
      const s = Math.sin(angle)
      const y = s > 0.3 ? py - h : s < -0.3 ? py : py - h / 2
      const box = rectAt(x, y, w, h)
      out.push({ box, align, cost: baseCost + d + k * 0.01, leader: leaderLine(l.anchor, box, 0) })
    }
  }
  return out
}

/** The set cells' bounding box of a mask, in units. */
function maskBounds(mask: Mask): Rect | undefined {
  let [c0, r0, c1, r1] = [Infinity, Infinity, -1, -1]
  for (let r = 0; r < mask.rows; r++)
    for (let c = 0; c < mask.cols; c++)
      if (mask.bits[r * mask.cols + c]) [c0, r0, c1, r1] = [Math.min(c0, c), Math.min(r0, r), Math.max(c1, c), Math.max(r1, r)]
  return c1 < 0 ? undefined : { x0: c0 * mask.cell, y0: r0 * mask.cell, x1: (c1 + 1) * mask.cell, y1: (r1 + 1) * mask.cell }
}

/** Positions for a label inside its area, nearest its centre first; then outside with a leader. */
function areaCandidates(l: LabelRequest): Candidate[] {
  const out: Candidate[] = []
  const mask = l.mask
  const bounds = mask && maskBounds(mask)
  if (mask && bounds) {
    const step = mask.cell
    const [ax, ay] = l.anchor
    // Only where the shape is: the scan is bounded by the shape's box, not the panel.
    for (let y = Math.max(0, bounds.y0 - l.height / 2); y + l.height <= Math.min(mask.rows * step, bounds.y1 + l.height / 2); y += step) {
      for (let x = Math.max(0, bounds.x0 - l.width / 2); x + l.width <= Math.min(mask.cols * step, bounds.x1 + l.width / 2); x += step) {
        const box = rectAt(x, y, l.width, l.height)
        // Mostly inside will do (a corner over a neighbour reads fine with the halo), fully inside is better.
        const inner = coverage(mask, box)
        if (inner < (l.minInside ?? 0.85)) continue
        const padded = coverage(mask, { x0: box.x0 - 8, y0: box.y0 - 6, x1: box.x1 + 8, y1: box.y1 + 6 })
        const d = Math.hypot(x + l.width / 2 - ax, y + l.height / 2 - ay)
        out.push({ box, align: 'middle', cost: (1 - inner) * 100 + (padded >= 0.999 ? 0 : 10) + d / 10, leader: undefined })
      }
    }
  }
  out.push(...ringCandidates(l, 120))
  return out
}

/** Positions for a free label: centred on its anchor, then shifted, then beside it; never farther than `maxDistance` from it. */
function freeCandidates(l: LabelRequest): Candidate[] {
  const [ax, ay] = l.anchor
  const out: Candidate[] = []
  const max = l.maxDistance ?? 72
  PREFERENCE.forEach((side, rank) => {
    out.push({ ...boxOnSide(l.anchor, side, 2, l.width, l.height), cost: 24 + rank })
  })
  for (let d = 0; d <= max + Math.max(l.width, l.height) / 2; d += 12) {
    const dirs = d === 0 ? 1 : 8
    for (let k = 0; k < dirs; k++) {
      const a = (k * Math.PI) / 4
      const box = rectAt(ax - l.width / 2 + Math.cos(a) * d, ay - l.height / 2 - Math.sin(a) * d, l.width, l.height)
      out.push({ box, align: 'middle', cost: d + k * 0.001 })
    }
  }
  return out
}

/** Positions beside the points along a line (a route), nearest its middle first, never with a leader. */
function lineCandidates(l: LabelRequest): Candidate[] {
  const out: Candidate[] = []
  ;(l.along ?? [l.anchor]).forEach((p, i) => {
    PREFERENCE.forEach((side, rank) => {
      out.push({ ...boxOnSide(p, side, 8, l.width, l.height), cost: i * 6 + rank })
    })
  })
  return out
}

/** Every candidate position of a label, before the frame, points and obstacles are checked. */
export function candidatesOf(l: LabelRequest): Candidate[] {
  if (l.mode === 'point') return pointCandidates(l)
  if (l.mode === 'area') return areaCandidates(l)
  if (l.mode === 'line') return lineCandidates(l)
  return freeCandidates(l)
}
