/**
 * A font file's advance widths (code point -> em), read with fontkit once per font and cached on
 * disk (node_modules/.cache/deck/fonts/), named by the file's content hash: a build lays figure
 * text out from the table alone and loads fontkit only for a font it has not seen.
 */
import { createHash } from 'node:crypto'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type * as Fontkit from 'fontkit'
import { cached } from '../cache/file-cache.ts'
import type { AdvanceTable } from '../figures/measure.ts'

const MAGIC = 'deck-advance-table v1'

const sha256 = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex')

/** The content hash that names a font's table. */
export const fontHash = (bytes: Uint8Array): string => sha256(bytes).slice(0, 32)

/**
 * Every character the font maps, with its advance in em, from the font's horizontal metrics
 * (fontkit, loaded on first use: it is slow to load). Read from `hmtx` itself: fontkit's
 * `advanceWidth` also decodes the outline, which fails on a few of fontsource's glyphs.
 */
export function readAdvances(bytes: Uint8Array): Map<number, number> {
  const fontkit = createRequire(import.meta.url)('fontkit') as typeof Fontkit
  const opened = fontkit.create(bytes)
  const font = 'fonts' in opened ? opened.fonts[0] : opened
  const out = new Map<number, number>()
  if (!font) return out
  const { metrics } = font.hmtx
  const last = Math.max(0, font.hhea.numberOfMetrics - 1)
  for (const cp of font.characterSet) {
    const id = font.glyphForCodePoint(cp).id
    // Glyphs past the last metric share its advance (the OpenType hmtx rule).
    const advance = metrics.get(Math.min(id, last))?.advance ?? 0
    out.set(cp, Math.round((advance / font.unitsPerEm) * 10000) / 10000)
  }
  return out
}

/** An entry: a header line with the hash of the payload, then `[[codePoint, em], …]`. */
export function encodeTable(table: AdvanceTable): string {
  const payload = JSON.stringify([...table])
  return `${MAGIC} ${sha256(payload)}\n${payload}`
}

/** The table an entry holds, or undefined when it is not a whole, intact entry. */
export function decodeTable(entry: string): AdvanceTable | undefined {
  const nl = entry.indexOf('\n')
  const payload = entry.slice(nl + 1)
  if (nl < 0 || entry.slice(0, nl) !== `${MAGIC} ${sha256(payload)}`) return undefined
  try {
    const pairs = JSON.parse(payload) as unknown
    if (!Array.isArray(pairs) || !pairs.every((p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number')) return undefined
    return new Map(pairs as [number, number][])
  } catch {
    return undefined
  }
}

/** The font's table, from the cache under `root` or read now (and cached). */
export function advanceTable(root: string, bytes: Uint8Array, hash = fontHash(bytes)): AdvanceTable {
  return cached(join(root, 'node_modules', '.cache', 'deck', 'fonts', `${hash}.json`), decodeTable, encodeTable, () => readAdvances(bytes))
}
