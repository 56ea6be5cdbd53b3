/** Summary statistics for benchmark samples. Pure. */
export interface Summary {
  median: number
  min: number
  max: number
  n: number
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length }
}

/**
 * Least-squares slope exponent of time against size on a log-log scale: 1 is linear,
 * 2 quadratic. Pure.
 */
export function growthExponent(points: readonly { size: number; ms: number }[]): number {
  const xs = points.map((p) => Math.log(p.size))
  const ys = points.map((p) => Math.log(Math.max(p.ms, 1e-6)))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  let num = 0
  let den = 0
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] as number) - my)
    den += (x - mx) ** 2
  })
  return den === 0 ? Number.NaN : num / den
}
