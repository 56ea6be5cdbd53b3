import { createRequire } from 'node:module'
import type { HLJSApi } from 'highlight.js'
import { Marked, type Token, type Tokens } from 'marked'
import { markedHighlight } from 'marked-highlight'
import type { FigureKind, FigureRender } from '../figures/kinds.ts'
import type { TextMeasure } from '../figures/measure.ts'
import { decodeHtml, escapeHtml, escapeMarkdownText } from '../text/escape.ts'
import { tooComplex } from './complexity.ts'
import { diag } from './diagnostics.ts'
import { type FigureBlockInput, type FigureBlockResult, type FigureInfo, renderFigureBlock } from './figure-block.ts'
import { attachImageAttrs, type ImageToken, imageAttrsExtension, imageOptions, markImageParagraphs, posIn, rawImageSources } from './images.ts'
import { encodePath, resolveLocal, safeDecode } from './local-paths.ts'
import { tooDeep, tooDeepLine } from './nesting.ts'
import { locator } from './position.ts'
import { proseOf } from './prose.ts'
import { ALLOWED_TAGS, CHECKED_LOCAL, rawIdNote, removedByAllowlist } from './sanitize.ts'
import type { Diagnostic, ProseLine, Segment, SourcePos } from './types.ts'
import { typography } from './typography.ts'

/** What rendering needs from the outside world, injected so the step stays pure. */
export interface MarkdownEnv {
  /** Figure kinds by fence language: a ```timeline (…) block is drawn from its YAML, not shown as code. */
  figureKinds?: ReadonlyMap<string, FigureKind<unknown>>
  /** Render a validated figure (node.ts caches it on disk). Default: the kind's own `render`. */
  renderFigure?: (kind: FigureKind<unknown>, spec: unknown, id: string, measure?: TextMeasure) => FigureRender
  /** Read, check and render a whole figure block (node.ts caches it on disk). Default: renderFigureBlock. */
  figureBlock?: (input: FigureBlockInput) => FigureBlockResult
  /** The widths of text in the deck's fonts (the theme's font, if any, then Source Sans 3), for figures to lay out. */
  measureFor?: (themeFont: string | undefined) => TextMeasure
  /** What `measureFor` gave for this deck (set by compileDeck). */
  measure?: TextMeasure
  /** Does this project-relative path exist? */
  assetExists: (path: string) => boolean
  /**
   * Where an existing project path really leads, when that is outside the folders a slide may
   * use (`assets/`, `slides/`): through a symbolic link, or a project file such as `../secret.txt`.
   * Undefined when it is fine.
   */
  assetOutside?: (path: string) => string | undefined
  /** A project file's bytes through the read gate (deck.yaml's logo and font), or why not. */
  readAsset?: (path: string, maxBytes: number) => Uint8Array | string
}

/** A code block highlighted only under these sizes: no slide shows more, and highlight.js slows sharply past them. */
export const MAX_HIGHLIGHT_LINE = 1_000
export const MAX_HIGHLIGHT_CHARS = 50_000
const tooLongToHighlight = (code: string): boolean => code.length > MAX_HIGHLIGHT_CHARS || code.split('\n').some((l) => l.length > MAX_HIGHLIGHT_LINE)

/** highlight.js (the full bundle, ~0.3 s to load) is loaded on the first code block, not at start-up. */
let hljsApi: HLJSApi | undefined
const hljs = (): HLJSApi => (hljsApi ??= createRequire(import.meta.url)('highlight.js') as HLJSApi)

/**
 * One marked instance per compile (never the global `marked`): code highlighted at build time,
 * and type set outside code (curly quotes and apostrophes, dashes, ellipses) by the markedjs
 * project's smartypants extension, a postprocess hook applied in renderMarkdown.
 */
export function createMarkdown(): Marked {
  return new Marked(
    { gfm: true, async: false },
    markedHighlight({
      emptyLangClass: 'hljs',
      langPrefix: 'hljs language-',
      highlight: (code, lang) => {
        const language = hljs().getLanguage(lang) ? lang : 'plaintext'
        return hljs().highlight(code, { language }).value
      },
    }),
    typography(),
    imageAttrsExtension,
    // marked-smartypants leaves inline text unescaped so its quotes can be educated after
    // rendering; this keeps that, but escapes what would become markup (`<A` must stay text).
    {
      tokenizer: {
        inlineText(src: string) {
          const cap = this.rules.inline.text.exec(src)
          if (!cap) return undefined
          return { type: 'text', raw: cap[0], text: escapeMarkdownText(cap[0]), escaped: true }
        },
      },
    },
  )
}

/** A `#/id` link inside the deck, checked once every slide id is known. */
export interface InternalLink {
  target: string
  pos: SourcePos
}

export interface MarkdownResult {
  links: InternalLink[]
  html: string
  diagnostics: Diagnostic[]
  figures: FigureInfo[]
  /** The segment's prose, line by line (its code left out), as the fidelity check reads it. */
  prose: ProseLine[]
}

const SLOT = (n: number) => `<figure class="deck-figure-slot" data-slot="${n}"></figure>`
const RE_SLOT = /<figure class="deck-figure-slot" data-slot="(\d+)"><\/figure>/g

/**
 * Lex a segment, check what points outside it (code languages, images, figures, links),
 * and render it. `sanitize` runs on the rendered HTML before the trusted figure SVG goes in.
 */
export function renderMarkdown(
  md: Marked,
  seg: Segment,
  env: MarkdownEnv,
  idPrefix: string,
  sanitize: (html: string, dropped: (src: string) => void) => string,
): MarkdownResult {
  const diagnostics: Diagnostic[] = []
  const slots: string[] = []
  const figures: FigureInfo[] = []
  const links: InternalLink[] = []
  /** Picture and link paths already reported (missing, outside): not reported again when the sanitiser drops them. */
  const reportedPaths = new Set<string>()
  const deep = tooDeepLine(seg) ?? tooComplex(seg)
  if (deep) return { html: '', diagnostics: [deep], figures, links, prose: [] }
  let tokens: Token[]
  try {
    tokens = md.lexer(seg.text)
  } catch (err) {
    return { html: '', diagnostics: [tooDeep(seg, err)], figures, links, prose: [] }
  }
  attachImageAttrs(tokens)
  // marked keeps each token's raw text but no positions, so offsets are summed here.
  const locate = locator(seg.start, seg.text)
  // (Before the walk below turns figure fences into slots.)
  const prose = proseOf(tokens, seg.text, locate, false)
  // What the allowlist removes, per distinct raw HTML token (pasted pages repeat the same tags).
  const removedCache = new Map<string, string[]>()
  let reported = 0
  const htmlRemoved = (raw: string): string[] => {
    if (
      RE_PLAIN_TAGS.test(raw) &&
      [...raw.matchAll(/<\/?([a-z0-9]+)/gi)].every((m) => (ALLOWED_TAGS as readonly string[]).includes((m[1] ?? '').toLowerCase()))
    )
      return []
    let r = removedCache.get(raw)
    if (!r) {
      r = removedByAllowlist(raw)
      removedCache.set(raw, r)
    }
    return r
  }
  let offset = 0
  try {
    for (const token of tokens) {
      const base = seg.text.indexOf(token.raw, offset)
      const start = base >= 0 ? base : offset
      walk(token, start, (t, at) => check(t, locate(at)))
      offset = start + token.raw.length
    }
  } catch (err) {
    return { html: '', diagnostics: [...diagnostics, tooDeep(seg, err)], figures, links, prose }
  }

  function check(t: Token, pos: SourcePos): void {
    if (t.type === 'html') {
      const removed = htmlRemoved((t as Tokens.HTML | Tokens.Tag).raw)
      if (removed.length && reported++ < MAX_HTML_REPORTS) {
        diagnostics.push(
          diag(
            'html-removed',
            pos,
            `raw HTML outside the allowlist was removed from the slide: ${removed.join(', ')}. Use Markdown instead, or see README "Raw HTML" for the tags and attributes a slide may carry`,
            'warning',
          ),
        )
      }
      const idNote = rawIdNote((t as Tokens.HTML | Tokens.Tag).raw)
      if (idNote && reported++ < MAX_HTML_REPORTS) diagnostics.push(diag('html-id-renamed', pos, idNote, 'warning'))
      checkRawImages(t as Tokens.HTML | Tokens.Tag, pos)
    } else if (t.type === 'code') {
      const lang = ((t as Tokens.Code).lang ?? '').trim().split(/\s+/)[0] ?? ''
      const kind = lang ? env.figureKinds?.get(lang) : undefined
      if (kind) {
        // A figure from data: drawn at build time; the token becomes the figure's slot.
        const code = t as Tokens.Code
        const indent = /^ */.exec(code.raw)?.[0].length ?? 0
        const r = (env.figureBlock ?? renderFigureBlock)({
          kind,
          body: code.text,
          fence: pos,
          indent,
          id: `${idPrefix}-fig-${slots.length + 1}`,
          render: env.renderFigure ?? ((k, spec, id, m) => k.render(spec, id, m)),
          ...(env.measure ? { measure: env.measure } : {}),
        })
        diagnostics.push(...r.diagnostics)
        if (r.figure) figures.push(r.figure)
        Object.assign(t, { type: 'html', block: true, pre: false, text: `<img src="deck-slot:${slots.length}">\n` })
        slots.push(r.html)
      } else if (lang && !hljs().getLanguage(lang)) {
        diagnostics.push(
          diag('code-lang-unknown', pos, `unknown code language "${lang}": use a highlight.js language name (e.g. ts, js, json, yaml, bash, md) or "text"`),
        )
      } else if (lang && lang !== 'text' && tooLongToHighlight((t as Tokens.Code).text)) {
        // highlight.js is quadratic in a token's length (a 64,000-letter identifier took 53 s).
        ;(t as Tokens.Code).lang = 'text'
        diagnostics.push(
          diag(
            'code-unhighlighted',
            pos,
            `this ${lang} block has a line over ${MAX_HIGHLIGHT_LINE} characters or is over ${MAX_HIGHLIGHT_CHARS.toLocaleString('en')} in all, so it is shown without colours: shorten it, or mark it \`\`\`text`,
            'warning',
          ),
        )
      }
    } else if (t.type === 'image') {
      const img = t as Tokens.Image
      if (img.href.startsWith('figure:')) {
        // Authors of older decks write figures as images; say what to write instead.
        const kinds = [...(env.figureKinds?.keys() ?? [])].join(', ')
        const example = '\n    ```chart\n    title: "What the figure shows"\n    data: { "1990s": 3, "2000s": 8 }\n    ```\n'
        diagnostics.push(
          diag(
            'figure-unknown',
            pos,
            `"![…](${img.href})" draws nothing: a figure is a fenced block whose language is its kind (${kinds}) and whose body is YAML, e.g.${example}  (README "Figures" lists each kind's keys)`,
          ),
        )
        Object.assign(t, { type: 'html', text: '' })
      } else if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(img.href)) {
        diagnostics.push(
          diag(
            'html-removed',
            pos,
            `the image "${img.href}" was removed: the deck must work offline, so save the image in assets/ and link it with a relative path`,
            'warning',
          ),
        )
      } else {
        const local = checkLocal(img.href, pos, 'image')
        if (local) img.href = `${CHECKED_LOCAL}${encodePath(local)}`
        const attrs = (img as ImageToken).attrs
        if (attrs !== undefined) {
          const opts = imageOptions(attrs, pos)
          diagnostics.push(...opts.diagnostics)
          ;(img as ImageToken).extra = opts.extra
        }
        if (!img.text.trim()) diagnostics.push(diag('meta-invalid', pos, 'an image needs alt text: write it between the brackets, ![what it shows](path)'))
      }
    } else if (t.type === 'link') {
      const link = t as Tokens.Link
      const internal = /^#\/?([^/?#]+)$/.exec(link.href)
      if (internal?.[1]) {
        links.push({ target: safeDecode(internal[1], decodeURIComponent), pos })
        link.href = `#/${internal[1]}`
      }
      const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(link.href)?.[1]?.toLowerCase()
      if ((scheme && !['http', 'https', 'mailto'].includes(scheme)) || link.href.startsWith('//')) {
        diagnostics.push(
          diag(
            'html-removed',
            pos,
            `the link target "${link.href}" was removed: links may point to http(s) or mailto addresses, #/slide-ids, or files in the project`,
            'warning',
          ),
        )
      }
      const local = checkLocal(link.href, pos, 'link')
      if (local) link.href = `./${encodePath(local)}`
    }
  }

  /** Raw `<img src>` follows the Markdown image's rule: relative to the slide file, in the project, existing. */
  function checkRawImages(t: Tokens.HTML | Tokens.Tag, pos: SourcePos): void {
    const found = rawImageSources(t.raw)
    if (found.length === 0) return
    const fixed = found.map((src) => {
      if (/^\s*([a-z][a-z0-9+.-]*:|\/\/)/i.test(src.value) || src.value.trim() === '') return undefined // the sanitiser removes it, and warns
      const local = checkLocal(src.value.trim(), posIn(pos, t.raw, src.tag), 'image')
      return local === undefined ? undefined : `${CHECKED_LOCAL}${encodePath(local)}`
    })
    let i = 0
    t.text = t.text.replace(/<img\b[^>]*>/gi, (tag) => {
      const to = fixed[i++]
      const src = rawImageSources(tag)[0]
      return to === undefined || !src ? tag : tag.slice(0, src.at) + escapeHtml(to) + tag.slice(src.at + src.length)
    })
  }

  /** Check a relative path; returns it project-relative when it is fine. */
  function checkLocal(href: string, pos: SourcePos, what: string): string | undefined {
    if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href) || href === '') return undefined
    reportedPaths.add(href)
    const path = resolveLocal(seg.start.file, href.split(/[?#]/)[0] ?? '')
    if (path === null)
      diagnostics.push(diag('asset-outside', pos, `the ${what} "${href}" points outside the project: keep files in assets/ and link them relatively`))
    else if (!env.assetExists(path))
      diagnostics.push(
        diag('asset-missing', pos, `the ${what} "${href}" points to ${path}, which does not exist: check the path (it is relative to the slide file)`),
      )
    else if (env.assetOutside?.(path))
      diagnostics.push(
        diag(
          'asset-outside',
          pos,
          `the ${what} "${href}" leads to ${env.assetOutside(path)}, outside the folders a slide may use (assets/ and slides/): copy the file into assets/ and link the copy`,
        ),
      )
    else {
      reportedPaths.delete(href)
      return path
    }
    return undefined
  }

  // marked.parse() runs extensions' walkTokens (marked-highlight works there); lexer+parser do not.
  const walkTokens = md.defaults.walkTokens
  let rendered: string
  try {
    if (walkTokens) md.walkTokens(tokens, walkTokens)
    rendered = md.parser(tokens)
    // md.parse() would run the postprocess hooks; lexing and parsing apart, they run here.
    const hooks = md.defaults.hooks
    if (hooks) rendered = hooks.postprocess(rendered) as string
  } catch (err) {
    return { html: '', diagnostics: [...diagnostics, tooDeep(seg, err)], figures, links, prose }
  }
  // A figure alone in a paragraph must not stay inside <p> (HTML would split the paragraph).
  const unwrapped = rendered.replace(/<p>\s*(<img src="deck-slot:\d+"[^>]*>)\s*<\/p>/g, '$1')
  const html = sanitize(
    markImageParagraphs(unwrapped).replace(/<img src="deck-slot:(\d+)"[^>]*>/g, (_, n: string) => SLOT(Number(n))),
    (src) => {
      // A picture the checks above did not see (HTML they could not read): never loaded. (One they
      // reported, or with a scheme the allowlist warns about, is not reported again.)
      if (reportedPaths.has(src) || /^\s*([a-z][a-z0-9+.-]*:|\/\/)/i.test(src) || src.trim() === '') return
      diagnostics.push(
        diag(
          'asset-outside',
          seg.start,
          `the picture "${src.length > 60 ? `${src.slice(0, 60)}…` : src}" was removed: write it as ![alt](path) or a plain <img src="path">, with a path relative to the slide file inside assets/ or slides/`,
        ),
      )
    },
  )
  return { html: html.replace(RE_SLOT, (_, n: string) => slots[Number(n)] ?? ''), diagnostics, figures, links, prose }
}

/** Tags without attributes (`<div>`, `</span>`, `<br/>`): nothing to remove but the tag itself. */
const RE_PLAIN_TAGS = /^\s*(<\/?[a-z][a-z0-9]*\s*\/?>\s*)+$/i
/** At most this many html-removed warnings per slide part: enough to find the pasted block. */
const MAX_HTML_REPORTS = 20

/** Depth-first walk; nested tokens get the offset of their raw text inside the parent's. */
function walk(token: Token, at: number, visit: (t: Token, at: number) => void): void {
  visit(token, at)
  // Children in order: inline tokens, list items, table header cells' tokens, then rows' (no arrays built).
  const { tokens, items } = token as { tokens?: Token[]; items?: Token[] }
  const { header, rows } = token as unknown as { header?: { tokens?: Token[] }[]; rows?: { tokens?: Token[] }[][] }
  let from = 0
  const child = (c: Token) => {
    const i = token.raw.indexOf(c.raw, from)
    walk(c, at + (i >= 0 ? i : from), visit)
    if (i >= 0) from = i + c.raw.length
  }
  if (tokens) for (const c of tokens) child(c)
  if (items) for (const c of items) child(c)
  if (header) for (const cell of header) for (const c of cell.tokens ?? []) child(c)
  if (rows) for (const row of rows) for (const cell of row) for (const c of cell.tokens ?? []) child(c)
}

/** Visible text of an HTML fragment, whitespace collapsed. */
export function textOf(html: string): string {
  return decodeHtml(html.replace(/<(svg|figure)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,%-]*/gu)
  return m ? m.length : 0
}
