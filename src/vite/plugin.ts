/**
 * The deck's Vite plugin, in the shape of Vite's own (options in, hooks out, pure helpers beside
 * it): the compiled deck goes into the pages. `npm run build` hands it the deck it compiled
 * (src/build/pipeline.ts); the dev server and a plain `vite build` let it compile the slides.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import type { Plugin, ViteDevServer, WebSocketClient } from 'vite'
import { formatCapped, hasErrors, SlideError } from '../compiler/diagnostics.ts'
import type { Deck, DeckResult } from '../deck/model.ts'
import { localRefs, pieces } from './build-cache.ts'
import { fileGuardPlugin } from './file-guard.ts'
import { errorSection, htmlOpen, injectDeck, revealOptions } from './html.ts'
import { identityHead } from './identity-head.ts'

export interface DeckPluginOptions {
  /** Folder of slide files, relative to the Vite root. @default 'slides' */
  slidesDir?: string
  /**
   * The slides compiled already, free of errors (the build pipeline, which has printed its
   * problems). Without it the plugin compiles the slides itself: the dev server on every change,
   * a plain `vite build` once.
   */
  deck?: DeckResult
}

/** Payload of the `deck:update` event the dev server sends when a slide file changes. */
export interface DeckUpdate {
  html: string
  options: ReturnType<typeof revealOptions>
  errors: string[]
}

/** Quiet time after the last slide-file event before the dev server recompiles. */
const SETTLE_MS = 25

/**
 * What of a deck lives in the page's `<head>` and `<html>` tag rather than in its slides (the
 * theme's colours and font, the marking's colours, the look): when it changes, a `deck:update`
 * cannot show it, and the dev server reloads the page. Pure.
 */
export function pageFrame(deck: Deck): string {
  return htmlOpen(deck) + identityHead(deck)
}

/** A short name for a page frame, that the dev server writes into the page and the page sends back on connecting. */
export function frameId(frame: string): string {
  return createHash('sha256').update(frame).digest('hex').slice(0, 16)
}

/** The files deck.yaml names besides the slides (logo, font), as absolute paths: editing one recompiles. */
export function identityFiles(deck: Deck, root: string): string[] {
  const { logo, theme } = deck.config
  return [logo?.file, theme?.font].filter((f): f is string => !!f).map((f) => path.join(root, f))
}

/** What in the deck's pieces of `page` Vite would have to rewrite (local files, its own placeholders). Pure. */
export function forVite(result: DeckResult, source: string, page: string): string[] {
  return pieces(result.deck, source, page).flatMap(([, v]) => [...localRefs(v), ...(v.includes('__VITE_') ? ['__VITE_'] : [])])
}

/** Compile the slides and trace their facts now (the compiler is loaded on first use), with the loaded sources for the record. */
async function compileNow(root: string, slidesDir: string) {
  const [{ loadSlides }, { compileLoaded }, { traceFacts }] = await Promise.all([
    import('../compiler/load.ts'),
    import('../compiler/node.ts'),
    import('../check/trace.ts'),
  ])
  const loaded = loadSlides(root, slidesDir)
  const result = compileLoaded(root, slidesDir, loaded)
  traceFacts(root, slidesDir, result, loaded.deckFile?.text ?? '')
  return { result, sources: [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])] }
}

/**
 * The deck in the HTML pages at build time (`transformIndexHtml`), so the first slide paints
 * before any script runs. In the dev server, slide edits are pushed to the open page as a
 * `deck:update` event (no reload), and errors are shown in the page; so are edits of the logo and
 * font files deck.yaml names, and a change to what the page's head holds (theme, font, marking
 * colours, look) reloads the page. A plain `vite build`
 * compiles once, prints the warnings, fails on errors, and writes deck.json beside the pages.
 */
export function deckPlugin({ slidesDir = 'slides', deck }: DeckPluginOptions = {}): Plugin[] {
  let root = process.cwd()
  let serve = false
  /** A plain `vite build`'s own compile, once for all its pages. */
  let own: ReturnType<typeof compileNow> | undefined
  const forBuild = async (): Promise<DeckResult> => {
    if (deck) return deck
    own ??= compileNow(root, slidesDir).then((c) => {
      for (const line of formatCapped(c.result.diagnostics.filter((d) => d.severity === 'warning'))) console.warn(line)
      return c
    })
    const { result } = await own
    if (hasErrors(result.diagnostics)) throw new SlideError(result.diagnostics.filter((d) => d.severity === 'error'))
    return result
  }
  /**
   * Pages whose deck goes in after Vite's own processing of the page (build only): Vite parses
   * every page's HTML, which with the deck inside cost more than the rest of its work on the
   * pages. Only when nothing in the deck is for Vite to rewrite (a local picture, a url()).
   */
  const late = new Set<string>()
  const isSlideFile = (f: string) => {
    const rel = path.relative(path.join(root, slidesDir), f)
    return !rel.startsWith('..') && !path.isAbsolute(rel) && /\.(md|ya?ml)$/.test(f)
  }

  /**
   * The frame id each open page says it was served with (deck:hello), and that of the last
   * compile without errors: a page with another is out of date. Kept per page, as a page's HTML
   * is not all it loads (read.html, fetched later, may already have the next theme).
   */
  const pages = new Map<WebSocketClient, string>()
  let current: string | undefined
  const reload = (client: WebSocketClient): void => client.send({ type: 'full-reload', path: '*' })
  let watchedFiles = new Set<string>()
  const compiled = (d: Deck): void => {
    watchedFiles = new Set(identityFiles(d, root))
  }

  async function push(server: ViteDevServer): Promise<void> {
    let result: DeckResult
    try {
      result = (await compileNow(root, slidesDir)).result
    } catch (err) {
      // An internal fault must not take the dev server down: show it in the page, keep watching.
      const message = `internal error while compiling the slides: ${err instanceof Error ? err.message : String(err)} (save again, or restart npm start)`
      server.config.logger.error(err instanceof Error && err.stack ? err.stack : message)
      server.ws.send({
        type: 'custom',
        event: 'deck:update',
        data: { html: errorSection([message]), options: { totalTime: 0, title: '' }, errors: [message] } satisfies DeckUpdate,
      })
      return
    }
    const all = result.diagnostics.filter((d) => d.severity === 'error')
    const errors = formatCapped(all)
    for (const e of errors) server.config.logger.error(e)
    compiled(result.deck)
    // A new theme, font or marking colour is in the page's head: those pages reload (and compile afresh).
    if (!errors.length) {
      const previous = current
      current = frameId(pageFrame(result.deck))
      for (const client of server.ws.clients) {
        const frame = pages.get(client)
        // A page that never says its frame (read.html, handout.html) reloads when the frame changes.
        if (frame === undefined ? previous === undefined || previous === current : frame === current) continue
        pages.delete(client)
        reload(client)
      }
    }
    const data: DeckUpdate = { html: errors.length ? errorSection(errors, all.length) : result.deck.html, options: revealOptions(result.deck), errors }
    server.ws.send({ type: 'custom', event: 'deck:update', data })
  }

  const main: Plugin = {
    name: 'deck',
    configResolved(config) {
      root = config.root
      serve = config.command === 'serve'
    },
    configureServer(server) {
      server.watcher.add(path.join(root, slidesDir))
      // An editor's save (or writeFileSync) can be seen mid-write: truncated, then filled. Compile
      // once the events have been quiet for a moment, so a half-written file is never what stays.
      let timer: ReturnType<typeof setTimeout> | undefined
      const onFs = (f: string) => {
        if (!isSlideFile(f) && !watchedFiles.has(path.resolve(f))) return
        clearTimeout(timer)
        timer = setTimeout(() => void push(server), SETTLE_MS)
      }
      server.watcher.on('add', onFs)
      server.watcher.on('unlink', onFs)
      server.watcher.on('change', onFs)
      // A page says which frame it was served with once its socket is up; one already out of date
      // (a theme saved while it was still connecting) reloads at once.
      server.ws.on('deck:hello', (data: { frame?: unknown }, client) => {
        if (typeof data?.frame !== 'string') return
        if (current !== undefined && data.frame !== current) reload(client)
        else pages.set(client, data.frame)
      })
      server.ws.on('vite:client:disconnect', (_: unknown, client) => {
        pages.delete(client)
      })
    },
    handleHotUpdate({ file }) {
      // Slide files are not modules: the watcher above pushes them; nothing to reload.
      if (isSlideFile(file)) return []
      return undefined
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html, ctx) {
        const page = path.basename(ctx.filename)
        if (serve) {
          const { result } = await compileNow(root, slidesDir)
          const errors = result.diagnostics.filter((d) => d.severity === 'error')
          compiled(result.deck)
          if (errors.length) return injectDeck(html, { ...result.deck, html: errorSection(formatCapped(errors), errors.length) }, page)
          current = frameId(pageFrame(result.deck))
          return injectDeck(html, result.deck, page).replace('</head>', `<meta name="deck-frame" content="${current}">\n</head>`)
        }
        const result = await forBuild()
        if (forVite(result, html, page).length === 0) {
          late.add(ctx.filename)
          return html
        }
        return injectDeck(html, result.deck, page)
      },
    },
    async generateBundle() {
      // A plain `vite build` writes the record the other commands read (the pipeline writes its own).
      if (deck || !own) return
      const [{ result, sources }, { deckRecord, RECORD_FILE }] = await Promise.all([own, import('../deck/record.ts')])
      this.emitFile({ type: 'asset', fileName: RECORD_FILE, source: `${JSON.stringify(deckRecord(result, sources, slidesDir))}\n` })
    },
  }
  const after: Plugin = {
    name: 'deck:late',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        if (!late.has(ctx.filename)) return html
        return injectDeck(html, (await forBuild()).deck, path.basename(ctx.filename))
      },
    },
  }
  return [fileGuardPlugin(), main, after]
}
