import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDeck } from '../compiler/node.ts'
import { fillTemplate, restore, store, toTemplate, viteRewrites } from './build-cache.ts'
import { withCsp } from './csp.ts'
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
const built = withCsp(
  injectDeck(source, deck, 'index.html')
    .replace('<script type="module" src="./src/client/main.ts"></script>', '')
    .replace('</title>', '</title>\n<script type="module" crossorigin src="./assets/index-1.js"></script>'),
  ["'sha256-SPEAKER='"],
)

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
  it("set the page's language where <html> carries other attributes too (the handout's class)", () => {
    const withClass = source.replace('<html lang="en">', '<html lang="en" class="print-pdf">')
    const page = withCsp(injectDeck(withClass, { ...deck, config: { ...deck.config, lang: 'de' } }, 'index.html'), [])
    expect(page).toContain('<html lang="de" class="print-pdf">')
    const t = toTemplate(page, withClass, { ...deck, config: { ...deck.config, lang: 'de' } }, 'index.html') ?? ''
    expect(fillTemplate(t, { ...deck, config: { ...deck.config, lang: 'fr' } }, 'index.html')).toContain('<html lang="fr" class="print-pdf">')
  })
  it('refuse a page in which the build changed the deck', () => {
    const changed = built.replace(deck.slides[0]?.title ?? '', 'Rewritten')
    expect(toTemplate(changed, source, deck, 'index.html')).toBeUndefined()
  })
})

describe('viteRewrites', () => {
  const pages = { 'index.html': source }
  it('finds local files named by pictures (Vite would rename them)', () => {
    const pic = {
      ...deck,
      html: '<section><img src="./assets/pic.png" alt=""><img src="data:image/png;base64,AA" alt=""><svg><use href="#a"/></svg></section>',
    }
    expect(viteRewrites(pic, pages)).toEqual(['./assets/pic.png'])
    expect(viteRewrites({ ...deck, html: '<section><p style="background:url(slides/x.png)">a</p></section>' }, pages)).toEqual(['slides/x.png'])
  })
  it('finds nothing in slides without local files', () => {
    expect(viteRewrites({ ...deck, html: '<section><a href="https://example.org/">x</a><img src="data:," alt=""></section>' }, pages)).toEqual([])
  })
})

describe('markFirstSlide', () => {
  it('marks the first slide present, and the first sub-slide of a stack with it', () => {
    expect(markFirstSlide('<section id="a" class="slide"></section><section id="b"></section>')).toBe(
      '<section id="a" class="present slide"></section><section id="b"></section>',
    )
    expect(markFirstSlide('<section class="stack"> <section id="a"></section><section id="b"></section></section>')).toBe(
      '<section class="present stack"> <section class="present" id="a"></section><section id="b"></section></section>',
    )
    expect(markFirstSlide('<p>no slides</p>')).toBe('<p>no slides</p>')
  })
})

describe('the cache entry, with another build of the same project beside', () => {
  /** A project with one page, a build of it (the page and one script), and an empty cache. */
  function setup(script = 'console.log(1)') {
    const dir = mkdtempSync(join(tmpdir(), 'build-cache-'))
    const root = join(dir, 'project')
    const builtDir = join(dir, 'built')
    mkdirSync(root)
    mkdirSync(join(builtDir, 'assets'), { recursive: true })
    writeFileSync(join(root, 'index.html'), source)
    writeFileSync(join(builtDir, 'index.html'), built)
    writeFileSync(join(builtDir, 'assets/index-1.js'), script)
    const cache = { dir: join(dir, 'cache'), key: 'k' }
    mkdirSync(cache.dir)
    return { dir, root, builtDir, cache }
  }

  it('restores what was stored', () => {
    const { dir, root, builtDir, cache } = setup()
    expect(store(cache, deck, root, builtDir, [])).toBe(true)
    expect(restore(cache, deck, join(dir, 'out'))).toBe(true)
    expect(readFileSync(join(dir, 'out/index.html'), 'utf8')).toBe(built)
    expect(readFileSync(join(dir, 'out/assets/index-1.js'), 'utf8')).toBe('console.log(1)')
    rmSync(dir, { recursive: true, force: true })
  })

  it('gives up, without throwing, when a file of the entry is gone (another build replacing it)', () => {
    const { dir, root, builtDir, cache } = setup()
    store(cache, deck, root, builtDir, [])
    rmSync(join(cache.dir, 'k/assets/index-1.js'))
    expect(restore(cache, deck, join(dir, 'out'))).toBe(false)
    renameSync(join(cache.dir, 'k'), join(cache.dir, 'moved'))
    expect(restore(cache, deck, join(dir, 'out2'))).toBe(false)
    rmSync(dir, { recursive: true, force: true })
  })

  it('gives up on a mix of two entries (a file replaced after the manifest was written)', () => {
    const { dir, root, builtDir, cache } = setup()
    store(cache, deck, root, builtDir, [])
    writeFileSync(join(cache.dir, 'k/assets/index-1.js'), 'console.log(2)')
    expect(restore(cache, deck, join(dir, 'out'))).toBe(false)
    rmSync(dir, { recursive: true, force: true })
  })

  it('restores one whole entry or nothing, whenever another build replaces it', () => {
    const { dir, root, builtDir, cache } = setup()
    store(cache, deck, root, builtDir, [])
    const files = readdirSync(join(cache.dir, 'k'), { recursive: true }).length
    const results: boolean[] = []
    // Replace the entry (a build whose script differs) after the n-th file read, for every n.
    for (let n = 0; n <= files; n++) {
      writeFileSync(join(builtDir, 'assets/index-1.js'), 'console.log(1)')
      store(cache, deck, root, builtDir, [])
      let reads = 0
      const read = (file: string) => {
        const bytes = readFileSync(file)
        if (reads++ === n) {
          writeFileSync(join(builtDir, 'assets/index-1.js'), 'console.log(2)')
          store(cache, deck, root, builtDir, [])
        }
        return bytes
      }
      const out = join(dir, `out-${n}`)
      const ok = restore(cache, deck, out, read)
      results.push(ok)
      if (ok) {
        // Whole: the page, and the script the manifest (read first) describes, never the newer one.
        expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(built)
        expect(readFileSync(join(out, 'assets/index-1.js'), 'utf8')).toBe('console.log(1)')
      }
    }
    // Replaced right after the manifest was read: the files are the newer build's, so nothing.
    expect(results[0]).toBe(false)
    // Replaced after every file was read: the older build, whole.
    expect(results.at(-1)).toBe(true)
    rmSync(dir, { recursive: true, force: true })
  })

  it('replaces an entry whole, leaving no temporary folder behind', () => {
    const { dir, root, builtDir, cache } = setup()
    store(cache, deck, root, builtDir, [])
    writeFileSync(join(builtDir, 'assets/index-1.js'), 'console.log(3)')
    expect(store(cache, deck, root, builtDir, [])).toBe(true)
    expect(readdirSync(cache.dir)).toEqual(['k'])
    expect(restore(cache, deck, join(dir, 'out'))).toBe(true)
    expect(readFileSync(join(dir, 'out/assets/index-1.js'), 'utf8')).toBe('console.log(3)')
    rmSync(dir, { recursive: true, force: true })
  })

  it('removes the temporary folders of builds no longer running', () => {
    const { dir, root, builtDir, cache } = setup()
    // pid 2^22 + 1 is above Linux's pid_max, so no process has it.
    mkdirSync(join(cache.dir, `.k-${2 ** 22 + 1}`))
    store(cache, deck, root, builtDir, [])
    expect(existsSync(join(cache.dir, `.k-${2 ** 22 + 1}`))).toBe(false)
    expect(existsSync(join(cache.dir, 'k'))).toBe(true)
    rmSync(dir, { recursive: true, force: true })
  })
})
