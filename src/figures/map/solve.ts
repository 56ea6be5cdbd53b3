/**
 * The label solver: each label picks one of its candidate positions (labels.ts) so that no two
 * labels overlap, no leader crosses a label or another leader, and the total cost (distance from
 * the anchor, side, leaders, what the label covers) is least. Positions that leave the frame, cover
 * another point or run a leader near one are struck out first; a greedy pass then a simulated
 * annealing from a fixed seed and a repair pass choose among the rest. Pure and deterministic;
 * its work is bounded by MAP_LIMITS (labels × candidates × sweeps).
 */
import {
  type Candidate,
  candidatesOf,
  coverage,
  GAP,
  type LabelRequest,
  LEADER_CLEARANCE,
  type PlacedLabel,
  type PlacementInput,
  type Point,
  type Rect,
  rectDistance,
  rectsOverlap,
  segmentDistance,
  segmentHitsRect,
  segmentsCross,
} from './labels.ts'
import { MAP_LIMITS } from './limits.ts'

/** A label no position could be found for, and what crowds it (keys of labels, points and obstacles). */
export interface Unplaced {
  key: string
  crowd: string[]
}

export interface Placement {
  /** In the input's order; a label left out (its `omitCost` paid) is absent. */
  placed: PlacedLabel[]
  /** Labels that could not be placed clear of the rest: drawn at their least-bad position, marked `forced`. */
  failed: Unplaced[]
}

const CONFLICT = 10_000

/** Do two positions of different labels clash (overlap, a leader through a label, crossing leaders)? */
export function clash(a: Candidate, b: Candidate): boolean {
  if (rectsOverlap(a.box, b.box, GAP)) return true
  if (a.leader && segmentHitsRect(a.leader[0], a.leader[1], b.box, 2)) return true
  if (b.leader && segmentHitsRect(b.leader[0], b.leader[1], a.box, 2)) return true
  return !!(a.leader && b.leader && segmentsCross(a.leader[0], a.leader[1], b.leader[0], b.leader[1]))
}

/** Share of a leader's samples (past its first 12 px) over set cells of the mask. */
function leaderCover(mask: NonNullable<LabelRequest['avoid']>, [[x0, y0], [x1, y1]]: [Point, Point]): number {
  let on = 0
  const n = 12
  for (let i = 0; i <= n; i++) {
    const c = Math.floor((x0 + ((x1 - x0) * i) / n) / mask.cell)
    const r = Math.floor((y0 + ((y1 - y0) * i) / n) / mask.cell)
    if (c >= 0 && r >= 0 && c < mask.cols && r < mask.rows) on += mask.bits[r * mask.cols + c] ?? 0
  }
  return on / (n + 1)
}

/** A small deterministic PRNG (mulberry32), so the same input always gives the same layout. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Options {
  label: LabelRequest
  /** Valid positions, cheapest first, at most MAP_LIMITS.candidates. */
  list: Candidate[]
  /** What struck positions out, most often first (for the error). */
  blockers: string[]
}

/** The positions of one label that break no fixed rule, with their costs. */
function optionsFor(l: LabelRequest, input: PlacementInput): Options {
  const { frame, inset } = input
  const others = input.points.filter((p) => p.key !== l.key)
  const own = input.points.find((p) => p.key === l.key)
  const counts = new Map<string, number>()
  const block = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
  const samples = (input.lines ?? []).flat()
  const list: Candidate[] = []
  for (const c of candidatesOf(l)) {
    const { box } = c
    const outside = box.x0 < frame.x0 + inset || box.y0 < frame.y0 + inset || box.x1 > frame.x1 - inset || box.y1 > frame.y1 - inset
    const hit =
      (outside ? 'frame' : undefined) ??
      input.obstacles.find((o) => o.key !== l.key && rectsOverlap(box, o.rect, GAP))?.key ??
      others.find((p) => rectDistance(p.at, box) < p.r + 3)?.key ??
      (c.leader && others.find((p) => segmentDistance(p.at, c.leader?.[0] as Point, c.leader?.[1] as Point) < LEADER_CLEARANCE)?.key) ??
      (c.leader && input.obstacles.find((o) => o.key !== l.key && segmentHitsRect(c.leader?.[0] as Point, c.leader?.[1] as Point, o.rect, 2))?.key) ??
      // Beside its point, a place's label is nearer it than any other; on a leader, it keeps clear of every other point.
      (own && !c.leader ? others.find((p) => rectDistance(p.at, box) <= rectDistance(own.at, box) + 4)?.key : undefined) ??
      (own && c.leader ? others.find((p) => rectDistance(p.at, box) < LEADER_CLEARANCE + 6)?.key : undefined) ??
      // On a leader over another country, a reader ties the label to that country.
      (c.leader && l.foreign && coverage(l.foreign, box) > 0.3 ? 'foreign' : undefined) ??
      // A free label (a region's name) keeps its point under it or close by.
      (l.mode === 'free' && rectDistance(l.anchor, box) > (l.maxDistance ?? 72) ? 'far' : undefined)
    if (hit) block(hit)
    // A pinned label keeps its one position: breaking a rule there makes it a failure.
    if (hit && !l.side) continue
    let cost = c.cost + (hit ? CONFLICT : 0)
    if (l.avoid) {
      cost += coverage(l.avoid, box) * (l.avoidWeight ?? 200)
      if (c.leader) cost += leaderCover(l.avoid, c.leader) * (l.avoidWeight ?? 200)
    }
    if (l.foreign) cost += coverage(l.foreign, box) * 40
    // Keep off the anchors of other labels (a country's centre, a sea's position).
    for (const o of input.labels) {
      if (o.key === l.key) continue
      const [x, y] = o.anchor
      if (x > box.x0 - 12 && x < box.x1 + 12 && y > box.y0 - 12 && y < box.y1 + 12) cost += o.mode === 'area' ? 6 : 30
    }
    // Routes stay readable: a label over one costs a little per point it covers.
    for (const [x, y] of samples) if (x > box.x0 && x < box.x1 && y > box.y0 && y < box.y1) cost += 4
    list.push({ ...c, cost })
  }
  list.sort((a, b) => a.cost - b.cost)
  const kept = spread(list)
  const blockers = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k)
  return { label: l, list: kept, blockers }
}

/**
 * A spread of positions, cheapest first, not the cheapest few crowded on one spot (a country's
 * centre): a candidate within `d` px of a cheaper kept one is dropped, `d` growing from 10 px
 * until the list reaches across the whole area within MAP_LIMITS.candidates (a country's name
 * may find room only at its far end, past another label).
 */
function spread(list: readonly Candidate[]): Candidate[] {
  let kept: Candidate[] = []
  for (const d of [10, 20, 30, 40]) {
    kept = []
    let cut = false
    for (const c of list) {
      if (kept.some((k) => Math.abs(k.box.x0 - c.box.x0) < d && Math.abs(k.box.y0 - c.box.y0) < d && !k.leader === !c.leader)) continue
      if (kept.length >= MAP_LIMITS.candidates) {
        cut = true
        break
      }
      kept.push(c)
    }
    if (!cut) break
  }
  return kept
}

/** Places every label; see the module comment. */
export function placeLabels(input: PlacementInput): Placement {
  const opts = input.labels.map((l) => optionsFor(l, input))
  const n = opts.length
  // -1: left out (only labels with an omitCost); -2: no valid position at all.
  const state = new Int32Array(n).fill(-2)
  const at = (i: number, s: number): Candidate | undefined => (s >= 0 ? opts[i]?.list[s] : undefined)
  const unary = (i: number, s: number): number => {
    const o = opts[i] as Options
    if (s === -1) return o.label.omitCost ?? CONFLICT
    return at(i, s)?.cost ?? CONFLICT
  }
  const conflicts = (i: number, s: number): number => {
    const c = at(i, s)
    if (!c) return 0
    let k = 0
    for (let j = 0; j < n; j++) {
      const d = j === i ? undefined : at(j, state[j] as number)
      if (d && clash(c, d)) k++
    }
    return k
  }
  const energy = (i: number, s: number) => unary(i, s) + CONFLICT * conflicts(i, s)
  const choices = (i: number): number[] => {
    const o = opts[i] as Options
    const out = o.list.map((_, s) => s)
    if (o.label.omitCost !== undefined) out.push(-1)
    return out
  }

  // Greedy, in the order given (the most important labels first).
  for (let i = 0; i < n; i++) {
    let best = -2
    let bestE = Infinity
    for (const s of choices(i)) {
      const e = energy(i, s)
      if (e < bestE) [best, bestE] = [s, e]
    }
    state[i] = best
  }

  // Simulated annealing from the greedy layout, keeping the best state seen.
  const rand = random(0x5eed)
  let total = 0
  for (let i = 0; i < n; i++) total += unary(i, state[i] as number) + (CONFLICT * conflicts(i, state[i] as number)) / 2
  let best = Int32Array.from(state)
  let bestTotal = total
  const moves = MAP_LIMITS.sweeps * n
  const movable = [...Array(n).keys()].filter((i) => choices(i).length > 1)
  for (let m = 0; m < moves && movable.length > 0 && bestTotal > 0; m++) {
    const temperature = 60 * (0.01 / 60) ** (m / moves)
    const i = movable[Math.floor(rand() * movable.length)] as number
    const list = choices(i)
    // Mostly among the cheapest positions, sometimes any.
    const pick = rand() < 0.7 ? Math.floor(rand() * Math.min(12, list.length)) : Math.floor(rand() * list.length)
    const s = list[pick] as number
    const old = state[i] as number
    if (s === old) continue
    const delta = energy(i, s) - energy(i, old)
    if (delta <= 0 || rand() < Math.exp(-delta / temperature)) {
      state[i] = s
      total += delta
      if (total < bestTotal - 1e-9) {
        bestTotal = total
        best = Int32Array.from(state)
      }
    }
  }
  state.set(best)

  // Repair: each label, in turn, takes its best position given the others.
  for (let pass = 0; pass < MAP_LIMITS.repairPasses; pass++) {
    let changed = false
    for (let i = 0; i < n; i++) {
      const old = state[i] as number
      let bestS = old
      let bestE = energy(i, old)
      for (const s of choices(i)) {
        const e = energy(i, s)
        if (e < bestE - 1e-9) [bestS, bestE] = [s, e]
      }
      if (bestS !== old) {
        state[i] = bestS
        changed = true
      }
    }
    if (!changed) break
  }

  // Optional labels still in conflict are left out; required ones are failures.
  for (let i = 0; i < n; i++) if (opts[i]?.label.omitCost !== undefined && conflicts(i, state[i] as number) > 0) state[i] = -1
  const placed: PlacedLabel[] = []
  const failed: Unplaced[] = []
  for (let i = 0; i < n; i++) {
    const o = opts[i] as Options
    const s = state[i] as number
    const c = at(i, s)
    const crowd = c
      ? opts.flatMap((p, j) => {
          const d = j === i ? undefined : at(j, state[j] as number)
          return d && clash(c, d) ? [p.label.key] : []
        })
      : o.blockers.slice(0, 4)
    if (s === -1) continue
    if (c && c.cost >= CONFLICT) crowd.push(...o.blockers.filter((b) => !crowd.includes(b)).slice(0, 3))
    if (c && crowd.length === 0) {
      placed.push({ key: o.label.key, anchor: o.label.anchor, box: c.box, align: c.align, ...(c.leader ? { leader: c.leader } : {}) })
      continue
    }
    failed.push({ key: o.label.key, crowd })
    // Drawn anyway at its cheapest position (or centred on its anchor), so a direct render still shows it.
    const box: Rect = c?.box ?? {
      x0: o.label.anchor[0] - o.label.width / 2,
      y0: o.label.anchor[1] - o.label.height / 2,
      x1: o.label.anchor[0] + o.label.width / 2,
      y1: o.label.anchor[1] + o.label.height / 2,
    }
    placed.push({ key: o.label.key, anchor: o.label.anchor, box, align: c?.align ?? 'middle', ...(c?.leader ? { leader: c.leader } : {}), forced: true })
  }
  return { placed, failed }
}
