import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { CdpBrowser, CdpConnection, CdpSession } from './cdp.ts'

/** A connection whose "Chromium" is the test: what we send arrives on `toChrome`, what it writes on `fromChrome`. */
function fake() {
  const toChrome = new PassThrough()
  const fromChrome = new PassThrough()
  const sent: { id: number; method: string; params: unknown; sessionId?: string }[] = []
  let pending = ''
  toChrome.on('data', (d: Buffer) => {
    pending += d.toString()
    const parts = pending.split('\0')
    pending = parts.pop() ?? ''
    for (const p of parts) sent.push(JSON.parse(p))
  })
  const conn = new CdpConnection(toChrome, fromChrome)
  return { conn, sent, reply: (text: string) => fromChrome.write(text), close: () => fromChrome.end() }
}

const tick = () => new Promise((ok) => setImmediate(ok))

describe('CDP over a pipe', () => {
  it('frames messages with NUL, matches replies by id across chunk boundaries, and routes events by session', async () => {
    const { conn, sent, reply } = fake()
    const browser = new CdpSession(conn, undefined)
    const tab = new CdpSession(conn, 'S1')
    const a = browser.send('Browser.getVersion')
    const b = tab.send('Runtime.evaluate', { expression: '1 + 1' })
    await tick()
    expect(sent).toEqual([
      { id: 1, method: 'Browser.getVersion', params: {} },
      { id: 2, method: 'Runtime.evaluate', params: { expression: '1 + 1' }, sessionId: 'S1' },
    ])
    const loaded = tab.once('Page.loadEventFired')
    const other: unknown[] = []
    browser.on('Page.loadEventFired', (p) => other.push(p))
    // The second reply first, split in the middle; an event for the tab in the same chunk.
    const two = JSON.stringify({ id: 2, result: { result: { value: 2 } }, sessionId: 'S1' })
    reply(two.slice(0, 10))
    reply(`${two.slice(10)}\0${JSON.stringify({ method: 'Page.loadEventFired', params: { timestamp: 1 }, sessionId: 'S1' })}\0{"id":1,`)
    reply('"result":{"product":"Chrome"}}\0')
    expect(await b).toEqual({ result: { value: 2 } })
    expect(await a).toEqual({ product: 'Chrome' })
    expect(await loaded).toEqual({ timestamp: 1 })
    expect(other).toEqual([])
  })

  it("rejects with the protocol's error, and evaluate reports exceptions thrown in the page", async () => {
    const { conn, reply } = fake()
    const tab = new CdpSession(conn, 'S')
    const bad = tab.send('Page.nope')
    reply(`${JSON.stringify({ id: 1, error: { code: -32601, message: "'Page.nope' wasn't found" }, sessionId: 'S' })}\0`)
    await expect(bad).rejects.toThrow("Page.nope: 'Page.nope' wasn't found")
    const thrown = tab.evaluate('boom()')
    reply(`${JSON.stringify({ id: 2, result: { result: {}, exceptionDetails: { text: 'Uncaught', exception: { description: 'ReferenceError: boom is not defined' } } }, sessionId: 'S' })}\0`)
    await expect(thrown).rejects.toThrow('in the page: ReferenceError: boom is not defined')
  })

  it('fails every pending call when Chromium closes the pipe', async () => {
    const { conn, close } = fake()
    const call = new CdpSession(conn, undefined).send('Target.createTarget', { url: 'about:blank' })
    close()
    await expect(call).rejects.toThrow('Target.createTarget: Chromium closed the connection')
    await expect(new CdpSession(conn, undefined).send('Browser.close')).rejects.toThrow('Chromium closed the connection')
  })
})

describe('CdpBrowser.launch', () => {
  it('says how to install Chromium when CHROME_PATH points at nothing', async () => {
    const before = process.env.CHROME_PATH
    process.env.CHROME_PATH = '/nonexistent/chromium'
    try {
      await expect(CdpBrowser.launch()).rejects.toThrow(/Chromium not found at \/nonexistent\/chromium\. Install Debian's package .* or set CHROME_PATH/)
    } finally {
      if (before === undefined) delete process.env.CHROME_PATH
      else process.env.CHROME_PATH = before
    }
  })
})
