/**
 * Before any test file runs, and at the same time:
 * - builds the deck in slides/ once, into a temporary folder of its own
 *   (`npm run build -- --out=<tmp>`), never into the user's dist/: `npm test` leaves dist/ and the
 *   PDFs in it as they were. Tests read the folder with `builtDist()` (tests/built.ts). A failed
 *   build fails the run with the build's own message; the folder is removed after the run.
 * - starts one Chromium (playwright-core's browser server, same executable and flags as the tool)
 *   that every browser test connects to with `sharedBrowser()` (tests/browser.ts), instead of each
 *   file launching its own. Without Chromium the run goes on; each browser test then fails with
 *   the launch's own message (how to install it), and the other tests still run.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type BrowserServer, chromium } from 'playwright-core'
import type { TestProject } from 'vitest/node'
import { CHROME_ARGS, requireChrome } from '../src/browser/chromium.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder the global setup built slides/ into (index.html, read.html, handout.html, deck.html). */
    distDir: string
    /** The shared Chromium's endpoint for `chromium.connect`, or '' when it could not start. */
    browserEndpoint: string
    /** Why the shared Chromium could not start ('' when it did). */
    browserError: string
  }
}

/** Build `root`'s slides into a new temporary folder with the real CLI; resolves with the folder. */
export function buildForTests(root: string): Promise<string> {
  const parent = mkdtempSync(join(tmpdir(), 'deck-test-build-'))
  const out = join(parent, 'dist')
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [resolve(import.meta.dirname, '../src/cli/launch.mjs'), 'build', `--root=${root}`, `--out=${out}`],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (!err) return ok(out)
        rmSync(parent, { recursive: true, force: true })
        fail(new Error(`npm run build failed before the tests:\n${stdout}${stderr}`))
      },
    )
  })
}

async function startBrowser(): Promise<{ server?: BrowserServer; error: string }> {
  try {
    return { server: await chromium.launchServer({ executablePath: requireChrome(), args: CHROME_ARGS }), error: '' }
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [built, browser] = await Promise.allSettled([buildForTests(resolve(import.meta.dirname, '..')), startBrowser()])
  const server = browser.status === 'fulfilled' ? browser.value.server : undefined
  if (built.status === 'rejected') {
    await server?.close()
    throw built.reason
  }
  const out = built.value
  project.provide('distDir', out)
  project.provide('browserEndpoint', server?.wsEndpoint() ?? '')
  project.provide('browserError', browser.status === 'fulfilled' ? browser.value.error : String(browser.reason))
  return async () => {
    await server?.close()
    rmSync(resolve(out, '..'), { recursive: true, force: true })
  }
}
