/**
 * One copy of each picture in the package. pptxgenjs names a picture's file after the slide or
 * layout that shows it and shares a file only within one of them, so the logo on every layout
 * was stored once a layout. Pictures with the same bytes now share the first's file: every
 * relationship to a copy points at it, and the copies are dropped.
 */
import { createHash } from 'node:crypto'
import type { Parts } from './parts.ts'

/** Merges `ppt/media/` files with identical bytes into the first of them, in place; the names dropped. */
export function shareMedia(parts: Parts): string[] {
  const kept = new Map<string, string>()
  const renamed = new Map<string, string>()
  for (const [name, data] of parts) {
    if (!name.startsWith('ppt/media/') || typeof data === 'string') continue
    const ext = name.slice(name.lastIndexOf('.'))
    const key = `${ext} ${createHash('sha256').update(data).digest('hex')}`
    const first = kept.get(key)
    if (first) renamed.set(name.slice('ppt/media/'.length), first.slice('ppt/media/'.length))
    else kept.set(key, name)
  }
  if (!renamed.size) return []
  for (const [name, data] of parts) {
    if (!name.endsWith('.rels') || typeof data !== 'string') continue
    parts.set(
      name,
      data.replace(/Target="\.\.\/media\/([^"]+)"/g, (m, file: string) => {
        const to = renamed.get(file)
        return to ? `Target="../media/${to}"` : m
      }),
    )
  }
  for (const name of renamed.keys()) parts.delete(`ppt/media/${name}`)
  return [...renamed.keys()]
}
