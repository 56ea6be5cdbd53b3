// fontkit ships no types: the little of its API the advance tables read.
declare module 'fontkit' {
  export interface Glyph {
    id: number
  }
  export interface Font {
    unitsPerEm: number
    characterSet: number[]
    glyphForCodePoint(codePoint: number): Glyph
    hhea: { numberOfMetrics: number }
    hmtx: { metrics: { get(index: number): { advance: number } | undefined } }
  }
  export function create(buffer: Uint8Array): Font | { fonts: Font[] }
}
