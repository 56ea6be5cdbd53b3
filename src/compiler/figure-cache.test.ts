import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { FigureRender } from '../figures/kinds.ts'
import { cachedFigure, canonicalJson, decodeEntry, encodeEntry, figureCacheKey } from './figure-cache.ts'

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
})
