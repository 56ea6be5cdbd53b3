/**
 * The one Chromium the global setup started (tests/global-setup.ts), for every browser test:
 * `sharedBrowser()` connects to it. Each file opens its own pages or contexts and closes them;
 * `browser.close()` on the connection closes the contexts it made and disconnects, leaving the
 * browser to the other files. When Chromium could not start, this fails with the reason (how to
 * install it): a browser test never skips itself.
 */
import { type Browser, chromium } from 'playwright-core'
import { inject } from 'vitest'

export { type StaticServer, serveDir } from '../src/browser/serve.ts'

export async function sharedBrowser(): Promise<Browser> {
  const endpoint = inject('browserEndpoint')
  if (!endpoint) throw new Error(`no browser for the tests: ${inject('browserError') || 'tests/global-setup.ts did not start Chromium'}`)
  return chromium.connect(endpoint)
}
