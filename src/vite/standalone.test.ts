import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inlineCss, type ReadFile, StandaloneError, standalonePage, withChunks } from './standalone.ts'

const files: Record<string, string> = {
  'assets/read-1.css': `@font-face{font-family:'Source Sans 3';src:url(./font-a.woff2) format("woff2"),url(./font-a.woff) format("woff")}body{background:url(./dot.png)}`,
  'assets/font-a.woff2': 'WOFF2',
  'assets/font-a.woff': 'WOFF',
  'assets/dot.png': 'PNG',
  'assets/read-1.js': 'import"./modulepreload-polyfill-x.js";const a=1;console.log("</script>",a)',
  'assets/pic.png': 'PIC',
}
const read: ReadFile = (p) => (p in files ? new TextEncoder().encode(files[p]) : undefined)
const b64 = (s: string) => Buffer.from(s).toString('base64')

const page = `<!doctype html><html><head><meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'sha256-OLD='" />
<script type="module" crossorigin src="./assets/read-1.js"></script>
<link rel="modulepreload" crossorigin href="./assets/modulepreload-polyfill-x.js">
<link rel="stylesheet" crossorigin href="./assets/read-1.css">
</head><body><img src="./assets/pic.png" alt="A picture"><a href="https://example.org/">out</a></body></html>`

describe('inlineCss', () => {
  it('makes fonts and images data: URLs and drops the woff fallback beside a woff2', () => {
    const css = inlineCss(files['assets/read-1.css'] ?? '', 'assets/read-1.css', read)
    expect(css).toContain(`url(data:font/woff2;base64,${b64('WOFF2')}) format("woff2")`)
    expect(css).not.toContain('font/woff;')
    expect(css).toContain(`url(data:image/png;base64,${b64('PNG')})`)
  })
  it('names a file the build lacks', () => {
    expect(() => inlineCss('a{background:url(./gone.png)}', 'assets/x.css', read)).toThrow(StandaloneError)
  })
})

describe('standalonePage', () => {
  const out = standalonePage(page, 'read.html', read)
  it('inlines the stylesheet, the script and the images, and links to nothing of its own', () => {
    expect(out).not.toMatch(/<link[^>]+rel="(stylesheet|modulepreload)"/)
    expect(out).not.toMatch(/src="\.\/assets\//)
    expect(out).toContain('<style>@font-face')
    expect(out).toContain(`<img src="data:image/png;base64,${b64('PIC')}" alt="A picture">`)
    // The polyfill import is gone, and a "</script" inside the code cannot close the element.
    expect(out).toContain('<script type="module">const a=1;console.log("<\\/script>",a)</script>')
    expect(out).toContain('href="https://example.org/"')
  })
  it('allows the inlined script by its hash and keeps the hashes the page had', () => {
    const code = 'const a=1;console.log("<\\/script>",a)'
    const hash = `'sha256-${createHash('sha256').update(code).digest('base64')}'`
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(out)?.[1] ?? ''
    expect(csp).toContain(hash)
    expect(csp).toContain("'sha256-OLD='")
    expect(out.match(/Content-Security-Policy/g)?.length).toBe(1)
  })
  it('refuses a script that imports other files', () => {
    const r: ReadFile = (p) => (p === 'assets/m.js' ? new TextEncoder().encode('import{x}from"./chunk.js";x()') : undefined)
    expect(() => standalonePage('<html><head><script type="module" src="./assets/m.js"></script></head></html>', 'read.html', r)).toThrow(/imports other files/)
  })
})

describe('withChunks (the lazily loaded speaker view inside deck.html)', () => {
  const chunks: Record<string, string> = {
    'assets/index-1.js': 'import"./modulepreload-polyfill-x.js";const d=1;import(`./notes-1.js`).then(m=>m.default());import(`./notes-1.js`);',
    'assets/notes-1.js': 'let n=0;function A(){return ++n}const B="x";export{A as default,B as b};',
    'assets/bad.js': 'export default 1',
    'assets/importer.js': 'import(`./bad.js`)',
  }
  const r: ReadFile = (p) => (p in chunks ? new TextEncoder().encode(chunks[p]) : undefined)
  it('carries the chunk inside the module, run once, resolving with its exports like import()', async () => {
    const code = withChunks(chunks['assets/index-1.js'] ?? '', 'assets/index-1.js', r)
    expect(code).not.toMatch(/import\s*[("`]/)
    expect(code.match(/let n=0/g)?.length, 'one copy of the chunk').toBe(1)
    // Run the result: the chunk's exports come back under their exported names, evaluated once.
    const fn = new Function(`${code}; return __deckChunk0_0()`) as () => Promise<{ default: () => number; b: string }>
    const mod = await fn()
    expect(mod.b).toBe('x')
    expect([mod.default(), mod.default()]).toEqual([2, 3]) // the page's own call ran it once already
  })
  it('refuses a chunk it cannot carry, naming it', () => {
    expect(() => withChunks(chunks['assets/importer.js'] ?? '', 'assets/importer.js', r)).toThrow(/assets\/bad\.js exports in a form/)
    expect(() => withChunks('import(`./gone.js`)', 'assets/x.js', r)).toThrow(/assets\/x\.js loads \.\/gone\.js, which is not in the build/)
  })
  it('keeps "<!--" and "</script" in the code from ending the element', () => {
    const out = standalonePage('<html><head><script type="module" src="./assets/s.js"></script></head></html>', 'index.html', (p) =>
      p === 'assets/s.js' ? new TextEncoder().encode('const r=/<!--x/,s="</script>"') : undefined,
    )
    expect(out).toContain('<script type="module">const r=/\\x3C!--x/,s="<\\/script>"</script>')
  })
})
