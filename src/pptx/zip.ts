/**
 * A zip package written with Node's own zlib (deflate and CRC-32 in native code): the last step
 * of `npm run pptx`. jszip's `generateAsync` runs pako's deflate in JavaScript, a new compressor
 * for each of a deck's hundred-odd parts, and cost a one-shot command 0.3–0.5 s of CPU; this
 * writes the same package in a few ms. Pure: entries in, bytes out.
 *
 * Only what a PowerPoint package needs (PKWARE APPNOTE 6.3, 4.3): one local header and data per
 * file, the central directory, the end record; no directories, no zip64 (a part or the whole
 * under 4 GiB, fewer than 65,535 parts), names in UTF-8 (flag bit 11).
 */
import { crc32, deflateRawSync } from 'node:zlib'

export interface ZipEntry {
  /** The path inside the package, `/`-separated (`ppt/slides/slide1.xml`). */
  name: string
  data: Uint8Array
  /** Stored as is (already compressed data: PNG, JPEG); otherwise deflated. */
  store?: boolean
}

/** DOS date and time of `d` (local time), as zip headers hold them. */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  }
}

/** The zip file holding `entries` in the given order (a package's `[Content_Types].xml` first). */
export function zipPackage(entries: readonly ZipEntry[], level = 6, when = new Date()): Buffer {
  if (entries.length >= 0xffff) throw new Error(`a package of ${entries.length} parts needs zip64, which this writer does not do`)
  const { time, date } = dosTime(when)
  const chunks: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const body = e.store ? Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength) : deflateRawSync(e.data, { level })
    const crc = crc32(e.data)
    const method = e.store ? 0 : 8
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(e.data.byteLength, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const dir = Buffer.alloc(46)
    dir.writeUInt32LE(0x02014b50, 0)
    dir.writeUInt16LE(20, 4) // made by: 2.0, MS-DOS attributes
    dir.writeUInt16LE(20, 6)
    dir.writeUInt16LE(0x0800, 8)
    dir.writeUInt16LE(method, 10)
    dir.writeUInt16LE(time, 12)
    dir.writeUInt16LE(date, 14)
    dir.writeUInt32LE(crc, 16)
    dir.writeUInt32LE(body.length, 20)
    dir.writeUInt32LE(e.data.byteLength, 24)
    dir.writeUInt16LE(name.length, 28)
    // extra, comment, disk, internal and external attributes: 0
    dir.writeUInt32LE(offset, 42)
    chunks.push(local, name, body)
    central.push(dir, name)
    offset += local.length + name.length + body.length
    if (offset > 0xffffffff) throw new Error('a package over 4 GiB needs zip64, which this writer does not do')
  }
  const size = central.reduce((n, b) => n + b.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(size, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...chunks, ...central, end])
}
