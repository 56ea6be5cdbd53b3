/**
 * Waiting for a built deck's reveal.js to be ready, for every command that opens it in Chromium
 * (check, pdf, pptx, the benchmark). A function, not a string: Playwright polls a string with
 * eval, which the deck's Content-Security-Policy refuses as soon as the first check finds the
 * deck not ready yet (a busy machine); polled on a timer, not on animation frames, which a
 * loaded headless Chromium may not draw.
 */
import type { Page } from 'playwright-core'

/** Resolves once `window.deck.isReady()`; rejects after `timeout` ms, or at once on a page error. */
export async function deckReady(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { deck?: { isReady(): boolean } }).deck?.isReady() === true, undefined, { timeout, polling: 100 })
}
