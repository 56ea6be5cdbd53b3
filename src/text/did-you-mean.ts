/** Levenshtein edit distance, for the "did you mean" of every located error (keys, layouts, countries, flags). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length] ?? 0
}

/** The candidate nearest to `word` (a prefix, or at most a third of its letters different, at least two), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase()
  let best: string | undefined
  let bestD = Math.max(2, Math.ceil(w.length / 3)) + 1
  for (const c of candidates) {
    const lc = c.toLowerCase()
    const d = lc === w ? 0 : lc.startsWith(w) || w.startsWith(lc) ? 1 : editDistance(w, lc)
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  return best
}
