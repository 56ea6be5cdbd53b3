import { describe, expect, it } from 'vitest'
import { yamlValuesOver } from './yaml-budget.ts'

describe('yamlValuesOver', () => {
  it('counts keys and values of block and flow mappings, sequences and aliases', () => {
    expect(yamlValuesOver('a: 1\nb: [1, 2]\nc: {d: "x", e: *f}', 100)).toBeUndefined()
    // a, 1, b, [, 1, 2, c, {, d, "x", e, *f: 12 values.
    expect(yamlValuesOver('a: 1\nb: [1, 2]\nc: {d: "x", e: *f}', 12)).toBeUndefined()
    expect(yamlValuesOver('a: 1\nb: [1, 2]\nc: {d: "x", e: *f}', 11)).toBe('a: 1\nb: [1, 2]\nc: {d: "x", e: '.length)
  })
  it('stops at the limit on a flow mapping of 25,000 keys, at the key past it', () => {
    const text = `title: x\nfoo: {${Array.from({ length: 25_000 }, (_, i) => `k${i}: 1`).join(', ')}}`
    const at = yamlValuesOver(text, 1000)
    expect(at).toBeDefined()
    // title, x, foo, {, then key/value pairs: the 1001st value is key k498.
    expect(text.slice(at, (at ?? 0) + 5)).toBe('k498:')
  })
})
