/**
 * The in-page checks of how a slide is laid out: content outside the slide or cut off by a box,
 * text below the size minimums, content under the deck's controls or in the slide's outer 5 %.
 * Installed on `window.__deckCheck` last, as `inspect` (which also runs the content checks).
 * Runs in the page: self-contained (see src/browser/in-page-call.ts).
 */
import type { Covered, DeckCheckPage, Inspection, MarginIntrusion, Overflow, PageLimits, SmallText } from './types.ts'

/** Installs `inspect`, which measures the current slide, on `window.__deckCheck`. */
export function installLayoutChecks(limits: PageLimits): void {
  const w = window as unknown as { __deckCheck: DeckCheckPage; deck: { getCurrentSlide(): HTMLElement; getScale(): number } }
  const h = w.__deckCheck
  const CAPTION = 'small, figcaption, .caption, cite, .deck-footer'
  // deck.yaml's marking and footer (src/compiler/identity.ts): drawn by the deck over every slide,
  // like its controls, so content under them is reported, and they are not content themselves.
  const MARKS = '.deck-marking, .deck-footer'
  type Box = { left: number; right: number; top: number; bottom: number }
  type Side = 'left' | 'right' | 'top' | 'bottom'
  const SIDES: Side[] = ['left', 'right', 'top', 'bottom']

  // The deck's own controls that sit over the slide: reveal's arrows and slide number, and the
  // link to the reading edition. Content under them is hidden or hard to read while presenting.
  const CHROME: Array<[string, string]> = [
    ['.reveal .controls button.enabled .controls-arrow', 'navigation arrow'],
    ['.reveal .slide-number', 'slide number'],
    ['.deck-edition-link', 'reading-edition link'],
    ['.reveal .slides section.present > .deck-marking', 'handling marking'],
    ['.reveal .slides section.present > .deck-footer', 'footer line'],
  ]

  const chromeBoxes = (): Array<{ by: string; r: DOMRect }> => {
    const out: Array<{ by: string; r: DOMRect }> = []
    for (const [sel, name] of CHROME) {
      for (const el of document.querySelectorAll(sel)) {
        if (el.getClientRects().length === 0) continue
        if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue
        const r = el.getBoundingClientRect()
        if (r.width > 0 && r.height > 0) out.push({ by: name, r })
      }
    }
    return out
  }

  /** What the slide draws: line boxes of its text, its images, and the shapes of its figures. */
  const inkBoxes = (section: Element): Array<{ what: string; r: DOMRect }> => {
    const out: Array<{ what: string; r: DOMRect }> = []
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!n.textContent?.trim() || !el || !h.shown(el) || el instanceof SVGElement || el.closest(MARKS)) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      for (const r of range.getClientRects()) out.push({ what: h.describe(el), r })
    }
    for (const el of section.querySelectorAll('img, svg rect, svg path, svg circle, svg polygon, svg line, svg text')) {
      if (!h.shown(el) || el.closest(MARKS)) continue
      out.push({ what: h.describe(el), r: el.getBoundingClientRect() })
    }
    return out
  }

  // Slide content in the outer 5% of the slide on any side (64 and 36 px at 1280x720: broadcast's
  // "title safe" area), which a projector's overscan may crop and which the theme keeps empty
  // (its frame's padding is wider): per element, the deepest side, in slide pixels.
  const marginIn = (section: Element, scale: number, box: DOMRect): MarginIntrusion[] => {
    const inner = {
      left: box.left + 0.05 * box.width,
      right: box.right - 0.05 * box.width,
      top: box.top + 0.05 * box.height,
      bottom: box.bottom - 0.05 * box.height,
    }
    const found = new Map<string, MarginIntrusion>()
    for (const ink of inkBoxes(section)) {
      const r = ink.r
      if (r.width <= 0 || r.height <= 0) continue
      const sides: Record<Side, number> = { left: inner.left - r.left, right: r.right - inner.right, top: inner.top - r.top, bottom: r.bottom - inner.bottom }
      for (const side of SIDES) {
        const px = sides[side] / scale
        if (px <= 1) continue
        const prev = found.get(ink.what)
        if (!prev || px > prev.px) found.set(ink.what, { what: ink.what, side, px })
      }
    }
    return [...found.values()].sort((a, b) => b.px - a.px)
  }

  const coveredIn = (section: Element, scale: number): Covered[] => {
    const chrome = chromeBoxes()
    const found = new Map<string, Covered>()
    for (const ink of inkBoxes(section)) {
      for (const c of chrome) {
        const cw = Math.min(ink.r.right, c.r.right) - Math.max(ink.r.left, c.r.left)
        const ch = Math.min(ink.r.bottom, c.r.bottom) - Math.max(ink.r.top, c.r.top)
        if (cw <= 2 || ch <= 2) continue
        const key = `${ink.what}|${c.by}`
        const prev = found.get(key)
        if (!prev || cw * ch > prev.w * prev.h * scale * scale) found.set(key, { what: ink.what, by: c.by, w: cw / scale, h: ch / scale })
      }
    }
    return [...found.values()]
  }

  // One measurement for the check and the PDFs (src/pdf/print.ts): each shown element cut off by a
  // box between it and the slide, or reaching past the slide's box `box` (1280 slide px wide).
  h.overflowIn = (section: Element, box: DOMRect): Overflow[] => {
    const scale = box.width / limits.slideWidth
    const overflow: Overflow[] = []
    for (const el of section.querySelectorAll('*')) {
      if (!h.shown(el)) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 && r.height === 0) continue
      // The part of the element not clipped by a box between it and the slide.
      let vis: Box = { left: r.left, right: r.right, top: r.top, bottom: r.bottom }
      for (let a = el.parentElement; a && a !== section; a = a.parentElement) {
        if (!h.clips(a)) continue
        const c = a.getBoundingClientRect()
        const tag = el.tagName.toLowerCase()
        const textual = h.hasOwnText(el) || tag === 'text' || tag === 'img' || tag === 'figure' || el instanceof SVGSVGElement
        const isSvgClip = a instanceof SVGElement
        if (textual && (!isSvgClip || el.closest('text'))) {
          const cut = Math.max(c.left - r.left, r.right - c.right, c.top - r.top, r.bottom - c.bottom) / scale
          if (cut > 1.5) overflow.push({ px: cut, side: `inside ${h.describe(a).split(' ')[0]}`, what: h.describe(el), kind: 'cut' })
        }
        vis = { left: Math.max(vis.left, c.left), right: Math.min(vis.right, c.right), top: Math.max(vis.top, c.top), bottom: Math.min(vis.bottom, c.bottom) }
      }
      if (vis.right <= vis.left || vis.bottom <= vis.top) continue
      const sides: Record<Side, number> = { left: box.left - vis.left, right: vis.right - box.right, top: box.top - vis.top, bottom: vis.bottom - box.bottom }
      let side: Side = 'bottom'
      let px = -Infinity
      for (const k of SIDES)
        if (sides[k] > px) {
          px = sides[k]
          side = k
        }
      px = px / scale
      if (px > 1) overflow.push({ px, side, what: h.describe(el), kind: 'outside' })
    }
    return overflow
  }

  h.inspect = (): Inspection => {
    const section = w.deck.getCurrentSlide()
    const box = (document.querySelector('.reveal .slides') as Element).getBoundingClientRect()
    const scale = box.width / limits.slideWidth
    const overflow = h.overflowIn(section, box)
    const smallText: SmallText[] = []
    const seen = new Set<Element>()
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim()) continue
      const el = n.parentElement
      if (!el || seen.has(el) || !h.shown(el)) continue
      seen.add(el)
      const fs = parseFloat(getComputedStyle(el).fontSize)
      let px: number
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM()
        px = m ? (fs * Math.hypot(m.a, m.b)) / scale : fs
      } else if (el instanceof SVGElement) {
        px = fs
      } else {
        // CSS px inside the slide, times any transform or zoom between the text and the slide.
        px = fs
        for (let a: Element | null = el; a && a !== section; a = a.parentElement) {
          const cs = getComputedStyle(a)
          const m = /^matrix\(([^,]+),\s*([^,]+)/.exec(cs.transform)
          if (m) px *= Math.hypot(parseFloat(m[1] ?? ''), parseFloat(m[2] ?? ''))
          const z = parseFloat(cs.zoom)
          if (z && z !== 1) px *= z
        }
      }
      // Text drawn in a figure is held to the body minimum (3 %): it is read from the back of the room.
      const caption = el.closest(CAPTION) && !(el instanceof SVGElement)
      const min = caption ? limits.minCaptionPx : limits.minBodyPx
      const fig = el instanceof SVGElement ? el.closest('figure') : null
      const item: SmallText = { px, min, what: h.describe(el), tier: caption ? 'caption' : 'body' }
      if (fig) item.figure = h.describe(fig).split(' ')[0]
      if (px < min - 0.05) smallText.push(item)
    }
    const links = h.linksOf(section)
    return {
      id: section.id,
      scale,
      revealScale: w.deck.getScale(),
      overflow,
      smallText,
      covered: coveredIn(section, scale),
      margin: marginIn(section, scale, box),
      missingText: h.missingTextOf(section),
      headings: h.headingsOf(section),
      badLinks: links.bad,
      fileLinks: links.files,
    }
  }
}
