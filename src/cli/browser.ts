/**
 * The real-browser edge shared by tests, `npm run check`, `npm run pptx` and the benchmark:
 * Debian's Chromium through playwright-core, and a static server on loopback. (`npm run pdf`
 * talks to Chromium over its debugging pipe instead, src/cli/cdp.ts: no playwright-core to load.)
 */
import { chromium, type Browser } from 'playwright-core'
import { CHROME_ARGS, requireChrome } from './cdp.ts'

export { CHROME_ARGS, chromePath } from './cdp.ts'
export { serveDir, type StaticServer } from './serve.ts'

/** Launch Chromium, or fail with how to install it. Never silently skips. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChrome(), args: CHROME_ARGS })
}
