/**
 * The Vite side of the one gate for files the deck reads (src/files/read-gate.ts is the
 * compiler's): a CSS `url()` or `@import`, and a file an HTML page loads, must really lie in the
 * project's slides/ or assets/, the tool's own src/, or the packages whose styles and fonts the
 * tool ships. Vite resolves CSS references with its own resolver (no plugin hook sees them), so
 * each CSS file is read for its references before Vite compiles it. The dev server serves only
 * those folders too, however the request spells the file (`/@fs/…`, `%2e%2e`, `//`, links).
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Connect, Plugin } from 'vite'

/** Packages in node_modules the deck's CSS may load from: the fonts the tool ships and reveal.js's own styles. */
const STYLE_PACKAGES = ['@fontsource', 'reveal.js'] as const

/** The tool's own src/ folder, wherever the tool is installed. */
const TOOL_SRC = path.resolve(import.meta.dirname, '..')

function real(p: string): string {
  try {
    return realpathSync(p)
  } catch {
    return path.resolve(p)
  }
}

/** Whether `file` (a real path) lies inside one of `folders` (real paths). Pure. */
export function insideAny(file: string, folders: readonly string[]): boolean {
  return folders.some((f) => {
    const rel = path.relative(f, file)
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
  })
}

/** The folders (real paths) a page or style sheet of the deck may load a file from. */
export function deckFileFolders(root: string): string[] {
  return [path.join(root, 'slides'), path.join(root, 'assets'), TOOL_SRC, ...STYLE_PACKAGES.map((p) => path.join(root, 'node_modules', p))].map(real)
}

/** The folders (real paths) the dev server serves files from: the deck's, the packages' modules and Vite's cache. */
export function servedFolders(root: string, cacheDir: string): string[] {
  return [...deckFileFolders(root), path.join(root, 'node_modules'), cacheDir].map(real)
}

/** `decodeURIComponent`, or undefined for a malformed escape (`%E0%A4%A`). */
export function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

/**
 * For a dev-server request: the request's path when the file it names (after decoding, `..`,
 * repeated slashes, `/@fs/` and symbolic links) is a file outside `folders` and not one of the
 * project's own pages (`*.html` in its root). Undefined for anything else (Vite's own routes,
 * missing files: Vite answers as usual).
 */
export function servedOutside(root: string, url: string, folders: readonly string[]): string | undefined {
  const raw = url.split(/[?#]/)[0] ?? ''
  const pathname = safeDecode(raw)?.replace(/\\/g, '/')
  if (pathname === undefined) return raw
  const fs = /^\/+@fs(\/.*)$/.exec(pathname)
  if (!fs && /^\/+(@|__)/.test(pathname)) return undefined
  const file = fs ? path.resolve(fs[1] ?? '/') : path.join(root, pathname)
  if (!existsSync(file)) return undefined
  const target = real(file)
  if (statSync(target).isDirectory()) return undefined
  if (insideAny(target, folders)) return undefined
  if (path.dirname(target) === real(root) && target.endsWith('.html')) return undefined
  return pathname
}

export interface CssReference {
  kind: 'url' | 'import'
  url: string
  line: number
  column: number
}

/** The `url()`s and `@import`s of a style sheet, located (lightningcss, the parser Vite uses). */
export async function cssReferences(file: string, code: string): Promise<CssReference[]> {
  const { transform } = await import('lightningcss')
  try {
    const { dependencies = [] } = transform({ filename: file, code: Buffer.from(code), analyzeDependencies: true })
    return dependencies.flatMap((d) =>
      d.type === 'url' || d.type === 'import' ? [{ kind: d.type, url: d.url, line: d.loc.start.line, column: d.loc.start.column }] : [],
    )
  } catch {
    return [] // CSS it cannot parse: Vite reports it
  }
}

/** What a CSS reference names on disk, when it names a local file that exists. */
type Resolve = (url: string, importer: string) => Promise<string | undefined>

/**
 * Every reference of `file` (and of the style sheets it imports, as lightningcss bundles them)
 * checked: the first one that leads outside `folders`, as a located message; undefined when
 * all stay inside.
 */
export async function cssOutside(
  root: string,
  file: string,
  code: string,
  folders: readonly string[],
  resolve: Resolve,
  seen = new Set<string>(),
): Promise<string | undefined> {
  seen.add(file)
  for (const ref of await cssReferences(file, code)) {
    const url = ref.url.split(/[?#]/)[0] ?? ''
    if (url === '' || /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) continue
    const decoded = safeDecode(url) ?? url
    // As Vite resolves them: `/x` from the project's root, else as a path on disk; others from the sheet's folder.
    const direct = (decoded.startsWith('/') ? [path.join(root, decoded), decoded] : [path.resolve(path.dirname(file), decoded)]).find((p) => existsSync(p))
    const target = direct ?? (await resolve(ref.url, file))
    if (!target || !path.isAbsolute(target) || !existsSync(target)) continue
    const realTarget = real(target)
    const where = `${path.relative(root, file).split(path.sep).join('/')}:${ref.line}:${ref.column}`
    if (!insideAny(realTarget, folders)) {
      const what = ref.kind === 'import' ? `@import "${ref.url}"` : `url(${ref.url})`
      return `${where} error css-outside ${what} leads to ${realTarget}, outside the project's slides/ and assets/ (and the fonts and styles the tool ships), so it is not read: copy the file into assets/ and point at the copy`
    }
    if (ref.kind === 'import' && !seen.has(realTarget) && statSync(realTarget).isFile()) {
      const inner = await cssOutside(root, realTarget, readFileSync(realTarget, 'utf8'), folders, resolve, seen)
      if (inner) return inner
    }
  }
  return undefined
}

const CSS_RE = /\.css(?:$|\?)/
const clean = (id: string) => id.split('?')[0] ?? id

/**
 * The guard as a Vite plugin: style sheets checked before Vite compiles them, files loaded by
 * an HTML page checked where they resolve, and the dev server limited to the deck's folders.
 */
export function fileGuardPlugin(): Plugin {
  let root = process.cwd()
  let folders: string[] = []
  let served: string[] = []
  let build = false
  return {
    name: 'deck:file-guard',
    enforce: 'pre',
    config(config) {
      // Vite's own serving rule (it also refuses `/@fs/` paths outside these): the deck's folders only.
      const r = path.resolve(config.root ?? process.cwd())
      const cache = config.cacheDir ? path.resolve(r, config.cacheDir) : path.join(r, 'node_modules/.vite')
      return { server: { fs: { allow: [...servedFolders(r, cache), path.join(r, 'index.html'), path.join(r, 'read.html'), path.join(r, 'handout.html')] } } }
    },
    configResolved(config) {
      root = config.root
      build = config.command === 'build'
      folders = deckFileFolders(root)
      served = servedFolders(root, config.cacheDir)
    },
    configureServer(server) {
      // Vite's fs.allow checks the path as spelled: a symbolic link (even under /@fs/) is followed here.
      const guard: Connect.NextHandleFunction = (req, res, next) => {
        const outside = servedOutside(root, req.url ?? '', served)
        if (!outside) return next()
        res.statusCode = 403
        res.setHeader('Content-Type', 'text/plain; charset=utf-8')
        res.end(`${outside} is not in the deck's slides/ or assets/ folders (or leads outside them), so the dev server does not serve it`)
      }
      server.middlewares.use(guard)
    },
    async resolveId(source, importer, options) {
      // (In the dev server every request resolves from index.html: the middleware guards those.)
      if (!build || !importer || !clean(importer).endsWith('.html')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      const file = resolved && !resolved.external ? clean(resolved.id) : undefined
      if (!file || !path.isAbsolute(file) || !existsSync(file)) return null
      const target = real(file)
      if (!insideAny(target, folders) && !(path.dirname(target) === real(root) && target.endsWith('.html'))) {
        throw new Error(
          `${path.relative(root, clean(importer))}: "${source}" leads to ${target}, outside the project's slides/ and assets/ and the tool's src/: copy the file into assets/`,
        )
      }
      return null
    },
    async transform(code, id) {
      if (!CSS_RE.test(id) || id.includes('\0')) return null
      const file = clean(id)
      if (!path.isAbsolute(file) || !existsSync(file)) return null
      const resolve: Resolve = async (url, importer) => {
        const r = await this.resolve(url, importer)
        return r && !r.external ? clean(r.id) : undefined
      }
      const outside = await cssOutside(root, file, code, folders, resolve)
      if (outside) throw new Error(outside)
      return null
    },
  }
}
