import { describe, expect, it } from 'vitest'
import { compileDeck } from '../compiler/deck.ts'
import { MAX_FILE_BYTES } from '../compiler/load.ts'
import { nodeEnv } from '../compiler/node.ts'
import { plainCase, type WorstCase, worstCases } from './worst.ts'

const env = nodeEnv(process.cwd())
const errors = (c: WorstCase, text: string) =>
  compileDeck({ files: [{ path: c.files[0]?.path ?? 'slides/01-worst.md', text }], deckFile: c.deckFile, env }).diagnostics.filter(
    (d) => d.severity === 'error',
  )
/** The file cut after its first three slides (and 30 KB): the same constructs at the same density, cheap to compile. */
const head = (text: string) => text.split('\n--\n').slice(0, 3).join('\n--\n').slice(0, 30_000)

describe('worst-case compile inputs', () => {
  const cases = [plainCase(), ...worstCases()]

  it('fill a slide file to just under the size limit', () => {
    for (const c of cases) {
      const bytes = Buffer.byteLength(c.files[0]?.text ?? '')
      expect(bytes, c.name).toBeLessThanOrEqual(MAX_FILE_BYTES)
      expect(bytes, c.name).toBeGreaterThan(MAX_FILE_BYTES * 0.97)
    }
  })

  it('are accepted by the compiler (the bench compiles them whole)', () => {
    for (const c of cases) expect(errors(c, head(c.files[0]?.text ?? '')), c.name).toEqual([])
  })

  it('sit at the marker limit: a few more markers in the file are refused', () => {
    const c = worstCases().find((w) => w.name.startsWith('`_a` ×1,990'))
    if (!c) throw new Error('no `_a` case')
    const text = c.files[0]?.text ?? ''
    expect(errors(c, text)).toEqual([])
    expect(errors(c, text.replace('_a', '_a'.repeat(12))).map((d) => d.code)).toContain('markdown-too-complex')
  })
})
