/**
 * `docProps/app.xml` as it is: pptxgenjs writes a fixed one (fonts "Arial" and "Calibri", 0
 * words, "Slide 1", "Slide 2", … as titles, its own name as the company). Here the fonts are those
 * the slides, notes and charts use, the titles are the slides' and the words are counted.
 */
import { escapeXml } from '../text/escape.ts'
import type { Parts } from './parts.ts'

const CONTENT = /^ppt\/(slides\/slide|notesSlides\/notesSlide|charts\/chart)\d+\.xml$/

/** The fonts the deck's slides, notes and charts name (theme fonts resolved), in order of first use. */
export function fontsUsed(parts: Parts): string[] {
  const str = (v: string | Uint8Array | undefined) => (typeof v === 'string' ? v : v ? Buffer.from(v).toString('utf8') : '')
  const theme = str(parts.get('ppt/theme/theme1.xml'))
  const themeFont = (slot: 'major' | 'minor') => new RegExp(`<a:${slot}Font>\\s*<a:latin typeface="([^"]*)"`).exec(theme)?.[1] ?? ''
  const fonts = new Set<string>()
  // The masters' text styles and the placeholders use the theme's fonts.
  for (const f of [themeFont('major'), themeFont('minor')]) if (f) fonts.add(f)
  for (const [path, v] of parts) {
    if (!CONTENT.test(path)) continue
    for (const m of str(v).matchAll(/<a:(?:latin|ea|cs|sym|buFont) typeface="([^"]+)"/g)) {
      const face = m[1] ?? ''
      if (face.startsWith('+')) continue
      fonts.add(face)
    }
  }
  return [...fonts]
}

/** Sets the fonts, the slide titles, the word and paragraph counts and the notes count. */
export function appProperties(parts: Parts, titles: readonly string[]): void {
  const app = parts.get('docProps/app.xml')
  if (typeof app !== 'string') return
  const slides = [...parts.keys()].filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p)).map((p) => String(parts.get(p)))
  const paragraphs = slides.flatMap((x) =>
    [...x.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((m) => [...(m[1] ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]).join('')),
  )
  const withText = paragraphs.filter((p) => p.trim())
  const words = withText.reduce((n, p) => n + p.split(/\s+/).filter(Boolean).length, 0)
  const fonts = fontsUsed(parts)
  const themeName = /<a:theme [^>]*name="([^"]*)"/.exec(String(parts.get('ppt/theme/theme1.xml') ?? ''))?.[1] ?? 'Office Theme'
  const notes = [...parts.keys()].filter((p) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(p)).length
  const lpstr = (s: string) => `<vt:lpstr>${escapeXml(s)}</vt:lpstr>`
  const pair = (name: string, n: number) => `<vt:variant><vt:lpstr>${name}</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant>`
  const heading = `<HeadingPairs><vt:vector size="6" baseType="variant">${pair('Fonts Used', fonts.length)}${pair('Theme', 1)}${pair('Slide Titles', titles.length)}</vt:vector></HeadingPairs>`
  const parts_ = [...fonts, themeName, ...titles]
  const titlesOfParts = `<TitlesOfParts><vt:vector size="${parts_.length}" baseType="lpstr">${parts_.map(lpstr).join('')}</vt:vector></TitlesOfParts>`
  parts.set(
    'docProps/app.xml',
    app
      .replace(/<Words>\d*<\/Words>/, `<Words>${words}</Words>`)
      .replace(/<Paragraphs>\d*<\/Paragraphs>/, `<Paragraphs>${withText.length}</Paragraphs>`)
      .replace(/<Notes>\d*<\/Notes>/, `<Notes>${notes}</Notes>`)
      .replace(/<HeadingPairs>[\s\S]*?<\/HeadingPairs>/, heading)
      .replace(/<TitlesOfParts>[\s\S]*?<\/TitlesOfParts>/, titlesOfParts)
      // The organisation stays (convert.ts sets it); none, or pptxgenjs's own name, is no company.
      .replace(/\s*<Company>(?:PptxGenJS)?<\/Company>/, ''),
  )
}
