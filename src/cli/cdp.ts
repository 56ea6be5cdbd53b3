/**
 * A small Chrome DevTools Protocol client over `--remote-debugging-pipe`: Chromium reads
 * NUL-terminated JSON messages on its fd 3 and writes them on fd 4. No WebSocket, no
 * playwright-core to import (about 330 ms of a `npm run pdf`), nothing downloaded.
 * Used by `npm run pdf`; tests and other commands use playwright-core (src/cli/browser.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { Readable, Writable } from 'node:stream'

/**
 * Features switched off in every Chromium of the project. Headless Chromium is the whole browser
 * now: each window it opens also loads the address bar's popup, a WebUI page in a renderer of its
 * own (`WebUIOmniboxPopup`, `WebUIOmniboxAimPopup`). On these 2-core machines that cost `npm run
 * pdf` 0.76 s (3.48 s → 2.72 s, medians of 6 alternating runs) and every page a test opens about
 * 0.4 s (5 pages: 4.7–5.2 s → 2.6 s). The next four keep Chromium from calling Google as it starts
 * (network time, search preconnect, AI mode, optimization hints). Chromium keeps only the last
 * `--disable-features` it is given, and ours comes after playwright-core's, so the list also carries
 * the ones playwright-core switches off for automation (the rest).
 */
export const DISABLED_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'NetworkTimeServiceQuerying',
  'PreconnectToSearch',
  'AimEnabled',
  'OptimizationHints',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
]

/**
 * The standard flags every Chromium of the project starts with (see README, "Browser"), and the
 * features above off. `--font-render-hinting=none` is what Debian's chromium does anyway; with it,
 * Debian's chromium-headless-shell (the lighter build of the same engine, for CHROME_PATH) lays text
 * out the same: without it the shell hints glyph advances and lines break elsewhere.
 */
export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
]

/** Where Chromium is: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromePath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium'
}

/** The path of an existing Chromium, or an error saying how to install one. */
export function requireChrome(): string {
  const path = chromePath()
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's package (apt-get update && apt-get install -y chromium) or set CHROME_PATH to a Chromium binary.`,
    )
  }
  return path
}

type Params = Record<string, unknown>
type Handler = (params: Params) => void

interface Pending {
  resolve: (v: Params) => void
  reject: (e: Error) => void
  method: string
}

/** One attached target (a tab), or the browser itself when `id` is undefined. */
export class CdpSession {
  constructor(
    private readonly conn: CdpConnection,
    readonly id: string | undefined,
  ) {}

  send<T = Params>(method: string, params: Params = {}): Promise<T> {
    return this.conn.send(method, params, this.id) as Promise<T>
  }

  on(event: string, fn: Handler): void {
    this.conn.listen(this.id, event, fn)
  }

  /** The next `event` on this session (register it before triggering what fires it). */
  once(event: string, timeoutMs = 60_000): Promise<Params> {
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${event}`)), timeoutMs)
      const fn: Handler = (p) => {
        clearTimeout(timer)
        this.conn.unlisten(this.id, event, fn)
        ok(p)
      }
      this.on(event, fn)
    })
  }

  /** Evaluate `expression` in the page (promises awaited) and return its value as JSON. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    })
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`)
    return r.result.value as T
  }
}

export class CdpConnection {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly handlers = new Map<string, Set<Handler>>()
  private buffer: Buffer[] = []
  closed: Error | undefined

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.on('data', (chunk: Buffer) => this.receive(chunk))
    output.on('close', () => this.fail(new Error('Chromium closed the connection')))
    input.on('error', (e) => this.fail(e))
  }

  send(method: string, params: Params, sessionId: string | undefined): Promise<Params> {
    if (this.closed) return Promise.reject(this.closed)
    const id = this.nextId++
    const message = JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params })
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method })
      this.input.write(`${message}\0`)
    })
  }

  listen(sessionId: string | undefined, event: string, fn: Handler): void {
    const key = `${sessionId ?? ''}:${event}`
    let set = this.handlers.get(key)
    if (!set) this.handlers.set(key, (set = new Set()))
    set.add(fn)
  }

  unlisten(sessionId: string | undefined, event: string, fn: Handler): void {
    this.handlers.get(`${sessionId ?? ''}:${event}`)?.delete(fn)
  }

  fail(e: Error): void {
    this.closed ??= e
    for (const p of this.pending.values()) p.reject(new Error(`${p.method}: ${e.message}`))
    this.pending.clear()
  }

  private receive(chunk: Buffer): void {
    let start = 0
    for (let end = chunk.indexOf(0); end >= 0; end = chunk.indexOf(0, start)) {
      this.buffer.push(chunk.subarray(start, end))
      const text = Buffer.concat(this.buffer).toString('utf8')
      this.buffer = []
      start = end + 1
      this.dispatch(JSON.parse(text) as { id?: number; method?: string; params?: Params; result?: Params; error?: { message: string }; sessionId?: string })
    }
    if (start < chunk.length) this.buffer.push(chunk.subarray(start))
  }

  private dispatch(msg: { id?: number; method?: string; params?: Params; result?: Params; error?: { message: string }; sessionId?: string }): void {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id)
      if (!p) return
      this.pending.delete(msg.id)
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`))
      else p.resolve(msg.result ?? {})
      return
    }
    if (!msg.method) return
    for (const fn of this.handlers.get(`${msg.sessionId ?? ''}:${msg.method}`) ?? []) fn(msg.params ?? {})
  }
}

/** A Chromium started with the standard flags, driven over its debugging pipe. */
export class CdpBrowser {
  readonly browser: CdpSession
  private readonly conn: CdpConnection
  private readonly exited: Promise<void>

  private constructor(private readonly proc: ChildProcess) {
    this.conn = new CdpConnection(proc.stdio[3] as Writable, proc.stdio[4] as Readable)
    this.browser = new CdpSession(this.conn, undefined)
    this.exited = new Promise((ok) => proc.once('exit', () => ok()))
  }

  /**
   * Start Chromium (`CHROME_PATH`, else /usr/bin/chromium) with the standard flags and
   * `extraArgs`; a clear error when there is none.
   * No `--user-data-dir`: headless Chromium then makes a temporary profile of its own and
   * removes it when it exits, so runs at the same time never share one.
   */
  static async launch(extraArgs: readonly string[] = []): Promise<CdpBrowser> {
    const path = requireChrome()
    const proc = spawn(path, [...CHROME_ARGS, ...extraArgs, '--remote-debugging-pipe', '--no-startup-window'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    })
    let stderr = ''
    proc.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
    const b = new CdpBrowser(proc)
    const failed = new Promise<never>((_, fail) => {
      proc.once('error', (e) => fail(new Error(`Chromium at ${path} could not start: ${e.message}`)))
      proc.once('exit', (code) => fail(new Error(`Chromium at ${path} exited (${code}) before it answered:\n${stderr}`)))
    })
    failed.catch(() => undefined)
    await Promise.race([b.browser.send('Browser.getVersion'), failed])
    return b
  }

  /** A new tab in a window of its own (so that it is visible and renders while other tabs do), attached: its session receives the tab's events. */
  async newPage(): Promise<CdpSession> {
    const { targetId } = await this.browser.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', newWindow: true })
    const { sessionId } = await this.browser.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true })
    return new CdpSession(this.conn, sessionId)
  }

  /** Close Chromium and wait until it has exited (and removed its temporary profile). */
  async close(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.browser.send('Browser.close').catch(() => undefined)
      // Killed only if it does not exit by itself: a killed Chromium leaves its singleton socket in the temp folder.
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 20_000)
      await this.exited
      clearTimeout(timer)
    }
  }

  /**
   * Ask Chromium to close and let this process end without waiting for it: Chromium finishes
   * shutting down on its own (it also closes when its pipe does) and removes its own profile.
   * Saves a command the ~125 ms of Chromium's shutdown.
   */
  closeInBackground(): void {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return
    this.browser.send('Browser.close').catch(() => undefined)
    this.proc.unref()
    for (const s of this.proc.stdio) (s as { unref?: () => void } | null)?.unref?.()
  }
}

export interface OpenPageOptions {
  width: number
  height: number
  /** Emulated CSS media type: '' (the page's own) or 'screen'. Motion is always reduced. */
  media?: 'screen' | ''
  /** Where the page's uncaught errors go. */
  errors: string[]
}

/** A tab showing `url` at the given viewport, reduced motion, loaded; its script errors collected. */
export async function openPage(browser: CdpBrowser, url: string, { width, height, media = '', errors }: OpenPageOptions): Promise<CdpSession> {
  const page = await browser.newPage()
  page.on('Runtime.exceptionThrown', (p) => {
    const d = p.exceptionDetails as { text?: string; exception?: { description?: string } } | undefined
    errors.push(d?.exception?.description ?? d?.text ?? 'an error')
  })
  await Promise.all([
    page.send('Page.enable'),
    page.send('Runtime.enable'),
    page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }),
    page.send('Emulation.setEmulatedMedia', { media, features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] }),
  ])
  const loaded = page.once('Page.loadEventFired')
  const nav = await page.send<{ errorText?: string }>('Page.navigate', { url })
  if (nav.errorText) throw new Error(`${url}: ${nav.errorText}`)
  await loaded
  return page
}
