/**
 * The in-page checks of what a page says: heading order, text equivalents of images and figures,
 * links to slides and elements. Installed on `window.__deckCheck` after `helpers.ts`. Runs in the
 * page: self-contained (see src/browser/in-page-call.ts).
 */
import type { DeckCheckPage, PageLimits } from './types.ts'

/** Installs `headingsOf`, `missingTextOf`, `linksOf` and `inspectDocument` on `window.__deckCheck`. */
export function installContentChecks(_limits: PageLimits): void {
  const h = (window as unknown as { __deckCheck: DeckCheckPage }).__deckCheck

  h.headingsOf = (root: ParentNode): string[] => {
    const out: string[] = []
    let prev = 0
    for (const el of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      if (el.closest('aside.notes') || el.getClientRects().length === 0) continue
      const level = Number(el.tagName[1])
      const ok = prev === 0 ? level <= 2 : level <= prev + 1
      if (!ok) out.push(`${prev ? `h${prev} is followed by ` : 'the first heading is '}${h.describe(el)} (h${level})`)
      prev = level
    }
    return out
  }

  const svgName = (svg: Element): boolean => {
    if (svg.getAttribute('aria-label')?.trim()) return true
    const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
    if (ids.some((id) => document.getElementById(id)?.textContent?.trim())) return true
    const t = svg.querySelector(':scope > title')
    return !!t?.textContent?.trim()
  }

  h.missingTextOf = (root: ParentNode): string[] => {
    const out: string[] = []
    const decorative = (e: Element) =>
      e.getAttribute('aria-hidden') === 'true' || e.getAttribute('role') === 'presentation' || e.getAttribute('role') === 'none'
    for (const img of root.querySelectorAll('img')) {
      if (img.closest('aside.notes')) continue
      const alt = img.getAttribute('alt')
      if (!decorative(img) && (alt === null || !alt.trim()))
        out.push(
          `image ${h.shortSrc(img.getAttribute('src') || '')} has no text equivalent: write what it shows between the brackets, ![what it shows](path), or alt="…"`,
        )
    }
    for (const svg of root.querySelectorAll('svg')) {
      if (svg.parentElement?.closest('svg')) continue
      if (svg.closest('aside.notes') || decorative(svg)) continue
      const caption = svg.closest('figure')?.querySelector('figcaption')
      if (!svgName(svg) && !caption?.textContent?.trim()) out.push(`figure ${h.describe(svg)} has no text equivalent (no title, aria-label or figcaption)`)
    }
    for (const fig of root.querySelectorAll('figure')) {
      if (fig.closest('aside.notes')) continue
      const caption = fig.querySelector('figcaption')
      const named = [...fig.querySelectorAll('img[alt]:not([alt=""]), svg')].some((e) => e.tagName.toLowerCase() === 'img' || svgName(e))
      if (!caption?.textContent?.trim() && !named) out.push(`figure ${h.describe(fig)} has no text equivalent`)
    }
    return out
  }

  h.linksOf = (root: ParentNode): { bad: string[]; files: string[] } => {
    const bad: string[] = []
    const files: string[] = []
    const ids = new Set([...document.querySelectorAll('.reveal .slides section[id]')].map((s) => s.id))
    // A malformed escape (`#/%E0%A4%A`) is looked up as written: it leads nowhere, and says so.
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s)
      } catch {
        return s
      }
    }
    for (const a of root.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href') ?? ''
      if (href.startsWith('#/')) {
        const target = decode(href.slice(2).split('/')[0] || '')
        if (target && !/^\d+$/.test(target) && !ids.has(target) && !document.getElementById(target))
          bad.push(`link "${href}" (${h.describe(a)}) leads to no slide`)
      } else if (href.startsWith('#')) {
        if (href.length > 1 && !document.getElementById(decode(href.slice(1)))) bad.push(`link "${href}" (${h.describe(a)}) leads to no element on the page`)
      } else if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) {
        files.push(new URL(href, location.href).href.split('#')[0] ?? '')
      }
    }
    return { bad, files }
  }

  h.inspectDocument = () => {
    const links = h.linksOf(document)
    return { missingText: h.missingTextOf(document.body), headings: h.headingsOf(document.body), badLinks: links.bad, fileLinks: links.files }
  }
}
