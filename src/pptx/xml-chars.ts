/**
 * Characters XML 1.0 cannot hold (C0 controls other than tab and line breaks, U+FFFE/U+FFFF,
 * unpaired surrogates): one in any part makes PowerPoint repair and Impress refuse the file. A
 * slide can carry them (pasted, or written `&#1;`), so every string of the laid-out deck is
 * cleaned before conversion, and the slides that had some are named for a warning.
 */
import type { ExtractedDeck } from './model.ts'

const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** `text` without the characters XML 1.0 cannot hold, and how many there were. Pure. */
export function xmlText(text: string): { text: string; removed: number } {
  let removed = 0
  const out = text.replace(INVALID, () => {
    removed++
    return ''
  })
  return { text: out, removed }
}

function clean<T>(value: T, count: { n: number }): T {
  if (typeof value === 'string') {
    const { text, removed } = xmlText(value)
    count.n += removed
    return text as T
  }
  if (Array.isArray(value)) return value.map((v) => clean(v, count)) as T
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clean(v, count)])) as T
  return value
}

/** `value` with every string in it cleaned, and how many characters were removed. Pure. */
export function xmlSafe<T>(value: T): { value: T; removed: number } {
  const count = { n: 0 }
  return { value: clean(value, count), removed: count.n }
}

/** The deck with every string cleaned, and the number of characters removed by slide id. Pure. */
export function xmlSafeDeck(deck: ExtractedDeck): { deck: ExtractedDeck; removed: Map<string, number> } {
  const removed = new Map<string, number>()
  const slides = deck.slides.map((s) => {
    const count = { n: 0 }
    const out = clean(s, count)
    if (count.n) removed.set(s.id, count.n)
    return out
  })
  return { deck: { ...deck, slides }, removed }
}
