import sanitizeHtml from 'sanitize-html'

/**
 * The HTML a slide may carry, documented in the README ("Raw HTML"). Everything else is
 * removed: scripts, styles, event handlers, iframes/embeds, forms, and any URL scheme other
 * than http(s), mailto and relative paths.
 */
export const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'dd',
  'del',
  'details',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'input',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
] as const

/**
 * The `data-*` attributes reveal.js reads for fragments, auto-animate and code line numbers: plain
 * values it never turns into HTML or URLs. Not allowed, among others: `data-notes` (the speaker
 * view writes it into innerHTML), `data-src`, `data-background-*`, `data-preview-link` (they load
 * URLs), `data-markdown`.
 */
export const ALLOWED_DATA_ATTRIBUTES = [
  'data-fragment-index',
  'data-id',
  'data-auto-animate',
  'data-auto-animate-delay',
  'data-auto-animate-duration',
  'data-auto-animate-easing',
  'data-auto-animate-unmatched',
  'data-auto-animate-target',
  'data-line-numbers',
  'data-ln-start-from',
] as const

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...ALLOWED_TAGS],
  allowedAttributes: {
    '*': ['class', 'id', 'title', 'lang', 'dir', ...ALLOWED_DATA_ATTRIBUTES, 'aria-*', 'role'],
    // The compiler's own placeholder for a build-time figure (replaced after sanitising).
    figure: ['data-slot'],
    a: ['href', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    td: ['align', 'colspan', 'rowspan'],
    th: ['align', 'colspan', 'rowspan', 'scope'],
    ol: ['start'],
    input: ['type', 'checked', 'disabled'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? ''
      if (/^https?:/i.test(href)) return { tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' } }
      const { target: _t, ...rest } = attribs
      return { tagName, attribs: rest }
    },
    input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: '' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
}

/**
 * The prefix the compiler gives a picture's path once it has checked it (inside the project,
 * in assets/ or slides/, existing): the only `src` a picture keeps through `sanitize`.
 */
export const CHECKED_LOCAL = 'deck-checked:./'

/**
 * Reduce author HTML to the allowlist. Pure; same input, same output. A picture whose `src`
 * the compiler did not check (HTML spelt so its reader missed it, e.g. `<img/src=…>`) loses
 * it, and `dropped` is told; the checked ones become plain relative paths.
 */
export function sanitize(html: string, dropped: (src: string) => void = () => {}): string {
  return sanitizeHtml(html, {
    ...OPTIONS,
    transformTags: {
      ...OPTIONS.transformTags,
      // (sanitize-html applies '*' to every tag, then the tag's own transform.)
      '*': (tagName, attribs) => ({ tagName, attribs: namespaced(attribs) }),
      img: (tagName, attribs) => {
        const src = attribs.src
        if (src?.startsWith(CHECKED_LOCAL)) return { tagName, attribs: { ...attribs, src: src.slice(CHECKED_LOCAL.length - 2) } }
        if (src !== undefined) dropped(src)
        return { tagName, attribs: Object.fromEntries(Object.entries(attribs).filter(([k]) => k !== 'src')) }
      },
    },
  })
}

/**
 * The prefix of every id written in a slide's HTML: slide ids (letters, digits, dashes) and the
 * tool's own ids (deck-options, pptx-figure-shot, fig-…) have no underscore, so a raw id can
 * never take over a slide's deep link or an element the deck's scripts look up.
 */
export const RAW_ID_PREFIX = 'u_'
/** Attributes that name ids (a space-separated list). */
const ID_LIST_ATTRS = [
  'aria-labelledby',
  'aria-describedby',
  'aria-controls',
  'aria-owns',
  'aria-flowto',
  'aria-details',
  'aria-errormessage',
  'aria-activedescendant',
]

/** `attribs` with its id, the ids it refers to, and an in-page `href="#id"` namespaced. Pure. */
function namespaced(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const out = { ...attribs }
  if (out.id) out.id = RAW_ID_PREFIX + out.id
  for (const a of ID_LIST_ATTRS) {
    const v = out[a]
    if (v)
      out[a] = v
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => RAW_ID_PREFIX + id)
        .join(' ')
  }
  const href = out.href
  if (href?.startsWith('#') && !href.startsWith('#/') && href.length > 1) out.href = `#${RAW_ID_PREFIX}${href.slice(1)}`
  return out
}

/** The warning for raw HTML that sets ids (as the sanitiser parses its attributes): they are namespaced. */
export function rawIdNote(html: string): string | undefined {
  if (!/id\s*=/i.test(html)) return undefined
  const ids: string[] = []
  sanitizeHtml(html, {
    ...OPTIONS,
    onOpenTag: (_tag, attribs) => {
      if (attribs.id) ids.push(attribs.id)
    },
  })
  if (!ids.length) return undefined
  const shown = ids.slice(0, 3).map((id) => `id="${id}" is written id="${RAW_ID_PREFIX}${id}"`)
  return `raw HTML ids are renamed so they never take over a slide's deep link or an element the deck uses itself: ${shown.join(', ')}${ids.length > 3 ? `, and ${ids.length - 3} more` : ''}; href="#${ids[0]}" is rewritten to match, and a class styles it more simply than the id`
}

const RE_SCHEME = /^\s*([a-z][a-z0-9+.-]*):/i
const URL_ATTRS = new Set(['href', 'src', 'cite', 'action', 'formaction', 'srcset', 'poster', 'xlink:href'])

function attributeAllowed(tag: string, name: string): boolean {
  const lists = OPTIONS.allowedAttributes as Record<string, string[]>
  return [...(lists['*'] ?? []), ...(lists[tag] ?? [])].some((a) => a === name || (a.endsWith('*') && name.startsWith(a.slice(0, -1))))
}

/**
 * What `sanitize` would remove from this HTML, in words an author can act on ("<script>",
 * "onclick on <p>", "href=\"javascript:…\" on <a>"); empty when it passes unchanged. Used for
 * the `html-removed` warning, so nothing disappears from a slide silently.
 */
export function removedByAllowlist(html: string): string[] {
  const removed: string[] = []
  const allowedTags: readonly string[] = ALLOWED_TAGS
  sanitizeHtml(html, {
    ...OPTIONS,
    onOpenTag: (tag, attribs) => {
      if (!allowedTags.includes(tag)) {
        removed.push(`<${tag}>`)
        return
      }
      if (tag === 'input' && attribs.type !== 'checkbox') removed.push(`<input type="${attribs.type ?? 'text'}">`)
      for (const [name, value] of Object.entries(attribs)) {
        if (!attributeAllowed(tag, name)) removed.push(`${name} on <${tag}>`)
        else if (URL_ATTRS.has(name)) {
          const scheme = RE_SCHEME.exec(value)?.[1]?.toLowerCase()
          const schemes = tag === 'img' ? [] : (OPTIONS.allowedSchemes as string[])
          if ((scheme && !schemes.includes(scheme)) || /^\s*\/\//.test(value))
            removed.push(`${name}="${value.length > 40 ? `${value.slice(0, 40)}…` : value}" on <${tag}>`)
        }
      }
    },
  })
  // A comment is dropped with everything in it; left open, it hides the rest of the slide.
  const lastOpen = html.lastIndexOf('<!--')
  if (lastOpen >= 0 && html.indexOf('-->', lastOpen + 4) < 0) removed.push('an unclosed "<!--" comment, which hides everything after it')
  return [...new Set(removed)]
}
