import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { zipPackage } from './zip.ts'

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'))

describe('zipPackage', () => {
  const xml = `<?xml version="1.0"?><p:sld>${'<a:t>Répétée — text</a:t>'.repeat(400)}</p:sld>`
  const png = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251))
  const entries = [
    { name: '[Content_Types].xml', data: utf8('<Types/>') },
    { name: 'ppt/slides/slide1.xml', data: utf8(xml) },
    { name: 'ppt/media/image-1-1.png', data: png, store: true },
    { name: 'ppt/notes/übersicht.xml', data: utf8('') },
  ]
  const when = new Date(2026, 10, 29, 14, 30, 10)

  it('writes a zip that jszip reads back, byte for byte, in order', async () => {
    const zip = await JSZip.loadAsync(zipPackage(entries, 6, when), { checkCRC32: true })
    expect(Object.keys(zip.files)).toEqual(entries.map((e) => e.name))
    for (const e of entries) expect(await zip.file(e.name)?.async('uint8array')).toEqual(e.data)
    expect(zip.file('ppt/media/image-1-1.png')?.date.getTime()).toBe(when.getTime())
  })

  it('deflates text and stores what is marked so', () => {
    const bytes = zipPackage(entries, 6, when)
    // Local headers in order: the method (offset 8) and the compressed size (offset 18) of each.
    const methods: number[] = []
    const sizes: number[] = []
    let p = 0
    while (bytes.readUInt32LE(p) === 0x04034b50) {
      methods.push(bytes.readUInt16LE(p + 8))
      sizes.push(bytes.readUInt32LE(p + 18))
      p += 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt32LE(p + 18)
    }
    expect(methods).toEqual([8, 8, 0, 8])
    expect(sizes[1]).toBeLessThan(xml.length / 10)
    expect(sizes[2]).toBe(png.length)
    // The end record counts every entry.
    expect(bytes.readUInt16LE(bytes.length - 22 + 10)).toBe(entries.length)
  })
})
