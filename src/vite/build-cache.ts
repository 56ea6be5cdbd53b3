/**
 * The client build, cached: what Vite makes of the pages (scripts, stylesheets, fonts, and each
 * page's HTML around the slides) does not depend on the slides, so a build after a slide edit
 * reuses it and only fills the pages with the newly compiled deck.
 *
 * A page's template is the page as Vite built it with the deck taken out again (each injected
 * piece put back as its `<!--deck:…-->` marker). It is kept only when filling it with the same
 * deck gives back Vite's page byte for byte. Slides that name local files (pictures), which Vite
 * would rewrite to hashed names, always go through Vite (`viteRewrites`).
 *
 * Pure helpers; the I/O edge (key from file contents, the cache folder) is at the end.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pruneFolder } from '../cache/prune.ts'
import type { Deck } from '../deck/model.ts'
import { escapeHtml } from '../text/escape.ts'
import { withCsp } from './csp.ts'
import { htmlOpen, injectDeck } from './html.ts'

/** The pages the build makes from the deck (vite.config.ts's inputs). */
export const PAGES = ['index.html', 'read.html', 'handout.html'] as const
/** Each page of dist/ and the source page it is made from (deck.html: index.html with everything inlined). */
export const OUTPUTS: Readonly<Record<string, (typeof PAGES)[number]>> = {
  'index.html': 'index.html',
  'deck.html': 'index.html',
  'read.html': 'read.html',
  'handout.html': 'handout.html',
}

/** The pieces injectDeck writes for each marker (the title and lang are handled apart). Pure. */
export function pieces(deck: Deck, source: string, page: string): Array<[marker: string, value: string]> {
  const probe = (marker: string) => (source.includes(marker) ? injectDeck(marker, deck, page) : undefined)
  return ['<!--deck:slides-->', '<!--deck:options-->', '<!--deck:identity-->', '<!--deck:reading-->', '<!--deck:handout-->'].flatMap((m) => {
    const v = probe(m)
    return v === undefined ? [] : [[m, v] as [string, string]]
  })
}

const CSP_HASHES = (html: string) =>
  [...(/<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0] ?? '').matchAll(/'sha256-[^']+'/g)].map((m) => m[0])

/** A page filled from its template: the deck injected, the policy written again (its hashes kept). Pure. */
export function fillTemplate(template: string, deck: Deck, page: string): string {
  return withCsp(injectDeck(template, deck, page), CSP_HASHES(template))
}

/** count of `needle` in `hay` */
const count = (hay: string, needle: string) => (needle ? hay.split(needle).length - 1 : 0)

/**
 * The template of `built` (Vite's page for `source` filled with `deck`), or undefined when the
 * deck cannot be taken out exactly (Vite changed something inside it, or a piece is found twice).
 * Each piece is found once and the page is cut in one pass (pages run to several hundred kB). Pure.
 */
export function toTemplate(built: string, source: string, deck: Deck, page: string): string | undefined {
  const cuts: Array<{ at: number; end: number; marker: string }> = []
  for (const [marker, value] of pieces(deck, source, page)) {
    const at = value ? built.indexOf(value) : -1
    if (at < 0 || built.indexOf(value, at + 1) >= 0) return undefined
    cuts.push({ at, end: at + value.length, marker })
  }
  const inPiece = (at: number) => cuts.some((c) => at >= c.at && at < c.end)
  const titles = count(source, '<!--deck:title-->')
  if (titles) {
    const shown = `<title>${escapeHtml(deck.config.title)}`
    let found = 0
    for (let at = built.indexOf(shown); at >= 0; at = built.indexOf(shown, at + shown.length)) {
      if (inPiece(at)) continue
      cuts.push({ at, end: at + shown.length, marker: '<title><!--deck:title-->' })
      found++
    }
    if (found !== titles) return undefined
  }
  if (source.includes('<html lang="en"')) {
    const lang = htmlOpen(deck)
    const at = built.indexOf(lang)
    if (at < 0 || inPiece(at)) return undefined
    cuts.push({ at, end: at + lang.length, marker: '<html lang="en"' })
  }
  cuts.sort((a, b) => a.at - b.at)
  const parts: string[] = []
  let from = 0
  for (const c of cuts) {
    if (c.at < from) return undefined
    parts.push(built.slice(from, c.at), c.marker)
    from = c.end
  }
  parts.push(built.slice(from))
  const out = parts.join('')
  return fillTemplate(out, deck, page) === built ? out : undefined
}

/**
 * Local files the deck's pages name in places Vite rewrites at build time (pictures, sources,
 * SVG images, inline style urls): such a deck goes through Vite. Pure.
 */
export function viteRewrites(deck: Deck, sources: Readonly<Record<string, string>>): string[] {
  const found: string[] = []
  for (const page of PAGES) {
    const source = sources[page]
    if (source === undefined) continue
    for (const [, html] of pieces(deck, source, page)) found.push(...localRefs(html))
  }
  return found
}

/** The local files `html` names where Vite rewrites them at build time (see viteRewrites). Pure. */
export function localRefs(html: string): string[] {
  const found: string[] = []
  const local = (ref: string) => ref !== '' && !/^(data:|#|[a-z][a-z0-9+.-]*:|\/\/)/i.test(ref.trim())
  for (const m of html.matchAll(/<(img|source|video|audio|image|use|link|script|object|embed|track|input)\b[^>]*>/gi)) {
    for (const a of m[0].matchAll(/\s(src|srcset|poster|href|xlink:href|data)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const value = a[3] ?? a[4] ?? a[5] ?? ''
      const refs = a[1]?.toLowerCase() === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0] ?? '') : [value]
      for (const r of refs) if (local(r)) found.push(r)
    }
  }
  for (const m of html.matchAll(/url\(\s*["']?([^)"']*)/gi)) if (local(m[1] ?? '')) found.push(m[1] ?? '')
  return found
}

// --- I/O edge ------------------------------------------------------------------------------------

/** Every file under `dir` (sorted, relative), for the key. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return []
  // (A dangling link is no file: statSync would throw.)
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f), { throwIfNoEntry: false })?.isFile()).sort()
}

/**
 * The key of the client build: what Vite reads besides the slides and the modules it bundles
 * (those are listed in each entry and checked by content on use, `inputsHash`): the pages,
 * assets/, vite.config.ts and the Vite plugins in src/vite/, package.json and the lockfile,
 * Node's version and the project's folder. Other code of the tool (the compiler) only shapes
 * the deck, which is compiled and filled in anew on every build.
 */
export function cacheKey(root: string, toolRoot: string): string {
  const h = createHash('sha256')
  h.update(`v2\0${process.version}\0${root}\0`)
  const dirs = new Set([join(toolRoot, 'src/vite'), join(root, 'assets')].filter(existsSync).map((d) => realpathSync(d)))
  for (const dir of [...dirs].sort()) {
    for (const f of files(dir).filter((f) => !f.endsWith('.test.ts')))
      h.update(`${dir}/${f}\0`)
        .update(readFileSync(join(dir, f)))
        .update('\0')
  }
  for (const f of [
    ...PAGES.map((p) => join(root, p)),
    join(root, 'vite.config.ts'),
    join(toolRoot, 'vite.config.ts'),
    join(toolRoot, 'package.json'),
    join(toolRoot, 'package-lock.json'),
  ]) {
    h.update(`${f}\0`)
      .update(existsSync(f) ? readFileSync(f) : 'absent')
      .update('\0')
  }
  return h.digest('hex').slice(0, 32)
}

/**
 * The content hash of the modules a build bundled (absolute paths; packages are covered by the
 * lockfile, so only files outside node_modules count). Undefined when one is gone.
 */
export function inputsHash(inputs: readonly string[]): string | undefined {
  const h = createHash('sha256')
  for (const f of inputs) {
    if (!existsSync(f)) return undefined
    h.update(`${f}\0`).update(readFileSync(f)).update('\0')
  }
  return h.digest('hex')
}

/** Of a build's module ids, the files to check: on disk, outside node_modules, sorted. */
export function ownInputs(ids: Iterable<string>): string[] {
  return [...new Set([...ids].map((id) => id.split('?')[0] ?? id))]
    .filter((f) => f.startsWith('/') && !/[\\/]node_modules[\\/]/.test(f) && existsSync(f) && statSync(f).isFile())
    .sort()
}

export interface Cache {
  dir: string
  key: string
}

/** The hash of an entry's files (name and bytes, in the manifest's order). */
const contentHash = (files: ReadonlyMap<string, Buffer>) => {
  const h = createHash('sha256')
  for (const [f, bytes] of files) h.update(`${f}\0`).update(bytes).update('\0')
  return h.digest('hex')
}
const manifestHash = (dir: string, list: readonly string[]) => contentHash(new Map(list.map((f) => [f, readFileSync(join(dir, f))])))

/**
 * Fill `outDir` from the cache entry `key`: its assets copied, each page (deck.html and the
 * stand-alone pages included, inlined already) filled with `deck`.
 * False (and nothing written that matters) when there is no entry, or it does not verify.
 *
 * Another build of the same project may replace or prune the entry at any moment (a user's
 * `npm run build` while `npm test` builds): every file is read into memory first and checked
 * against the manifest's hash, so a restore sees one whole entry or gives up (the caller then
 * runs Vite), never a mix of two entries or a file gone half-way. (`read` is for the tests, which
 * replace the entry between two reads.)
 */
export function restore(cache: Cache, deck: Deck, outDir: string, read: (file: string) => Buffer = readFileSync): boolean {
  const entry = join(cache.dir, cache.key)
  const content = new Map<string, Buffer>()
  try {
    const manifest = JSON.parse(read(join(entry, 'manifest.json')).toString('utf8')) as {
      files: string[]
      hash: string
      pages: string[]
      inputs: string[]
      inputsHash: string
    }
    if (inputsHash(manifest.inputs) !== manifest.inputsHash) return false
    for (const f of manifest.files) content.set(f, read(join(entry, f)))
    if (contentHash(content) !== manifest.hash) return false
    mkdirSync(outDir, { recursive: true })
    for (const [f, bytes] of content) {
      if (f.startsWith('pages/')) continue
      mkdirSync(join(outDir, f, '..'), { recursive: true })
      writeFileSync(join(outDir, f), bytes)
    }
    for (const page of manifest.pages)
      writeFileSync(join(outDir, page), fillTemplate((content.get(`pages/${page}`) ?? '').toString('utf8'), deck, OUTPUTS[page] ?? page))
    return true
  } catch {
    return false
  }
}

/**
 * Keep the finished build in `builtDir` (after the inlining post-steps) as the entry `key`, when
 * every page's template verifies. The newest few entries are kept. Returns whether it was stored.
 */
export function store(cache: Cache, deck: Deck, root: string, builtDir: string, inputs: readonly string[]): boolean {
  const inputs_ = inputsHash(inputs)
  if (inputs_ === undefined) return false
  const templates: Record<string, string> = {}
  for (const [page, from] of Object.entries(OUTPUTS)) {
    const built = join(builtDir, page)
    const source = join(root, from)
    if (!existsSync(built) || !existsSync(source)) continue
    const t = toTemplate(readFileSync(built, 'utf8'), readFileSync(source, 'utf8'), deck, from)
    if (t === undefined) return false
    templates[page] = t
  }
  const tmp = join(cache.dir, `.${cache.key}-${process.pid}`)
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(join(tmp, 'pages'), { recursive: true })
  const list: string[] = []
  for (const f of files(builtDir)) {
    if (f in OUTPUTS) continue
    mkdirSync(join(tmp, f, '..'), { recursive: true })
    cpSync(join(builtDir, f), join(tmp, f))
    list.push(f)
  }
  for (const [page, t] of Object.entries(templates)) {
    writeFileSync(join(tmp, 'pages', page), t)
    list.push(`pages/${page}`)
  }
  writeFileSync(
    join(tmp, 'manifest.json'),
    JSON.stringify({ files: list, hash: manifestHash(tmp, list), pages: Object.keys(templates), inputs, inputsHash: inputs_ }),
  )
  // Into place by renames, never by writing into the entry a restore may be reading: the old
  // entry moves aside first (a restore reading it fails its hash check and runs Vite instead).
  const entry = join(cache.dir, cache.key)
  const old = join(cache.dir, `.${cache.key}-old-${process.pid}`)
  try {
    if (existsSync(entry)) renameSync(entry, old)
    renameSync(tmp, entry)
  } catch {
    // Another build put its entry in place first: as good as ours.
  }
  rmSync(tmp, { recursive: true, force: true })
  rmSync(old, { recursive: true, force: true })
  pruneFolder(cache.dir, 4, () => true)
  return true
}
