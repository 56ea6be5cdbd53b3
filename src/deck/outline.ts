/** The deck's shape for contents and bookmarks: slides grouped as reveal.js stacks them, and the outline. */
import type { RenderedSlide } from './model.ts'

/** A horizontal slide with its vertical sub-slides, as reveal.js stacks them. */
export interface SlideGroup {
  h: number
  /** The article section the group covers, else the first slide's title. */
  label: string
  slides: RenderedSlide[]
}

/** Slides grouped by their horizontal index, in deck order. */
export function slideGroups(slides: readonly RenderedSlide[]): SlideGroup[] {
  const groups: SlideGroup[] = []
  for (const s of slides) {
    const last = groups[groups.length - 1]
    if (last && last.h === s.h) last.slides.push(s)
    else groups.push({ h: s.h, label: s.section ?? s.title, slides: [s] })
  }
  return groups
}

/**
 * An outline with one entry per section (or per unsectioned slide) and, under it, each
 * slide's title. `page` is the 0-based slide index, which is also the PDF page index.
 */
export interface OutlineEntry {
  title: string
  page: number
  children: OutlineEntry[]
}

/** The slides listed under a group's entry: all of them under a section, else the sub-slides. */
export function subEntries(g: SlideGroup): RenderedSlide[] {
  return g.label === g.slides[0]?.title ? g.slides.slice(1) : g.slides
}

/** The outline of `slides`: what the PDF bookmarks and the reading edition's contents list. */
export function deckOutline(slides: readonly RenderedSlide[]): OutlineEntry[] {
  const index = new Map(slides.map((s, i) => [s, i]))
  return slideGroups(slides).map((g) => {
    const first = index.get(g.slides[0] as RenderedSlide) ?? 0
    const children = subEntries(g).map((s) => ({ title: s.title, page: index.get(s) ?? 0, children: [] }))
    return { title: g.label, page: first, children }
  })
}
