import type { Marked } from 'marked'
import { countWords, escapeHtml, renderMarkdown, textOf, type InternalLink, type MarkdownEnv } from './markdown.ts'
import { plannedSeconds } from './pacing.ts'
import { sanitize } from './sanitize.ts'
import type { DeckConfig, Diagnostic, RenderedSlide, SlideFile } from './types.ts'

/** Render one validated file into its slides (the first part, then its vertical sub-slides). */
export function renderFile(file: SlideFile, h: number, md: Marked, env: MarkdownEnv, config: DeckConfig): { slides: RenderedSlide[]; diagnostics: Diagnostic[]; links: InternalLink[] } {
  const diagnostics: Diagnostic[] = []
  const links: InternalLink[] = []
  const slides = file.parts.map((part, v): RenderedSlide => {
    const id = v === 0 ? file.meta.id : `${file.meta.id}-${v + 1}`
    const body = renderMarkdown(md, part.content, env, id, sanitize)
    const notes = part.notes ? renderMarkdown(md, part.notes, env, `${id}-notes`, sanitize) : null
    diagnostics.push(...body.diagnostics, ...(notes?.diagnostics ?? []))
    links.push(...body.links, ...(notes?.links ?? []))
    const notesText = notes ? textOf(notes.html) : ''
    const notesWords = countWords(notesText)
    const title = typeset(md, part.title ?? file.meta.title)
    return {
      id,
      file: file.file,
      line: v === 0 ? file.dataPos.line : part.pos.line,
      title,
      ...(file.meta.section !== undefined ? { section: typeset(md, file.meta.section) } : {}),
      layout: v === 0 ? file.meta.layout : body.figures.length > 0 ? 'figure' : 'bullets',
      h,
      v,
      seconds: plannedSeconds(notesWords, config, v === 0 ? file.meta.timing : undefined),
      bodyWords: countWords(textOf(body.html)),
      bullets: (body.html.match(/<li[\s>]/g) ?? []).length,
      notesWords,
      bodyHtml: body.html,
      notesHtml: notes?.html ?? '',
      notesText,
      figures: body.figures,
    }
  })
  return { slides, diagnostics, links }
}

/**
 * Plain text (a title, a section name) with its type set as the Markdown is: curly quotes and
 * apostrophes, dashes, ellipses (marked's postprocess hooks; their character references decoded).
 */
export function typeset(md: Marked, text: string): string {
  const hooks = md.defaults.hooks
  if (!hooks || !/['"]|--|\.\.\./.test(text)) return text
  return (hooks.postprocess(text) as string).replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
}

/** The `<section>` for one slide: kicker, heading, body, notes. */
export function sectionHtml(slide: RenderedSlide, extraClass: string | undefined, agenda: string): string {
  const heading = slide.layout === 'title' ? 'h1' : 'h2'
  const classes = ['slide', `layout-${slide.layout}`, ...(slide.figures.length ? ['has-figure'] : []), ...(extraClass ? [extraClass] : [])]
  const kicker = slide.section && slide.layout !== 'title' ? `<p class="slide-kicker">${escapeHtml(slide.section)}</p>` : ''
  const body = slide.layout === 'agenda' ? agenda + slide.bodyHtml : slide.bodyHtml
  const dark = slide.layout === 'title' || slide.layout === 'statement'
  return [
    `<section id="${slide.id}" class="${classes.join(' ')}" data-timing="${slide.seconds}" data-file="${escapeHtml(slide.file)}"${dark ? ' data-background-color="#14263d"' : ''}>`,
    '<div class="frame">',
    kicker,
    `<${heading} class="slide-title">${escapeHtml(slide.title)}</${heading}>`,
    body.trim() ? `<div class="slide-body">${body}</div>` : '',
    '</div>',
    `<aside class="notes">${slide.notesHtml}</aside>`,
    '</section>',
  ].join('')
}

/** The agenda: every slide that covers an article section, linked by its deep link. */
export function agendaHtml(slides: readonly RenderedSlide[]): string {
  const items = slides
    .filter((s) => s.section && s.v === 0)
    .map((s) => `<li><a href="#/${s.id}">${escapeHtml(s.section ?? '')}</a></li>`)
  return items.length ? `<ol class="agenda-list">${items.join('')}</ol>` : ''
}
