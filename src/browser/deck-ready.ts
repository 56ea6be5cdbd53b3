/**
 * Waiting for a built deck's reveal.js to be ready, for every command that opens it in Chromium
 * (check, pdf, pptx, the benchmark). A function, not a string: Playwright polls a string with
 * eval, which the deck's Content-Security-Policy refuses as soon as the first check finds the
 * deck not ready yet (a busy machine); polled on a timer, not on animation frames, which a
 * loaded headless Chromium may not draw.
 */
import type { Page } from 'playwright-core'

/**
 * Resolves once `window.deck.isReady()`; rejects after `timeout` ms with Playwright's reason and
 * what the page had got to (its load state, whether the deck exists, its paints), which is what
 * told a CSP refusal from a hang.
 */
export async function deckReady(page: Page, timeout: number): Promise<void> {
  const started = performance.now()
  try {
    await page.waitForFunction(() => (window as unknown as { deck?: { isReady(): boolean } }).deck?.isReady() === true, undefined, { timeout, polling: 100 })
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e)
    // The page may not answer at all.
    const state = await Promise.race([
      page.evaluate(`JSON.stringify({ load: document.readyState, deck: typeof window.deck, paints: performance.getEntriesByType('paint').length })`),
      new Promise((answered) => setTimeout(answered, 5000, 'the page did not answer')),
    ]).catch((err: unknown) => String(err))
    throw new Error(`reveal.js did not get ready (${why}, after ${Math.round(performance.now() - started)} ms; page: ${state})`)
  }
}
