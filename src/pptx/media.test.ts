import { describe, expect, it } from 'vitest'
import { shareMedia } from './media.ts'
import type { Parts } from './parts.ts'

const rels = (target: string) =>
  `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/${target}"/></Relationships>`

describe('shareMedia', () => {
  it('stores a picture shown on several layouts once, each layout pointing at it', () => {
    const logo = new Uint8Array([137, 80, 78, 71, 1, 2, 3])
    const parts: Parts = new Map<string, string | Uint8Array>([
      ['ppt/slideLayouts/_rels/slideLayout2.xml.rels', rels('image-1002-1.png')],
      ['ppt/slideLayouts/_rels/slideLayout3.xml.rels', rels('image-1003-1.png')],
      ['ppt/slides/_rels/slide1.xml.rels', rels('image-1-1.png')],
      ['ppt/media/image-1002-1.png', logo],
      ['ppt/media/image-1003-1.png', new Uint8Array(logo)],
      ['ppt/media/image-1-1.png', new Uint8Array([137, 80, 78, 71, 9])],
    ])
    expect(shareMedia(parts)).toEqual(['image-1003-1.png'])
    expect([...parts.keys()].filter((k) => k.startsWith('ppt/media/'))).toEqual(['ppt/media/image-1002-1.png', 'ppt/media/image-1-1.png'])
    expect(parts.get('ppt/slideLayouts/_rels/slideLayout3.xml.rels')).toContain('Target="../media/image-1002-1.png"')
    expect(parts.get('ppt/slides/_rels/slide1.xml.rels')).toContain('Target="../media/image-1-1.png"')
  })

  it('keeps files of other kinds apart even with the same bytes, and changes nothing without copies', () => {
    const bytes = new Uint8Array([1, 2, 3])
    const parts: Parts = new Map<string, string | Uint8Array>([
      ['ppt/media/a.png', bytes],
      ['ppt/media/a.svg', new Uint8Array(bytes)],
    ])
    expect(shareMedia(parts)).toEqual([])
    expect(parts.size).toBe(2)
  })
})
