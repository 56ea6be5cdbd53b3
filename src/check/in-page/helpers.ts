/**
 * The in-page check's shared helpers, installed on `window.__deckCheck` before the checks that use
 * them (`content.ts`, `layout.ts`). Runs in the page: self-contained (see src/browser/in-page-call.ts).
 */
import type { DeckCheckPage, PageLimits, SlideRef } from './types.ts'

/** Installs naming, visibility and slide-listing helpers on `window.__deckCheck`. */
export function installHelpers(_limits: PageLimits): void {
  const w = window as unknown as { __deckCheck?: Partial<DeckCheckPage>; deck: RevealDeck }
  interface RevealDeck {
    getIndices(s: Element): { h: number; v?: number }
    nextFragment(): boolean
  }
  w.__deckCheck ??= {}
  const h = w.__deckCheck

  /** An element as `tag.class "its text…"`, for messages. */
  h.describe = (el: Element): string => {
    const tag = el.tagName.toLowerCase()
    const raw = el.getAttribute('class') || ''
    const cls = raw.trim() ? `.${raw.trim().split(/\s+/).slice(0, 2).join('.')}` : ''
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim()
    return tag + cls + (text ? ` "${text.length > 48 ? `${text.slice(0, 47)}…` : text}"` : '')
  }

  h.shortSrc = (src: string): string => {
    if (src.startsWith('data:')) return `${src.slice(0, src.indexOf(',') > 0 ? Math.min(src.indexOf(','), 30) : 30)},… (inlined by the build)`
    return src.length > 80 ? `${src.slice(0, 79)}…` : src
  }

  const visuallyHidden = (el: Element): boolean => {
    for (let e: Element | null = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e)
      if (cs.clipPath === 'inset(50%)' || (cs.position === 'absolute' && cs.clip && cs.clip.startsWith('rect(0'))) return true
      // Inside an SVG, aria-hidden keeps a figure's drawn words from screen readers, not from eyes.
      if (e.getAttribute('aria-hidden') === 'true' && !e.closest('svg')) return true
      if (e.matches('.reveal .slides section, .reveal .slides aside')) break
    }
    const r = el.getBoundingClientRect()
    return r.width <= 1 && r.height <= 1
  }

  h.shown = (el: Element): boolean => {
    if (el.closest('aside.notes')) return false
    if (el.getClientRects().length === 0) return false
    if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false
    return !visuallyHidden(el)
  }

  h.clips = (el: Element): boolean => {
    if (el instanceof SVGSVGElement) return getComputedStyle(el).overflow !== 'visible'
    if (el instanceof SVGElement) return false
    const cs = getComputedStyle(el)
    return cs.overflowX !== 'visible' || cs.overflowY !== 'visible'
  }

  h.hasOwnText = (el: Element): boolean => {
    for (const n of el.childNodes) if (n.nodeType === 3 && n.textContent?.trim()) return true
    return false
  }

  h.slides = (): SlideRef[] =>
    [...document.querySelectorAll<HTMLElement>('.reveal .slides section[id]')]
      .filter((s) => !s.querySelector('section'))
      .map((s) => {
        const i = w.deck.getIndices(s)
        return { id: s.id, file: s.dataset.file || s.parentElement?.dataset.file || '', h: i.h, v: i.v || 0 }
      })

  h.showAllFragments = (): void => {
    let guard = 0
    while (w.deck.nextFragment() && guard++ < 200) {}
  }
}
