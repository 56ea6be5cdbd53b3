import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FIGURE_KINDS } from '../figures/index.ts'
import type { FigureRender } from '../figures/kinds.ts'
import { type FigureBlockInput, renderFigureBlock } from './figure-block.ts'
import {
  cachedFigure,
  cachedFigureBlock,
  canonicalJson,
  decodeBlock,
  decodeEntry,
  encodeBlock,
  encodeEntry,
  figureBlockKey,
  figureCacheKey,
} from './figure-cache.ts'
import { figureSourceFiles } from './node.ts'

const R: FigureRender = { svg: '<svg xmlns="http://www.w3.org/2000/svg"><title>T</title></svg>', text: 'A text.', claims: ['T', '1991'] }
const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'figure-cache-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('figure cache', () => {
  it('keys entries by code version, kind, spec (key order ignored) and id', () => {
    const k = figureCacheKey('v1', 'chart', { b: 1, a: [1, { y: 2, x: 1 }] }, 'id')
    expect(figureCacheKey('v1', 'chart', { a: [1, { x: 1, y: 2 }], b: 1 }, 'id')).toBe(k)
    expect(figureCacheKey('v2', 'chart', { a: [1, { x: 1, y: 2 }], b: 1 }, 'id')).not.toBe(k)
    expect(figureCacheKey('v1', 'timeline', { a: [1, { x: 1, y: 2 }], b: 1 }, 'id')).not.toBe(k)
    expect(figureCacheKey('v1', 'chart', { a: [1, { x: 1, y: 3 }], b: 1 }, 'id')).not.toBe(k)
    expect(figureCacheKey('v1', 'chart', { a: [1, { x: 1, y: 2 }], b: 1 }, 'id2')).not.toBe(k)
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })

  it('reads back what it wrote, and refuses a truncated, altered or foreign entry', () => {
    const entry = encodeEntry(R)
    expect(decodeEntry(entry)).toEqual(R)
    for (let cut = 1; cut < entry.length; cut += Math.ceil(entry.length / 40)) expect(decodeEntry(entry.slice(0, cut)), `cut at ${cut}`).toBeUndefined()
    expect(decodeEntry(entry.replace('A text.', 'B text.'))).toBeUndefined()
    expect(decodeEntry(R.svg)).toBeUndefined()
    expect(decodeEntry('')).toBeUndefined()
  })

  it('renders once, then serves the cached render; a corrupted file is rendered again and rewritten', () => {
    const dir = tmp()
    let renders = 0
    const render = () => {
      renders++
      return R
    }
    expect(cachedFigure(dir, 'k', render)).toEqual(R)
    expect(cachedFigure(dir, 'k', render)).toEqual(R)
    expect(renders).toBe(1)
    const [file] = readdirSync(dir)
    expect(file).toBe('k.json')
    const full = readFileSync(join(dir, 'k.json'), 'utf8')
    writeFileSync(join(dir, 'k.json'), full.slice(0, full.length - 10)) // a write cut short
    expect(cachedFigure(dir, 'k', render)).toEqual(R)
    expect(renders).toBe(2)
    expect(readFileSync(join(dir, 'k.json'), 'utf8')).toBe(full)
    expect(readdirSync(dir)).toEqual(['k.json']) // no temporary files left
  })

  it('still renders when the cache cannot be written', () => {
    const dir = join(tmp(), 'file')
    writeFileSync(dir, 'not a folder')
    expect(cachedFigure(dir, 'k', () => R)).toEqual(R)
  })

  it('keeps whole figure blocks: the same result back, keyed by everything it depends on', () => {
    const kind = FIGURE_KINDS.get('timeline')
    if (!kind) throw new Error('no timeline kind')
    const input: FigureBlockInput = {
      kind,
      body: 'title: "T"\nevents:\n  - { date: "1991", label: "A" }\n  - { date: "1990", label: "B" }\n',
      fence: { file: 'slides/01-a.md', line: 5, column: 1 },
      indent: 0,
      id: 's-fig-1',
      render: (k, spec, id) => k.render(spec, id),
    }
    const direct = renderFigureBlock(input)
    const bad = renderFigureBlock({ ...input, body: 'title: "T"\nevnts: []\n' })
    expect(direct.figure).toBeDefined()
    expect(bad.diagnostics.length).toBeGreaterThan(0)
    for (const r of [direct, bad]) {
      const entry = encodeBlock(r)
      expect(decodeBlock(entry)).toEqual(r)
      expect(decodeBlock(entry.replace('"diagnostics"', '"diagnostic5"'))).toBeUndefined()
      expect(decodeBlock(entry.slice(0, -5))).toBeUndefined()
    }
    const k = figureBlockKey('v', input)
    for (const other of [
      { ...input, body: `${input.body} ` },
      { ...input, id: 'x' },
      { ...input, indent: 2 },
      { ...input, fence: { ...input.fence, line: 6 } },
      { ...input, fence: { ...input.fence, file: 'slides/02-b.md' } },
    ])
      expect(figureBlockKey('v', other)).not.toBe(k)
    expect(figureBlockKey('w', input)).not.toBe(k)
    const dir = tmp()
    let computed = 0
    const compute = () => {
      computed++
      return renderFigureBlock(input)
    }
    expect(cachedFigureBlock(dir, k, compute)).toEqual(direct)
    expect(cachedFigureBlock(dir, k, compute)).toEqual(direct)
    expect(computed).toBe(1)
  })
})

describe('the figure code version', () => {
  it('covers the code in sub-folders, so an edit to the map kind re-renders its figures', () => {
    const dir = tmp()
    mkdirSync(join(dir, 'map'))
    for (const f of ['index.ts', 'chart.test.ts', 'map/draw.ts', 'map/draw.test.ts', 'notes.md']) writeFileSync(join(dir, f), '')
    expect(figureSourceFiles(dir)).toEqual(['index.ts', 'map/draw.ts'])
  })
})
