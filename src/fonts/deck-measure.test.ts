import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ESTIMATE } from '../figures/measure.ts'
import { textWidth } from '../figures/svg.ts'
import { advanceTable, decodeTable, encodeTable, fontHash } from './advance-table.ts'
import { deckMeasure } from './deck-measure.ts'
import { subsetFile } from './subsets.ts'

const REPO = resolve(import.meta.dirname, '../..')
const dirs: string[] = []
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'advance-table-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/**
 * Widths at 24 px as Chromium draws them (SVGTextElement.getComputedTextLength), measured once
 * with Source Sans 3's fontsource subsets (latin, cyrillic, greek…) loaded with their
 * unicode-ranges, as a deck that uses those letters gets them.
 */
const CHROMIUM_24PX: Array<[text: string, bold: boolean, px: number]> = [
  ['Севастополь', true, 140.625],
  ['Севастополь', false, 135.125],
  ['Новороссийск', true, 156.656],
  ['Новороссийск', false, 151.516],
  ['Мелітополь', true, 129.031],
  ['Θεσσαλονίκη', true, 140.891],
  ['Θεσσαλονίκη', false, 132.391],
  ['Ηράκλειο', true, 100.859],
  ['Kazan', true, 64.469],
  ['Kazan', false, 60.875],
]

describe('text measured in the fonts the deck draws it in', () => {
  const measure = deckMeasure(tmp())

  it('measures Cyrillic and Greek labels within a few % of what Chromium draws, never narrower', () => {
    for (const [text, bold, px] of CHROMIUM_24PX) {
      const w = textWidth(text, 24, bold, measure)
      expect(w, text).toBeGreaterThanOrEqual(px * 0.995)
      expect(w, text).toBeLessThanOrEqual(px * 1.04)
    }
  })

  it('measures what no bundled face draws wide: Han and kana a full em, other scripts wider than Latin', () => {
    expect(textWidth('東京都', 20, false, measure)).toBeGreaterThanOrEqual(60)
    expect(textWidth('とうきょう', 20, false, measure)).toBeGreaterThanOrEqual(100)
    expect(textWidth('القاهرة', 20, false, measure)).toBeGreaterThan(textWidth('abcdefg', 20, false, measure) * 1.3)
    // Combining marks sit on the letter before them.
    expect(textWidth('e\u0301', 20, false, measure)).toBe(textWidth('e', 20, false, measure))
    expect(textWidth('東京', 20, false, ESTIMATE)).toBe(40)
  })

  it('is keyed by the fonts: the same files give the same measure; a theme font gives another', () => {
    const root = tmp()
    expect(deckMeasure(root)).toBe(deckMeasure(root))
    const house = deckMeasure(REPO, 'tests/fixtures/identity/slides/brand/House.woff2')
    expect(house.key).not.toBe(deckMeasure(REPO).key)
    // Latin in the theme's face (a wider serif), Cyrillic it lacks in Source Sans 3.
    expect(textWidth('Kazan', 24, false, house)).not.toBeCloseTo(textWidth('Kazan', 24, false, measure), 0)
    expect(textWidth('Севастополь', 24, false, house)).toBeCloseTo(textWidth('Севастополь', 24, false, measure), 5)
  })
})

describe('advance tables on disk', () => {
  const bytes = readFileSync(subsetFile('cyrillic', 400, 'normal'))

  it('is written once, named by the font’s content, and read back the same', () => {
    const root = tmp()
    const first = advanceTable(root, bytes)
    const dir = join(root, 'node_modules/.cache/deck/fonts')
    expect(readdirSync(dir)).toEqual([`${fontHash(bytes)}.json`])
    expect(first.get('Ж'.codePointAt(0) as number)).toBeGreaterThan(0.5)
    expect(advanceTable(root, bytes)).toEqual(first)
  })

  it('reads a damaged entry as none, and computes the table again', () => {
    const root = tmp()
    const first = advanceTable(root, bytes)
    const file = join(root, 'node_modules/.cache/deck/fonts', `${fontHash(bytes)}.json`)
    const entry = readFileSync(file, 'utf8')
    expect(decodeTable(entry)).toEqual(first)
    expect(decodeTable(entry.slice(0, -20))).toBeUndefined()
    writeFileSync(file, entry.replace('[[', '[[9,9],['))
    expect(decodeTable(readFileSync(file, 'utf8'))).toBeUndefined()
    expect(advanceTable(root, bytes)).toEqual(first)
    expect(decodeTable(encodeTable(new Map([[65, 0.5]])))).toEqual(new Map([[65, 0.5]]))
  })
})
