import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { simpleMapping, splitFrontmatter } from './frontmatter.ts'

const file = (text: string) => ({ path: 'slides/01-x.md', text })

describe('splitFrontmatter', () => {
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
})

describe('simpleMapping (frontmatter read without the YAML parser)', () => {
  /** What the YAML parser makes of the same text: values, and each key's line and value column. */
  const viaYaml = (text: string) => {
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true })
    if (doc.errors.length) return 'error'
    const js = doc.toJS() as unknown
    return js ?? {}
  }

  it('reads the usual frontmatter, with the positions the YAML path gives', () => {
    const text = '---\ntitle: "Trade grows, slowly: 42%"\nid: gen-1\n\nsection:   \'Section 1\'\nminutes: 3\nlayout: quote\n---\nBody\n'
    const fm = splitFrontmatter(file(text))
    expect(simpleMapping(text.split('\n').slice(1, 7).join('\n'))).toBeDefined()
    expect(fm.diagnostics).toEqual([])
    expect(fm.data).toEqual({ title: 'Trade grows, slowly: 42%', id: 'gen-1', section: 'Section 1', minutes: 3, layout: 'quote' })
    expect(fm.keyPos.section).toEqual({ key: { file: 'slides/01-x.md', line: 5, column: 1 }, value: { file: 'slides/01-x.md', line: 5, column: 12 } })
    expect(fm.keyPos.title?.value).toEqual({ file: 'slides/01-x.md', line: 2, column: 8 })
  })

  it('leaves to the YAML parser what it does not read exactly', () => {
    for (const text of ['title: a # comment', 'title: true', 'title: null', 'True: x', 'title: 1.5', 'title: 007', 'title: "a\\nb"', "title: 'it''s'", 'title:', 'title: a\n  b', 'title: a\ntitle: b', ' title: a', 'title: a: b', 'title: [a, b]', 'title: -a', '__proto__: x', 'title:\ta', 'title: "a" b', 'title: a\r'])
      expect(simpleMapping(text), text).toBeUndefined()
  })

  it('agrees with the YAML parser on every text it reads', () => {
    const wild = fc.constantFrom('a', 'Z', ' ', '-', '_', ':', '#', '"', "'", ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '%', '@', '`', '.', '1', '0', '\t', '\\', 'é', '“', '\u2028', '\u0085', '😀')
    const tame = fc.constantFrom('a', 'Z', ' ', '-', ',', '.', '1', '“', 'é', '[', '}', '&', '!', '%', '@', '`', '|', '😀')
    const word = fc.oneof({ weight: 3, arbitrary: fc.array(tame, { maxLength: 8 }) }, { weight: 1, arbitrary: fc.array(wild, { maxLength: 8 }) }).map((cs) => cs.join(''))
    const value = fc.oneof(word, word.map((w) => `"${w}"`), word.map((w) => `'${w}'`), word.map((w) => `Plain${w}`), fc.constantFrom('true', 'False', 'null', '~', '12', '0', '1e3', 'yes', 'no', 'Infinity', '.inf'))
    const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('title', 'id', 'section', 'layout', 'a-b', '_x', 'x1', 'True', 'null') }, { weight: 1, arbitrary: word })
    const line = fc.oneof({ weight: 8, arbitrary: fc.tuple(key, fc.constantFrom(': ', ': ', ':  ', ':'), value, fc.constantFrom('', '', ' ', '\t')).map((p) => p.join('')) }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '# c') })
    let read = 0
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), (lines) => {
        const text = lines.join('\n')
        const fast = simpleMapping(text)
        if (!fast) return
        if (Object.keys(fast.data).length > 0) read++
        expect(viaYaml(text)).toEqual(fast.data)
        const doc = parseDocument(text)
        for (const [k, where] of Object.entries(fast.at)) {
          const pair = (doc.contents as { items: { key: { value: unknown; range: number[] }; value: { range: number[] } }[] }).items.find((p) => String(p.key.value) === k)
          const before = text.slice(0, pair?.value.range[0])
          expect(before.split('\n').length).toBe(where.line)
          expect(before.length - before.lastIndexOf('\n')).toBe(where.valueColumn)
        }
      }),
      { numRuns: 3000 },
    )
    // The generator reaches the fast path often enough for the comparison to mean something.
    expect(read).toBeGreaterThan(250)
  })
})
