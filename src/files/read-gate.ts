/**
 * The one gate for a file the deck reads: it must really lie (links resolved) inside one of the
 * folders allowed, be a regular file (not a folder, a device or a FIFO, which would block or
 * never end), and be no larger than the cap. Applied where the file is opened, not on the text
 * that names it.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats, statSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'

export type GateRefusal =
  | { reason: 'missing' }
  | { reason: 'outside'; real: string }
  | { reason: 'not-a-file'; kind: string }
  | { reason: 'too-large'; size: number }

export interface GateOptions {
  /** Folders (absolute) the file must really lie in. */
  folders: readonly string[]
  /** Largest size read, in bytes. */
  maxBytes: number
}

/** What kind of thing a stat names, for messages. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder'
  if (st.isFIFO()) return 'a FIFO (named pipe)'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  if (st.isSocket()) return 'a socket'
  return 'not a regular file'
}

function inside(folder: string, real: string): boolean {
  let base: string
  try {
    base = realpathSync(folder)
  } catch {
    return false
  }
  const rel = relative(base, real)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** The file's bytes, or why the gate refuses it. */
export function readGated(abs: string, opts: GateOptions): { reason?: undefined; bytes: Uint8Array } | GateRefusal {
  let real: string
  try {
    real = realpathSync(abs)
  } catch {
    return { reason: 'missing' }
  }
  if (!opts.folders.some((f) => inside(f, real))) return { reason: 'outside', real }
  const st = statSync(real)
  if (!st.isFile()) return { reason: 'not-a-file', kind: kindOf(st) }
  if (st.size > opts.maxBytes) return { reason: 'too-large', size: st.size }
  // O_NONBLOCK: should the file be swapped for a FIFO after the stat, opening it does not block.
  const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    const now = fstatSync(fd)
    if (!now.isFile()) return { reason: 'not-a-file', kind: kindOf(now) }
    const bytes = new Uint8Array(Math.min(now.size, opts.maxBytes + 1))
    let read = 0
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, null)
      if (n === 0) break
      read += n
    }
    if (read > opts.maxBytes) return { reason: 'too-large', size: read }
    return { bytes: bytes.subarray(0, read) }
  } finally {
    closeSync(fd)
  }
}

/** The folders a deck's own files may come from: its slides/ and assets/. */
export function deckFolders(root: string, slidesDir = 'slides'): string[] {
  return [join(root, slidesDir), join(root, 'assets')]
}

/** A refusal in words, for a diagnostic: `what` names the file, `where` the folders allowed. */
export function refusalText(r: GateRefusal, what = 'the file', where = "the deck's slides/ and assets/ folders"): string {
  switch (r.reason) {
    case 'missing':
      return `${what} does not exist`
    case 'outside':
      return `${what} is a link that leads outside ${where} (to ${r.real}): copy the file in instead of linking to it`
    case 'not-a-file':
      return `${what} is ${r.kind}, not a file: remove it or rename it`
    case 'too-large':
      return `${what} is ${r.size} bytes or more, over the limit`
  }
}
