/**
 * The figures' PNG fallbacks, kept between runs of `npm run pptx`: drawing them is about a
 * quarter of the command's time (Chromium rasterises and encodes each figure at 1.5 times the
 * slide's pixels), and a figure rarely changes between two runs when the slides' text does.
 *
 * A PNG is found by what decides its pixels: the standalone SVG (its computed styles inlined),
 * the background it is drawn on, its size in pixels, the font files the deck ships (Vite names
 * them by content, so a changed font is a new name) and Chromium's version. Anything else is a
 * new key, so a stale picture cannot be reused. `npm run pptx -- --no-cache` draws them all again.
 *
 * The key is pure; the I/O edge (a folder of `<key>.png`, written by rename so a run beside
 * another never reads half a file, the newest few hundred kept) follows.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pruneFolder } from '../cache/prune.ts'

export interface PngKeyParts {
  svg: string
  background: string
  width: number
  height: number
  /** File names of the fonts the deck ships (dist/assets/*.woff2…), any order. */
  fonts: readonly string[]
  /** Chromium's product string (`Browser.getVersion`). */
  browser: string
}

/** The cache key of one figure's PNG. Pure. */
export function pngKey(p: PngKeyParts): string {
  const h = createHash('sha256').update('png-v1\0')
  for (const part of [p.svg, p.background, String(p.width), String(p.height), [...p.fonts].sort().join('\n'), p.browser]) h.update(part).update('\0')
  return h.digest('hex').slice(0, 40)
}

/** The PNG signature: a cached file that does not start with it is not used. */
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/** PNG files end with the IEND chunk: a truncated file is not used either. */
const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])

export interface PngCache {
  get(key: string): Buffer | undefined
  set(key: string, png: Buffer): void
}

/** A folder of PNGs by key; the `keep` most recently used stay. Never throws: a cache that fails is a miss. */
export function folderCache(dir: string, keep = 200): PngCache {
  let written = false
  return {
    get(key) {
      const file = join(dir, `${key}.png`)
      try {
        const png = readFileSync(file)
        if (!png.subarray(0, 8).equals(PNG_MAGIC) || !png.subarray(-8).equals(PNG_END)) return undefined
        const now = new Date()
        utimesSync(file, now, now)
        return png
      } catch {
        return undefined
      }
    },
    set(key, png) {
      try {
        mkdirSync(dir, { recursive: true })
        const tmp = join(dir, `.${key}-${process.pid}`)
        writeFileSync(tmp, png)
        renameSync(tmp, join(dir, `${key}.png`))
        if (!written) pruneFolder(dir, keep, (f) => f.endsWith('.png'))
        written = true
      } catch {
        // not kept: drawn again next time
      }
    },
  }
}
