/**
 * The dated lane's time axis: a linear scale, optionally broken over long empty spans (each
 * piece gets its own ticks), and ticks on round years, or on months for a span under two years.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** A piece of the axis: times `t0`–`t1` drawn from `x0` to `x1`. */
export interface Segment {
  t0: number
  t1: number
  x0: number
  x1: number
}

export interface Tick {
  t: number
  x: number
  text: string
  /** The text with its year, for the first tick shown in a segment ("Mar 2022"). */
  full: string
  segment: number
}

export interface TimeAxis {
  segments: Segment[]
  /** Where time `t` is drawn (a time between two segments maps to the nearer end). */
  x: (t: number) => number
  ticks: Tick[]
}

/** Room per tick: wide enough for "Feb 2022", and few enough ticks that years come out round. */
const TICK_SPACING = 150
const MAX_TICKS = 6

/** The width a break takes on the axis, between two segments. */
export const BREAK_WIDTH = 44

/** Padding on each side of a span of events, so end labels are not at the very edge. */
function padOf(span: number): number {
  return span === 0 ? 0.5 : Math.max(span * 0.07, 1 / 52)
}

/**
 * Round ticks between `t0` and `t1`, at most `maxCount`: years on a 1-2-5 rule (2010, 2015, 2020),
 * or months (every 1, 2, 3 or 6) for a span under a year. Month ticks name the year
 * on January and on the first tick.
 */
export function niceTicks(t0: number, t1: number, maxCount: number): { t: number; text: string; full: string }[] {
  if (maxCount < 1 || t1 <= t0) return []
  const within = (step: number) => Math.floor(t1 / step + 1e-9) - Math.ceil(t0 / step - 1e-9) + 1
  const years: number[] = []
  for (let p = 1; p <= 1000; p *= 10) years.push(p, 2 * p, 5 * p)
  const yearStep = years.find((s) => within(s) <= maxCount)
  if (yearStep !== undefined && within(yearStep) >= 1 && t1 - t0 >= 1) {
    const out: { t: number; text: string; full: string }[] = []
    for (let y = Math.ceil(t0 / yearStep - 1e-9) * yearStep; y <= t1 + 1e-9; y += yearStep) out.push({ t: y, text: String(y), full: String(y) })
    return out
  }
  const monthStep = [1, 2, 3, 6].find((m) => within(m / 12) <= maxCount)
  if (monthStep === undefined) return []
  const out: { t: number; text: string; full: string }[] = []
  for (let k = Math.ceil((t0 * 12) / monthStep - 1e-9) * monthStep; k <= t1 * 12 + 1e-9; k += monthStep) {
    const year = Math.floor(k / 12)
    const month = k - year * 12
    const full = `${MONTHS[month]} ${year}`
    out.push({ t: k / 12, text: out.length === 0 || month === 0 ? full : (MONTHS[month] ?? ''), full })
  }
  return out
}

/**
 * The axis for sorted event times from `x0` to `x1`: one segment, or one per group when
 * `breakAfter` lists gaps to break (a gap `i` lies between `times[i]` and `times[i + 1]`).
 * `range` fixes the outer ends. A segment's width follows its share of time or of events,
 * whichever is larger, so a burst of events after a long gap gets room.
 */
export function timeAxis(
  times: readonly number[],
  x0: number,
  x1: number,
  opts: { range?: readonly [number, number]; breakAfter?: readonly number[] } = {},
): TimeAxis {
  const cuts = [...(opts.breakAfter ?? [])].sort((a, b) => a - b)
  const groups: number[][] = []
  let start = 0
  for (const c of [...cuts, times.length - 1]) {
    groups.push(times.slice(start, c + 1))
    start = c + 1
  }
  const spans = groups.map((g, i) => {
    const lo = g[0] ?? 0
    const hi = g[g.length - 1] ?? lo
    const pad = padOf(hi - lo)
    const t0 = i === 0 && opts.range ? opts.range[0] : lo - pad
    const t1 = i === groups.length - 1 && opts.range ? opts.range[1] : hi + pad
    return { t0, t1, n: g.length }
  })
  // Time shares count the events' own spans, so a lone event's padding does not claim room.
  const own = groups.map((g) => (g[g.length - 1] ?? 0) - (g[0] ?? 0))
  const totalT = own.reduce((s, t) => s + t, 0) || 1
  const weights = spans.map((g, i) => Math.max((own[i] ?? 0) / totalT, g.n / times.length))
  const totalW = weights.reduce((s, w) => s + w, 0)
  const room = x1 - x0 - BREAK_WIDTH * (groups.length - 1)
  const segments: Segment[] = []
  let at = x0
  spans.forEach((g, i) => {
    const w = (room * (weights[i] ?? 0)) / totalW
    segments.push({ t0: g.t0, t1: g.t1, x0: at, x1: at + w })
    at += w + BREAK_WIDTH
  })
  const x = (t: number): number => {
    const s = segments.find((seg, i) => t <= seg.t1 || i === segments.length - 1) ?? (segments[0] as Segment)
    const c = Math.min(Math.max(t, s.t0), s.t1)
    return s.x0 + ((c - s.t0) / (s.t1 - s.t0)) * (s.x1 - s.x0)
  }
  const ticks: Tick[] = []
  for (const [segment, s] of segments.entries()) {
    for (const t of niceTicks(s.t0, s.t1, Math.min(MAX_TICKS, Math.floor((s.x1 - s.x0) / TICK_SPACING)))) {
      const xt = s.x0 + ((t.t - s.t0) / (s.t1 - s.t0)) * (s.x1 - s.x0)
      if (xt >= s.x0 + 8 && xt <= s.x1 - 8) ticks.push({ ...t, x: xt, segment })
    }
  }
  return { segments, x, ticks }
}
