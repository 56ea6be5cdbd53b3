import { diag } from './diagnostics.ts'
import { splitFrontmatter } from './frontmatter.ts'
import { at } from './position.ts'
import { splitParts } from './split.ts'
import type { Diagnostic, ParsedFile, SourceFile } from './types.ts'

const RE_ORDER = /^(\d+)[-_]/

/** The deep-link id a file gets when its frontmatter sets none: `03-energy-ties.md` -> `energy-ties`. */
export function defaultId(path: string): string {
  const base = (path.split('/').pop() ?? path).replace(/\.md$/i, '').replace(RE_ORDER, '')
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'slide'
  )
}

/** Parse one slide file: frontmatter, then sub-slides and notes. Never throws. */
export function parseSlideFile(file: SourceFile): { parsed: ParsedFile; diagnostics: Diagnostic[] } {
  const name = file.path.split('/').pop() ?? file.path
  const order = Number(RE_ORDER.exec(name)?.[1] ?? Number.MAX_SAFE_INTEGER)
  if (file.text.trim() === '') {
    return {
      parsed: { file: file.path, order, data: {}, keyPos: {}, dataPos: at(file.path, 1), dataOk: false, parts: [] },
      diagnostics: [
        diag('file-empty', at(file.path, 1), 'the slide file is empty: add a frontmatter block with a title, a body and notes, or delete the file'),
      ],
    }
  }
  const fm = splitFrontmatter(file)
  const split = splitParts(fm.body)
  return {
    parsed: { file: file.path, order, data: fm.data, keyPos: fm.keyPos, dataPos: fm.dataPos, dataOk: fm.diagnostics.length === 0, parts: split.parts },
    diagnostics: [...fm.diagnostics, ...split.diagnostics],
  }
}
