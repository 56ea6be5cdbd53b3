/// <reference types="vitest/config" />
// (types only: importing vitest/config at run time costs every build about a second)
import { defineConfig } from 'vite'
import { viteSingleFile } from 'vite-plugin-singlefile'
import { cspPlugin } from './src/vite/csp.ts'
import { deckPlugin } from './src/vite/plugin.ts'
import { fontPreloadPlugin } from './src/vite/preload.ts'

// `base: './'` keeps every URL relative, so dist/ works from any sub-path.
// `--mode single` builds only the deck, with every script, style, font and figure inlined
// into one HTML file (src/cli/build.ts renames it dist/deck.html): it runs from file://.
export default defineConfig(({ mode }) => {
  const single = mode === 'single'
  const input: Record<string, string> = single ? { index: 'index.html' } : { index: 'index.html', read: 'read.html', handout: 'handout.html' }
  return {
    base: './',
    plugins: [deckPlugin({ slidesDir: 'slides' }), fontPreloadPlugin(), ...(single ? [viteSingleFile({ removeViteModuleLoader: true })] : []), cspPlugin()],
    server: { host: '127.0.0.1', port: 5173 },
    preview: { host: '127.0.0.1', port: 4173 },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      // The single file must not point at any other file: fonts (woff2 and woff) become data: URLs.
      ...(single ? { assetsInlineLimit: () => true } : {}),
      rollupOptions: { input },
    },
    test: {
      // slides/*.test.ts: the briefing's own tests, which go when its slides go.
      include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'slides/**/*.test.ts'],
      globalSetup: ['tests/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      // Browser tests each start Chromium; two cores, so at most two test files at once.
      maxWorkers: 2,
    },
  }
})
