/**
 * The widths figures lay text out with, from the fonts a deck is drawn in: the theme's font
 * (deck.yaml `theme: { font }`) where it has the letter, then Source Sans 3 (every subset: a
 * deck gets those its text uses, src/fonts/faces.ts), then a wide guess for the system's fonts.
 * The measure's key (what cached figures are named by) comes from the files (fontsource's by size
 * and time, like the other packages figures depend on; the theme's by content); their tables
 * (named by content) are read on the first width asked for, which a build whose figures are
 * cached never does.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { type AdvanceTable, type FaceTables, stackMeasure, type TextMeasure } from '../figures/measure.ts'
import { advanceTable, fontHash } from './advance-table.ts'
import { EXTRA_SUBSETS, parseRanges, type Subset, subsetFile, subsetRanges } from './subsets.ts'

/** Bumped when the tables or their use change: cached figures laid out with the old ones are not reused. */
const TABLES_VERSION = 'advance-tables v1'

/** A font file, read (and hashed, which names its table) only when its table is wanted. */
interface FontFile {
  path: string
  /** What the measure's key takes from it: its size and time for a package's file, its content's hash for the deck's own. */
  stamp: string
}
const fontFile = (path: string): FontFile => {
  const st = statSync(path)
  return { path, stamp: `${st.size}:${st.mtimeMs}` }
}

/** Source Sans 3's subsets at one weight, Latin first, as the browser falls from one to the next. */
function sourceSansFiles(weight: number): { subset: Subset; file: FontFile }[] {
  return (['latin', ...EXTRA_SUBSETS] as const).map((subset) => ({ subset, file: fontFile(subsetFile(subset, weight, 'normal')) }))
}

const tableOf = (root: string, path: string): AdvanceTable => {
  const bytes = readFileSync(path)
  return advanceTable(root, bytes, fontHash(bytes))
}

/** One table for a weight: each subset's characters inside its unicode-range (Latin's face has none: all of it). */
function mergedTable(root: string, files: readonly { subset: Subset; file: FontFile }[]): AdvanceTable {
  const ranges = subsetRanges()
  const out = new Map<number, number>()
  for (const { subset, file } of files) {
    const within = subset === 'latin' ? undefined : parseRanges(ranges[subset])
    for (const [cp, em] of tableOf(root, file.path)) {
      if (out.has(cp) || (within && !within.some(([a, b]) => cp >= a && cp <= b))) continue
      out.set(cp, em)
    }
  }
  return out
}

const measures = new Map<string, TextMeasure>()

/**
 * The measure for a deck under `root` whose theme names `themeFont` (a project path), if any.
 * The same fonts give the same measure object, so figures laid out once are reused.
 */
export function deckMeasure(root: string, themeFont?: string): TextMeasure {
  const regular = sourceSansFiles(400)
  const bold = sourceSansFiles(700)
  let theme: { path: string; hash: string } | undefined
  try {
    // The deck's own font by content: it is small, and an edit may keep its size and time.
    theme = themeFont ? { path: join(root, themeFont), hash: fontHash(readFileSync(join(root, themeFont))) } : undefined
  } catch {
    theme = undefined // unreadable: deck.yaml's check says so; the deck falls back to Source Sans 3
  }
  const key = createHash('sha256')
    .update([TABLES_VERSION, theme?.hash ?? '', ...[...regular, ...bold].map((f) => `${f.subset}:${f.file.stamp}`)].join('\0'))
    .digest('hex')
    .slice(0, 16)
  const known = measures.get(key)
  if (known) return known
  const measure = stackMeasure(`fonts-${key}`, () => {
    const faces: FaceTables[] = []
    if (theme) {
      try {
        faces.push({ regular: tableOf(root, theme.path) })
      } catch {
        // A file fontkit cannot read: its letters are measured as Source Sans 3's.
      }
    }
    faces.push({ regular: mergedTable(root, regular), bold: mergedTable(root, bold) })
    return faces
  })
  measures.set(key, measure)
  return measure
}
