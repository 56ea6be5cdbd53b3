/**
 * What a word is worth to the fidelity check beyond its spelling: number words by value ("four"
 * = 4, "a dozen" = 12) and dates by the day they name ("24 Feb 2022" = "February 24, 2022" =
 * `2022-02-24`). Pure.
 */

const UNITS = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(' ')
const TENS = 'thirty forty fifty sixty seventy eighty ninety'.split(' ')

/** Number words and their values: one to twenty, the tens, a dozen, hundred and the magnitudes. */
export const WORD_VALUES: ReadonlyMap<string, number> = new Map([
  ...UNITS.map((w, i): [string, number] => [w, i + 1]),
  ...TENS.map((w, i): [string, number] => [w, (i + 3) * 10]),
  ['dozen', 12],
  ['hundred', 100],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
])

/** The value of a number word as written, "twenty-four" included; undefined for anything else. */
export function wordValue(word: string): number | undefined {
  const parts = word.toLowerCase().split(/[-‐‑–—]/)
  if (parts.length === 2) {
    const [tens, unit] = parts.map((p) => WORD_VALUES.get(p ?? ''))
    return tens !== undefined && unit !== undefined && tens >= 20 && tens <= 90 && tens % 10 === 0 && unit < 10 ? tens + unit : undefined
  }
  return parts.length === 1 ? WORD_VALUES.get(parts[0] ?? '') : undefined
}

const MONTH_NAMES = 'january february march april may june july august september october november december'.split(' ')

/** A month's number (1-12) from its name or its usual abbreviation ("Feb", "Sept"), any case, with or without a full stop. */
export function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '')
  if (w.length < 3) return undefined
  const i = MONTH_NAMES.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w) && (w.length === 3 || w === 'sept')))
  return i >= 0 ? i + 1 : undefined
}

/** `2022-02` or `2022-02-24`: the key a date is compared by. */
export function dateKey(year: number, month: number, day?: number): string {
  const mm = String(month).padStart(2, '0')
  return day === undefined ? `${year}-${mm}` : `${year}-${mm}-${String(day).padStart(2, '0')}`
}

const YEAR = /^\d{4}$/
const DAY = /^\d{1,2}(?:st|nd|rd|th)?$/
const dayOf = (w: string): number | undefined => {
  if (!DAY.test(w)) return undefined
  const d = Number.parseInt(w, 10)
  return d >= 1 && d <= 31 ? d : undefined
}

/** A date found in a run of words: its key, and how many words it spans from `start`. */
export interface DateAt {
  key: string
  /** Also the month's key, for a day's date: "24 Feb 2022" supports "Feb 2022". */
  monthKey?: string
  start: number
  length: number
}

/**
 * The dates in a list of words (as tokenised, dashes split): `24 Feb 2022`, `Feb 24, 2022`,
 * `February 2022`, `2022-02-24` (as its three parts). A month name with no day or year beside it
 * is not a date.
 */
export function datesIn(words: readonly string[]): DateAt[] {
  const found: DateAt[] = []
  for (let i = 0; i < words.length; i++) {
    const [a = '', b = '', c = ''] = words.slice(i, i + 3)
    const m = monthOf(b)
    // 24 Feb 2022
    if (dayOf(a) !== undefined && m !== undefined && YEAR.test(c)) {
      found.push(dated(Number(c), m, dayOf(a), i, 3))
      i += 2
      continue
    }
    const ma = monthOf(a)
    if (ma !== undefined && dayOf(b) !== undefined && YEAR.test(c)) found.push(dated(Number(c), ma, dayOf(b), i, 3))
    else if (ma !== undefined && YEAR.test(b)) found.push(dated(Number(b), ma, undefined, i, 2))
    else if (YEAR.test(a) && /^\d{2}$/.test(b) && /^\d{2}$/.test(c) && Number(b) >= 1 && Number(b) <= 12 && dayOf(c) !== undefined)
      found.push(dated(Number(a), Number(b), Number(c), i, 3))
    else continue
    i += (found[found.length - 1]?.length ?? 1) - 1
  }
  return found
}

function dated(year: number, month: number, day: number | undefined, start: number, length: number): DateAt {
  return { key: dateKey(year, month, day), ...(day !== undefined ? { monthKey: dateKey(year, month) } : {}), start, length }
}
