import { defineConfig } from 'vitest/config'
import { deckPlugin } from './src/vite/plugin.ts'

// `base: './'` keeps every URL relative, so dist/ works from any sub-path.
export default defineConfig({
  base: './',
  plugins: [deckPlugin({ slidesDir: 'slides' })],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: { input: { index: 'index.html' } },
  },
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests each start Chromium; two cores, so at most two test files at once.
    maxWorkers: 2,
  },
})
