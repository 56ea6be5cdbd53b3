import type { Marked } from 'marked'
import { escapeHtml } from '../text/escape.ts'
import { checkCitations, deckSources, takeCitations } from './citations.ts'
import { diag } from './diagnostics.ts'
import type { SlideChrome } from './identity.ts'
import { ICD_203, judgmentProse, judgmentsHtml, parseJudgments } from './judgments.ts'
import { countWords, type InternalLink, type MarkdownEnv, renderMarkdown, textOf } from './markdown.ts'
import { plannedSeconds } from './pacing.ts'
import { sanitize } from './sanitize.ts'
import { validatePartAttrs } from './schema.ts'
import { scanFences } from './split.ts'
import type { DeckConfig, Diagnostic, ProseLine, RenderedSlide, Segment, SlideFile } from './types.ts'

/** Render one validated file into its slides (the first part, then its vertical sub-slides). */
export function renderFile(
  file: SlideFile,
  h: number,
  md: Marked,
  env: MarkdownEnv,
  config: DeckConfig,
): { slides: RenderedSlide[]; diagnostics: Diagnostic[]; links: InternalLink[]; prose: ProseLine[] } {
  const diagnostics: Diagnostic[] = []
  const links: InternalLink[] = []
  const prose: ProseLine[] = []
  const line = (text: string | undefined, pos: { line: number; column: number } | undefined, role: 'title' | 'section'): void => {
    if (text?.trim() && pos)
      prose.push({
        pos: { file: file.file, line: pos.line, column: pos.column },
        text: text.trim(),
        blockStart: true,
        notes: false,
        role,
      })
  }
  line(file.meta.title, file.keyPos.title?.value, 'title')
  line(file.meta.section, file.keyPos.section?.value, 'section')
  const slides = file.parts.map((part, v): RenderedSlide => {
    const own: ReturnType<typeof validatePartAttrs> = part.attrs ? validatePartAttrs(part.attrs) : { options: {}, diagnostics: [] }
    const id = v === 0 ? file.meta.id : (own.options.id ?? `${file.meta.id}-${v + 1}`)
    // Citations come out before rendering: a source line is added once the deck numbers them.
    const content = takeCitations(part.content)
    const said = part.notes ? takeCitations(part.notes) : undefined
    const cites = [...content.citations, ...(said?.citations ?? [])]
    const body = renderBody(md, content.seg, env, id)
    const notes = said ? renderMarkdown(md, said.seg, env, `${id}-notes`, sanitize) : null
    diagnostics.push(...own.diagnostics, ...checkCitations(cites, file.file, deckSources(config)), ...body.diagnostics, ...(notes?.diagnostics ?? []))
    const build = own.options.build ?? file.meta.build ?? false
    const layout = v === 0 ? file.meta.layout : (own.options.layout ?? (body.figures.length > 0 ? 'figure' : 'bullets'))
    body.html = withAttributions(body.html)
    if (layout === 'judgments') {
      const scale = config.likelihood ?? ICD_203
      const j = parseJudgments(part.content, scale)
      diagnostics.push(...j.diagnostics)
      body.html = judgmentsHtml(body.html, j.judgments, scale, build)
      body.prose = judgmentProse(body.prose)
    } else if (build) body.html = withBuilds(body.html)
    links.push(...body.links, ...(notes?.links ?? []))
    // A sub-slide's title is its `## ` heading, the line before its content.
    if (part.title !== undefined)
      line(part.title, { line: part.content.start.line > part.pos.line ? part.content.start.line - 1 : part.pos.line, column: 4 }, 'title')
    prose.push(...body.prose, ...(notes?.prose ?? []).map((l) => ({ ...l, notes: true })))
    const notesText = notes ? textOf(notes.html) : ''
    const notesWords = countWords(notesText)
    const title = typeset(md, part.title ?? file.meta.title)
    return {
      id,
      file: file.file,
      line: v === 0 ? file.dataPos.line : part.pos.line,
      title,
      ...(file.meta.section !== undefined ? { section: typeset(md, file.meta.section) } : {}),
      layout,
      ...(own.options.class ? { class: own.options.class } : {}),
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
      ...(cites.length ? { cites: cites.map((c) => ({ id: c.id, ...(c.locator ? { locator: c.locator } : {}) })) } : {}),
    }
  })
  return { slides, diagnostics, links, prose }
}

/** A line that is exactly `|||` splits a slide's body into side-by-side columns. */
const RE_COLUMN = /^\|\|\|[ \t]*$/

/** The body of one (sub-)slide: one Markdown run, or one per column when `|||` lines split it. */
function renderBody(md: Marked, content: Segment, env: MarkdownEnv, id: string): ReturnType<typeof renderMarkdown> {
  const { lines } = scanFences(content)
  const cuts = lines.filter((l) => !l.inFence && RE_COLUMN.test(l.text)).map((l) => l.index)
  if (cuts.length === 0) return renderMarkdown(md, content, env, id, sanitize)
  const all = content.text.split('\n')
  const bounds = [-1, ...cuts, all.length]
  // A column with nothing in it (a `|||` before the first column, after the last, or twice in a
  // row) is left out, with a warning at the `|||` line that made it: `|||` goes between columns.
  const empty: Diagnostic[] = []
  const columns = bounds.slice(1).flatMap((end, i) => {
    const from = (bounds[i] ?? -1) + 1
    const text = all.slice(from, end).join('\n')
    if (!text.trim()) {
      const line = content.start.line + (end === all.length ? from - 1 : end)
      const where = i === 0 ? 'before the first column' : end === all.length ? 'after the last column' : 'right after another'
      const message = `this "|||" line ${where} makes an empty column, left out: a "|||" line goes between two columns; remove this one`
      if (!empty.some((d) => d.pos.line === line)) empty.push(diag('column-empty', { ...content.start, line, column: 1 }, message, 'warning'))
      return []
    }
    const seg: Segment = { text, start: { ...content.start, line: content.start.line + from, column: 1 } }
    return [renderMarkdown(md, seg, env, i === 0 ? id : `${id}-c${i + 1}`, sanitize)]
  })
  if (columns.length < 2) {
    const only = columns[0]
    return {
      html: only?.html ?? '',
      diagnostics: [...empty, ...(only?.diagnostics ?? [])],
      figures: only?.figures ?? [],
      links: only?.links ?? [],
      prose: only?.prose ?? [],
    }
  }
  return {
    html: `<div class="columns">${columns.map((c) => `<div class="column">${c.html}</div>`).join('')}</div>`,
    diagnostics: [...empty, ...columns.flatMap((c) => c.diagnostics)],
    figures: columns.flatMap((c) => c.figures),
    links: columns.flatMap((c) => c.links),
    prose: columns.flatMap((c) => c.prose),
  }
}

/**
 * Builds: every top-level list item (not nested ones, which come with their parent) becomes a
 * reveal.js fragment, shown one step at a time when presenting and all at once in print.
 */
export function withBuilds(html: string): string {
  let depth = 0
  return html.replace(/<(\/?)(ul|ol|li)\b([^>]*)>/g, (tag, close: string, name: string, rest: string) => {
    if (name !== 'li') {
      depth = Math.max(0, depth + (close ? -1 : 1))
      return tag
    }
    if (close || depth !== 1) return tag
    const cls = /\sclass="([^"]*)"/.exec(rest)
    if (cls) return /(^|\s)fragment(\s|$)/.test(cls[1] ?? '') ? tag : tag.replace(cls[0], () => ` class="${cls[1]} fragment"`)
    return `<li class="fragment"${rest}>`
  })
}

const DASH = '(?:—|–|&#8212;|&#8211;|&mdash;|&ndash;)'
const RE_ATTRIBUTION_AFTER = new RegExp(`<blockquote>((?:(?!</?blockquote)[\\s\\S])*)</blockquote>\\s*<p>(${DASH}[\\s\\S]*?)</p>`, 'g')
const RE_ATTRIBUTION_INSIDE = new RegExp(
  `<blockquote>((?:(?!</?blockquote)[\\s\\S])*?)\\s*<p>(${DASH}(?:(?!</?blockquote|<p>)[\\s\\S])*?)</p>\\s*</blockquote>`,
  'g',
)

/**
 * A quote's attribution: a paragraph that starts with a dash ("— Name, role") right after a
 * block quote, or as its last paragraph, is set under the quote as its attribution.
 */
export function withAttributions(html: string): string {
  // A <div>, not <figure>: figures are drawings, left out of the slide's text (word counts, fidelity).
  const figure = (quote: string, who: string) => `<div class="quote"><blockquote>${quote.trim()}</blockquote><p class="attribution">${who}</p></div>`
  return html
    .replace(RE_ATTRIBUTION_INSIDE, (_, q: string, who: string) => figure(q, who))
    .replace(RE_ATTRIBUTION_AFTER, (_, q: string, who: string) => figure(q, who))
}

/**
 * Plain text (a title, a section name) with its type set as the Markdown is: curly quotes and
 * apostrophes, dashes, ellipses (marked's postprocess hooks; their character references decoded).
 */
export function typeset(md: Marked, text: string): string {
  const hooks = md.defaults.hooks
  if (!hooks || !/['"]|--|\.\.\./.test(text)) return text
  return (hooks.postprocess(text) as string).replace(/&#(\d+);/g, (ref: string, n: string) => (Number(n) <= 0x10ffff ? String.fromCodePoint(Number(n)) : ref))
}

/** The `<section>` for one slide: kicker, heading, body, notes. */
export function sectionHtml(slide: RenderedSlide, extraClass: string | undefined, agenda: string, chrome?: SlideChrome, ground = '#14263d'): string {
  const heading = slide.layout === 'title' ? 'h1' : 'h2'
  const classes = [
    'slide',
    `layout-${slide.layout}`,
    ...(slide.figures.length ? ['has-figure'] : []),
    ...(isSparse(slide) ? ['is-sparse'] : []),
    ...(extraClass ? [extraClass] : []),
    ...(slide.class ? [slide.class] : []),
    ...(chrome?.classes ?? []),
  ]
  const kicker = slide.section && slide.layout !== 'title' ? `<p class="slide-kicker">${escapeHtml(slide.section)}</p>` : ''
  const body = slide.layout === 'agenda' ? agenda + slide.bodyHtml : slide.bodyHtml
  const dark = slide.layout === 'title' || slide.layout === 'statement' || slide.layout === 'section'
  return [
    `<section id="${slide.id}" class="${classes.join(' ')}" data-timing="${slide.seconds}" data-file="${escapeHtml(slide.file)}"${dark ? ` data-background-color="${ground}"` : ''}>`,
    chrome?.before ?? '',
    '<div class="frame">',
    kicker,
    `<${heading} class="slide-title">${escapeHtml(slide.title)}</${heading}>`,
    body.trim() ? `<div class="slide-body">${body}</div>` : '',
    chrome?.title ?? '',
    '</div>',
    chrome?.after ?? '',
    `<aside class="notes">${slide.notesHtml}</aside>`,
    '</section>',
  ].join('')
}

/**
 * A sparse slide (a few bullets, a short quote or table, no figure, image or code) has its
 * body set larger, so it uses the room under the title rather than a top-aligned block.
 */
export function isSparse(slide: RenderedSlide): boolean {
  if (!['bullets', 'quote'].includes(slide.layout) || slide.figures.length) return false
  if (/<(img|pre|svg)\b/.test(slide.bodyHtml) || /class="columns"/.test(slide.bodyHtml)) return false
  return slide.bodyWords > 0 && slide.bodyWords <= 36 && slide.bullets <= 4 && (slide.bodyHtml.match(/<tr[\s>]/g) ?? []).length <= 5
}
