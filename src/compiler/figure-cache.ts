/**
 * The on-disk cache of rendered figures (node_modules/.cache/deck/figures/). A figure is a pure
 * function of its kind, its validated spec, its id and the figure code, so the entry's name is a
 * hash of those. Each entry carries a hash of its own content: a truncated or corrupted file is
 * detected on read and the figure is rendered again. Any cache problem falls back to rendering.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FigureRender } from '../figures/kinds.ts'

const MAGIC = 'deck-figure-cache v1'

/** JSON with object keys sorted at every level, so equal specs give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

/** The entry's file name: a hash of the figure code version, the kind, the spec and the id. */
export function figureCacheKey(version: string, kind: string, spec: unknown, id: string): string {
  return sha256(`${version}\0${kind}\0${canonicalJson(spec)}\0${id}`).slice(0, 32)
}

/** An entry: a header line with the hash of the payload, then the payload (the render as JSON). */
export function encodeEntry(render: FigureRender): string {
  const payload = JSON.stringify({ svg: render.svg, text: render.text, claims: render.claims })
  return `${MAGIC} ${sha256(payload)}\n${payload}`
}

/** The render an entry holds, or undefined when it is not a whole, intact entry. */
export function decodeEntry(entry: string): FigureRender | undefined {
  const nl = entry.indexOf('\n')
  if (nl < 0) return undefined
  const [magic, hash] = [entry.slice(0, MAGIC.length), entry.slice(MAGIC.length + 1, nl)]
  const payload = entry.slice(nl + 1)
  if (magic !== MAGIC || hash !== sha256(payload)) return undefined
  try {
    const r = JSON.parse(payload) as Partial<FigureRender>
    if (typeof r.svg !== 'string' || typeof r.text !== 'string' || !Array.isArray(r.claims)) return undefined
    if (!r.svg.startsWith('<svg') || !r.svg.endsWith('</svg>')) return undefined
    return { svg: r.svg, text: r.text, claims: r.claims.map(String) }
  } catch {
    return undefined
  }
}

/**
 * A cached render: read and verify the entry, else render and write it (to a temporary name,
 * then renamed, so a concurrent build never reads half a file).
 */
export function cachedFigure(dir: string, key: string, render: () => FigureRender): FigureRender {
  const file = join(dir, `${key}.json`)
  try {
    const hit = decodeEntry(readFileSync(file, 'utf8'))
    if (hit) return hit
  } catch {
    // not cached yet
  }
  const out = render()
  try {
    mkdirSync(dir, { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, encodeEntry(out))
    renameSync(tmp, file)
  } catch {
    // read-only or missing node_modules: no cache, same result
  }
  return out
}
