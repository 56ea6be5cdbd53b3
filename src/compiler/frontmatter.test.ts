import { describe, expect, it } from 'vitest'
import { splitFrontmatter } from './frontmatter.ts'

const file = (text: string) => ({ path: 'slides/01-x.md', text })

describe('splitFrontmatter', () => {
  it('refuses a flow mapping of 25,000 keys at the key past the limit, before parsing it', () => {
    const keys = Array.from({ length: 25_000 }, (_, i) => `k${i}: 1`).join(', ')
    const fm = splitFrontmatter(file(`---\ntitle: Hello\nfoo: {${keys}}\n---\nBody\n`))
    expect(fm.diagnostics).toHaveLength(1)
    expect(fm.diagnostics[0]).toMatchObject({ code: 'frontmatter-yaml', pos: { line: 3 } })
    expect(fm.diagnostics[0]?.message).toMatch(/more than 1000 YAML values/)
    expect(fm.data).toEqual({})
  })

  it('reads keys with their positions and starts the body after the closing fence', () => {
    const fm = splitFrontmatter(file('---\ntitle: Hello\nlayout: quote\n---\nBody\n'))
    expect(fm.diagnostics).toEqual([])
    expect(fm.data).toEqual({ title: 'Hello', layout: 'quote' })
    expect(fm.keyPos.layout).toEqual({
      key: { file: 'slides/01-x.md', line: 3, column: 1 },
      value: { file: 'slides/01-x.md', line: 3, column: 9 },
    })
    expect(fm.body.start.line).toBe(5)
    expect(fm.body.text).toBe('Body\n')
  })

  it('reports malformed YAML at its file line and column', () => {
    const fm = splitFrontmatter(file('---\ntitle: ok\nlayout: [unclosed\n---\n'))
    expect(fm.diagnostics).toHaveLength(1)
    expect(fm.diagnostics[0]?.code).toBe('frontmatter-yaml')
    expect(fm.diagnostics[0]?.pos.line).toBeGreaterThanOrEqual(3)
    expect(fm.diagnostics[0]?.message).toMatch(/invalid YAML/)
  })

  it('reports an unclosed quote where it opens, not where the text ends', () => {
    const fm = splitFrontmatter(file('---\ntitle: "Ties warmed\nsection: History\n---\n'))
    expect(fm.diagnostics).toHaveLength(1)
    expect(fm.diagnostics[0]).toMatchObject({ code: 'frontmatter-yaml', pos: { line: 2, column: 8 } })
    expect(fm.diagnostics[0]?.message).toMatch(/never closed: add the closing "/)
  })

  it('reports a duplicate key where it occurs', () => {
    const fm = splitFrontmatter(file('---\ntitle: a\ntitle: b\n---\n'))
    expect(fm.diagnostics[0]).toMatchObject({ code: 'frontmatter-yaml', pos: { line: 3, column: 1 } })
  })

  it('reports a missing block at 1:1 and an unclosed one', () => {
    expect(splitFrontmatter(file('# no fm\n')).diagnostics[0]).toMatchObject({ code: 'frontmatter-missing', pos: { line: 1, column: 1 } })
    expect(splitFrontmatter(file('---\ntitle: a\n')).diagnostics[0]?.code).toBe('frontmatter-unclosed')
  })

  it('rejects a list where a mapping belongs', () => {
    expect(splitFrontmatter(file('---\n- a\n- b\n---\n')).diagnostics[0]?.code).toBe('frontmatter-yaml')
  })

  it('resolves an alias to its anchor', () => {
    const fm = splitFrontmatter(file('---\nsection: &s The history\ntitle: *s\n---\n'))
    expect(fm.diagnostics).toEqual([])
    expect(fm.data).toEqual({ section: 'The history', title: 'The history' })
  })

  it('reports an alias with no anchor at the alias, by name', () => {
    const fm = splitFrontmatter(file('---\nlayout: quote\ntitle: *alias\n---\n'))
    expect(fm.diagnostics).toHaveLength(1)
    expect(fm.diagnostics[0]?.code).toBe('frontmatter-yaml')
    expect(fm.diagnostics[0]?.pos).toEqual({ file: 'slides/01-x.md', line: 3, column: 8 })
    expect(fm.diagnostics[0]?.message).toMatch(/alias "\*alias" refers to no anchor "&alias"/)
  })

  it("reads quoted, plain and numeric values with each value's column", () => {
    const text = '---\ntitle: "Trade grows, slowly: 42%"\nid: gen-1\n\nsection:   \'Section 1\'\nminutes: 3\nlayout: quote\n---\nBody\n'
    const fm = splitFrontmatter(file(text))
    expect(fm.diagnostics).toEqual([])
    expect(fm.data).toEqual({ title: 'Trade grows, slowly: 42%', id: 'gen-1', section: 'Section 1', minutes: 3, layout: 'quote' })
    expect(fm.keyPos.section).toEqual({ key: { file: 'slides/01-x.md', line: 5, column: 1 }, value: { file: 'slides/01-x.md', line: 5, column: 12 } })
    expect(fm.keyPos.title?.value).toEqual({ file: 'slides/01-x.md', line: 2, column: 8 })
  })
})
