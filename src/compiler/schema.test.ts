import { describe, expect, it } from 'vitest'
import { closest } from '../text/did-you-mean.ts'
import { validateDeckConfig, validateMeta } from './schema.ts'

const filePos = { file: 'slides/03-x.md', line: 1, column: 1 }
const p = (line: number) => ({ key: { ...filePos, line }, value: { ...filePos, line, column: 8 } })

describe('validateMeta', () => {
  it('fills defaults for a minimal slide', () => {
    const { meta, diagnostics } = validateMeta({ title: 'Point' }, { title: p(2) }, filePos, 'x')
    expect(diagnostics).toEqual([])
    expect(meta).toEqual({ id: 'x', title: 'Point', layout: 'bullets' })
  })

  it.each([
    [{ title: 'T', layuot: 'quote' }, 'meta-unknown-key', /did you mean "layout"/],
    [{ title: 'T', layout: 'fancy' }, 'meta-invalid', /one of title, statement/],
    [{ title: 'T', timing: 'fast' }, 'meta-invalid', /number of seconds/],
    [{ title: 'T', id: 'Bad Id' }, 'meta-invalid', /lower-case/],
    [{ title: '' }, 'meta-invalid', /non-empty/],
    [{ layout: 'quote' }, 'meta-missing', /add "title:/],
  ])('reports %o as %s', (data, code, message) => {
    const pos = Object.fromEntries(Object.keys(data).map((k, i) => [k, p(i + 2)]))
    const { diagnostics } = validateMeta(data, pos, filePos, 'x')
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]?.code).toBe(code)
    expect(diagnostics[0]?.message).toMatch(message)
  })

  it('points a bad value at the value, an unknown key at the key', () => {
    const bad = validateMeta({ title: 'T', timing: 'x' }, { title: p(2), timing: p(3) }, filePos, 'x')
    expect(bad.diagnostics[0]?.pos).toEqual({ file: 'slides/03-x.md', line: 3, column: 8 })
    const unknown = validateMeta({ title: 'T', colour: 'x' }, { title: p(2), colour: p(3) }, filePos, 'x')
    expect(unknown.diagnostics[0]?.pos).toEqual({ file: 'slides/03-x.md', line: 3, column: 1 })
  })
})

describe('validateDeckConfig', () => {
  it('merges over the defaults and checks ranges', () => {
    expect(validateDeckConfig({ title: 'D', targetMinutes: 15 }, {}, filePos).config).toMatchObject({ title: 'D', targetMinutes: 15, wordsPerMinute: 140 })
    expect(validateDeckConfig({ wordsPerMinute: 1000 }, {}, filePos).diagnostics[0]?.code).toBe('meta-invalid')
  })
})

describe('closest', () => {
  it('suggests near names only', () => {
    expect(closest('titel', ['title', 'layout'])).toBe('title')
    expect(closest('zzzzzz', ['title', 'layout'])).toBeUndefined()
  })
})
