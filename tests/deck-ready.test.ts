/**
 * deckReady (src/browser/deck-ready.ts) under the deck's own kind of Content-Security-Policy
 * (scripts by hash, no eval), on a page whose deck is not ready at the first check: the case a
 * busy machine makes, where a string predicate failed with an EvalError (npm run pptx, 3 full
 * test runs in 5).
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deckReady } from '../src/browser/deck-ready.ts'
import { sharedBrowser } from './browser.ts'

// Ready only after the page has been polled a few times.
const script = `window.deck = { ready: false, isReady() { return this.ready } }; setTimeout(() => { window.deck.ready = true }, 600)`
// Never ready: the wait must fail, saying what the page had got to.
const stuck = `window.deck = { isReady() { return false } }`
const hash = (js: string) => `'sha256-${createHash('sha256').update(js).digest('base64')}'`
const page = (js: string) => `<!doctype html><title>deck</title><script>${js}</script><p>deck</p>`

let browser: Browser
let server: Server
let url = ''

beforeAll(async () => {
  browser = await sharedBrowser()
  server = createServer((req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html', 'content-security-policy': `default-src 'self'; script-src 'self' ${hash(script)} ${hash(stuck)}` })
      .end(page(req.url === '/stuck' ? stuck : script))
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
})

afterAll(async () => {
  await browser?.close()
  await new Promise((ok) => server?.close(ok))
})

describe('deckReady', () => {
  it('waits for a deck that gets ready late, under a CSP that refuses eval', async () => {
    const p = await browser.newPage()
    await p.goto(url)
    expect(await p.evaluate(() => (window as unknown as { deck: { isReady(): boolean } }).deck.isReady())).toBe(false)
    await deckReady(p, 60_000)
    expect(await p.evaluate(() => (window as unknown as { deck: { isReady(): boolean } }).deck.isReady())).toBe(true)
    await p.close()
  })

  it('the string form of the same wait is what fails there (why deckReady takes a function)', async () => {
    const p = await browser.newPage()
    await p.goto(url)
    await expect(p.waitForFunction('window.deck.isReady()', undefined, { polling: 100, timeout: 60_000 })).rejects.toThrow(/unsafe-eval|EvalError/)
    await p.close()
  })

  it('fails after its timeout, saying what the page had got to', async () => {
    const p = await browser.newPage()
    await p.goto(`${url}stuck`)
    await expect(deckReady(p, 1000)).rejects.toThrow(/reveal\.js did not get ready \(.*Timeout.*page: \{"load":"complete","deck":"object","paints":\d+\}\)/)
    await p.close()
  })
})
