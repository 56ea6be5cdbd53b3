import path from 'node:path'
import type { HtmlTagDescriptor, Plugin } from 'vite'

/**
 * Preloads the deck's upright font files from index.html, so they download beside the
 * stylesheet instead of after it (the browser only discovers @font-face files once the CSS is
 * parsed and text is laid out) and the first slide is laid out once, in its own font. The
 * italic stays lazy (rare). No effect where fonts are inlined (the single-file deck).
 * Their faces are set to `font-display: block`.
 */
export function fontPreloadPlugin(): Plugin {
  return {
    name: 'deck-font-preload',
    apply: 'build',
    // `font-display: block` (fontsource ships `swap`): the first slide's text is painted once, in
    // its own font, rather than a frame in a fallback font and then again (the files are preloaded).
    // (Vite inlines the @imported stylesheets itself, so the built CSS is where to set it.)
    generateBundle(_options, bundle) {
      for (const f of Object.values(bundle)) {
        if (f.type !== 'asset' || !f.fileName.endsWith('.css')) continue
        const css = typeof f.source === 'string' ? f.source : new TextDecoder().decode(f.source)
        f.source = css.replace(/(@font-face\s*\{[^}]*?font-display:\s*)swap/g, '$1block')
      }
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx): HtmlTagDescriptor[] {
        if (!ctx.bundle || path.basename(ctx.filename) !== 'index.html') return []
        return Object.values(ctx.bundle)
          .filter((a) => a.type === 'asset' && /\.woff2?$/.test(a.fileName) && !/italic/i.test(a.fileName))
          .map((a) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'font', type: `font/${a.fileName.endsWith('.woff2') ? 'woff2' : 'woff'}`, crossorigin: '', href: `./${a.fileName}` },
            injectTo: 'head',
          }))
      },
    },
  }
}
