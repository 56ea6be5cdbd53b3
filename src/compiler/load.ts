import { existsSync, readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { readGated, refusalText } from '../files/read-gate.ts'
import { diag } from './diagnostics.ts'
import { at, lineColAt } from './position.ts'
import type { Diagnostic, SourceFile } from './types.ts'

/**
 * Files larger than this are refused: a briefing slide is a few KB (the largest here is under 5 KB),
 * and the Markdown renderer slows down sharply on huge pathological files (deep nesting), so a pasted
 * dump is refused at once instead of stalling the build. Tested in tests/errors.test.ts.
 */
export const MAX_FILE_BYTES = 256_000

export interface LoadedSlides {
  files: SourceFile[]
  deckFile?: SourceFile
  diagnostics: Diagnostic[]
}

/** The I/O edge: read `slides/*.md` and `slides/deck.yaml`, decode strictly as UTF-8, normalise line endings. */
export function loadSlides(root: string, slidesDir = 'slides'): LoadedSlides {
  const dir = join(root, slidesDir)
  const diagnostics: Diagnostic[] = []
  const files: SourceFile[] = []
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.md'))
        .sort()
    : []
  for (const name of names) {
    const file = readSource(root, dir, join(dir, name), diagnostics)
    if (file) files.push(file)
  }
  const deckPath = join(dir, 'deck.yaml')
  const deckFile = existsSync(deckPath) ? readSource(root, dir, deckPath, diagnostics) : undefined
  return { files, ...(deckFile ? { deckFile } : {}), diagnostics }
}

function readSource(root: string, dir: string, abs: string, out: Diagnostic[]): SourceFile | undefined {
  const path = relative(root, abs).split(sep).join('/')
  const read = readGated(abs, { folders: [dir], maxBytes: MAX_FILE_BYTES })
  // Deleted or renamed between listing and reading (an editor saving, the dev server watching): gone.
  if (read.reason === 'missing') return undefined
  if (read.reason === 'too-large') {
    out.push(
      diag(
        'file-too-large',
        at(path, 1),
        `the file is ${read.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for a slide file: split it into several slide files or remove pasted material`,
      ),
    )
    return undefined
  }
  if (read.reason) {
    out.push(diag('file-refused', at(path, 1), refusalText(read, 'this slide file', 'the slides/ folder')))
    return undefined
  }
  const decoded = decodeSource(path, read.bytes)
  if ('error' in decoded) {
    out.push(decoded.error)
    return undefined
  }
  return decoded
}

/** Strict UTF-8 decoding; a bad byte is reported at its line and column. Pure. */
export function decodeSource(path: string, bytes: Uint8Array): SourceFile | { error: Diagnostic } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
    return { path, text: text.replace(/\r\n?/g, '\n') }
  } catch {
    const bad = firstInvalidUtf8(bytes)
    const good = new TextDecoder('utf-8').decode(bytes.subarray(0, bad))
    const { line, column } = lineColAt(good, good.length)
    return {
      error: diag(
        'file-encoding',
        at(path, line, column),
        `the file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad}): save it as UTF-8 in your editor`,
      ),
    }
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1
    if (n < 0) return i
    for (let k = 1; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i
    i += n
  }
  return bytes.length
}

/** The slide files and deck.yaml under `root`, as a compile reads them (for comparing with a build's record). */
export function slideSources(root: string, slidesDir = 'slides'): SourceFile[] {
  const loaded = loadSlides(root, slidesDir)
  return [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])]
}
