/**
 * Escaping and decoding of HTML and XML text, for the whole tool, on the `entities` package.
 * Kept apart from the compiler: the build's main thread and the Vite plugins need it without
 * loading Markdown, YAML and the sanitiser.
 */
import { decodeHTML, decodeXML, escapeUTF8 } from 'entities'

/** Text for HTML or XML content or a quoted attribute value: `& < > " '` as entities. Pure. */
export function escapeHtml(text: string): string {
  return escapeUTF8(text)
}

// XML 1.0 forbids most C0 controls even when escaped; they are dropped rather than break a document.
// eslint-disable-next-line no-control-regex
const RE_XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/** Text for an XML document (SVG, a PowerPoint part): as `escapeHtml`, without the characters XML forbids. Pure. */
export function escapeXml(text: string): string {
  return escapeUTF8(text.replace(RE_XML_INVALID, ''))
}

/**
 * Markdown's inline text as HTML: `<`, `>` and a bare `&` escaped, the entity references an
 * author wrote kept, and quotes left for the typographer to educate. Pure.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/&(?!#?[a-z0-9]+;)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/** HTML text with every named and numeric character reference decoded (as a browser does). Pure. */
export function decodeHtml(html: string): string {
  return decodeHTML(html)
}

/** XML text with its five named and numeric character references decoded. Pure. */
export function decodeXml(xml: string): string {
  return decodeXML(xml)
}
