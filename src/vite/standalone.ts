/**
 * A built page made to work alone, as a file sent by e-mail or opened from disk (`file://`,
 * where browsers refuse module scripts and stylesheets' fonts from other files): its own
 * stylesheets become `<style>` (their fonts and images data: URLs, woff2 only), its module
 * script is inlined, its images become data: URLs, and the Content-Security-Policy is written
 * again with the inlined script's hash. Pure: the page, and a reader for the files it names.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, extname, join, posix } from 'node:path'
import { withCsp } from './csp.ts'
import { safeDecode } from './file-guard.ts'

const MIME: Record<string, string> = {
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
}

/** Reads a file of the built site by its path relative to the site's root (posix); undefined when absent. */
export type ReadFile = (path: string) => Uint8Array | undefined

export class StandaloneError extends Error {}

const attr = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(2)
    .find((v) => v !== undefined)

/** A path the page names, relative to the site's root; undefined for data:, absolute and remote URLs. */
function local(ref: string, from: string): string | undefined {
  if (/^(data:|[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref) || ref.startsWith('/')) return undefined
  const clean = safeDecode(ref.split(/[?#]/)[0] ?? '')
  if (clean === undefined) return undefined
  const joined = posix.normalize(posix.join(dirname(from) === '.' ? '' : dirname(from), clean))
  return joined.startsWith('..') ? undefined : joined
}

function dataUrl(path: string, bytes: Uint8Array): string {
  const mime = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream'
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`
}

/** A stylesheet with its url()s as data: URLs; a font's woff fallback dropped where woff2 is offered. */
export function inlineCss(css: string, cssPath: string, read: ReadFile): string {
  const lean = css.replace(/,\s*url\(\s*["']?[^)"']+\.woff["']?\s*\)\s*format\(\s*["']?woff["']?\s*\)/gi, (m, offset: number) => {
    // Only inside a src: list that also offers woff2.
    const start = css.lastIndexOf('@font-face', offset)
    return start >= 0 && css.slice(start, offset).includes('.woff2') ? '' : m
  })
  return lean.replace(/url\(\s*(["']?)([^)"']+)\1\s*\)/g, (m, _q: string, ref: string) => {
    const path = local(ref, cssPath)
    if (!path) return m
    const bytes = read(path)
    if (!bytes) throw new StandaloneError(`${cssPath} names ${ref}, which is not in the build`)
    return `url(${dataUrl(path, bytes)})`
  })
}

/** Has the module static imports (which an inline script cannot resolve)? */
const RE_STATIC_IMPORT = /(^|[;}\s])import\s*(["'][^"']+["']|[\w{*][^;]*?from\s*["'][^"']+["'])/
/** `import("./chunk.js")` with a literal path (Vite writes it with back-ticks). */
const RE_DYNAMIC_IMPORT = /\bimport\(\s*([`'"])(\.{1,2}\/[^`'"$]+\.js)\1\s*\)/g
/** A chunk's exports, as the bundler writes them: one `export{a as default,b as c};` at the end. */
const RE_EXPORTS = /export\s*\{([^}]*)\}\s*;?\s*$/

/**
 * Text that cannot end or confuse the `<script>` element it goes into: `</script` and `<!--`
 * (which would switch the HTML parser into its escaped state) are written with escapes that
 * mean the same inside JavaScript strings, templates and regular expressions.
 */
function safeInScript(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '\\x3C!--')
}

/**
 * A module's code with its lazily imported chunks (reveal's notes plugin, loaded once the deck is
 * up) carried inside it: each `import("./x.js")` becomes a call of a function that runs the
 * chunk's code once and resolves with its exports, as `import()` would. A chunk that imports
 * other files, or exports in another form, is refused. The modulepreload polyfill is dropped
 * (it only serves `<link rel="modulepreload">`, which a page made to work alone loses).
 */
export function withChunks(code: string, path: string, read: ReadFile, depth = 0): string {
  const own = code.replace(/import\s*["']\.\/modulepreload-polyfill[^"']*["'];?/g, '')
  if (RE_STATIC_IMPORT.test(own)) throw new StandaloneError(`${path} imports other files: it cannot be inlined`)
  const chunks: string[] = []
  const names = new Map<string, string>()
  const body = own.replace(RE_DYNAMIC_IMPORT, (_m, _q: string, ref: string) => {
    const chunkPath = local(ref, path)
    const bytes = chunkPath ? read(chunkPath) : undefined
    if (!chunkPath || !bytes) throw new StandaloneError(`${path} loads ${ref}, which is not in the build`)
    if (depth > 4) throw new StandaloneError(`${chunkPath}: chunks load chunks too deeply to be inlined`)
    let name = names.get(chunkPath)
    if (!name) {
      name = `__deckChunk${depth}_${names.size}`
      names.set(chunkPath, name)
      const chunk = withChunks(Buffer.from(bytes).toString('utf8'), chunkPath, read, depth + 1)
      const exports = RE_EXPORTS.exec(chunk)
      if (!exports) {
        throw new StandaloneError(`${chunkPath} exports in a form that cannot be inlined`)
      }
      const fields = (exports[1] ?? '')
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)
        .map((e) => {
          const [local_, exported = local_] = e.split(/\s+as\s+/)
          return `${JSON.stringify(exported)}:${local_}`
        })
      chunks.push(`var ${name}=(()=>{let p;return()=>p??=(async()=>{${chunk.slice(0, exports.index)}\nreturn{${fields.join(',')}}})()})();`)
    }
    return `${name}()`
  })
  return chunks.join('\n') + (chunks.length ? '\n' : '') + body
}

/** The page with everything it loads from its own folder inlined. */
export function standalonePage(html: string, pagePath: string, read: ReadFile): string {
  const hashes = [...(/<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0] ?? '').matchAll(/'sha256-[^']+'/g)].map((m) => m[0])
  let out = html.replace(/<link\b[^>]*>/gi, (tag) => {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase()
    const href = attr(tag, 'href') ?? ''
    if (rel === 'modulepreload') return ''
    if (rel === 'preload' && local(href, pagePath)) return ''
    if (rel !== 'stylesheet') return tag
    const path = local(href, pagePath)
    if (!path) return tag
    const css = read(path)
    if (!css) throw new StandaloneError(`${pagePath} links ${href}, which is not in the build`)
    return `<style>${inlineCss(Buffer.from(css).toString('utf8'), path, read).replace(/<\/style/gi, '<\\/style')}</style>`
  })
  out = out.replace(/<script\b([^>]*)>\s*<\/script>/gi, (tag, attrs: string) => {
    const src = attr(`<x${attrs}>`, 'src')
    const path = src ? local(src, pagePath) : undefined
    if (!path) return tag
    const js = read(path)
    if (!js) throw new StandaloneError(`${pagePath} loads ${src}, which is not in the build`)
    const code = withChunks(Buffer.from(js).toString('utf8'), path, read)
    const type = attr(`<x${attrs}>`, 'type')
    return `<script${type ? ` type="${type}"` : ''}>${safeInScript(code)}</script>`
  })
  out = out.replace(/<img\b[^>]*>/gi, (tag) => {
    const src = attr(tag, 'src')
    const path = src ? local(src, pagePath) : undefined
    const bytes = path ? read(path) : undefined
    if (!path || !bytes || !src) return tag
    return tag.replace(/(\ssrc\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)/i, `$1"${dataUrl(path, bytes)}"`).replace(/\ssrcset\s*=\s*("[^"]*"|'[^']*')/i, '')
  })
  return withCsp(out, hashes)
}

/**
 * The I/O edge: make `page` in the built folder `dir` work alone, written as `to` (in place by
 * default). Pages not built are left alone.
 */
export function makeStandalone(dir: string, page: string, to = page): void {
  const file = join(dir, page)
  if (!existsSync(file)) return
  const read: ReadFile = (path) => {
    const abs = join(dir, path)
    return existsSync(abs) && statSync(abs).isFile() ? readFileSync(abs) : undefined
  }
  writeFileSync(join(dir, to), standalonePage(readFileSync(file, 'utf8'), page, read))
}
