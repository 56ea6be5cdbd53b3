/**
 * Reading text in the deck's page: colours, boxes in slide pixels, a block's computed style, its
 * text as styled runs, lists as paragraphs with levels, borders as rules. Installed on
 * `window.__deckExtract` first. Runs in the page: self-contained (see src/browser/in-page-call.ts).
 */

import type { Box, Paragraph, Rule, Run, TextBlock, TextStyle } from '../model.ts'
import type { ExtractPage, ListParagraph } from './page.ts'

/** Installs the text readers, and the state they share (`origin`, `scale`, `probe`), on `window.__deckExtract`. */
export function installTextReaders(): void {
  const w = window as unknown as { __deckExtract?: ExtractPage }
  w.__deckExtract ??= {} as ExtractPage
  const x = w.__deckExtract

  const probe = document.createElement('span')
  document.body.append(probe)
  x.probe = probe
  /** Any CSS colour as #rrggbb, or '' when transparent. */
  x.hex = (c: string | null | undefined): string => {
    if (!c) return ''
    probe.style.color = ''
    probe.style.color = c
    const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+%?))?\)/.exec(getComputedStyle(probe).color)
    if (!m) return ''
    if (m[4] !== undefined && parseFloat(m[4]) === 0) return ''
    return `#${[m[1], m[2], m[3]].map((n) => Math.round(Number(n)).toString(16).padStart(2, '0')).join('')}`
  }
  const root = getComputedStyle(document.documentElement)
  x.cssVar = (name: string): string => root.getPropertyValue(name).trim()

  x.origin = { left: 0, top: 0 }
  x.scale = 1
  x.boxOf = (el: Element): Box => {
    const r = el.getBoundingClientRect()
    return { x: (r.left - x.origin.left) / x.scale, y: (r.top - x.origin.top) / x.scale, w: r.width / x.scale, h: r.height / x.scale }
  }
  const px = (v: string | null | undefined): number => (v && v !== 'normal' ? parseFloat(v) || 0 : 0)
  x.px = px
  x.styleOf = (el: Element): TextStyle => {
    const cs = getComputedStyle(el)
    const size = parseFloat(cs.fontSize)
    const align = cs.textAlign === 'center' || cs.textAlign === 'right' || cs.textAlign === 'justify' ? cs.textAlign : 'left'
    return {
      size,
      color: x.hex(cs.color) || '#000000',
      bold: parseInt(cs.fontWeight, 10) >= 600,
      italic: cs.fontStyle !== 'normal',
      lineHeight: cs.lineHeight === 'normal' ? size * 1.2 : parseFloat(cs.lineHeight),
      letterSpacing: px(cs.letterSpacing),
      upper: cs.textTransform === 'uppercase',
      align,
      mono: /mono|courier|consolas|menlo/i.test(cs.fontFamily.split(',')[0] || ''),
    }
  }
  const LISTS = new Set(['UL', 'OL'])
  x.LISTS = LISTS
  x.BLOCKS = new Set([
    'P',
    'DIV',
    'UL',
    'OL',
    'BLOCKQUOTE',
    'PRE',
    'TABLE',
    'FIGURE',
    'H3',
    'H4',
    'H5',
    'H6',
    'DL',
    'DT',
    'DD',
    'DETAILS',
    'SUMMARY',
    'HR',
    'LI',
  ])

  /** The text of an element as runs; nested lists are left to their own paragraphs. */
  x.runsOf = (el: Element, base: TextStyle, pre: boolean): Run[] => {
    const runs: Run[] = []
    const last = (): Run | undefined => runs[runs.length - 1]
    const walk = (node: Node): void => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          const data = (child as Text).data
          const parent = child.parentElement as Element
          const cs = getComputedStyle(parent)
          let text = pre ? data : data.replace(/\s+/g, ' ')
          if (!text) continue
          if (cs.textTransform === 'uppercase') text = text.toUpperCase()
          const run: Run = { text }
          if (parseInt(cs.fontWeight, 10) >= 600) run.bold = true
          if (cs.fontStyle !== 'normal') run.italic = true
          if (/mono|courier|consolas|menlo/i.test(cs.fontFamily.split(',')[0] || '')) run.code = true
          const deco = cs.textDecorationLine || ''
          if (deco.includes('underline')) run.underline = true
          if (deco.includes('line-through')) run.strike = true
          const color = x.hex(cs.color)
          if (color && color !== base.color) run.color = color
          const size = parseFloat(cs.fontSize)
          if (Math.abs(size - base.size) > 0.5) run.size = size
          const a = parent.closest('a[href]')
          if (a && el.contains(a)) run.href = a.getAttribute('href') as string
          runs.push(run)
        } else if (child.nodeType === 1 && child instanceof Element) {
          const tag = child.tagName
          if (LISTS.has(tag) && !pre) continue
          if (tag === 'BR') {
            const prev = last()
            if (prev) prev.br = true
            else runs.push({ text: '', br: true })
            continue
          }
          if (child.classList.contains('figure-text') || tag === 'svg' || tag === 'SCRIPT' || tag === 'STYLE') continue
          if (tag === 'INPUT') {
            runs.push({ text: (child as HTMLInputElement).checked ? '\u2611 ' : '\u2610 ' })
            continue
          }
          // A block inside an inline flow (a loose list's <p>): a line break between them.
          const prev = last()
          if (!pre && x.BLOCKS.has(tag) && prev && !prev.br) prev.br = true
          walk(child)
        }
      }
    }
    walk(el)
    if (!pre) {
      // Collapse spaces at the paragraph's edges and around line breaks, as the browser does.
      for (let i = 0; i < runs.length; i++) {
        const run = runs[i] as Run
        const before = runs[i - 1]
        if (i === 0 || before?.br) run.text = run.text.replace(/^ +/, '')
        if (i === runs.length - 1 || run.br) run.text = run.text.replace(/ +$/, '')
        if (i > 0 && !before?.br && before?.text.endsWith(' ')) run.text = run.text.replace(/^ +/, '')
      }
    }
    return runs.filter((r) => r.text !== '' || r.br)
  }

  /** A list's items, nested ones with a deeper level, in document order. */
  x.listParagraphs = (list: Element, level: number, base: TextStyle, out: ListParagraph[], listBox: Box): ListParagraph[] => {
    let n = list.tagName === 'OL' ? parseInt(list.getAttribute('start') || '1', 10) : 1
    for (const li of list.children) {
      if (li.tagName !== 'LI') continue
      const cs = getComputedStyle(li)
      const marker = getComputedStyle(li, '::marker')
      const liBox = x.boxOf(li)
      const p: ListParagraph = {
        runs: x.runsOf(li, base, false),
        level,
        bullet: list.tagName === 'OL' ? 'number' : 'bullet',
        after: px(cs.marginBottom),
        indent: liBox.x + px(cs.paddingLeft) - listBox.x,
        _x: liBox.x,
        _box: liBox,
      }
      if (list.tagName === 'OL') p.number = n
      const glyph = ({ disc: '\u2022', circle: '\u25e6', square: '\u25aa', 'disclosure-closed': '\u25b8' } as Record<string, string>)[cs.listStyleType]
      if (glyph && list.tagName === 'UL') p.glyph = glyph
      const mc = x.hex(marker.color)
      if (mc) p.markerColor = mc
      n++
      out.push(p)
      const before = out.length
      for (const sub of li.children) if (LISTS.has(sub.tagName)) x.listParagraphs(sub, level + 1, base, out, listBox)
      // An item's bottom margin comes after its nested list, not between the two.
      if (out.length > before) {
        const lastOne = out[out.length - 1] as ListParagraph
        lastOne.after = Math.max(lastOne.after || 0, p.after ?? 0)
        p.after = 0
      }
    }
    return out
  }

  /** Borders of an element as lines along its edges. */
  x.rulesOf = (el: Element): Rule[] => {
    const cs = getComputedStyle(el)
    const b = x.boxOf(el)
    const out: Rule[] = []
    for (const side of ['top', 'right', 'bottom', 'left']) {
      const bw = px(cs.getPropertyValue(`border-${side}-width`))
      const color = x.hex(cs.getPropertyValue(`border-${side}-color`))
      if (!bw || !color || cs.getPropertyValue(`border-${side}-style`) === 'none') continue
      if (side === 'top') out.push({ x1: b.x, y1: b.y + bw / 2, x2: b.x + b.w, y2: b.y + bw / 2, width: bw, color })
      if (side === 'bottom') out.push({ x1: b.x, y1: b.y + b.h - bw / 2, x2: b.x + b.w, y2: b.y + b.h - bw / 2, width: bw, color })
      if (side === 'left') out.push({ x1: b.x + bw / 2, y1: b.y, x2: b.x + bw / 2, y2: b.y + b.h, width: bw, color })
      if (side === 'right') out.push({ x1: b.x + b.w - bw / 2, y1: b.y, x2: b.x + b.w - bw / 2, y2: b.y + b.h, width: bw, color })
    }
    return out
  }
  const insetOf = (el: Element): NonNullable<TextBlock['inset']> => {
    const cs = getComputedStyle(el)
    return {
      l: px(cs.paddingLeft) + px(cs.borderLeftWidth),
      t: px(cs.paddingTop) + px(cs.borderTopWidth),
      r: px(cs.paddingRight) + px(cs.borderRightWidth),
      b: px(cs.paddingBottom) + px(cs.borderBottomWidth),
    }
  }
  x.textBlock = (el: Element, paragraphs: Paragraph[]): TextBlock => {
    const style = x.styleOf(el)
    const block: TextBlock = { kind: 'text', tag: el.tagName.toLowerCase(), box: x.boxOf(el), style, paragraphs, inset: insetOf(el) }
    const fill = x.hex(getComputedStyle(el).backgroundColor)
    if (fill) block.fill = fill
    return block
  }
  x.paragraphOf = (el: Element, base: TextStyle): Paragraph => ({ runs: x.runsOf(el, base, false), after: px(getComputedStyle(el).marginBottom) })
}
