import { describe, expect, it } from 'vitest'
import { baselineIndexHtml, toBaselineMarkdown } from './baseline.ts'

describe('baseline deck generator', () => {
  it('drops the frontmatter, keeps the title as a heading, figures as their text, and Notes:', () => {
    const md = toBaselineMarkdown('---\ntitle: "A point"\nsection: "History"\nlayout: figure\n---\n![A timeline](figure:timeline)\n\nText\n\nNotes:\nSay it.\n')
    expect(md).toBe('History\n\n## A point\n\n*A timeline*\n\nText\n\nNotes:\nSay it.\n')
  })
  it('shows a figure drawn from data by its title', () => {
    const md = toBaselineMarkdown('---\ntitle: "A point"\n---\n```timeline\ntitle: "Dams first"\nevents: [{ label: A }]\n```\n\nText\n')
    expect(md).toBe('## A point\n\n*Dams first*\n\nText\n')
  })
  it('title layout gets a top-level heading and no kicker', () => {
    expect(toBaselineMarkdown('---\ntitle: T\nlayout: title\nsection: S\n---\nBody')).toBe('# T\n\nBody\n')
  })
  it('a file without frontmatter is kept as it is', () => {
    expect(toBaselineMarkdown('## Hello\n\n- a\n')).toBe('## Hello\n\n- a\n')
  })
  it('escapes text so a slide cannot close its textarea', () => {
    const html = baselineIndexHtml('A & B', ['x </textarea> y'])
    expect(html).toContain('<title>A &amp; B</title>')
    expect(html).toContain('x &lt;/textarea&gt; y')
    expect(html.match(/<section data-markdown/g)).toHaveLength(1)
    expect(html).toContain('data-separator-vertical="\\r?\\n--\\r?\\n"')
  })
})
