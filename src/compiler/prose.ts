/**
 * The prose of a segment, line by line, from the tokens marked lexed it into (the grammar the
 * slide is rendered with): what the fidelity check reads claims from. Code blocks are skipped;
 * inline markup goes, link and image text stays. Pure.
 */
import { decodeHTML } from 'entities'
import type { Token, Tokens } from 'marked'
import type { ProseLine, SourcePos } from './types.ts'

/** Raw HTML as text: tags gone, an image's alt text kept. */
function htmlText(raw: string): string {
  return raw.replace(/<img\b[^>]*\balt\s*=\s*"([^"]*)"[^>]*>/gi, ' $1 ').replace(/<[^>]+>/g, ' ')
}

/** The text a reader sees in inline tokens (entities decoded once, at the end, by the caller). */
function inlineText(tokens: readonly Token[] | undefined): string {
  let out = ''
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
        out += 'tokens' in t && t.tokens?.length ? inlineText(t.tokens) : t.raw
        break
      case 'escape':
      case 'codespan':
        out += (t as Tokens.Codespan).text
        break
      case 'image':
        out += (t as Tokens.Image).text
        break
      case 'br':
        out += '\n'
        break
      case 'html':
        out += htmlText(t.raw)
        break
      default:
        out += 'tokens' in t && t.tokens ? inlineText(t.tokens) : ''
    }
  }
  return out
}

/**
 * The prose lines of `tokens`, lexed from `text` (which starts at `locate(0)`). `notes`: the
 * segment is speaker notes.
 */
export function proseOf(tokens: readonly Token[], text: string, locate: (offset: number) => SourcePos, notes: boolean): ProseLine[] {
  const out: ProseLine[] = []
  const block = (value: string, at: number, extra: Partial<ProseLine> = {}): void => {
    const start = locate(at)
    decodeHTML(value)
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return
        out.push({ pos: i === 0 ? start : { ...start, line: start.line + i, column: 1 }, text: line.trim(), blockStart: i === 0, notes, ...extra })
      })
  }
  const visit = (list: readonly Token[], parentRaw: string, parentAt: number): void => {
    let from = 0
    for (const t of list) {
      const i = parentRaw.indexOf(t.raw, from)
      const at = parentAt + (i >= 0 ? i : from)
      if (i >= 0) from = i + t.raw.length
      switch (t.type) {
        case 'paragraph':
        case 'heading':
        case 'text':
          block(
            inlineText((t as Tokens.Paragraph).tokens ?? [{ type: 'text', raw: (t as Tokens.Text).text, text: (t as Tokens.Text).text } as Tokens.Text]),
            at,
          )
          break
        case 'html':
          block(htmlText(t.raw), at)
          break
        case 'blockquote':
          visit((t as Tokens.Blockquote).tokens, t.raw, at)
          break
        case 'list':
          for (const item of (t as Tokens.List).items) {
            const j = t.raw.indexOf(item.raw)
            const first = out.length
            visit(item.tokens, item.raw, at + Math.max(0, j))
            const head = out[first]
            if (head) head.role = 'bullet'
          }
          break
        case 'table': {
          const table = t as Tokens.Table
          const line = locate(at).line
          const cell = (c: Tokens.TableCell, row: number, heading: boolean) => {
            const value = decodeHTML(inlineText(c.tokens)).trim()
            if (value) out.push({ pos: { ...locate(at), line: line + row, column: 1 }, text: value, blockStart: true, notes, ...(heading ? { heading } : {}) })
          }
          for (const c of table.header) cell(c, 0, true)
          table.rows.forEach((r, k) => {
            for (const c of r) cell(c, k + 2, false)
          })
          break
        }
        default:
        // code (never a claim), space, hr, def
      }
    }
  }
  visit(tokens, text, 0)
  return out
}
