/**
 * The on-disk cache of rendered figures (node_modules/.cache/deck/figures/). A figure is a pure
 * function of its kind, its validated spec, its id and the figure code, so the entry's name is a
 * hash of those. Each entry carries a hash of its own content: a truncated or corrupted file is
 * detected on read and the figure is rendered again. Any cache problem falls back to rendering.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { cached } from '../cache/file-cache.ts'
import type { FigureRender } from '../figures/kinds.ts'
import type { FigureBlockInput, FigureBlockResult } from './figure-block.ts'

const MAGIC = 'deck-figure-cache v1'

/** JSON with object keys sorted at every level, so equal specs give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
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
  return cached(join(dir, `${key}.json`), decodeEntry, encodeEntry, render)
}

// --- whole figure blocks --------------------------------------------------------------------------
// A fenced figure block's result (its <figure>, its located diagnostics, what the slide records)
// is a pure function of the block's text, where it stands, its id and the code that reads and
// draws it: cached as a whole, a build skips the YAML parse and the kind's checks and layout too
// (most of a cold compile's time in a deck with figures).

const BLOCK_MAGIC = 'deck-figure-block v1'

/** The block entry's file name: a hash of the code version and everything the block's result depends on. */
export function figureBlockKey(version: string, input: Omit<FigureBlockInput, 'render' | 'measure'>): string {
  const { file, line, column } = input.fence
  return `b-${sha256(JSON.stringify([version, input.kind.name, input.body, file, line, column, input.indent, input.id])).slice(0, 32)}`
}

export function encodeBlock(result: FigureBlockResult): string {
  const payload = JSON.stringify(result)
  return `${BLOCK_MAGIC} ${sha256(payload)}\n${payload}`
}

const isPos = (p: unknown): boolean => {
  const o = p as { file?: unknown; line?: unknown; column?: unknown } | null
  return !!o && typeof o.file === 'string' && typeof o.line === 'number' && typeof o.column === 'number'
}

/** The block result an entry holds, or undefined when it is not a whole, intact entry. */
export function decodeBlock(entry: string): FigureBlockResult | undefined {
  const nl = entry.indexOf('\n')
  if (nl < 0) return undefined
  const payload = entry.slice(nl + 1)
  if (entry.slice(0, BLOCK_MAGIC.length) !== BLOCK_MAGIC || entry.slice(BLOCK_MAGIC.length + 1, nl) !== sha256(payload)) return undefined
  try {
    const r = JSON.parse(payload) as Partial<FigureBlockResult>
    if (typeof r.html !== 'string' || !Array.isArray(r.diagnostics)) return undefined
    const diagnosticsOk = r.diagnostics.every(
      (d) => d && (d.severity === 'error' || d.severity === 'warning') && typeof d.code === 'string' && typeof d.message === 'string' && isPos(d.pos),
    )
    const f = r.figure
    const figureOk =
      f === undefined ||
      (typeof f.name === 'string' &&
        typeof f.alt === 'string' &&
        typeof f.line === 'number' &&
        Array.isArray(f.claims) &&
        f.claims.every((c) => typeof c === 'string'))
    return diagnosticsOk && figureOk ? (r as FigureBlockResult) : undefined
  } catch {
    return undefined
  }
}

/** A cached figure block: read and verify the entry, else compute and write it. */
export function cachedFigureBlock(dir: string, key: string, compute: () => FigureBlockResult): FigureBlockResult {
  return cached(join(dir, `${key}.json`), decodeBlock, encodeBlock, compute)
}
