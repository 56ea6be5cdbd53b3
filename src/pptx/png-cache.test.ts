import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { folderCache, type PngKeyParts, pngKey } from './png-cache.ts'

const parts: PngKeyParts = { svg: '<svg/>', background: '#ffffff', width: 300, height: 200, fonts: ['a-1.woff2', 'b-2.woff2'], browser: 'Chrome/1' }
/** A minimal well-formed PNG: the signature, then bytes, then the IEND chunk. */
const png = (body: string) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from(body),
    Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
  ])

describe('pngKey', () => {
  it('changes with everything that decides the pixels', () => {
    const k = pngKey(parts)
    for (const changed of [
      { svg: '<svg></svg>' },
      { background: '#000000' },
      { width: 301 },
      { height: 201 },
      { fonts: ['a-1.woff2', 'b-3.woff2'] },
      { browser: 'Chrome/2' },
    ]) {
      expect(pngKey({ ...parts, ...changed }), JSON.stringify(changed)).not.toBe(k)
    }
  })
  it('does not depend on the order the fonts are listed in', () => {
    expect(pngKey({ ...parts, fonts: ['b-2.woff2', 'a-1.woff2'] })).toBe(pngKey(parts))
  })
})

describe('folderCache', () => {
  it('gives back what was kept, and misses what was not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'png-cache-'))
    const cache = folderCache(join(dir, 'c'))
    expect(cache.get('k')).toBeUndefined()
    cache.set('k', png('one'))
    expect(cache.get('k')).toEqual(png('one'))
    expect(readdirSync(join(dir, 'c'))).toEqual(['k.png'])
    rmSync(dir, { recursive: true, force: true })
  })
  it('does not use a file that is not a whole PNG (cut short, or something else)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'png-cache-'))
    const cache = folderCache(dir)
    writeFileSync(join(dir, 'cut.png'), png('whole').subarray(0, 12))
    writeFileSync(join(dir, 'text.png'), 'not a picture')
    expect(cache.get('cut')).toBeUndefined()
    expect(cache.get('text')).toBeUndefined()
    rmSync(dir, { recursive: true, force: true })
  })
  it('keeps the most recently used when it holds too many', () => {
    const dir = mkdtempSync(join(tmpdir(), 'png-cache-'))
    for (const [i, name] of ['old', 'mid', 'new'].entries()) {
      writeFileSync(join(dir, `${name}.png`), png(name))
      const t = new Date(Date.now() - (3 - i) * 60_000)
      utimesSync(join(dir, `${name}.png`), t, t)
    }
    folderCache(dir, 2).set('newest', png('newest'))
    expect(readdirSync(dir).sort()).toEqual(['new.png', 'newest.png'])
    rmSync(dir, { recursive: true, force: true })
  })
})
