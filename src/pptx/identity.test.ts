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
})
