/**
 * A value kept in one file under node_modules/.cache/ (rendered figures, src/compiler/
 * figure-cache.ts; fonts' width tables, src/fonts/advance-table.ts). Any cache problem falls back
 * to computing the value. The I/O edge only.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A value cached in `file`: read and verified, else computed and written (temporary name, then renamed). */
export function cached<T>(file: string, decode: (entry: string) => T | undefined, encode: (value: T) => string, compute: () => T): T {
  try {
    const hit = decode(readFileSync(file, 'utf8'))
    if (hit) return hit
  } catch {
    // not cached yet
  }
  const out = compute()
  try {
    mkdirSync(join(file, '..'), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, encode(out))
    renameSync(tmp, file)
  } catch {
    // read-only or missing node_modules: no cache, same result
  }
  return out
}
