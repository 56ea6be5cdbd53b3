/**
 * Source Sans 3, the deck's font, as fontsource ships it: a file per script subset and face. The
 * pages always carry the Latin subset (assets/base.css); the others are added to a deck whose
 * text uses their characters (src/fonts/faces.ts), so every deck's text is drawn, and measured,
 * in Source Sans 3 wherever the font has the letters.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The subsets besides Latin, in the order a browser tries them (the last declared face first). */
export const EXTRA_SUBSETS = ['latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext'] as const
export type Subset = 'latin' | (typeof EXTRA_SUBSETS)[number]

/** The faces assets/base.css declares for the Latin subset; each extra subset gets the same. */
export const FACES = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 600, style: 'normal' },
  { weight: 700, style: 'normal' },
] as const

/** A unicode-range list (`U+0400-045F,U+2116`) as [first, last] pairs. */
export function parseRanges(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [a = '0', b = a] = part.trim().replace(/^U\+/i, '').split('-')
    return [Number.parseInt(a, 16), Number.parseInt(b, 16)]
  })
}

const inRanges = (cp: number, ranges: readonly [number, number][]): boolean => ranges.some(([a, b]) => cp >= a && cp <= b)

let packageDir: string | undefined
/** The fontsource package's folder. */
export function fontsourceDir(): string {
  packageDir ??= dirname(createRequire(import.meta.url).resolve('@fontsource/source-sans-3/LICENSE'))
  return packageDir
}

let rangesCache: Record<Subset, string> | undefined
/** Each subset's unicode-range, as fontsource states it (its unicode.json). */
export function subsetRanges(): Record<Subset, string> {
  rangesCache ??= JSON.parse(readFileSync(join(fontsourceDir(), 'unicode.json'), 'utf8')) as Record<Subset, string>
  return rangesCache
}

/** The file of one subset's face. */
export function subsetFile(subset: Subset, weight: number, style: string): string {
  return join(fontsourceDir(), 'files', `source-sans-3-${subset}-${weight}-${style}.woff`)
}

/** Characters no face of Source Sans 3 but Latin's could draw: most decks have none, and are done in one scan. */
const BEYOND_LATIN = /[^\u0000-\u00FF\u0131\u0152\u0153\u02BB\u02BC\u02C6\u02DA\u02DC\u2000-\u206F\u20AC\u2122\u2191\u2193\u2212\u2215\uFEFF\uFFFD]/gu

/**
 * The extra subsets `text` needs: for each character the Latin subset lacks, the first subset
 * (in the browser's order) whose unicode-range has it. Characters no subset has are left to
 * the system's fonts. Pure but for fontsource's unicode.json.
 */
export function subsetsFor(text: string): Subset[] {
  const beyond = new Set(text.match(BEYOND_LATIN))
  if (beyond.size === 0) return []
  const ranges = subsetRanges()
  const latin = parseRanges(ranges.latin)
  const parsed = EXTRA_SUBSETS.map((s) => [s, parseRanges(ranges[s])] as const)
  const found = new Set<Subset>()
  for (const ch of beyond) {
    const cp = ch.codePointAt(0) ?? 0
    if (inRanges(cp, latin)) continue
    const hit = parsed.find(([, r]) => inRanges(cp, r))
    if (hit) found.add(hit[0])
  }
  return EXTRA_SUBSETS.filter((s) => found.has(s))
}
