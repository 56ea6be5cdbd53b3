/**
 * Magnitude words that scale the number before them ("26 thousand" = 26,000), shared by the
 * fidelity check (src/check/fidelity.ts) and the chart's claims (src/figures/chart.ts). Pure.
 */
export const MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
])

/** The magnitude word a text starts with ("thousand tonnes" -> thousand) and the rest, or undefined. */
export function leadingMagnitude(text: string): { word: string; rest: string } | undefined {
  const m = /^([a-z]+)\b\s*/i.exec(text)
  const word = m?.[1]?.toLowerCase()
  return m && word && MAGNITUDES.has(word) ? { word, rest: text.slice(m[0].length) } : undefined
}
