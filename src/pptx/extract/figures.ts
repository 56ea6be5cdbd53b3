/**
 * Reading figures and images in the deck's page: a figure's SVG made standalone (the page's
 * computed styles copied onto each element, and each line of text given the width it takes in
 * the deck's font, so it looks the same outside the page in any face), an image as a PNG data URL. Installed on `window.__deckExtract` after `text.ts`. Runs in the page:
 * self-contained (see src/browser/in-page-call.ts).
 */

import type { Box, ChartFigure, FigureBlock, ImageBlock } from '../model.ts'
import type { ExtractPage } from './page.ts'

/** Installs `figureBlock` and `imageBlock` on `window.__deckExtract`. */
export function installFigureReaders(): void {
  const x = (window as unknown as { __deckExtract: ExtractPage }).__deckExtract

  /** The SVG with its computed look written onto each element, so it needs no stylesheet. */
  const PROPS = [
    'fill',
    'fill-opacity',
    'fill-rule',
    'stroke',
    'stroke-width',
    'stroke-opacity',
    'stroke-dasharray',
    'stroke-linecap',
    'stroke-linejoin',
    'opacity',
    'font-family',
    'font-size',
    'font-weight',
    'font-style',
    'text-anchor',
    'dominant-baseline',
    'letter-spacing',
    'paint-order',
    'visibility',
  ]
  const standaloneSvg = (svg: SVGSVGElement): string => {
    const clone = svg.cloneNode(true) as SVGSVGElement
    const from = [svg, ...svg.querySelectorAll('*')]
    const to = [clone, ...clone.querySelectorAll('*')]
    const halos: Element[] = []
    const filtered: [Element, string][] = []
    from.forEach((el, i) => {
      const target = to[i] as Element
      const tag = el.tagName.toLowerCase()
      if (tag === 'title' || tag === 'desc' || tag === 'style' || tag === 'defs') return
      // A halo drawn as a filtered <use> of its text (see src/figures/svg.ts): PowerPoint and
      // Impress draw no SVG filters, so it becomes a stroked copy of the text in the flood colour.
      if (tag === 'use' && el.classList.contains('fig-halo')) {
        const flood = svg.querySelector(`${(el.getAttribute('filter') ?? '').slice(4, -1)} feFlood`)
        filtered.push([target, flood ? getComputedStyle(flood).floodColor : 'none'])
        return
      }
      const cs = getComputedStyle(el)
      if (cs.display === 'none') {
        target.setAttribute('display', 'none')
        return
      }
      target.setAttribute('style', PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'))
      target.removeAttribute('class')
      // Each line of text held to the width the deck's font gives it here: PowerPoint without
      // that font draws another face, fitted to the same width, so no label runs past the frame.
      if (tag === 'tspan' || (tag === 'text' && !el.querySelector('tspan'))) {
        const width = (el as SVGTextContentElement).getComputedTextLength()
        if (width > 0) {
          target.setAttribute('textLength', String(Math.round(width * 100) / 100))
          target.setAttribute('lengthAdjust', 'spacingAndGlyphs')
        }
      }
      // A halo drawn under the text (paint-order: stroke): as a separate copy beneath it, since
      // PowerPoint's and Impress's SVG renderers draw the stroke on top.
      if (tag === 'text' && /^stroke/.test(cs.paintOrder) && cs.stroke !== 'none' && parseFloat(cs.strokeWidth) > 0) halos.push(target)
    })
    for (const [use, colour] of filtered) {
      const text = clone.querySelector((use.getAttribute('href') ?? '').replace(/^#(.*)$/, '[id="$1"]'))
      const copy = text?.cloneNode(true) as Element | undefined
      if (copy) {
        copy.removeAttribute('id')
        copy.setAttribute('aria-hidden', 'true')
        for (const el of [copy, ...copy.querySelectorAll('*')] as SVGElement[]) {
          el.style.stroke = colour
          el.style.fill = colour
          el.style.strokeWidth = '7px'
          el.style.strokeLinejoin = 'round'
        }
        use.replaceWith(copy)
      } else use.remove()
    }
    for (const t of halos) {
      const under = t.cloneNode(true) as Element
      under.setAttribute('aria-hidden', 'true')
      for (const el of [t, ...t.querySelectorAll('*')] as SVGElement[]) {
        el.style.stroke = 'none'
        el.style.paintOrder = 'normal'
      }
      for (const el of [under, ...under.querySelectorAll('*')] as SVGElement[]) el.style.paintOrder = 'normal'
      t.parentNode?.insertBefore(under, t)
    }
    const vb = svg.viewBox.baseVal
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
    if (vb?.width) {
      clone.setAttribute('width', String(vb.width))
      clone.setAttribute('height', String(vb.height))
    }
    for (const a of ['role', 'aria-labelledby', 'aria-hidden', 'focusable']) clone.removeAttribute(a)
    return new XMLSerializer().serializeToString(clone)
  }

  x.figureBlock = (fig: Element): FigureBlock | ImageBlock | null => {
    const svg = fig.querySelector('svg')
    const caption = fig.querySelector('figcaption, .figure-text')
    const desc = svg?.querySelector('desc')
    const alt = (caption ? caption.textContent : desc ? desc.textContent : '')?.replace(/\s+/g, ' ').trim() ?? ''
    if (!svg) {
      const img = fig.querySelector('img')
      return img ? x.imageBlock(img, alt) : null
    }
    const r = x.boxOf(svg)
    const vb = svg.viewBox.baseVal
    let box: Box = r
    if (vb?.width && vb.height) {
      const s = Math.min(r.w / vb.width, r.h / vb.height)
      const w = vb.width * s
      const h = vb.height * s
      box = { x: r.x + (r.w - w) / 2, y: r.y + (r.h - h) / 2, w, h }
    }
    const chart = chartOf(svg, fig, vb?.width ? box.w / vb.width : 1)
    const card = x.hex(getComputedStyle(fig).backgroundColor)
    return { kind: 'figure', box, svg: standaloneSvg(svg), alt, ...(chart ? { chart } : {}), ...(card ? { card: { box: x.boxOf(fig), color: card } } : {}) }
  }

  /** A chart's spec (its `data-chart`) with each mark's colour as drawn: a dimmed bar's opacity laid on the ground. */
  const chartOf = (svg: SVGSVGElement, fig: Element, scale: number): ChartFigure | undefined => {
    const raw = svg.getAttribute('data-chart')
    if (!raw) return undefined
    let spec: Omit<ChartFigure, 'seriesColors' | 'marks' | 'muted' | 'ink' | 'grid' | 'textSize'>
    try {
      spec = JSON.parse(raw)
    } catch {
      return undefined
    }
    if (!Array.isArray(spec.categories) || !Array.isArray(spec.series)) return undefined
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) || 0)
    const ground =
      x.hex(getComputedStyle(svg).getPropertyValue('--fig-bg')) ||
      x.hex(fig.closest('section')?.getAttribute('data-background-color')) ||
      x.hex(getComputedStyle(document.querySelector('.reveal-viewport') || document.body).backgroundColor) ||
      '#ffffff'
    const laid = (color: string, opacity: number) => {
      const [c, g] = [rgb(color), rgb(ground)]
      return `#${c
        .map((v, i) =>
          Math.round(v * opacity + (g[i] ?? 255) * (1 - opacity))
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')}`
    }
    const marks = spec.series.map(() => spec.categories.map(() => ''))
    for (const d of svg.querySelectorAll('.fig-datum')) {
      const s = Math.max(
        0,
        spec.series.findIndex((q) => q.name === (d.getAttribute('data-series') ?? '')),
      )
      const i = spec.categories.indexOf(d.getAttribute('data-label') ?? '')
      const mark = d.querySelector('rect, circle')
      const row = marks[s]
      if (!mark || !row || i < 0) continue
      const cs = getComputedStyle(mark)
      row[i] = laid(x.hex(cs.fill) || '#000000', parseFloat(cs.opacity) * parseFloat(cs.fillOpacity || '1'))
    }
    const seriesColors = marks.map((row, s) => {
      const line = svg.querySelector(`.fig-line.fig-series-${s}`)
      if (line) return x.hex(getComputedStyle(line).stroke) || '#000000'
      const counts = new Map<string, number>()
      for (const c of row) if (c) counts.set(c, (counts.get(c) ?? 0) + 1)
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '#000000'
    })
    const look = (sel: string, prop: 'fill' | 'stroke', fallback: string) => {
      const el = svg.querySelector(sel)
      return (el && x.hex(getComputedStyle(el)[prop])) || fallback
    }
    const tick = svg.querySelector('.fig-tick-label')
    return {
      ...spec,
      seriesColors,
      marks,
      muted: look('.fig-tick-label', 'fill', '#555555'),
      ink: look('.fig-value:not(.fig-value-inside)', 'fill', '#000000'),
      grid: look('.fig-grid', 'stroke', '#d9d9d9'),
      textSize: (tick ? parseFloat(getComputedStyle(tick).fontSize) || 22 : 22) * scale,
    }
  }

  x.imageBlock = (img: HTMLImageElement, alt: string): ImageBlock => {
    // At twice the size it is shown (sharp on a projector), never more than its own pixels: a
    // picture's natural size can be anything (an SVG declaring 20000×20000 made a 60 MB PNG).
    const box = x.boxOf(img)
    const drawn = (shown: number, natural: number) => Math.max(1, Math.round(natural > 0 ? Math.min(natural, shown * 2) : shown * 2))
    const c = document.createElement('canvas')
    c.width = drawn(box.w, img.naturalWidth)
    c.height = drawn(box.h, img.naturalHeight)
    let data = ''
    try {
      ;(c.getContext('2d') as CanvasRenderingContext2D).drawImage(img, 0, 0, c.width, c.height)
      data = c.toDataURL('image/png')
    } catch {
      data = ''
    }
    return { kind: 'image', box, data, alt: alt || img.getAttribute('alt') || '' }
  }
}
