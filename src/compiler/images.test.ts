import { describe, expect, it } from 'vitest'
import { compileDeck } from './deck.ts'
import { formatDiagnostic } from './diagnostics.ts'
import { imageOptions, markImageParagraphs, posIn, rawImageSources } from './images.ts'
import type { MarkdownEnv } from './markdown.ts'

const env: MarkdownEnv = { assetExists: (p) => p === 'assets/photo.png' || p === 'slides/img/wide.png' }
const at = { file: 'slides/01-a.md', line: 4, column: 1 }
const compile = (body: string) => {
  const r = compileDeck({ files: [{ path: 'slides/01-a.md', text: `---\ntitle: T\n---\n${body}\n\nNotes:\nSay it.\n` }], env })
  return { html: r.deck.slides[0]?.bodyHtml ?? '', errors: r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) }
}

describe('image sizes and classes: ![alt](path){width=60% .left}', () => {
  it('turns width, height and classes into <img> attributes', () => {
    expect(imageOptions('width=60% .left', at)).toEqual({ extra: { width: '60%', class: 'left' }, diagnostics: [] })
    expect(imageOptions('height=300px', at).extra).toEqual({ height: '300' })
    expect(imageOptions('width="480"', at).extra).toEqual({ width: '480' })
  })

  it('reports a bad size, a bad class and an unknown word, located at the image', () => {
    const { diagnostics } = imageOptions('width=150% height=big .9a wide=1', at)
    expect(diagnostics.map((d) => `${d.code} ${d.pos.line}:${d.pos.column} ${d.message}`)).toEqual([
      expect.stringMatching(/^meta-invalid 4:1 "width=150%" after the image is not a size: use a percentage from 1% to 100%/),
      expect.stringMatching(/^meta-invalid 4:1 "height=big" after the image is not a size/),
      expect.stringMatching(/^meta-invalid 4:1 "\.9a" after the image is not a CSS class name/),
      expect.stringMatching(/^meta-invalid 4:1 "wide" is not understood after the image/),
    ])
  })

  it('renders the attributes, and an image alone in its paragraph fills the room left', () => {
    const { html, errors } = compile('![A photo](../assets/photo.png){width=60% .left}')
    expect(errors).toEqual([])
    expect(html).toContain('<p class="deck-image"><img src="./assets/photo.png" alt="A photo" width="60%" class="left" /></p>')
  })

  it('leaves text after the braces as text, and braces apart from the image alone', () => {
    const { html } = compile('Look: ![A photo](../assets/photo.png){height=50%} here, and {this} stays.')
    expect(html).toContain('<img src="./assets/photo.png" alt="A photo" height="50%" /> here, and {this} stays.')
    expect(html).not.toContain('deck-image')
  })

  it('a bad attribute fails the build at the image', () => {
    expect(compile('Intro\n\n![A photo](../assets/photo.png){size=big}').errors).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:6:1 error meta-invalid "size" is not understood after the image/),
    ])
  })
})

describe('raw <img src>: the same path rule as Markdown images', () => {
  it('finds each src and where its value starts', () => {
    const html = '<p>a <img alt="x"\n src=\'img/a.png\'> <img src=b.png></p>'
    expect(rawImageSources(html).map((s) => [s.value, html.slice(s.at, s.at + s.length), s.tag])).toEqual([
      ['img/a.png', 'img/a.png', 5],
      ['b.png', 'b.png', 36],
    ])
    expect(posIn(at, html, 20)).toEqual({ file: 'slides/01-a.md', line: 5, column: 3 })
  })

  it('resolves src relative to the slide file, like a Markdown image', () => {
    const { html, errors } = compile('<img src="img/wide.png" alt="Wide" width="400">\n\n![Wide](img/wide.png)')
    expect(errors).toEqual([])
    expect(html).toContain('<img src="./slides/img/wide.png" alt="Wide" width="400" />')
    expect(html).toContain('<img src="./slides/img/wide.png" alt="Wide" />')
  })

  it('a missing file is asset-missing and a path outside the project asset-outside, at the <img>', () => {
    const { errors } = compile('Text\n\n<p>One <img alt="x"\n  src="img/nope.png"></p>\n\n<img src="../../etc/passwd" alt="p">')
    expect(errors).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:6:8 error asset-missing the image "img\/nope\.png" points to slides\/img\/nope\.png, which does not exist/),
      expect.stringMatching(/^slides\/01-a\.md:9:1 error asset-outside the image "\.\.\/\.\.\/etc\/passwd" points outside the project/),
    ])
  })

  // `<img/src=…>` passed the path check (a regex) and the sanitiser then made it a plain src:
  // /etc/passwd or .git/config ended up base64 in every page.
  it.each([
    ['<div><img/src="../../etc/passwd" alt="p"></div>'],
    ['<div><img alt="p"/src="../../.git/config"></div>'],
    ["<div><img\tsrc='../../.git/config'></div>"],
  ])('never keeps a src its checks did not read: %s', (tag) => {
    const { html, errors } = compile(`Text\n\n${tag}`)
    expect(html).toMatch(/<img\b/)
    expect(html).not.toMatch(/src=/)
    expect(errors).toEqual([expect.stringMatching(/^slides\/01-a\.md:\d+:\d+ error asset-(outside|missing) /)])
  })

  it('marks only paragraphs that hold nothing but images', () => {
    expect(markImageParagraphs('<p><img src="a"> <img src="b"></p><p>x <img src="c"></p>')).toBe(
      '<p class="deck-image"><img src="a"> <img src="b"></p><p>x <img src="c"></p>',
    )
  })
})
