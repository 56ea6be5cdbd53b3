/**
 * The pillars figure: the partnership drawn as a building. Roof: the partnership; four pillars with
 * two keywords each from the article; base: the shared opposition to a U.S.-dominated order.
 */
import { attrs, joinDesc, svgDocument, text, textWidth, wrapBalanced } from './svg.ts'

export const PILLARS_WIDTH = 1100
export const PILLARS_HEIGHT = 456

export interface Pillar {
  name: string
  /** Two short keyword phrases, each from the article. */
  points: readonly [string, string]
}

export const ROOF_TEXT = 'Iran–Russia strategic partnership'
export const BASE_TEXT = 'Shared opposition to a unipolar, U.S.-dominated world order'

export const PILLARS: readonly Pillar[] = [
  { name: 'Economic', points: ['Tariffs cut on ~90% of goods', 'Payment systems linked to get around SWIFT'] },
  { name: 'Military', points: ['Russian weapons for Iran', 'Iranian drones for Russia’s war in Ukraine'] },
  { name: 'Nuclear', points: ['Bushehr, Iran’s first nuclear power plant', 'Built by Russia; operational in 2013'] },
  { name: 'Ideological', points: ['Shared disdain for Western influence', 'Iran in BRICS; Kazan summit'] },
]

/** Type sizes in px at the intended 1100 px display width. */
export const PILLAR_SIZES = { roof: 30, name: 24, point: 19, base: 23 } as const
const POINT_LINE = 23

const ROOF = { x0: 40, x1: 1060, apex: 10, eave: 112 } as const
const SHAFT = { top: 190, bottom: 362, width: 212 } as const
const CAPITAL = { top: 142, height: 44, width: 236 } as const
export const POINT_WIDTH = SHAFT.width - 28

function centreOf(i: number): number {
  return ROOF.x0 + ((ROOF.x1 - ROOF.x0) * (2 * i + 1)) / (2 * PILLARS.length)
}

/** Wrapped lines of a pillar's keyword phrase (exported so tests can check the layout fits). */
export function pointLines(point: string): string[] {
  return wrapBalanced(point, PILLAR_SIZES.point, POINT_WIDTH)
}

function renderRoof(): string {
  const { x0, x1, apex, eave } = ROOF
  const mid = (x0 + x1) / 2
  return (
    `<g class="fig-roof">` +
    `<path${attrs({ class: 'fig-roof-shape', d: `M${x0} ${eave}L${mid} ${apex}L${x1} ${eave}Z` })}/>` +
    `<rect${attrs({ class: 'fig-roof-shape', x: x0 - 10, y: eave, width: x1 - x0 + 20, height: 22 })}/>` +
    text(ROOF_TEXT, mid, eave - 20, 'fig-roof-text', { anchor: 'middle' }) +
    `</g>`
  )
}

function renderPillar(pillar: Pillar, i: number): string {
  const cx = centreOf(i)
  const out: string[] = [`<g${attrs({ class: 'fig-pillar', 'data-pillar': pillar.name })}>`]
  out.push(`<rect${attrs({ class: 'fig-shaft', x: cx - SHAFT.width / 2, y: CAPITAL.top + CAPITAL.height, width: SHAFT.width, height: SHAFT.bottom - CAPITAL.top - CAPITAL.height })}/>`)
  out.push(`<rect${attrs({ class: 'fig-capital', x: cx - CAPITAL.width / 2, y: CAPITAL.top, width: CAPITAL.width, height: CAPITAL.height, rx: 3 })}/>`)
  out.push(text(pillar.name, cx, CAPITAL.top + 31, 'fig-pillar-name', { anchor: 'middle' }))
  let y = SHAFT.top + 30
  pillar.points.forEach((point, k) => {
    const lines = pointLines(point)
    if (k > 0) {
      out.push(`<path${attrs({ class: 'fig-pillar-rule', d: `M${cx - 30} ${y - 22}H${cx + 30}` })}/>`)
      y += 14
    }
    out.push(text(lines, cx, y, 'fig-pillar-point', { anchor: 'middle', lineHeight: POINT_LINE }))
    y += POINT_LINE * lines.length + 20
  })
  out.push(`<rect${attrs({ class: 'fig-plinth', x: cx - CAPITAL.width / 2, y: SHAFT.bottom, width: CAPITAL.width, height: 14 })}/>`)
  out.push('</g>')
  return out.join('')
}

function renderBase(): string {
  const y = SHAFT.bottom + 14
  return (
    `<g class="fig-base">` +
    `<rect${attrs({ class: 'fig-base-step', x: ROOF.x0, y, width: ROOF.x1 - ROOF.x0, height: 16 })}/>` +
    `<rect${attrs({ class: 'fig-base-shape', x: ROOF.x0 - 20, y: y + 16, width: ROOF.x1 - ROOF.x0 + 40, height: 60, rx: 3 })}/>` +
    text(BASE_TEXT, (ROOF.x0 + ROOF.x1) / 2, y + 54, 'fig-base-text', { anchor: 'middle' }) +
    `</g>`
  )
}

/** True if the roof text fits inside the pediment at the height of its capitals, with margin. */
export function roofTextFits(): boolean {
  const { x0, x1, apex, eave } = ROOF
  const capTop = eave - 20 - PILLAR_SIZES.roof * 0.72
  const widthAt = ((capTop - apex) / (eave - apex)) * (x1 - x0)
  return textWidth(ROOF_TEXT, PILLAR_SIZES.roof, true) < widthAt - 40
}

const DETAILS =
  `Diagram of a building. Roof: ${ROOF_TEXT}. It rests on four pillars: ` +
  PILLARS.map((p) => `${p.name} (${p.points.join('; ')})`).join(', ') +
  `. Foundation: ${BASE_TEXT}.`

/** Renders the pillars figure. */
export function renderPillars(alt: string, id: string): string {
  return svgDocument({
    name: 'pillars',
    id,
    width: PILLARS_WIDTH,
    height: PILLARS_HEIGHT,
    title: 'The four pillars of the Iran–Russia partnership',
    desc: joinDesc(alt, DETAILS),
    body: renderRoof() + PILLARS.map(renderPillar).join('') + renderBase(),
  })
}
