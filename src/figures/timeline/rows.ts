/**
 * Labels of dated events in rows: below the axis, then above it, over their markers; else moved
 * right along the nearest row on a slanted leader; else in further rows out from the axis, on
 * longer stems that pass between the nearer labels. Rows stop when they would not fit the height.
 */
import type { TextBlock } from '../svg.ts'
import type { TimelineEvent } from './spec.ts'

export type Side = 'below' | 'above'

/** A label placed in its row. */
export interface Placed {
  event: TimelineEvent
  /** The marker. */
  x: number
  /** Centre of the label: over its marker, moved inward near the frame's edge, or right of it in a burst of events. */
  cx: number
  block: TextBlock
  side: Side
  /** 0 next to the axis, 1 beyond it, … */
  row: number
  /** Top edge of the label, set once every row's height is known. */
  top: number
  /** 1-based position in the undated lane. */
  order?: number
}

/** Between labels in a row, and between a stem and a label it passes. */
export const GAP = 22
const STEM_GAP = 8
/** Between one row and the next. */
export const ROW_GAP = 10
/** How far right of its marker a label may be moved when its neighbours leave no room above it. */
const MAX_SHIFT = 160
const MAX_ROWS = 4

export interface RowOptions {
  /** Label widths to try, widest first. */
  widths: readonly number[]
  block: (e: TimelineEvent, width: number) => TextBlock
  /** Keeps a label of width `w` centred near `x` inside the frame. */
  clamp: (x: number, w: number) => number
  /** Right edge labels must stay within. */
  right: number
  /** Most height all rows together may take (both sides). */
  budget: number
}

/** The labels placed, each row's height (nearest the axis first) and the events left without room. */
export interface Rows {
  placed: Placed[]
  heights: Record<Side, number[]>
  failed: TimelineEvent[]
}

const leftOf = (p: { cx: number; block: TextBlock }) => p.cx - p.block.width / 2
const rightOf = (p: { cx: number; block: TextBlock }) => p.cx + p.block.width / 2
/** The x-range a label's leader covers between the axis and its row: a point, or a slant right. */
const stemSpan = (p: Pick<Placed, 'x' | 'cx' | 'block'>): [number, number] => (leftOf(p) > p.x ? [p.x, leftOf(p) + 8] : [p.x, p.x])

/** Places the labels of events sorted by time at markers `xs`. */
export function placeRows(events: readonly TimelineEvent[], xs: readonly number[], o: RowOptions): Rows {
  const placed: Placed[] = []
  const heights: Record<Side, number[]> = { below: [], above: [] }
  const failed: TimelineEvent[] = []
  const total = (h: Record<Side, number[]>) =>
    (['below', 'above'] as const).reduce((s, side) => s + h[side].reduce((a, b) => a + b, 0) + ROW_GAP * Math.max(0, h[side].length - 1), 0)

  const fits = (c: Omit<Placed, 'top'>): boolean => {
    const L = leftOf(c)
    const R = rightOf(c)
    if (L < 0 || R > o.right) return false
    // Beyond the first row a stem goes straight out from the marker, so the label must be over it.
    if (c.row > 0 && (c.x < L + 4 || c.x > R - 4)) return false
    const [s0, s1] = stemSpan(c)
    for (const p of placed) {
      if (p.side !== c.side) continue
      // Apart from the labels in its row; its stem clear of nearer labels; theirs clear of it.
      if (p.row === c.row && L < rightOf(p) + GAP && R > leftOf(p) - GAP) return false
      if (p.row < c.row && s1 >= leftOf(p) - STEM_GAP && s0 <= rightOf(p) + STEM_GAP) return false
      const [p0, p1] = stemSpan(p)
      if (p.row > c.row && p1 >= L - STEM_GAP && p0 <= R + STEM_GAP) return false
      if ((s1 > s0 || p1 > p0) && s1 >= p0 - STEM_GAP && s0 <= p1 + STEM_GAP) return false
    }
    const h = { below: [...heights.below], above: [...heights.above] }
    h[c.side][c.row] = Math.max(h[c.side][c.row] ?? 0, c.block.height)
    return total(h) <= o.budget
  }
  const put = (c: Omit<Placed, 'top'>) => {
    placed.push({ ...c, top: 0 })
    heights[c.side][c.row] = Math.max(heights[c.side][c.row] ?? 0, c.block.height)
  }

  events.forEach((event, i) => {
    const x = xs[i] ?? 0
    const tries: (() => Omit<Placed, 'top'> | undefined)[] = []
    const over = (row: number, side: Side, width: number) => {
      const block = o.block(event, width)
      const c = { event, x, cx: o.clamp(x, block.width), block, side, row }
      return fits(c) ? c : undefined
    }
    for (const w of o.widths) for (const side of ['below', 'above'] as const) tries.push(() => over(0, side, w))
    for (const w of o.widths) {
      tries.push(() => {
        const block = o.block(event, w)
        return (['below', 'above'] as const)
          .map((side) => {
            const last = Math.max(-Infinity, ...placed.filter((p) => p.side === side && p.row === 0).map(rightOf))
            return { event, x, cx: last + GAP + block.width / 2, block, side, row: 0 }
          })
          .filter((c) => c.cx - x <= MAX_SHIFT && leftOf(c) > x && fits(c))
          .sort((a, b) => a.cx - b.cx)[0]
      })
    }
    for (let row = 1; row < MAX_ROWS; row++) for (const w of o.widths) for (const side of ['below', 'above'] as const) tries.push(() => over(row, side, w))
    for (const t of tries) {
      const c = t()
      if (c) {
        put(c)
        return
      }
    }
    failed.push(event)
  })
  return { placed, heights, failed }
}
