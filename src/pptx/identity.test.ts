/** deck.yaml's identity in the .pptx: author and organisation in the properties, the marking and footer on every layout. */
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { deckToPptx } from './convert.ts'
import type { DeckInfo, ExtractedDeck, SlideModel } from './model.ts'

const style = { size: 44, color: '#1b2330', bold: true, italic: false, lineHeight: 50, letterSpacing: 0, upper: false, align: 'left' as const, mono: false }
const palette = {
  background: '#fbfaf7',
  ink: '#1b2330',
  muted: '#4a5566',
  accent: '#1f4e79',
  accent2: '#a23b2a',
  dark: '#14263d',
  onDark: '#f4f1ea',
  link: '#1f4e79',
  font: 'House',
  mono: 'Consolas',
}
const slide = (id: string, background: string): SlideModel => ({
  id,
  background,
  title: { kind: 'text', tag: 'h2', box: { x: 72, y: 100, w: 1000, h: 56 }, style, paragraphs: [{ runs: [{ text: id }] }] },
  rules: [],
  blocks: [],
  notes: [],
})
/** The title slide's byline as the browser laid it out (extract/deck.ts reads it from the page). */
const byline = ['A. Analyst', '   Regional Desk', '   As of 7 December 2026'].map((text) => ({ text }))
const opening: SlideModel = {
  ...slide('open', palette.dark),
  byline: { kind: 'text', tag: 'p', box: { x: 72, y: 300, w: 800, h: 34 }, style: { ...style, size: 24, bold: false }, paragraphs: [{ runs: byline }] },
}
const extracted: ExtractedDeck = { palette, slides: [opening, slide('a', palette.background)] }
const base: DeckInfo = {
  title: 'Deck title',
  lang: 'en',
  slides: [
    { id: 'open', title: 'open', seconds: 30, layout: 'title' },
    { id: 'a', title: 'a', seconds: 30, layout: 'bullets' },
  ],
}
const unzip = async (info: DeckInfo) => JSZip.loadAsync(await deckToPptx(info, extracted))
const read = async (zip: JSZip, path: string) => (await zip.file(path)?.async('string')) ?? ''
const texts = (xml: string): string[] => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1] ?? '')

describe('deckToPptx identity', () => {
  it('never names the deck title as author: empty without one', async () => {
    const core = await read(await unzip(base), 'docProps/core.xml')
    expect(core).toContain('<dc:creator></dc:creator>')
    expect(core).not.toContain('<dc:creator>Deck title</dc:creator>')
  })

  it('writes the author, organisation and as-of date, and the marking and footer on every layout the slides use', async () => {
    const zip = await unzip({
      ...base,
      author: 'A. Analyst',
      organisation: 'Regional Desk',
      date: '2026-12-07',
      marking: { text: 'TLP:AMBER', colour: '#ffc000' },
      footer: 'For the meeting',
    })
    const core = await read(zip, 'docProps/core.xml')
    expect(core).toContain('<dc:creator>A. Analyst</dc:creator>')
    expect(core).toContain('<dc:subject>Deck title, as of 7 December 2026</dc:subject>')
    expect(await read(zip, 'docProps/app.xml')).toContain('<Company>Regional Desk</Company>')
    for (const n of [1, 2]) {
      const rels = await read(zip, `ppt/slides/_rels/slide${n}.xml.rels`)
      const layout = /slideLayouts\/(slideLayout\d+\.xml)/.exec(rels)?.[1]
      const xml = await read(zip, `ppt/slideLayouts/${layout}`)
      expect(texts(xml)).toEqual(['TLP:AMBER', 'TLP:AMBER', 'For the meeting', '7 December 2026'])
      // Black on amber, as on the slides.
      expect(xml).toContain('<a:srgbClr val="FFC000"/>')
      // The slide itself holds no copy: editing a slide cannot remove it.
      expect(texts(await read(zip, `ppt/slides/slide${n}.xml`))).not.toContain('TLP:AMBER')
    }
    // The byline where the browser put it, on the title slide only.
    expect(texts(await read(zip, 'ppt/slides/slide1.xml')).join('')).toContain('A. Analyst   Regional Desk   As of 7 December 2026')
    expect(texts(await read(zip, 'ppt/slides/slide2.xml')).join('')).not.toContain('As of')
    expect(await read(zip, 'ppt/theme/theme1.xml')).toContain('<a:latin typeface="House"')
  })

  /** A 1×1 PNG: the page draws the real logo (src/pptx/extract/deck.ts). */
  const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='
  const titleBox = { x: 72, y: 52, w: 72, h: 72 }
  const smallBox = { x: 1112, y: 638, w: 24, h: 24 }
  /** Each picture of a part: its alt text and its box in slide px. */
  const pictures = (xml: string) =>
    [...xml.matchAll(/<p:pic>[\s\S]*?<\/p:pic>/g)].map((m) => {
      const off = /<a:off x="(\d+)" y="(\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(m[0])
      return { alt: /descr="([^"]*)"/.exec(m[0])?.[1], box: off ? off.slice(1, 5).map((v) => Math.round((Number(v) / 914400) * 96)) : [] }
    })
  const layoutOf = async (zip: JSZip, n: number) =>
    read(zip, `ppt/slideLayouts/${/slideLayouts\/(slideLayout\d+\.xml)/.exec(await read(zip, `ppt/slides/_rels/slide${n}.xml.rels`))?.[1]}`)

  it("puts the logo on the layouts: large on the title slide's own, small on the others", async () => {
    const withLogo: ExtractedDeck = {
      ...extracted,
      slides: [{ ...opening, titleLogo: true }, extracted.slides[1] as SlideModel],
      logo: { data: PNG, alt: 'Regional Desk logo', title: titleBox, small: smallBox },
    }
    const zip = await JSZip.loadAsync(await deckToPptx({ ...base, footer: 'For the meeting', date: '2026-12-07' }, withLogo))
    expect(pictures(await layoutOf(zip, 1))).toEqual([{ alt: 'Regional Desk logo', box: [72, 52, 72, 72] }])
    const other = await layoutOf(zip, 2)
    expect(pictures(other)).toEqual([{ alt: 'Regional Desk logo', box: [1112, 638, 24, 24] }])
    // The date ends left of the small logo, as on the slide.
    const date = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?7 December 2026[\s\S]*?<\/p:sp>/.exec(other)?.[0] ?? ''
    const [x, , w] = (/<a:off x="(\d+)" y="(\d+)"\/>\s*<a:ext cx="(\d+)"/.exec(date) ?? []).slice(1).map(Number)
    expect(Math.round((((x ?? 0) + (w ?? 0)) / 914400) * 96)).toBe(1112 - 24)
    for (const n of [1, 2]) expect(pictures(await read(zip, `ppt/slides/slide${n}.xml`))).toEqual([])
    // The title slide keeps its byline, on its own layout.
    expect(texts(await read(zip, 'ppt/slides/slide1.xml')).join('')).toContain('As of 7 December 2026')

    // `logo: { on: title }`: no small logo on the other slides' layout.
    const titleOnly = await JSZip.loadAsync(await deckToPptx(base, { ...withLogo, logo: { data: PNG, alt: 'Logo', title: titleBox } }))
    expect(pictures(await layoutOf(titleOnly, 1))).toHaveLength(1)
    expect(pictures(await layoutOf(titleOnly, 2))).toEqual([])
  })

  it('prints the marking at the top and bottom of every notes page: on the notes master, and a locked copy on each page', async () => {
    const zip = await unzip({ ...base, marking: { text: 'OFFICIAL-SENSITIVE' } })
    const master = await read(zip, 'ppt/notesMasters/notesMaster1.xml')
    expect(texts(master).filter((t) => t === 'OFFICIAL-SENSITIVE')).toHaveLength(2)
    // White on the default grey, 11 pt bold as on the handout's pages.
    expect(master).toContain('sz="1100" b="1"')
    expect(master).toContain('<a:srgbClr val="3D4452"/>')
    const ys = [...master.matchAll(/name="Handling marking, (top|bottom)"[\s\S]*?<a:off x="\d+" y="(\d+)"\/><a:ext cx="\d+" cy="(\d+)"/g)].map((m) => [
      Number(m[2]),
      Number(m[3]),
    ])
    const page = 9144000
    expect(ys).toHaveLength(2)
    expect((ys[0]?.[0] ?? page) + (ys[0]?.[1] ?? 0)).toBeLessThan(1143000)
    expect(ys[1]?.[0]).toBeGreaterThan(8001000)
    expect((ys[1]?.[0] ?? page) + (ys[1]?.[1] ?? 0)).toBeLessThan(page)
    for (const n of [1, 2]) {
      const notes = await read(zip, `ppt/notesSlides/notesSlide${n}.xml`)
      expect(texts(notes).filter((t) => t === 'OFFICIAL-SENSITIVE')).toHaveLength(2)
      expect(notes).toContain('noTextEdit="1"')
      // Shape ids stay unique on the page.
      const ids = [...notes.matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => m[1])
      expect(new Set(ids).size).toBe(ids.length)
    }
    // Without a marking, the notes pages carry none.
    expect(await read(await unzip(base), 'ppt/notesMasters/notesMaster1.xml')).not.toContain('Handling marking')
  })
})
