import { realpathSync } from 'node:fs'
import path from 'node:path'
import type { Plugin, ViteDevServer } from 'vite'
import { formatDiagnostic, hasErrors, SlideError } from '../compiler/diagnostics.ts'
import { SERVED_FOLDERS } from '../compiler/folders.ts'
import { compileProvided, compileShared, finishedCompile, reportOnce, slideTexts } from '../compiler/shared.ts'
import type { DeckResult } from '../compiler/types.ts'
import { localRefs, mayNameLocalFiles, pieces } from './build-cache.ts'
import { errorSection, injectDeck, revealOptions } from './html.ts'

export interface DeckPluginOptions {
  /** Folder of slide files, relative to the Vite root. @default 'slides' */
  slidesDir?: string
}

/** Payload of the `deck:update` event the dev server sends when a slide file changes. */
export interface DeckUpdate {
  html: string
  options: ReturnType<typeof revealOptions>
  errors: string[]
}

/**
 * Compiles `slides/*.md` into the HTML pages at build time (`transformIndexHtml`), so the
 * first slide paints before any script runs. In the dev server, slide edits are pushed to
 * the open page as a `deck:update` event (no reload), and errors are shown in the page.
 */
/**
 * For a request under /assets/ or /slides/: the request path when the file it names really
 * lies outside that folder (a symbolic link out of it). Undefined otherwise.
 */
export function leavesServedFolder(root: string, url: string): string | undefined {
  let pathname: string
  try {
    pathname = decodeURIComponent(url.split(/[?#]/)[0] ?? '')
  } catch {
    return undefined
  }
  const folder = SERVED_FOLDERS.find((d) => pathname.startsWith(`/${d}/`))
  if (!folder) return undefined
  try {
    const real = realpathSync(path.join(root, pathname))
    const rel = path.relative(realpathSync(path.join(root, folder)), real)
    return rel.startsWith('..') || path.isAbsolute(rel) ? pathname : undefined
  } catch {
    return undefined // no such file: Vite answers 404 as usual
  }
}

/** Quiet time after the last slide-file event before the dev server recompiles. */
const SETTLE_MS = 25

/** What in the deck's pieces of `page` Vite would have to rewrite (local files, its own placeholders). */
function forVite(result: DeckResult, source: string, page: string): string[] {
  return pieces(result.deck, source, page).flatMap(([, v]) => [...localRefs(v), ...(v.includes('__VITE_') ? ['__VITE_'] : [])])
}

export function deckPlugin({ slidesDir = 'slides' }: DeckPluginOptions = {}): Plugin[] {
  let root = process.cwd()
  /**
   * Pages whose deck goes in after Vite's own processing of the page (build only): Vite parses
   * every page's HTML, which with the deck inside (slides, reading edition, handout, figures)
   * cost more than the rest of its work on the pages. Only when nothing in the deck is for Vite
   * to rewrite (a local picture, a url()); such a deck goes in first, as in the dev server.
   * When the slide files cannot name a local file at all, the page goes on without waiting for
   * the compile: Vite bundles the client while the slides compile (the build CLI's worker).
   */
  const late = new Map<string, { source: string; result: Promise<DeckResult> }>()
  let serve = false
  const isSlideFile = (f: string) => {
    const rel = path.relative(path.join(root, slidesDir), f)
    return !rel.startsWith('..') && !path.isAbsolute(rel) && /\.(md|ya?ml)$/.test(f)
  }
  // A build compiles once for all its pages (and reuses the build CLI's compile); the dev server
  // always recompiles (the compiler is loaded on first use: a build's main thread never needs it).
  const compile = async (): Promise<DeckResult> => (serve ? (await import('../compiler/node.ts')).buildDeck(root, slidesDir) : compileShared(root, slidesDir))
  // The build CLI prints the diagnostics itself (and a failed build's output is dropped); a plain `vite build` prints them here.
  const report = (result: DeckResult) => {
    if (!compileProvided()) reportOnce(result, (d) => console.warn(formatDiagnostic(d)), (d) => d.severity === 'warning')
  }

  async function push(server: ViteDevServer): Promise<void> {
    let result: DeckResult
    try {
      result = await compile()
    } catch (err) {
      // An internal fault must not take the dev server down: show it in the page, keep watching.
      const message = `internal error while compiling the slides: ${err instanceof Error ? err.message : String(err)} (save again, or restart npm start)`
      server.config.logger.error(err instanceof Error && err.stack ? err.stack : message)
      server.ws.send({ type: 'custom', event: 'deck:update', data: { html: errorSection([message]), options: { totalTime: 0, title: '' }, errors: [message] } satisfies DeckUpdate })
      return
    }
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
    for (const e of errors) server.config.logger.error(e)
    const data: DeckUpdate = { html: errors.length ? errorSection(errors) : result.deck.html, options: revealOptions(result.deck), errors }
    server.ws.send({ type: 'custom', event: 'deck:update', data })
  }

  const main: Plugin = {
    name: 'deck',
    configResolved(config) {
      root = config.root
      serve = config.command === 'serve'
    },
    configureServer(server) {
      // The deck's own folders are served as files: never a symbolic link out of them (a link in
      // assets/ to /etc/passwd stays unserved). The build refuses such files at the slide's line.
      server.middlewares.use((req, res, next) => {
        const outside = leavesServedFolder(root, req.url ?? '')
        if (!outside) return next()
        res.statusCode = 403
        res.end(`${outside} leads outside the project's folder, so the dev server does not serve it`)
      })
      server.watcher.add(path.join(root, slidesDir))
      // An editor's save (or writeFileSync) can be seen mid-write: truncated, then filled. Compile
      // once the events have been quiet for a moment, so a half-written file is never what stays.
      let timer: ReturnType<typeof setTimeout> | undefined
      const onFs = (f: string) => {
        if (!isSlideFile(f)) return
        clearTimeout(timer)
        timer = setTimeout(() => void push(server), SETTLE_MS)
      }
      server.watcher.on('add', onFs)
      server.watcher.on('unlink', onFs)
      server.watcher.on('change', onFs)
    },
    handleHotUpdate({ file }) {
      // Slide files are not modules: the watcher above pushes them; nothing to reload.
      if (isSlideFile(file)) return []
      return undefined
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, ctx) {
        if (!serve && !finishedCompile(root, slidesDir) && !mayNameLocalFiles(slideTexts(root, slidesDir))) {
          const result = compile()
          // (A compile that throws is reported where the page's deck goes in, not as an unhandled rejection meanwhile.)
          result.catch(() => undefined)
          late.set(ctx.filename, { source: html, result })
          return html
        }
        const result = await compile()
        report(result)
        if (hasErrors(result.diagnostics)) {
          const errors = result.diagnostics.filter((d) => d.severity === 'error')
          // (The build CLI has printed them and drops this output; a plain `vite build` fails here.)
          if (!serve && compileProvided()) return html
          if (!serve) throw new SlideError(errors)
          return injectDeck(html, { ...result.deck, html: errorSection(errors.map(formatDiagnostic)) }, path.basename(ctx.filename))
        }
        const page = path.basename(ctx.filename)
        if (!serve && forVite(result, html, page).length === 0) {
          late.set(ctx.filename, { source: html, result: Promise.resolve(result) })
          return html
        }
        return injectDeck(html, result.deck, page)
      },
    },
  }
  const after: Plugin = {
    name: 'deck:late',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const entry = late.get(ctx.filename)
        if (!entry) return html
        const result = await entry.result
        report(result)
        if (hasErrors(result.diagnostics)) {
          // The build CLI has printed them and drops this output; a plain `vite build` fails here.
          if (compileProvided()) return html
          throw new SlideError(result.diagnostics.filter((d) => d.severity === 'error'))
        }
        const page = path.basename(ctx.filename)
        const missed = forVite(result, entry.source, page)
        if (missed.length) throw new Error(`internal error: the slides name ${missed.join(', ')}, which Vite had to rewrite, but the page went on without them (src/vite/build-cache.ts mayNameLocalFiles missed it); please report it`)
        return injectDeck(html, result.deck, page)
      },
    },
  }
  return [main, after]
}
