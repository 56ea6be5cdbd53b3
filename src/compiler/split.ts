import { diag } from './diagnostics.ts'
import type { Diagnostic, PartAttrs, Segment, SlidePart, SourcePos } from './types.ts'

/** A line that is exactly `--` starts a vertical sub-slide (reveal.js's markdown convention). */
const RE_SUBSLIDE = /^--[ \t]*$/
/** reveal.js's `notes?:` marker, stricter: alone on its line, so prose starting "Note:" stays prose. */
const RE_NOTES = /^notes?:[ \t]*$/i
const RE_FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/
const RE_SUBTITLE = /^##[ \t]+(.+?)[ \t#]*$/
/** `{layout=quote .class build}` at the end of a sub-slide's heading (Pandoc's attribute syntax). */
const RE_ATTRS = /[ \t]*\{([^{}]*)\}$/

interface Line {
  text: string
  /** 0-based index within the body. */
  index: number
  inFence: boolean
}

/** Mark every body line as inside or outside fenced code; report a fence left open. */
export function scanFences(body: Segment): { lines: Line[]; diagnostics: Diagnostic[] } {
  const raw = body.text.split('\n')
  const lines: Line[] = []
  let open: { char: string; len: number; index: number } | null = null
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i] ?? ''
    const m = RE_FENCE.exec(text)
    if (open) {
      lines.push({ text, index: i, inFence: true })
      const fence = m?.[1]
      if (fence && fence[0] === open.char && fence.length >= open.len && (m?.[2] ?? '').trim() === '') open = null
      continue
    }
    if (m?.[1] && !(m[1][0] === '`' && (m[2] ?? '').includes('`'))) {
      open = { char: m[1][0] ?? '`', len: m[1].length, index: i }
      lines.push({ text, index: i, inFence: true })
      continue
    }
    lines.push({ text, index: i, inFence: false })
  }
  const diagnostics = open
    ? [diag('fence-unclosed', lineAt(body, open.index, 1), `this code block is never closed: add a line "${open.char.repeat(open.len)}" after its last line`)]
    : []
  return { lines, diagnostics }
}

/**
 * Cut a file body into slide parts: the first part, then one per `--` line (vertical
 * sub-slides), each split into content and notes at its `Notes:` line. Fence-aware.
 */
export function splitParts(body: Segment): { parts: SlidePart[]; diagnostics: Diagnostic[] } {
  const { lines, diagnostics } = scanFences(body)
  const groups: Line[][] = [[]]
  for (const line of lines) {
    if (!line.inFence && RE_SUBSLIDE.test(line.text)) groups.push([line])
    else groups[groups.length - 1]?.push(line)
  }
  const parts = groups.map((group, g) => {
    const isSub = g > 0
    const startLine = group[0]?.index ?? lines.length
    const content = isSub ? group.slice(1) : group
    return splitPart(body, content, lineAt(body, startLine, 1), isSub, diagnostics)
  })
  return { parts, diagnostics }
}

function splitPart(body: Segment, lines: Line[], pos: SourcePos, isSub: boolean, out: Diagnostic[]): SlidePart {
  let title: string | undefined
  let attrs: PartAttrs | undefined
  let rest = lines
  if (isSub) {
    const first = lines.findIndex((l) => l.text.trim() !== '')
    const m = first >= 0 ? RE_SUBTITLE.exec(lines[first]?.text ?? '') : null
    if (m?.[1] && !lines[first]?.inFence) {
      title = m[1]
      const a = RE_ATTRS.exec(title)
      if (a && a.index > 0) {
        const line = lines[first]?.text ?? ''
        attrs = { text: a[1] ?? '', pos: lineAt(body, lines[first]?.index ?? 0, line.lastIndexOf('{') + 2) }
        title = title.slice(0, a.index)
      }
      rest = lines.slice(first + 1)
    } else {
      out.push(diag('subslide-title-missing', pos, 'a sub-slide (after a "--" line) must start with a "## " heading that states its point'))
    }
  }
  const markers = rest.filter((l) => !l.inFence && RE_NOTES.test(l.text))
  for (const extra of markers.slice(1)) {
    out.push(
      diag(
        'notes-duplicate',
        lineAt(body, extra.index, 1),
        `a second notes marker in one slide (the first is on line ${lineAt(body, markers[0]?.index ?? 0, 1).line}): merge the notes, or start a new sub-slide with a "--" line before this one`,
      ),
    )
  }
  const marker = markers[0]
  const contentLines = marker ? rest.slice(0, rest.indexOf(marker)) : rest
  const extra = new Set(markers.slice(1))
  const notesLines = marker ? rest.slice(rest.indexOf(marker) + 1).filter((l) => !extra.has(l)) : null
  return {
    ...(title !== undefined ? { title } : {}),
    ...(attrs ? { attrs } : {}),
    content: segmentOf(body, contentLines, pos),
    notes: notesLines && marker ? segmentOf(body, notesLines, lineAt(body, marker.index + 1, 1)) : null,
    pos,
  }
}

function segmentOf(body: Segment, lines: Line[], fallback: SourcePos): Segment {
  const first = lines[0]
  return { text: lines.map((l) => l.text).join('\n'), start: first ? lineAt(body, first.index, 1) : fallback }
}

function lineAt(body: Segment, index: number, column: number): SourcePos {
  return { file: body.start.file, line: body.start.line + index, column }
}
