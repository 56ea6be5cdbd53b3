import { escapeHtml } from '../text/escape.ts'
import type { RenderedSlide } from './types.ts'

/**
 * The agenda: every slide that covers an article section, linked by its deep link. Used by the
 * agenda slide and the reading edition; on its own so the reading edition's renderer (loaded by
 * the build's main thread) does not load the Markdown compiler. Pure.
 */
export function agendaHtml(slides: readonly RenderedSlide[]): string {
  // Numbered by slide number, as the slide number, the reading edition and the handout count.
  const items = slides
    .map((s, i) => ({ s, n: i + 1 }))
    .filter(({ s }) => s.section && s.v === 0)
    .map(({ s, n }) => `<li value="${n}"><a href="#/${s.id}">${escapeHtml(s.section ?? '')}</a></li>`)
  return items.length ? `<ol class="agenda-list">${items.join('')}</ol>` : ''
}
