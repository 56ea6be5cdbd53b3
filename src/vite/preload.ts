import path from 'node:path'
import type { HtmlTagDescriptor, Plugin } from 'vite'

/**
 * Preloads the deck's upright font files from index.html, so they download beside the
 * stylesheet instead of after it (the browser only discovers @font-face files once the CSS is
 * parsed and text is laid out) and the first slide is laid out once, in its own font. The
 * italic stays lazy (rare). No effect where fonts are inlined (the single-file deck).
 */
export function fontPreloadPlugin(): Plugin {
  return {
    name: 'deck-font-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx): HtmlTagDescriptor[] {
        if (!ctx.bundle || path.basename(ctx.filename) !== 'index.html') return []
        return Object.values(ctx.bundle)
          .filter((a) => a.type === 'asset' && a.fileName.endsWith('.woff2') && !/italic/i.test(a.fileName))
          .map((a) => ({ tag: 'link', attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `./${a.fileName}` }, injectTo: 'head' }))
      },
    },
  }
}
