/**
 * deck.yaml's identity in the PowerPoint file: the marking's banners, the footer line and the logo
 * on the slide masters (so editing one slide cannot lose them), and the title slide's byline. Pure.
 */
import type PptxGenJS from 'pptxgenjs'
import { inkOn, MARKING_DEFAULT, showDate } from '../compiler/identity.ts'
import type { Box, DeckIdentity, DeckLogo } from './model.ts'
import { color, inch, pt } from './units.ts'

type MasterObject = NonNullable<PptxGenJS.SlideMasterProps['objects']>[number]

/** Banner size, as on the slides (assets/marking.css): 22px bold text on a 32px strip, at most 640px wide. */
const BANNER_H = 32
const BANNER_FONT = 22

/**
 * The marking at the top and bottom, and the footer line, for a master whose text is `muted`;
 * the footer's date ends at `footerRight` (slide px), left of the small logo when there is one.
 */
export function masterObjects(id: DeckIdentity, font: string, muted: string, footerRight = 1280 - 72): MasterObject[] {
  const out: MasterObject[] = []
  if (id.marking) {
    const bg = id.marking.colour ?? MARKING_DEFAULT
    // The box is sized to the text as the browser sets it (about 0.62 em a character, bold caps), with its padding.
    const w = Math.min(640, Math.round(id.marking.text.length * BANNER_FONT * 0.7 + 48))
    for (const y of [0, 720 - BANNER_H]) {
      out.push({
        text: {
          text: id.marking.text,
          options: {
            x: inch((1280 - w) / 2),
            y: inch(y),
            w: inch(w),
            h: inch(BANNER_H),
            margin: 0,
            align: 'center',
            valign: 'middle',
            fontFace: font,
            fontSize: pt(BANNER_FONT),
            bold: true,
            color: color(inkOn(bg)),
            fill: { color: color(bg) ?? '3D4452' },
          },
        },
      })
    }
  }
  const foot = { y: inch(720 - 58 - 24), h: inch(24), fontFace: font, fontSize: pt(18), color: color(muted), margin: 0, valign: 'middle' as const }
  if (id.footer) out.push({ text: { text: id.footer, options: { ...foot, x: inch(72), w: inch(800) } } })
  if (id.footer && id.date) out.push({ text: { text: showDate(id.date), options: { ...foot, x: inch(footerRight - 300), w: inch(300), align: 'right' } } })
  return out
}

/** The logo as a picture of a master, at `box` (slide px): never on a slide, so editing one cannot lose it. */
export function logoObject(logo: DeckLogo, box: Box): MasterObject {
  return { image: { data: logo.data, x: inch(box.x), y: inch(box.y), w: inch(box.w), h: inch(box.h), altText: logo.alt } }
}
