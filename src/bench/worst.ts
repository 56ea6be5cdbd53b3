/**
 * The benchmark's worst cases for the compiler: slide files of about 256 KB (the file-size limit)
 * made of the constructs that cost marked the most per byte, each at the most the compiler still
 * accepts (src/compiler/complexity.ts: 2,000 inline markers in a file's slides and notes; 10 levels
 * of nesting), the rest of the file prose, against the same size of plain text. Deterministic and pure.
 */
import { MAX_INLINE_MARKERS, MAX_PARTS } from '../compiler/complexity.ts'
import { MAX_FILE_BYTES } from '../compiler/load.ts'
import { MAX_NESTING } from '../compiler/nesting.ts'
import type { SourceFile } from '../deck/model.ts'

/** The size each generated file is filled to: just under the file limit. */
export const WORST_BYTES = MAX_FILE_BYTES - 1_000
/** Markers per file: just under the limit. */
const MARKERS = MAX_INLINE_MARKERS - 10

const PROSE = 'The analyst explains the point in plain words with the numbers the article gives and what they mean for the room. '

export interface WorstCase {
  name: string
  files: SourceFile[]
  deckFile: SourceFile
}

const FRONT = (title: string) => `---\ntitle: "${title}"\nid: worst\n---\n`

/** Plain prose in paragraphs, filled to `bytes`. */
function prose(bytes: number): string {
  const para = `${PROSE.repeat(4).trim()}\n\n`
  let out = ''
  while (out.length + para.length <= bytes) out += para
  return out
}

/** One slide file: `segment(i)` repeated as "--" sub-slides, as many as a file may hold (MAX_PARTS), then prose to the size limit. */
function subSlides(title: string, segment: (i: number) => string): string {
  let text = `${FRONT(title)}${segment(0)}\n`
  for (let i = 1; i < MAX_PARTS; i++) {
    const next = `\n--\n\n## Sub-slide ${i} states its point\n\n${segment(i)}\n`
    if (text.length + next.length > WORST_BYTES) break
    text += next
  }
  return `${text}\n${prose(WORST_BYTES - Buffer.byteLength(text) - 1)}`
}

function deck(name: string, text: string): WorstCase {
  return {
    name,
    files: [{ path: 'slides/01-worst.md', text }],
    // Generous pacing: a file this long would otherwise be flagged as far too long to present.
    deckFile: { path: 'slides/deck.yaml', text: 'title: "Worst case"\nlang: en\ntargetMinutes: 240\ntoleranceMinutes: 120\n' },
  }
}

/** `unit` repeated `n` times on lines of about 80 bytes. */
function lines(unit: string, n: number): string {
  const perLine = Math.max(1, Math.floor(80 / unit.length))
  const out: string[] = []
  for (let i = 0; i < n; i += perLine) out.push(unit.repeat(Math.min(perLine, n - i)))
  return out.join('\n')
}

/** The plain-text reference: one slide of prose. */
export function plainCase(): WorstCase {
  const head = FRONT('Plain text fills the slide file')
  return deck('plain text', `${head}${prose(WORST_BYTES - head.length)}`)
}

/** The worst accepted inputs, by construct: the file's whole marker budget spent on one construct, then prose. */
export function worstCases(): WorstCase[] {
  const nest = MAX_NESTING
  // A table row of 10 cells has 11 pipes; as many rows as the marker limit allows.
  const tableRows = Math.floor(MARKERS / 11) - 2
  const table = [
    '| a | b | c | d | e | f | g | h | i | j |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...Array.from({ length: tableRows }, (_, r) => `| ${r} | b | c | d | e | f | g | h | i | j |`),
  ].join('\n')
  /** `block` first, then prose to the size limit. */
  const thenProse = (name: string, title: string, block: string) => {
    const head = `${FRONT(title)}${block}\n\n`
    return deck(name, `${head}${prose(WORST_BYTES - Buffer.byteLength(head))}`)
  }
  return [
    thenProse('`_a` ×1,990, then prose', 'Underscores then prose', lines('_a', MARKERS)),
    thenProse('`*a` ×1,990, then prose', 'Asterisks then prose', lines('*a', MARKERS)),
    thenProse('`` `a `` ×1,990, then prose', 'Backticks then prose', lines('`a', MARKERS)),
    thenProse('`[a` ×1,990, then prose', 'Brackets then prose', lines('[a', MARKERS)),
    thenProse('`<i>a</i>` ×995, then prose', 'Tags then prose', lines('<i>a</i>', MARKERS / 2)),
    thenProse('a table at the marker limit, then prose', 'A table then prose', table),
    deck(
      `quotes ${nest} deep, every line`,
      subSlides('Deep quotes fill every sub-slide', () => Array.from({ length: 40 }, (_, k) => `${'>'.repeat(nest)} line ${k} of a deep quote`).join('\n')),
    ),
    deck(
      `lists ${nest} deep`,
      subSlides('Deep lists fill every sub-slide', () => Array.from({ length: nest }, (_, k) => `${'  '.repeat(k)}- level ${k}`).join('\n')),
    ),
  ]
}
