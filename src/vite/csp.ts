/**
 * Content-Security-Policy for the built pages, as a `<meta>` tag added at the very end of the
 * build (deck.html, read.html and handout.html get it again once their scripts are inlined): scripts run only
 * from the deck's own files ('self') or, for inline scripts, by the SHA-256 hash of their
 * exact text. Nothing may load from another origin. Pure helpers plus a small Vite plugin.
 */
import { createHash } from 'node:crypto'
import { runInNewContext } from 'node:vm'
import type { Plugin } from 'vite'

/** `<script>` elements the browser executes: no `src`, and a JavaScript type (or none). */
const RE_INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi
const RE_CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/gi

function executable(attrs: string): boolean {
  if (/\bsrc\s*=/i.test(attrs)) return false
  const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase()
  return type === undefined || type === 'module' || type === 'text/javascript' || type === 'application/javascript'
}

/** Text of every inline script in `html` that the browser would run. */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(RE_INLINE_SCRIPT)].filter((m) => executable(m[1] ?? '')).map((m) => m[2] ?? '')
}

export function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/**
 * HTML the deck's own code writes into windows it opens (reveal.js's speaker view does
 * `document.write("<html>…<script>…</script>…")` into an about:blank popup, which inherits this
 * policy): the string literal passed to `document.write(` in the built JavaScript, read as a
 * literal only (a fresh context with no globals, 1 s limit).
 */
export function writtenHtml(js: string): string[] {
  const out: string[] = []
  for (const m of js.matchAll(/document\.write\(\s*(["'`])/g)) {
    const quote = m[1] ?? '"'
    const start = (m.index ?? 0) + m[0].length - 1
    let i = start + 1
    while (i < js.length && js[i] !== quote) i += js[i] === '\\' ? 2 : 1
    const literal = js.slice(start, i + 1)
    if (quote === '`' && literal.includes('${')) continue
    try {
      const value: unknown = runInNewContext(literal, Object.create(null), { timeout: 1000 })
      if (typeof value === 'string') out.push(value)
    } catch {
      // Not a plain literal: nothing we can hash ahead of time.
    }
  }
  return out
}

/** The policy for a page whose inline scripts have these hashes. */
export function policy(hashes: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src 'self'${hashes.length ? ` ${[...new Set(hashes)].sort().join(' ')}` : ''}`,
    // reveal.js and the single-file edition set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The speaker view shows the current and next slide in frames of this same page.
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ')
}

/** Put the policy into `html` as the first thing in `<head>` after the charset. Pure. */
export function withCsp(html: string, extraHashes: readonly string[] = []): string {
  const clean = html.replace(RE_CSP_META, '')
  const hashes = [...inlineScripts(clean).map(sha256), ...extraHashes]
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(hashes)}" />`
  const charset = /<meta\s+charset=[^>]*>/i.exec(clean)
  if (charset) return clean.replace(charset[0], (m) => `${m}\n    ${meta}`)
  return clean.replace(/<head[^>]*>/i, (head) => `${head}\n    ${meta}`)
}

/**
 * Adds the policy to every HTML page of a build, last of all (`enforce: 'post'`, `order:
 * 'post'`, listed last), hashing every inline script in the final
 * HTML and every inline script in HTML the bundle writes into its popups.
 */
export function cspPlugin(): Plugin {
  return {
    name: 'deck-csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const files = Object.values(bundle)
        const js = files.map((f) => (f.type === 'chunk' ? f.code : '')).join('\n')
        for (const f of files) {
          if (f.type !== 'asset' || !f.fileName.endsWith('.html')) continue
          const html = typeof f.source === 'string' ? f.source : new TextDecoder().decode(f.source)
          const written = [js, ...inlineScripts(html)].flatMap(writtenHtml).flatMap(inlineScripts).map(sha256)
          f.source = withCsp(html, written)
        }
      },
    },
  }
}
