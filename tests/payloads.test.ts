/**
 * Every field an author controls carries a markup payload — the deck's title and subtitle, a
 * slide's title, section, body, alt text, link text, notes, a figure's data, a sub-slide's
 * heading and the slide file's own name — and the payload stays text: no script runs and no
 * element with an event handler appears, in the four built pages (the deck served, deck.html from
 * disk, the reading edition, the handout), in the speaker view, and in the dev server's page.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'
import { REPO, runBuild, scratchProject } from './cli.ts'

/**
 * Closes an attribute and a tag, then tries a handler and a script (short enough for a figure
 * label; the image path exists, so a slide body keeps the sanitised <img> and builds).
 */
const P = `"'><img src="../assets/base.css" onerror="__pwned=1"><script>__pwned=1</script>`
const Y = JSON.stringify(P) // the payload as a YAML double-quoted scalar

const project = scratchProject(join(REPO, 'tests/fixtures/hostile-text'))
let browser: Browser
let site: StaticServer

beforeAll(async () => {
  writeFileSync(join(project, 'slides/deck.yaml'), `title: ${Y}\nsubtitle: ${Y}\nlang: en\ntargetMinutes: 1\n`)
  writeFileSync(
    join(project, 'slides', `04-x${P.replace(/\//g, '')}.md`),
    [
      '---',
      'id: payload',
      `title: ${Y}`,
      `section: ${Y}`,
      '---',
      `A paragraph: ${P}`,
      '',
      `- [link text ${P}](#/dollars)`,
      `- ![alt ${P}](../assets/base.css)`,
      '',
      '```timeline',
      `title: ${Y}`,
      'events:',
      `  - { date: "2001", label: ${Y}, note: ${Y} }`,
      `  - { label: ${Y} }`,
      '```',
      '',
      'Notes:',
      `Notes with ${P}`,
      '',
      '--',
      `## Sub-slide ${P.replace(/\n/g, ' ')}`,
      '',
      'Second part.',
      '',
      'Notes:',
      `More notes ${P}`,
      '',
    ].join('\n'),
  )
  const r = await runBuild(project)
  expect(r.code, r.stderr).toBe(0)
  browser = await sharedBrowser()
  site = await serveDir(join(project, 'dist'))
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

/** Load a page, let it settle, and report whether the payload ran or became markup. */
async function inert(page: Page, url: string): Promise<{ pwned: unknown; handlers: number; text: boolean }> {
  await page.goto(url, { waitUntil: 'load' })
  await page.evaluate(() => document.fonts.ready.then(() => undefined))
  return page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    text: document.body.textContent?.includes('__pwned=1') ?? false,
  }))
}

describe('a markup payload in every author field stays text', () => {
  it.each(['index.html', 'read.html', 'handout.html'])('%s, served', async (name) => {
    const page = await browser.newPage()
    try {
      const r = await inert(page, `${site.url}${name}`)
      expect(r).toEqual({ pwned: undefined, handlers: 0, text: true })
    } finally {
      await page.close()
    }
  })

  it('deck.html from disk, and its speaker view', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    try {
      const r = await inert(page, `${pathToFileURL(join(project, 'dist/deck.html')).href}#/payload`)
      expect(r).toEqual({ pwned: undefined, handlers: 0, text: true })
      await page.waitForFunction(() => document.querySelector('.reveal.ready') !== null, undefined, { polling: 100 })
      // `S` opens the speaker view once reveal's notes plugin is in, a moment after `ready` (it loads after the first paint).
      await page.waitForFunction(() => (window as unknown as { deck?: { hasPlugin(id: string): boolean } }).deck?.hasPlugin('notes') === true, undefined, {
        polling: 100,
      })
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')])
      await popup.waitForLoadState('load')
      // The speaker view shows the current slide's notes (their raw HTML sanitised away).
      await popup.waitForFunction(() => document.querySelector('.speaker-controls-notes .value')?.textContent?.includes('Notes with') ?? false, undefined, {
        polling: 100,
        timeout: 60_000,
      })
      expect(await popup.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
      expect(await popup.evaluate(() => document.querySelectorAll('[onerror], [onload]').length)).toBe(0)
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined()
    } finally {
      await context.close()
    }
  }, 180_000)

  it("the dev server's page", async () => {
    const server = await createServer({ root: project, configFile: join(REPO, 'vite.config.ts'), logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } })
    await server.listen()
    const page = await browser.newPage()
    try {
      const r = await inert(page, server.resolvedUrls?.local[0] ?? '')
      expect(r).toEqual({ pwned: undefined, handlers: 0, text: true })
    } finally {
      await page.close()
      await server.close()
    }
  }, 180_000)
})
