import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { measureTitlePaint } from '../src/bench/measure.ts'
import { type StaticServer, serveDir, sharedBrowser } from './browser.ts'

// The bench's title-paint probe on the two shapes of deck it compares: reveal.js's (a section in
// .reveal .slides) and Marp's (a section in an SVG foreignObject, whose paragraph outsizes the
// title, so LCP names the paragraph and never the title).
const marpLike = `<!doctype html><html><body>
<svg data-marpit-svg="" viewBox="0 0 1280 720" width="1280" height="720"><foreignObject width="1280" height="720">
<section xmlns="http://www.w3.org/1999/xhtml" id="1"><h1>Short title</h1>
<p style="font-size:40px">A much longer paragraph than the title, set large, so that it is the largest element painted in the frame of the first slide.</p></section>
</foreignObject></svg></body></html>`
const revealLike = `<!doctype html><html><body><div class="reveal"><div class="slides">
<section class="present"><h2 class="slide-title">Title</h2><p style="font-size:40px">A longer paragraph, larger than the title, in the same frame.</p></section>
</div></div></body></html>`
const noTitle = `<!doctype html><html><body><svg viewBox="0 0 1280 720"><foreignObject width="1280" height="720">
<section xmlns="http://www.w3.org/1999/xhtml"><p>Only text</p></section></foreignObject></svg><h1>Outside any slide</h1></body></html>`

describe('the bench title-paint probe', () => {
  let dir = ''
  let server: StaticServer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bench-paint-'))
    writeFileSync(join(dir, 'marp.html'), marpLike)
    writeFileSync(join(dir, 'reveal.html'), revealLike)
    writeFileSync(join(dir, 'none.html'), noTitle)
    server = await serveDir(dir)
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("records the paint of Marp's title inside an SVG foreignObject", async () => {
    const ms = await measureTitlePaint(await sharedBrowser(), `${server.url}marp.html`, 'section')
    expect(ms).toBeGreaterThan(0)
  })

  it("records the paint of a reveal.js slide's title", async () => {
    const ms = await measureTitlePaint(await sharedBrowser(), `${server.url}reveal.html`, '.reveal .slides section')
    expect(ms).toBeGreaterThan(0)
  })

  it('records nothing when no slide holds a title (a heading outside the slides does not count)', async () => {
    expect(await measureTitlePaint(await sharedBrowser(), `${server.url}none.html`, 'section')).toBeUndefined()
  })
})
