/**
 * Label placement for the map, in screen units: a greedy pass over candidate positions around each
 * label's anchor (a place's point, a country's interior, a sea's position). A label takes the first
 * candidate, by cost, that stays inside the frame and clears every label, point and leader line
 * already placed; labels moved away from what they name get a leader line. Pure and deterministic.
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

export interface LabelRequest {
  /** Identifies the label in tests and in the result. */
  key: string
  width: number
  height: number
  /** The point the label names (a place's marker, a country's centre, a sea's position). */
  anchor: Point
  /**
   * `point`: around a marker, then farther out with a leader. `area`: inside `mask` (the country)
   * if the label fits there, else outside with a leader. `free`: centred on the anchor, else nearby.
   */
  mode: 'point' | 'area' | 'free'
  mask?: Mask
  /** Prefer positions over this mask's empty cells (water for sea names, off the highlighted countries for places). */
  avoid?: Mask
  /** Cost of covering `avoid` entirely, against 1 per step down the list of positions around a point. */
  avoidWeight?: number
  /** Farthest a label may sit from its anchor (px); beyond, it is left out (`optional`) or forced. */
  maxDistance?: number
  /** May be left out when no clear position exists (context countries). */
  optional?: boolean
  /** `area` labels: the least share of the label's box that must lie inside its area (default 0.85). */
  minInside?: number
  /** `area` labels: only positions inside the area (a later request with the same key may try outside). */
  insideOnly?: boolean
}

export interface PlacedLabel {
  key: string
  box: Rect
  /** How its lines align: `start` (left edge), `middle`, `end` (right edge). */
  align: 'start' | 'middle' | 'end'
  leader?: [Point, Point]
  /** True when no clear position existed and the least-bad one was taken. */
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
  labels: readonly LabelRequest[]
}

const GAP = 5
const POINT_GAP = 9

export function rectsOverlap(a: Rect, b: Rect, gap = 0): boolean {
  return a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)
  return w > 0 && h > 0 ? w * h : 0
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

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o = (p: Point, q: Point, r: Point) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0
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

interface Candidate {
  box: Rect
  align: PlacedLabel['align']
  cost: number
  leader: boolean
}

const rectAt = (x: number, y: number, w: number, h: number): Rect => ({ x0: x, y0: y, x1: x + w, y1: y + h })

/** Positions beside a point: right, left, above, below and the four corners, then farther out. */
function pointCandidates(l: LabelRequest): Candidate[] {
  const [ax, ay] = l.anchor
  const { width: w, height: h } = l
  const g = POINT_GAP
  // The first line's middle sits level with the point for the side positions.
  const firstLine = Math.min(h, 30)
  const side = ay - firstLine / 2
  const near: Array<[Rect, PlacedLabel['align']]> = [
    [rectAt(ax + g, side, w, h), 'start'],
    [rectAt(ax - g - w, side, w, h), 'end'],
    [rectAt(ax + g * 0.6, ay - g * 0.6 - h, w, h), 'start'],
    [rectAt(ax - g * 0.6 - w, ay - g * 0.6 - h, w, h), 'end'],
    [rectAt(ax + g * 0.6, ay + g * 0.6, w, h), 'start'],
    [rectAt(ax - g * 0.6 - w, ay + g * 0.6, w, h), 'end'],
    [rectAt(ax - w / 2, ay - g - h, w, h), 'middle'],
    [rectAt(ax - w / 2, ay + g, w, h), 'middle'],
    [rectAt(ax + g, ay - h + firstLine / 2, w, h), 'start'],
    [rectAt(ax - g - w, ay - h + firstLine / 2, w, h), 'end'],
  ]
  const out: Candidate[] = near.map(([box, align], i) => ({ box, align, cost: i, leader: false }))
  out.push(...ringCandidates(l, 100))
  return out
}

/** Positions on rings around the anchor, joined to it by a leader line. */
function ringCandidates(l: LabelRequest, baseCost: number): Candidate[] {
  const [ax, ay] = l.anchor
  const { width: w, height: h } = l
  const out: Candidate[] = []
  const max = l.maxDistance ?? 220
  for (let d = 36; d <= max; d += 26) {
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
      out.push({ box: rectAt(x, y, w, h), align, cost: baseCost + d + k * 0.01, leader: true })
    }
  }
  return out
}

/** Positions for a label inside its area (a country), nearest its centre first; then outside. */
function areaCandidates(l: LabelRequest): Candidate[] {
  const out: Candidate[] = []
  const mask = l.mask
  if (mask) {
    const step = mask.cell
    const [ax, ay] = l.anchor
    for (let y = 0; y + l.height <= mask.rows * mask.cell; y += step) {
      for (let x = 0; x + l.width <= mask.cols * mask.cell; x += step) {
        const box = rectAt(x, y, l.width, l.height)
        const pad = { x0: box.x0 - 8, y0: box.y0 - 6, x1: box.x1 + 8, y1: box.y1 + 6 }
        // Mostly inside will do (a corner over a neighbour reads fine with the halo), fully inside is better.
        const inner = coverage(mask, box)
        if (inner < (l.minInside ?? 0.85)) continue
        const padded = coverage(mask, pad)
        const d = Math.hypot(x + l.width / 2 - ax, y + l.height / 2 - ay)
        out.push({ box, align: 'middle', cost: (1 - inner) * 400 + (padded >= 0.999 ? 0 : 20) + d / 10, leader: false })
      }
    }
  }
  if (!l.insideOnly) out.push(...ringCandidates(l, 1000))
  return out
}

/** Positions for a free label: centred on its anchor, then shifted a little, then farther. */
function freeCandidates(l: LabelRequest): Candidate[] {
  const [ax, ay] = l.anchor
  const out: Candidate[] = []
  let i = 0
  for (let d = 0; d <= 72; d += 12) {
    const dirs = d === 0 ? 1 : 8
    for (let k = 0; k < dirs; k++) {
      const a = (k * Math.PI) / 4
      const box = rectAt(ax - l.width / 2 + Math.cos(a) * d, ay - l.height / 2 - Math.sin(a) * d, l.width, l.height)
      const cost = d + i++ * 0.001
      out.push({ box, align: 'middle', cost, leader: false })
    }
  }
  return out
}

/** Places every label; the result keeps the input order (labels left out are absent). */
export function placeLabels(input: PlacementInput): PlacedLabel[] {
  const { frame, inset } = input
  const inside = (r: Rect) => r.x0 >= frame.x0 + inset && r.y0 >= frame.y0 + inset && r.x1 <= frame.x1 - inset && r.y1 <= frame.y1 - inset
  const boxes: Array<{ key: string; rect: Rect }> = input.obstacles.map((o) => ({ key: o.key, rect: o.rect }))
  const leaders: Array<[Point, Point]> = []
  const placed: PlacedLabel[] = []

  const done = new Set<string>()
  const roomy = new Map<string, boolean>()
  for (const o of input.labels) {
    if (o.mode !== 'area' || !o.mask) continue
    let on = 0
    for (const b of o.mask.bits) on += b
    roomy.set(o.key, on * o.mask.cell * o.mask.cell > 6 * o.width * o.height)
  }
  for (const l of input.labels) {
    if (done.has(l.key)) continue
    const candidates = (l.mode === 'point' ? pointCandidates(l) : l.mode === 'area' ? areaCandidates(l) : freeCandidates(l)).filter((c) => inside(c.box))
    if (l.avoid) {
      const avoid = l.avoid
      for (const c of candidates) {
        c.cost += coverage(avoid, c.box) * (l.avoidWeight ?? 200)
        // A leader drawn across what the label should keep off counts too.
        if (c.leader) c.cost += leaderCover(avoid, l.anchor, c.box) * (l.avoidWeight ?? 200)
      }
    }
    // Keep off the anchors of labels still to come (a country's centre, a sea's position), above
    // all those of small areas, which have no other room.
    for (const c of candidates) {
      for (const o of input.labels) {
        if (o.key === l.key || done.has(o.key)) continue
        const [x, y] = o.anchor
        // A point's label goes right beside it: keep that ring clear too.
        const mx = o.mode === 'point' ? Math.min(o.width, 120) * 0.6 : 12
        const my = o.mode === 'point' ? Math.min(o.height, 60) * 0.6 : 12
        if (x > c.box.x0 - mx && x < c.box.x1 + mx && y > c.box.y0 - my && y < c.box.y1 + my) c.cost += roomy.get(o.key) ? 4 : 30
      }
    }
    candidates.sort((a, b) => a.cost - b.cost)
    const ownPoint = (p: { key: string }) => p.key === l.key
    const leaderFor = (c: Candidate): [Point, Point] | undefined => (c.leader ? leaderLine(l.anchor, c.box, l.mode === 'point' ? POINT_GAP - 2 : 0) : undefined)
    const clash = (c: Candidate): number => {
      let bad = 0
      for (const b of boxes)
        if (b.key !== l.key) bad += overlapArea(c.box, { x0: b.rect.x0 - GAP, y0: b.rect.y0 - GAP, x1: b.rect.x1 + GAP, y1: b.rect.y1 + GAP })
      for (const p of input.points) {
        if (ownPoint(p)) continue
        const r = p.r + 3
        bad += overlapArea(c.box, { x0: p.at[0] - r, y0: p.at[1] - r, x1: p.at[0] + r, y1: p.at[1] + r })
      }
      for (const [a, b] of leaders) if (segmentHitsRect(a, b, c.box, 3)) bad += 50
      const leader = leaderFor(c)
      if (leader) {
        for (const b of boxes) if (b.key !== l.key && segmentHitsRect(leader[0], leader[1], b.rect, 2)) bad += 50
        for (const p of input.points)
          if (!ownPoint(p) && segmentHitsRect(leader[0], leader[1], { x0: p.at[0], y0: p.at[1], x1: p.at[0], y1: p.at[1] }, p.r + 2)) bad += 50
        for (const [a, b] of leaders) if (segmentsCross(leader[0], leader[1], a, b)) bad += 50
      }
      return bad
    }
    let chosen: Candidate | undefined
    let forced = false
    for (const c of candidates) {
      if (clash(c) === 0) {
        chosen = c
        break
      }
    }
    if (!chosen && !l.optional) {
      let best = Infinity
      for (const c of candidates) {
        const bad = clash(c)
        if (bad < best) {
          best = bad
          chosen = c
        }
      }
      forced = chosen !== undefined
    }
    if (!chosen) continue
    const leader = leaderFor(chosen)
    done.add(l.key)
    boxes.push({ key: l.key, rect: chosen.box })
    if (leader) leaders.push(leader)
    placed.push({ key: l.key, box: chosen.box, align: chosen.align, ...(leader ? { leader } : {}), ...(forced ? { forced } : {}) })
  }
  return placed
}

/** Share of a leader's samples (past its first 12 px) that fall on set cells of `mask`. */
function leaderCover(mask: Mask, anchor: Point, box: Rect): number {
  const [[x0, y0], [x1, y1]] = leaderLine(anchor, box, 12)
  let on = 0
  const n = 12
  for (let i = 0; i <= n; i++) {
    const x = x0 + ((x1 - x0) * i) / n
    const y = y0 + ((y1 - y0) * i) / n
    const c = Math.floor(x / mask.cell)
    const r = Math.floor(y / mask.cell)
    if (c >= 0 && r >= 0 && c < mask.cols && r < mask.rows) on += mask.bits[r * mask.cols + c] ?? 0
  }
  return on / (n + 1)
}

/** A leader from just outside the anchor to the nearest point of the label's box. */
function leaderLine(anchor: Point, box: Rect, startGap: number): [Point, Point] {
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
