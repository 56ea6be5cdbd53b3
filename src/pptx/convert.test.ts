import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { deckToPptx, hyperlink, linkPieces, sectionNames } from './convert.ts'
import type { DeckInfo, ExtractedDeck, SlideModel, TextBlock } from './model.ts'

const style = { size: 32, color: '#1b2330', bold: false, italic: false, lineHeight: 41.6, letterSpacing: 0, upper: false, align: 'left' as const, mono: false }
const text = (tag: string, x: number, y: number, w: number, h: number, paragraphs: TextBlock['paragraphs'], extra: Partial<TextBlock> = {}): TextBlock => ({
  kind: 'text',
  tag,
  box: { x, y, w, h },
  style,
  paragraphs,
  ...extra,
})

const palette = {
  background: '#fbfaf7',
  ink: '#1b2330',
  muted: '#4a5566',
  accent: '#1f4e79',
  accent2: '#a23b2a',
  dark: '#14263d',
  onDark: '#f4f1ea',
  link: '#1f4e79',
  font: 'Source Sans 3',
  mono: 'Consolas',
}

function slide(id: string, title: string, over: Partial<SlideModel> = {}): SlideModel {
  return {
    id,
    background: palette.background,
    title: text('h2', 72, 100, 1000, 56, [{ runs: [{ text: title }] }], { style: { ...style, size: 44, bold: true } }),
    rules: [],
    blocks: [],
    notes: [{ runs: [{ text: `Notes of ${id}, first paragraph.` }] }, { runs: [{ text: 'Second ' }, { text: 'paragraph', bold: true }, { text: '.' }] }],
    ...over,
  }
}

const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50"><rect width="100" height="50" style="fill:#1f4e79"/></svg>'
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])

const info: DeckInfo = {
  title: 'Deck title',
  subtitle: 'Deck subtitle',
  lang: 'en',
  slides: [
    { id: 'open', title: 'Opening', seconds: 30 },
    { id: 'a', title: 'Slide A', section: 'Part one', seconds: 75 },
    { id: 'b', title: 'Slide B', section: 'Part one', seconds: 60 },
    { id: 'c', title: 'Slide C', section: 'Part two', seconds: 45 },
  ],
}
const extracted: ExtractedDeck = {
  palette,
  slides: [
    slide('open', 'Opening', { background: palette.dark }),
    slide('a', 'Slide A', {
      kicker: text('p', 72, 52, 800, 28, [{ runs: [{ text: 'PART ONE' }] }]),
      rules: [{ x1: 72, y1: 170, x2: 1208, y2: 170, width: 3, color: '#a23b2a' }],
      blocks: [
        text('ul', 72, 190, 1136, 200, [
          {
            runs: [{ text: 'First ' }, { text: 'bold', bold: true }, { text: ' point' }],
            level: 0,
            bullet: 'bullet',
            indent: 40,
            after: 14,
            markerColor: '#a23b2a',
          },
          { runs: [{ text: 'Nested point' }], level: 1, bullet: 'bullet', indent: 76 },
          {
            runs: [{ text: 'Back to the ' }, { text: 'opening', href: '#/open' }, { text: ' and ' }, { text: 'a site', href: 'https://example.org/' }],
            level: 0,
            bullet: 'bullet',
            indent: 40,
          },
        ]),
      ],
    }),
    slide('b', 'Slide B', {
      blocks: [
        { kind: 'figure', box: { x: 100, y: 200, w: 800, h: 400 }, svg, alt: 'Chart: the text equivalent' },
        {
          kind: 'table',
          box: { x: 72, y: 620, w: 400, h: 60 },
          style,
          rows: [
            [{ runs: [{ text: 'Head' }], header: true, colspan: 1, rowspan: 1, align: 'left' }],
            [{ runs: [{ text: 'Cell', br: true }, { text: 'below' }], header: false, colspan: 1, rowspan: 1, align: 'left' }],
          ],
          colW: [400],
          rowH: [30, 30],
          ruleColor: '#d8d3c7',
        },
      ],
    }),
    slide('c', 'Slide C', {
      blocks: [
        text('blockquote', 72, 200, 1000, 100, [{ runs: [{ text: '“Quoted words”' }] }]),
        {
          kind: 'figure',
          box: { x: 72, y: 320, w: 1136, h: 380 },
          svg,
          alt: 'Grouped bar chart: the text equivalent',
          chart: {
            title: 'Change by country',
            type: 'bar',
            stacked: false,
            orientation: 'horizontal',
            unit: '% change',
            source: 'Joint panel',
            categories: ['Upland', 'Delta'],
            series: [
              { name: 'Year 1', values: [4, -3] },
              { name: 'Year 2', values: [-6, 5.5] },
            ],
            seriesColors: ['#a5b4c6', '#dcb1aa'],
            marks: [
              ['#a5b4c6', '#a5b4c6'],
              ['#dcb1aa', '#a23b2a'],
            ],
            muted: '#4a5566',
            ink: '#1b2330',
            grid: '#d9d3c7',
            textSize: 22,
          },
        },
      ],
    }),
  ],
}

async function unzip(): Promise<JSZip> {
  return JSZip.loadAsync(await deckToPptx(info, extracted, new Map([['b#0', png]])))
}
const read = async (zip: JSZip, path: string): Promise<string> => {
  const f = zip.file(path)
  if (!f) throw new Error(`${path} is not in the package`)
  return f.async('string')
}
const texts = (xml: string): string[] => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1] ?? '')

describe('sectionNames', () => {
  it('names a run of slides by its section, the opening run by the deck, and a later run outside any section by its first slide', () => {
    expect(sectionNames(info.slides, 'Deck title')).toEqual(['Deck title', 'Part one', 'Part one', 'Part two'])
    expect(sectionNames(info.slides)).toEqual(['Opening', 'Part one', 'Part one', 'Part two'])
  })
  it('keeps names unique when a section comes back later', () => {
    const s = (section?: string) => ({ id: 'x', title: 'T', seconds: 1, ...(section ? { section } : {}) })
    expect(sectionNames([s('A'), s('B'), s('A'), s(), s()])).toEqual(['A', 'B', 'A (2)', 'T', 'T'])
  })
})

describe('hyperlink', () => {
  const ctx = { slideNumber: new Map([['open', 1]]) }
  it('turns deep links into slide jumps and keeps web and mail links', () => {
    expect(hyperlink('#/open', ctx)).toEqual({ slide: 1 })
    expect(hyperlink('https://example.org/x', ctx)).toEqual({ url: 'https://example.org/x' })
    expect(hyperlink('mailto:a@example.org', ctx)).toEqual({ url: 'mailto:a@example.org' })
  })
  it('drops links PowerPoint cannot follow', () => {
    expect(hyperlink('#/missing', ctx)).toBeUndefined()
    expect(hyperlink('assets/file.pdf', ctx)).toBeUndefined()
  })
})

describe('linkPieces', () => {
  it('splits a linked run into linked words and unlinked spaces, so Impress wraps it between words', () => {
    const link = { hyperlink: { slide: 3 }, bold: true }
    const pieces = linkPieces('A Shared  Front', link)
    expect(pieces.map((p) => p.text)).toEqual(['A', ' ', 'Shared', '  ', 'Front'])
    expect(pieces.map((p) => Boolean(p.options.hyperlink))).toEqual([true, false, true, false, true])
    expect(pieces[1]?.options).toEqual({ bold: true, underline: { style: 'sng' } })
  })
  it('keeps a one-word link and unlinked text whole', () => {
    expect(linkPieces('Shared', { hyperlink: { slide: 3 } })).toHaveLength(1)
    expect(linkPieces('A Shared Front', { bold: true })).toEqual([{ text: 'A Shared Front', options: { bold: true } }])
  })
})

describe('deckToPptx', () => {
  it('puts each heading in the title placeholder, where the browser laid it out', async () => {
    const zip = await unzip()
    for (const [i, s] of info.slides.entries()) {
      const xml = await read(zip, `ppt/slides/slide${i + 1}.xml`)
      const title = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?type="title"[\s\S]*?<\/p:sp>/.exec(xml)?.[0] ?? ''
      expect(texts(title).join('')).toBe(s.title)
      // 72 px and 100 px from the top left, at 96 px per inch, in EMU.
      expect(title).toContain('<a:off x="685800" y="952500"/>')
    }
    const layouts = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /slideLayouts\/slideLayout\d+\.xml$/.test(f))
        .map((f) => read(zip, f)),
    )
    const deckLayout = layouts.find((l) => l.includes('<p:cSld name="Deck"'))
    expect(deckLayout).toMatch(/<p:ph[^>]*type="title"/)
  })

  it('writes the notes as paragraphs, with their emphasis', async () => {
    const zip = await unzip()
    const notes = await read(zip, 'ppt/notesSlides/notesSlide2.xml')
    const paras = [...notes.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((m) => texts(m[1] ?? '').join(''))
    expect(paras).toContain('Notes of a, first paragraph.')
    expect(paras).toContain('Second paragraph.')
    expect(notes).toMatch(/<a:rPr lang="en" b="1"[^>]*\/><a:t>paragraph<\/a:t>/)
  })

  it("lays the notes pages out on 7.5 × 10 in, in the notes master's placeholders, at a size that fits", async () => {
    const zip = await unzip()
    expect(await read(zip, 'ppt/presentation.xml')).toContain('<p:notesSz cx="6858000" cy="9144000"/>')
    const master = await read(zip, 'ppt/notesMasters/notesMaster1.xml')
    const ids = (xml: string) => Object.fromEntries([...xml.matchAll(/<p:ph type="(\w+)"[^>]*?idx="(\d+)"/g)].map((m) => [m[1], m[2]]))
    const notes = await read(zip, 'ppt/notesSlides/notesSlide2.xml')
    const own = ids(notes)
    expect(Object.keys(own).sort()).toEqual(['body', 'sldImg', 'sldNum'])
    for (const [type, idx] of Object.entries(own)) expect([type, idx]).toEqual([type, ids(master)[type]])
    expect(notes).toMatch(/<a:rPr lang="en" dirty="0" sz="1200"\/><a:t>Notes of a/)
  })

  it('lists in app.xml the fonts used, the slide titles and the words', async () => {
    const zip = await unzip()
    const app = await read(zip, 'docProps/app.xml')
    const parts = [...app.matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => m[1])
    expect(parts).not.toContain('Arial')
    expect(parts).not.toContain('Calibri')
    expect(app).toContain('<vt:lpstr>Fonts Used</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>')
    expect(parts).toEqual(expect.arrayContaining(['Source Sans 3', ...info.slides.map((s) => s.title)]))
    expect(Number(/<Words>(\d+)<\/Words>/.exec(app)?.[1])).toBeGreaterThan(10)
    expect(app).not.toContain('PptxGenJS')
  })

  it('makes real bullets with levels, in the marker colour, and keeps emphasis and links', async () => {
    const zip = await unzip()
    const xml = await read(zip, 'ppt/slides/slide2.xml')
    expect((xml.match(/<a:buChar /g) ?? []).length).toBe(3)
    expect(xml).toMatch(/<a:pPr[^>]*lvl="1"/)
    expect(xml).toContain('<a:buClr><a:srgbClr val="A23B2A"/></a:buClr>')
    expect(xml).toMatch(/b="1"[^>]*>(?:(?!<\/a:r>)[\s\S])*<a:t>bold<\/a:t>/)
    const rels = await read(zip, 'ppt/slides/_rels/slide2.xml.rels')
    expect(rels).toContain('Target="https://example.org/"')
    expect(xml).toContain('action="ppaction://hlinksldjump"')
    // The kicker is a text box of its own; the title's rule a line.
    expect(texts(xml)).toContain('PART ONE')
    expect(xml).toContain('prst="line"')
    expect(xml).toMatch(/<p:cNvPr [^>]*><a:extLst><a:ext uri="\{C183D7F6-B498-43B3-948B-1728B52AA6E4\}"><adec:decorative [^>]*val="1"\/>/)
  })

  it('stores a figure as SVG with its PNG fallback and its text equivalent as alt text, and tables as tables', async () => {
    const zip = await unzip()
    const xml = await read(zip, 'ppt/slides/slide3.xml')
    expect(xml).toContain('descr="Chart: the text equivalent"')
    expect(xml).toContain('svgBlip')
    const rels = await read(zip, 'ppt/slides/_rels/slide3.xml.rels')
    const media = [...rels.matchAll(/Target="\.\.\/media\/([^"]+)"/g)].map((m) => m[1] ?? '')
    const pngName = media.find((m) => m.endsWith('.png'))
    const svgName = media.find((m) => m.endsWith('.svg'))
    expect(pngName && svgName).toBeTruthy()
    expect(await zip.file(`ppt/media/${pngName}`)?.async('uint8array')).toEqual(png)
    expect(await zip.file(`ppt/media/${svgName}`)?.async('string')).toBe(svg)
    expect(xml).toContain('<a:tbl>')
    expect(texts(xml)).toEqual(expect.arrayContaining(['Head', 'Cell', 'below']))
    // A line break inside a cell starts a new paragraph of it.
    expect(xml).toMatch(/<a:t>Cell<\/a:t>(?:(?!<a:t>).)*<\/a:p><a:p>(?:(?!<a:t>).)*<a:t>below<\/a:t>/)
  })

  it('makes a chart figure a native chart with its data, its highlight, its source and its alt text', async () => {
    const zip = await unzip()
    const xml = await read(zip, 'ppt/slides/slide4.xml')
    expect(xml).not.toContain('svgBlip')
    expect(xml).toMatch(/<p:graphicFrame>[\s\S]*descr="Grouped bar chart: the text equivalent"[\s\S]*<c:chart /)
    expect(texts(xml)).toContain('Source: Joint panel')
    const rels = await read(zip, 'ppt/slides/_rels/slide4.xml.rels')
    const part = /Target="\/?(?:\.\.\/|ppt\/)charts\/([^"]+)"/.exec(rels)?.[1]
    const chart = await read(zip, `ppt/charts/${part}`)
    expect(chart).toContain('<c:barDir val="bar"/>')
    expect(chart).toContain('<c:grouping val="clustered"/>')
    expect(chart).toContain('<c:orientation val="maxMin"/>')
    const series = [...chart.matchAll(/<c:ser>[\s\S]*?<\/c:ser>/g)].map((m) => m[0])
    expect(series.map((x) => [...x.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]))).toEqual([
      ['Year 1', 'Upland', 'Delta', '4', '-3'],
      ['Year 2', 'Upland', 'Delta', '-6', '5.5'],
    ])
    // Only the highlighted bar has a colour of its own; values keep their decimals.
    expect(series[0]).not.toContain('<c:dPt>')
    expect(series[1]).toMatch(/<c:dPt><c:idx val="1"\/>[\s\S]*?<a:srgbClr val="A23B2A"\/>[\s\S]*?<\/c:dPt><c:dLbls>/)
    expect(chart).toContain('formatCode="General"')
    expect(chart).toContain('<a:t>Change by country</a:t>')
  })

  it('holds sections, timings, document properties and the theme', async () => {
    const zip = await unzip()
    const pres = await read(zip, 'ppt/presentation.xml')
    expect([...pres.matchAll(/<p14:section name="([^"]+)"/g)].map((m) => m[1])).toEqual(['Deck title', 'Part one', 'Part two'])
    expect(await read(zip, 'ppt/slides/slide2.xml')).toContain('<p:transition advTm="75000"/>')
    expect(await read(zip, 'ppt/presProps.xml')).toContain('useTimings="0"')
    const core = await read(zip, 'docProps/core.xml')
    expect(core).toContain('<dc:title>Deck title</dc:title>')
    expect(core).toContain('<dc:subject>Deck subtitle</dc:subject>')
    expect(core).toContain('<dc:language>en</dc:language>')
    const theme = await read(zip, 'ppt/theme/theme1.xml')
    expect(theme).toContain('<a:accent1><a:srgbClr val="1F4E79"/></a:accent1>')
    expect(theme).toContain('<a:dk1><a:srgbClr val="1B2330"/></a:dk1>')
    expect(theme).toContain('typeface="Source Sans 3"')
    // The dark slide keeps its background.
    expect(await read(zip, 'ppt/slides/slide1.xml')).toContain('<a:srgbClr val="14263D"/>')
  })

  it('writes [Content_Types].xml first, deflates the XML and stores the media as they are', async () => {
    const bytes = Buffer.from(await deckToPptx(info, extracted, new Map([['b#0', png]])))
    // Local file headers in order: name, method (offset 8), compressed and full sizes (18, 22).
    const entries: { name: string; method: number; size: number; full: number }[] = []
    for (let p = 0; bytes.readUInt32LE(p) === 0x04034b50; ) {
      const nameLength = bytes.readUInt16LE(p + 26)
      const entry = {
        name: bytes.toString('utf8', p + 30, p + 30 + nameLength),
        method: bytes.readUInt16LE(p + 8),
        size: bytes.readUInt32LE(p + 18),
        full: bytes.readUInt32LE(p + 22),
      }
      entries.push(entry)
      p += 30 + nameLength + bytes.readUInt16LE(p + 28) + entry.size
    }
    expect(entries[0]?.name).toBe('[Content_Types].xml')
    for (const e of entries) expect([e.name, e.method]).toEqual([e.name, /\.png$/.test(e.name) ? 0 : 8])
    const slide = entries.find((e) => e.name === 'ppt/slides/slide2.xml')
    expect(slide && slide.size < slide.full / 2).toBe(true)
  })
})
