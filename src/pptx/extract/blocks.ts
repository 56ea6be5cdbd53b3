/**
 * Reading a slide's body in the deck's page, block by block: tables as cells, lists split into
 * their columns, layout containers into their children, code one paragraph a line; and the
 * speaker notes as paragraphs. Installed on `window.__deckExtract` after `text.ts` and
 * `figures.ts`. Runs in the page: self-contained (see src/browser/in-page-call.ts).
 */

import type { Block, Paragraph, TableBlock, TableCell, TextBlock } from '../model.ts'
import type { ExtractPage, ListParagraph } from './page.ts'

/** Installs `blocksOf` and `notesOf` on `window.__deckExtract`. */
export function installBlockReaders(): void {
  const x = (window as unknown as { __deckExtract: ExtractPage }).__deckExtract
  const { LISTS, BLOCKS } = x
  /** A list paragraph without the fields kept for splitting columns. */
  const plain = ({ _x, _box, ...p }: ListParagraph): Paragraph => p

  const tableBlock = (table: HTMLTableElement): TableBlock => {
    const style = x.styleOf(table)
    const rows: TableCell[][] = []
    const rowH: number[] = []
    let colW: number[] = []
    for (const tr of table.querySelectorAll('tr')) {
      const cells: TableCell[] = []
      for (const cell of tr.children) {
        if (cell.tagName !== 'TD' && cell.tagName !== 'TH') continue
        const cs = getComputedStyle(cell)
        const td = cell as HTMLTableCellElement
        cells.push({
          runs: x.runsOf(cell, style, false),
          header: cell.tagName === 'TH',
          colspan: td.colSpan || 1,
          rowspan: td.rowSpan || 1,
          align: cs.textAlign === 'center' || cs.textAlign === 'right' ? cs.textAlign : 'left',
        })
      }
      if (!cells.length) continue
      rows.push(cells)
      rowH.push(x.boxOf(tr).h)
      const widths = [...tr.children].filter((c) => (c as HTMLTableCellElement).colSpan === 1).map((c) => x.boxOf(c).w)
      if (widths.length > colW.length) colW = widths
    }
    const td = table.querySelector('td, th')
    const ruleColor = td ? x.hex(getComputedStyle(td).borderBottomColor) : ''
    return { kind: 'table', box: x.boxOf(table), style, rows, colW, rowH, ruleColor: ruleColor || style.color }
  }

  /** A list, split into one box per column when the page set it in columns. */
  const listBlocks = (list: Element): TextBlock[] => {
    const style = x.styleOf(list)
    const listBox = x.boxOf(list)
    const paras = x.listParagraphs(list, 0, style, [], listBox)
    const columns: Array<{ x: number; paras: ListParagraph[] }> = []
    for (const p of paras) {
      const col = p.level === 0 ? columns.find((c) => Math.abs(c.x - p._x) < 8) : columns[columns.length - 1]
      if (col) col.paras.push(p)
      else columns.push({ x: p._x, paras: [p] })
    }
    const first = paras[0] ? paras[0]._x : listBox.x
    return columns.map((col) => {
      // A column's box starts where its markers do: as far left of its items as the first column's.
      const shift = col.x - first
      const items = col.paras.map((p) => p._box)
      const top = Math.min(...items.map((b) => b.y))
      const bottom = Math.max(...items.map((b) => b.y + b.h))
      const left = listBox.x + shift
      const right = columns.length > 1 ? Math.max(...items.map((b) => b.x + b.w)) : listBox.x + listBox.w
      const paragraphs = col.paras.map(plain).map((p) => ({ ...p, indent: (p.indent as number) - shift }))
      return {
        kind: 'text',
        tag: list.tagName.toLowerCase(),
        box: { x: left, y: top, w: right - left, h: bottom - top },
        style,
        paragraphs,
        inset: { l: 0, t: 0, r: 0, b: 0 },
      }
    })
  }

  /** The blocks an element of a slide's body makes; borders met on the way go to `x.rules`. */
  x.blocksOf = (el: Element): Block[] => {
    const tag = el.tagName
    if (el.matches('figure.deck-figure, figure') || (tag === 'P' && el.querySelector(':scope > figure'))) {
      const fig = tag === 'FIGURE' ? el : (el.querySelector(':scope > figure') as Element)
      const b = x.figureBlock(fig)
      return b ? [b] : []
    }
    if (tag === 'P' && el.children.length === 1 && el.firstElementChild?.tagName === 'IMG' && !el.textContent?.trim())
      return [x.imageBlock(el.firstElementChild as HTMLImageElement, '')]
    if (tag === 'IMG') return [x.imageBlock(el as HTMLImageElement, '')]
    if (tag === 'TABLE') return [tableBlock(el as HTMLTableElement)]
    if (LISTS.has(tag)) return listBlocks(el)
    if (tag === 'HR') return []
    if (tag === 'PRE') {
      const style = x.styleOf(el)
      const runs = x.runsOf(el, style, true)
      // One paragraph per source line.
      const paragraphs: Paragraph[] = [{ runs: [] }]
      for (const r of runs) {
        const lines = r.text.split('\n')
        lines.forEach((line, i) => {
          if (i > 0) paragraphs.push({ runs: [] })
          if (line) paragraphs[paragraphs.length - 1]?.runs.push({ ...r, text: line })
        })
      }
      while (paragraphs.length > 1 && !paragraphs[paragraphs.length - 1]?.runs.length) paragraphs.pop()
      return [x.textBlock(el, paragraphs)]
    }
    const kids = [...el.children].filter((c) => BLOCKS.has(c.tagName))
    if (kids.length && kids.length === el.children.length && tag === 'DIV' && [...el.childNodes].every((n) => n.nodeType !== 3 || !(n as Text).data.trim())) {
      // A layout container (columns, a quote with its attribution): each child where the page put it.
      x.rules.push(...x.rulesOf(el))
      return kids.flatMap(x.blocksOf)
    }
    if (tag === 'BLOCKQUOTE') x.rules.push(...x.rulesOf(el))
    if (kids.length && kids.length === el.children.length) {
      // A block of blocks (a blockquote of paragraphs): its children as paragraphs.
      const style = x.styleOf(el)
      const paragraphs: Paragraph[] = []
      for (const k of kids) {
        if (LISTS.has(k.tagName)) paragraphs.push(...x.listParagraphs(k, 0, style, [], x.boxOf(el)).map(plain))
        else paragraphs.push(x.paragraphOf(k, style))
      }
      return [x.textBlock(el, paragraphs)]
    }
    return [x.textBlock(el, [x.paragraphOf(el, x.styleOf(el))])]
  }

  /** The speaker notes as paragraphs: list items become paragraphs of their own. */
  x.notesOf = (aside: Element | null): Paragraph[] => {
    const out: Paragraph[] = []
    if (!aside) return out
    const base = x.styleOf(aside)
    for (const el of aside.children) {
      if (LISTS.has(el.tagName)) {
        for (const p of x.listParagraphs(el, 0, base, [], { x: 0, y: 0, w: 0, h: 0 }))
          out.push({ runs: p.runs, level: p.level, bullet: p.bullet, number: p.number } as Paragraph)
      } else {
        const runs = x.runsOf(el, base, el.tagName === 'PRE')
        if (runs.length) out.push({ runs })
      }
    }
    if (!out.length && aside.textContent?.trim()) out.push({ runs: [{ text: aside.textContent.replace(/\s+/g, ' ').trim() }] })
    return out
  }
}
