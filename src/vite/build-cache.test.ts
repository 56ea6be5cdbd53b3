import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDeck } from '../compiler/node.ts'
import { withCsp } from './csp.ts'
import { fillTemplate, toTemplate, viteRewrites } from './build-cache.ts'
import { injectDeck, markFirstSlide } from './html.ts'

const REPO = resolve(import.meta.dirname, '../..')
const { deck } = buildDeck(join(REPO, 'tests/fixtures/good-small'))
const source = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title><!--deck:title--></title>
    <!--deck:options-->
  </head>
  <body><div class="slides">
<!--deck:slides-->
  </div><script type="module" src="./src/client/main.ts"></script></body>
</html>`
// What Vite makes of it: the script moved and renamed, a stylesheet linked, the policy added.
const built = withCsp(injectDeck(source, deck, 'index.html').replace('<script type="module" src="./src/client/main.ts"></script>', '').replace('</title>', '</title>\n<script type="module" crossorigin src="./assets/index-1.js"></script>'), ["'sha256-SPEAKER='"])

describe('page templates', () => {
  it('take the deck out of a built page and fill it back to the same bytes', () => {
    const t = toTemplate(built, source, deck, 'index.html')
    expect(t).toBeDefined()
    expect(t).toContain('<!--deck:slides-->')
    expect(t).not.toContain(deck.slides[0]?.title ?? '?')
    expect(fillTemplate(t ?? '', deck, 'index.html')).toBe(built)
  })
  it('fill in another deck, and keep the policy hashes the page had', () => {
    const t = toTemplate(built, source, deck, 'index.html') ?? ''
    const other = { ...deck, html: '<section id="x"><h2>Other</h2></section>', config: { ...deck.config, title: 'Other & co', lang: 'de' } }
    const page = fillTemplate(t, other, 'index.html')
    expect(page).toContain('<section class="present" id="x"><h2>Other</h2></section>')
    expect(page).toContain('<title>Other &amp; co</title>')
    expect(page).toContain('<html lang="de">')
    expect(page).toContain("'sha256-SPEAKER='")
  })
  it('refuse a page in which the build changed the deck', () => {
    const changed = built.replace(deck.slides[0]?.title ?? '', 'Rewritten')
    expect(toTemplate(changed, source, deck, 'index.html')).toBeUndefined()
  })
})

describe('viteRewrites', () => {
  const pages = { 'index.html': source }
  it('finds local files named by pictures (Vite would rename them)', () => {
    const pic = { ...deck, html: '<section><img src="./assets/pic.png" alt=""><img src="data:image/png;base64,AA" alt=""><svg><use href="#a"/></svg></section>' }
    expect(viteRewrites(pic, pages)).toEqual(['./assets/pic.png'])
    expect(viteRewrites({ ...deck, html: '<section><p style="background:url(slides/x.png)">a</p></section>' }, pages)).toEqual(['slides/x.png'])
  })
  it('finds nothing in slides without local files', () => {
    expect(viteRewrites({ ...deck, html: '<section><a href="https://example.org/">x</a><img src="data:," alt=""></section>' }, pages)).toEqual([])
  })
})

describe('markFirstSlide', () => {
  it('marks the first slide present, and the first sub-slide of a stack with it', () => {
    expect(markFirstSlide('<section id="a" class="slide"></section><section id="b"></section>')).toBe('<section id="a" class="present slide"></section><section id="b"></section>')
    expect(markFirstSlide('<section class="stack"> <section id="a"></section><section id="b"></section></section>')).toBe('<section class="present stack"> <section class="present" id="a"></section><section id="b"></section></section>')
    expect(markFirstSlide('<p>no slides</p>')).toBe('<p>no slides</p>')
  })
})
