/// <reference types="vitest/config" />
// (types only: importing vitest/config at run time costs every build about a second)
import { defineConfig } from 'vite'
import { cspPlugin } from './src/vite/csp.ts'
import { deckPlugin } from './src/vite/plugin.ts'
import { fontPreloadPlugin } from './src/vite/preload.ts'

// `base: './'` keeps every URL relative, so dist/ works from any sub-path. dist/deck.html, the
// deck in one file, is made from the built index.html by src/cli/build.ts (src/vite/standalone.ts).
export default defineConfig(() => {
  const input: Record<string, string> = { index: 'index.html', read: 'read.html', handout: 'handout.html' }
  return {
    base: './',
    // Vite's lightningcss path for CSS (imports, urls): the same output, byte for byte, as its
    // default PostCSS path, in about a third less build time (~110 ms of a cold build here).
    css: { transformer: 'lightningcss' as const },
    plugins: [deckPlugin({ slidesDir: 'slides' }), fontPreloadPlugin(), cspPlugin()],
    server: { host: '127.0.0.1', port: 5173 },
    preview: { host: '127.0.0.1', port: 4173 },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      // Every browser the deck supports preloads modules itself: no polyfill script (one request
      // fewer before the first slide).
      modulePreload: { polyfill: false },
      rollupOptions: { input },
    },
    test: {
      // Two projects: `unit` (src/, no browser and no build: `npm run test:unit`, the inner loop)
      // and `deck` (tests/ and slides/*.test.ts, the briefing's own tests, which go when its
      // slides go: built once and driven in one shared Chromium by the global setup).
      projects: [
        { extends: true as const, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
        { extends: true as const, test: { name: 'deck', include: ['tests/**/*.test.ts', 'slides/**/*.test.ts'], globalSetup: ['tests/global-setup.ts'] } },
      ],
      testTimeout: 180_000,
      hookTimeout: 300_000,
      // Two cores, so two test files at once. The browser tests share the one Chromium the global
      // setup starts (tests/browser.ts).
      maxWorkers: 2,
      // Each worker runs its files one after another in one process, without re-importing Vite,
      // playwright-core and our modules for every file (src/ and slides/ alone: 50 -> 31 s of CPU). No
      // test mocks modules or leaves global state behind; keep it that way (restore what you change).
      isolate: false,
    },
  }
})
