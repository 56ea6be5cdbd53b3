/**
 * The in-page check that maps and timelines keep their labels' promises. The figure code places
 * labels by estimated text widths; here each label's drawn words are measured (line by line, the
 * ink's height from the font) and held to the rules: no two labels overlapping, none over another
 * place's dot, none past the figure's frame, none far from its point without a leader, and no
 * leader crossing another label or leader or passing close to another dot. Maps name their parts
 * with `data-label`, `data-point` and `data-leader` (src/figures/map/draw.ts); a timeline's
 * `g.fig-event` holds one event's label, stem and marker. Installed on `window.__deckCheck` after
 * `helpers.ts`. Runs in the page: self-contained (see src/browser/in-page-call.ts).
 */
import type { DeckCheckPage, FigureLabelFinding, PageLimits } from './types.ts'

/** Installs `figureLabelsOf`, which measures the labels of every map and timeline in a slide, on `window.__deckCheck`. */
export function installFigureLabelChecks(limits: PageLimits): void {
  const h = (window as unknown as { __deckCheck: DeckCheckPage }).__deckCheck
  type Pt = [number, number]
  type Box = { x0: number; y0: number; x1: number; y1: number }
  interface Label {
    key: string
    /** How messages name it: `place "Kherson"`, `event "Talks fail" (2022-03)`. */
    name: string
    /** Ink box of each drawn line, in the figure's units. */
    lines: Box[]
    box: Box
    /** The point it names, when it belongs beside one. */
    at?: Pt
    /** The side the author pinned it to (`side:` on a map place). */
    pin?: string
  }
  interface Dot {
    key: string
    at: Pt
    r: number
  }
  interface Leader {
    key: string
    a: Pt
    b: Pt
  }
  // Limits in slide px: more than a pixel of overlap or overreach is seen; a leader within a few
  // px of another dot reads as that dot's; a label past FAR from its point, with no leader, names nothing.
  const OVERLAP_PX = 1
  const OUTSIDE_PX = 1
  const NEAR_DOT_PX = 6
  const FAR_PX = 30

  const canvas = document.createElement('canvas').getContext('2d')
  const union = (boxes: readonly Box[]): Box => ({
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  })
  const overlap = (a: Box, b: Box): [number, number] => [Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)]
  const distanceTo = ([x, y]: Pt, r: Box): number => Math.hypot(Math.max(r.x0 - x, 0, x - r.x1), Math.max(r.y0 - y, 0, y - r.y1))
  const segmentDistance = (p: Pt, a: Pt, b: Pt): number => {
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]]
    const len = dx * dx + dy * dy
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len))
    return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
  }
  const segmentsCross = (a: Pt, b: Pt, c: Pt, d: Pt): boolean => {
    const o = (p: Pt, q: Pt, r: Pt) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))
    return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0
  }
  /** Does the segment a–b pass through the box (shrunk by `inset`)? Sampled: leaders are short. */
  const segmentHits = (a: Pt, b: Pt, r: Box, inset: number): boolean => {
    const n = Math.max(2, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1])))
    for (let i = 0; i <= n; i++) {
      const x = a[0] + ((b[0] - a[0]) * i) / n
      const y = a[1] + ((b[1] - a[1]) * i) / n
      if (x > r.x0 + inset && x < r.x1 - inset && y > r.y0 + inset && y < r.y1 - inset) return true
    }
    return false
  }

  /** Maps an element's local point into its figure's units (figures use no transforms today; this keeps it true if one does). */
  const inFigure = (svg: SVGSVGElement, el: SVGGraphicsElement) => {
    const from = el.getScreenCTM()
    const to = svg.getScreenCTM()
    const m = from && to ? to.inverse().multiply(from) : new DOMMatrix()
    return (x: number, y: number): Pt => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]
  }

  /** The ink of one drawn line: its advance width across, its glyphs' height (from the font) up and down. */
  const inkOf = (svg: SVGSVGElement, el: SVGTextContentElement): Box | undefined => {
    const text = el.textContent ?? ''
    if (!text.trim() || el.getNumberOfChars() === 0) return undefined
    const bb = (el as unknown as SVGGraphicsElement).getBBox()
    const cs = getComputedStyle(el)
    const size = parseFloat(cs.fontSize)
    const baseline = el.getStartPositionOfChar(0).y
    let up = size * 0.74
    let down = size * 0.22
    if (canvas) {
      canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${size}px ${cs.fontFamily}`
      const m = canvas.measureText(text)
      if (m.actualBoundingBoxAscent > 0) {
        up = m.actualBoundingBoxAscent
        down = Math.max(0, m.actualBoundingBoxDescent)
      }
    }
    const map = inFigure(svg, el as unknown as SVGGraphicsElement)
    const [x0, y0] = map(bb.x, baseline - up)
    const [x1, y1] = map(bb.x + bb.width, baseline + down)
    return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) }
  }

  /** The lines of a set of `<text>` elements: each `<tspan>`, or the text itself when it has none. */
  const linesOf = (svg: SVGSVGElement, texts: readonly Element[]): Box[] => {
    const out: Box[] = []
    for (const t of texts) {
      const spans = [...t.querySelectorAll('tspan')]
      for (const el of spans.length ? spans : [t]) {
        const b = inkOf(svg, el as SVGTextContentElement)
        if (b) out.push(b)
      }
    }
    return out
  }

  /** A leader's (or stem's) two ends. */
  const ends = (svg: SVGSVGElement, p: SVGPathElement, key: string): Leader => {
    const total = p.getTotalLength()
    const map = inFigure(svg, p)
    const a = p.getPointAtLength(0)
    const b = p.getPointAtLength(total)
    return { key, a: map(a.x, a.y), b: map(b.x, b.y) }
  }

  const words = (els: readonly Element[]): string =>
    els
      .map((e) => e.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim()
  /** A map label's name: its lines but the note's (a sea's name may wrap). */
  const nameOf = (t: Element): string => {
    const spans = [...t.querySelectorAll('tspan')]
    return words(spans.length ? spans.filter((s) => !/-note\b/.test(s.getAttribute('class') ?? '')) : [t])
  }
  const KINDS: Record<string, string> = { place: 'place', label: 'label', sea: 'sea', country: 'country', context: 'country', route: 'route', area: 'area' }

  const mapParts = (svg: SVGSVGElement) => {
    const labels: Label[] = []
    for (const t of svg.querySelectorAll('text[data-label]')) {
      if (!h.shown(t)) continue
      const key = t.getAttribute('data-label') ?? ''
      const lines = linesOf(svg, [t])
      if (!lines.length) continue
      const kind = KINDS[key.split(':')[0] ?? '']
      const name = kind ? `${kind} "${nameOf(t)}"` : 'the data credit'
      const at = (t.getAttribute('data-at') ?? '').split(' ').map(Number)
      const pin = t.getAttribute('data-side') ?? undefined
      labels.push({
        key,
        name,
        lines,
        box: union(lines),
        ...(at.length === 2 && at.every(Number.isFinite) ? { at: at as Pt } : {}),
        ...(pin ? { pin } : {}),
      })
    }
    const dots: Dot[] = [...svg.querySelectorAll('circle[data-point]')].map((c) => {
      const map = inFigure(svg, c as SVGGraphicsElement)
      return { key: c.getAttribute('data-point') ?? '', at: map(Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))), r: Number(c.getAttribute('r')) }
    })
    const leaders: Leader[] = [...svg.querySelectorAll('path[data-leader]')].map((p) => ends(svg, p as SVGPathElement, p.getAttribute('data-leader') ?? ''))
    const frame = svg.querySelector('rect.fig-frame')
    let box: Box | undefined
    if (frame) {
      // The frame's stroke is drawn half a unit inside the panel's edge.
      const b = (frame as SVGGraphicsElement).getBBox()
      box = { x0: b.x - 0.5, y0: b.y - 0.5, x1: b.x + b.width + 0.5, y1: b.y + b.height + 0.5 }
    }
    return { labels, dots, leaders, frame: box }
  }

  const timelineParts = (svg: SVGSVGElement) => {
    const labels: Label[] = []
    const dots: Dot[] = []
    const leaders: Leader[] = []
    ;[...svg.querySelectorAll('g.fig-event')].forEach((g, i) => {
      if (!h.shown(g)) return
      const key = `event:${i}`
      const texts = [...g.querySelectorAll('text')].filter((t) => !t.classList.contains('fig-order'))
      const lines = linesOf(svg, texts)
      const label = g.querySelector('.fig-event-label')
      const title = words(label ? [label] : texts.slice(0, 1))
      const when = g.getAttribute('data-date')
      if (lines.length) labels.push({ key, name: `event "${title}"${when ? ` (${when})` : ''}`, lines, box: union(lines) })
      const marker = g.querySelector('circle')
      if (marker) {
        const map = inFigure(svg, marker)
        dots.push({ key, at: map(Number(marker.getAttribute('cx')), Number(marker.getAttribute('cy'))), r: Number(marker.getAttribute('r')) })
      }
      const stem = g.querySelector('path.fig-stem')
      if (stem) leaders.push(ends(svg, stem as SVGPathElement, key))
    })
    return { labels, dots, leaders, frame: undefined as Box | undefined }
  }

  const px = (n: number) => `${Math.round(n)} px`

  h.figureLabelsOf = (section: Element): FigureLabelFinding[] => {
    const out: FigureLabelFinding[] = []
    const slideBox = (document.querySelector('.reveal .slides') as Element).getBoundingClientRect()
    const slideScale = slideBox.width / limits.slideWidth
    ;[...section.querySelectorAll('figure.deck-figure')].forEach((figure, index) => {
      const svg = figure.querySelector<SVGSVGElement>('svg.figure-map, svg.figure-timeline')
      if (!svg || !h.shown(svg)) return
      const isMap = svg.classList.contains('figure-map')
      const kind = isMap ? 'map' : 'timeline'
      const title = (svg.querySelector(':scope > title')?.textContent ?? '').trim()
      const head = `${kind}${title ? ` "${title.length > 48 ? `${title.slice(0, 47)}…` : title}"` : ''}`
      // Figure units to slide px: the SVG's scale on screen over the slide's.
      const k = (svg.getScreenCTM()?.a ?? slideScale) / slideScale
      const units = (slidePx: number) => slidePx / k
      const parts = isMap ? mapParts(svg) : timelineParts(svg)
      const vb = svg.viewBox.baseVal
      const frame = parts.frame ?? { x0: vb.x, y0: vb.y, x1: vb.x + vb.width, y1: vb.y + vb.height }
      const { labels, dots, leaders } = parts
      const byKey = new Map(labels.map((l) => [l.key, l]))
      const called = (key: string) => byKey.get(key)?.name ?? (isMap ? 'a place' : 'an event')
      // A label the author pinned is theirs to release; the others, theirs to shorten.
      const pinFix = (l: Label, rest: string) =>
        l.pin ? `remove \`side: ${l.pin}\` from ${l.name} (and its \`offset:\`, if any) so the map places it clear, or shorten its label` : rest
      const add = (code: FigureLabelFinding['code'], message: string) => out.push({ figure: index, kind, code, message: `${head}: ${message}` })

      // Two labels over each other.
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i] as Label
          const b = labels[j] as Label
          let worst: [number, number] = [0, 0]
          for (const la of a.lines)
            for (const lb of b.lines) {
              const [ow, oh] = overlap(la, lb)
              if (ow > units(OVERLAP_PX) && oh > units(OVERLAP_PX) && ow * oh > worst[0] * worst[1]) worst = [ow, oh]
            }
          if (worst[0] === 0) continue
          const pinned = a.pin ? a : b.pin ? b : undefined
          const rest = isMap ? 'shorten one of them, or pin one with `side:` where there is room' : 'shorten one of the labels or notes, or leave an event out'
          add(
            'figure-label-overlap',
            `the labels of ${a.name} and ${b.name} overlap (${px(worst[0] * k)} × ${px(worst[1] * k)}): ${pinned ? pinFix(pinned, rest) : rest}`,
          )
        }
      }
      // A label over another place's dot (or another event's marker).
      for (const l of labels) {
        for (const d of dots) {
          if (d.key === l.key) continue
          if (!l.lines.some((line) => distanceTo(d.at, line) < d.r)) continue
          const rest = isMap ? `shorten the label, or pin it with \`side:\` away from ${called(d.key)}` : 'shorten the label or its note'
          add('figure-label-overlap', `the label of ${l.name} covers the ${isMap ? 'dot' : 'marker'} of ${called(d.key)}: ${pinFix(l, rest)}`)
        }
      }
      // Past the frame: the map's panel, the timeline's viewBox.
      for (const l of labels) {
        const over: Array<[string, number]> = [
          ['left', frame.x0 - l.box.x0],
          ['right', l.box.x1 - frame.x1],
          ['top', frame.y0 - l.box.y0],
          ['bottom', l.box.y1 - frame.y1],
        ]
        const [side, by] = over.reduce((m, o) => (o[1] > m[1] ? o : m))
        if (by <= units(OUTSIDE_PX)) continue
        const rest = isMap ? 'shorten it, or give the map a larger `extent`' : 'shorten it'
        add('figure-label-outside', `the label of ${l.name} reaches ${px(by * k)} past the ${kind}'s ${side} edge: ${pinFix(l, rest)}`)
      }
      // Far from its point with nothing to tie it there.
      const led = new Set(leaders.map((l) => l.key))
      for (const l of labels) {
        if (!l.at || led.has(l.key)) continue
        const far = distanceTo(l.at, l.box)
        if (far <= units(FAR_PX)) continue
        const rest = l.key.startsWith('label:') ? 'move its `at:` to where the words belong' : 'remove its `offset:`, so the label sits beside its dot'
        add(
          'figure-label-far',
          `the label of ${l.name} is ${px(far * k)} from its point, with no leader line to it: a reader may tie it to another place: ${rest}`,
        )
      }
      // Leaders (a timeline's stems): through another label or leader, or close by another dot.
      for (const ld of leaders) {
        const own = byKey.get(ld.key)
        const fix = !isMap
          ? 'shorten the labels there, or leave an event out'
          : own?.pin
            ? `remove \`side: ${own.pin}\` from ${own.name} (and its \`offset:\`, if any), or pin it on a side where it needs no leader`
            : ld.key.startsWith('place:')
              ? `pin ${called(ld.key)} with \`side:\` where its label fits beside its dot, or shorten the labels near it`
              : 'shorten the labels near it, or name fewer places there'
        const what = `the ${isMap ? 'leader line' : 'stem'} of ${called(ld.key)}`
        for (const l of labels) {
          if (l.key === ld.key) continue
          if (l.lines.some((line) => segmentHits(ld.a, ld.b, line, units(OVERLAP_PX))))
            add('figure-label-leader', `${what} crosses the label of ${l.name}, so a reader may follow it to the wrong words: ${fix}`)
        }
        // On a timeline every stem rises from the axis, beside its neighbours' markers by design.
        if (isMap)
          for (const d of dots) {
            if (d.key === ld.key) continue
            const gap = segmentDistance(d.at, ld.a, ld.b) - d.r
            if (gap < units(NEAR_DOT_PX))
              add(
                'figure-label-leader',
                `${what} passes ${px(Math.max(0, gap) * k)} from the dot of ${called(d.key)}, so a reader may tie the label to that place: ${fix}`,
              )
          }
        for (const other of leaders) {
          if (other.key <= ld.key) continue
          if (segmentsCross(ld.a, ld.b, other.a, other.b))
            add('figure-label-leader', `${what} crosses the ${isMap ? 'leader line' : 'stem'} of ${called(other.key)}: ${fix}`)
        }
      }
    })
    return out
  }
}
