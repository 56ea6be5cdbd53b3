/**
 * A source's sentences, by the offsets where each starts: one linear pass, so a long source
 * stays cheap (Intl.Segmenter's sentence breaks grow much faster than the text and cut after
 * every "U.S."; compromise is slower still). Pure.
 *
 * A sentence ends at `.`, `!` or `?` (closing quotes and brackets with it) before a space and a
 * capital, a digit or an opening quote, unless the word is an abbreviation ("U.S.", "Mr.", an
 * initial); and at a line break, unless the line is hard-wrapped prose: it runs on when the
 * next line starts in lower case, or, in a text whose prose lines are wrapped (few run past
 * 120 characters), when a long line stops mid-phrase (a heading stays a sentence of its own).
 */

const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st sr jr vs etc eg ie no nos gen col lt sgt capt adm cmdr gov sen rep pres jan feb mar apr jun jul aug sep sept oct nov dec approx inc ltd co corp dept est fig vol pp ca cf al'.split(
    ' ',
  ),
)
/** A line this long that stops without a full stop is taken for hard-wrapped prose. */
const WRAP_WIDTH = 60
const BLOCK_START = /^\s*(?:[#>|*+-]|\d+[.)]\s)/

/** The offsets where the sentences of `text` start: 0 first, ascending. */
export function sentenceStarts(text: string): number[] {
  const starts = [0]
  const prose = text.split('\n').filter((l) => l.trim() && !BLOCK_START.test(l))
  const wrapped = prose.filter((l) => l.length > 120).length * 10 < prose.length
  const cut = (at: number) => {
    const last = starts[starts.length - 1] ?? 0
    if (at <= last || at >= text.length) return
    // A blank line is no sentence: it goes with the next.
    if (starts.length > 1 && !text.slice(last, at).trim()) starts[starts.length - 1] = at
    else starts.push(at)
  }
  const re = /([.!?])["'”’)\]]*([ \t]+)(?=["'“‘([]?[\p{Lu}\p{N}])|\n/gu
  for (const m of text.matchAll(re)) {
    if (m[0] === '\n') {
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1
      const line = text.slice(lineStart, m.index)
      const nextEnd = text.indexOf('\n', m.index + 1)
      const next = text.slice(m.index + 1, nextEnd < 0 ? text.length : nextEnd)
      if (runsOn(line, next, wrapped)) continue
      cut(m.index + 1)
      continue
    }
    if (m[1] === '.' && isAbbreviation(text, m.index)) continue
    cut(m.index + m[0].length)
  }
  return starts
}

/** Does a line run on into the next (hard-wrapped prose), rather than end its sentence? */
function runsOn(line: string, next: string, wrapped: boolean): boolean {
  if (!line.trim() || !next.trim() || BLOCK_START.test(next) || /^\s*[#|]/.test(line) || /\|\s*$/.test(line)) return false
  if (/^\s*\p{Ll}/u.test(next)) return true
  return wrapped && line.length >= WRAP_WIDTH && !/[.!?:;"'”’)]\s*$/.test(line)
}

/** Is the word ending at the full stop at `dot` an abbreviation or an initial? */
function isAbbreviation(text: string, dot: number): boolean {
  const word = /[\p{L}.]+$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[0] ?? ''
  if (/^(?:\p{L}\.)*\p{L}$/u.test(word)) return true // "A.", "U.S."
  return ABBREVIATIONS.has(word.toLowerCase().replace(/\./g, ''))
}

/** The sentence from `start` to `end`, as a reader should see it: one line, Markdown's marks gone, at most `max` characters. */
export function sentenceText(text: string, start: number, end: number, max = 320): string {
  const plain = text
    .slice(start, end)
    .replace(/^\s*(?:#+|[>*+-]|\d+[.)])\s+/, '')
    .replace(/\s*\|\s*/g, ' · ')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s·]+|[\s·]+$/g, '')
  return plain.length <= max ? plain : `${plain.slice(0, max - 1).replace(/\s+\S*$/, '')}…`
}
