/**
 * The `pillars` figure kind: an argument drawn as a building. The roof is what is held up, each
 * pillar a reason with its short points, the foundation what everything rests on.
 *
 * ```pillars
 * title: "Three things hold the agreement up"
 * roof: "The agreement"
 * pillars:
 *   - { name: Water, points: ["Shared flow data", "Dry-season quotas"] }
 * foundation: "Mutual dependence on the river"
 * ```
 */
import type { FigureKind, FigureRender } from './kinds.ts'
import { ESTIMATE } from './measure.ts'
import {
  attrs,
  drawBlock,
  lineHeight,
  MIN_TEXT_PX,
  num,
  SLIDE_FIGURE_BOX,
  slideScale,
  svgDocument,
  type TextBlock,
  type TextMeasure,
  textBlock,
  wrapBalanced,
} from './svg.ts'
import { Issues, list, type Path, record, str } from './validate.ts'

export interface Pillar {
  name: string
  points: string[]
}

export interface PillarsSpec {
  title: string
  roof: string
  pillars: Pillar[]
  foundation: string
}

export const PILLARS_KEYS = ['title', 'roof', 'pillars', 'foundation'] as const
const PILLAR_KEYS = ['name', 'points'] as const
export const MAX_PILLARS = 5
const MAX_POINTS = 4

/** Type sizes in px; the figure is drawn at the slide's figure width, so 1 unit shows as 1 slide px. */
export const PILLAR_SIZES = { roof: 30, name: 26, point: 23, base: 24 } as const
export const PILLARS_WIDTH = SLIDE_FIGURE_BOX.width

const ROOF = { x0: 40, x1: PILLARS_WIDTH - 40, apex: 2, eave: 92, beam: 18 } as const
const CAPITAL_GAP = 8
const POINT_GAP = 26
const SHAFT_PAD = 16
const PLINTH = 12
const STEP = 12

function validatePillar(v: unknown, path: Path, issues: Issues): Pillar | undefined {
  const p = record(v, path, PILLAR_KEYS, issues, 'a pillar')
  if (!p) return undefined
  const name = str(p, 'name', path, issues, { required: true, max: 40 })
  const points = list(
    p,
    'points',
    path,
    issues,
    (x, at) => {
      if (typeof x !== 'string' && typeof x !== 'number') return issues.error(at, `a point must be text; got ${JSON.stringify(x)}`)
      const s = String(x).replace(/\s+/g, ' ').trim()
      return s === '' ? issues.error(at, 'this point is empty: write it, or remove the line') : s
    },
    { min: 1, max: MAX_POINTS },
  )
  return name !== undefined && points !== undefined ? { name, points } : undefined
}

export function validatePillars(data: unknown, measure?: TextMeasure): { spec?: PillarsSpec; issues: Issues } {
  const issues = new Issues()
  const top = record(data, [], PILLARS_KEYS, issues, 'a pillars figure')
  if (!top) return { issues }
  const title = str(top, 'title', [], issues, { required: true, max: 140 })
  const roof = str(top, 'roof', [], issues, { required: true, max: 80 })
  const foundation = str(top, 'foundation', [], issues, { required: true, max: 120 })
  const pillars = list(top, 'pillars', [], issues, (v, path) => validatePillar(v, path, issues), { max: MAX_PILLARS })
  if (!issues.ok || title === undefined || roof === undefined || foundation === undefined || pillars === undefined) return { issues }
  const spec: PillarsSpec = { title, roof, pillars, foundation }
  for (const p of layoutPillars(spec, measure).problems) issues.list.push(p)
  return issues.ok ? { spec, issues } : { issues }
}

// ---------------------------------------------------------------------------------------------
// Layout

export interface PillarsLayout {
  width: number
  height: number
  roof: TextBlock
  columns: { cx: number; name: TextBlock; points: TextBlock[] }[]
  capital: { top: number; height: number; width: number }
  shaft: { top: number; bottom: number; width: number }
  /** Widest a point's line may be inside its shaft. */
  textWidth: number
  base: { top: number; height: number; text: TextBlock }
  problems: { path: Path; message: string; severity?: 'error' | 'warning' }[]
}

export function layoutPillars(spec: PillarsSpec, tm: TextMeasure = ESTIMATE): PillarsLayout {
  const S = PILLAR_SIZES
  const problems: PillarsLayout['problems'] = []
  const n = spec.pillars.length
  const colW = (ROOF.x1 - ROOF.x0) / n
  const capitalW = Math.min(colW - 22, 300)
  const shaftW = capitalW - 22
  const innerW = shaftW - 2 * SHAFT_PAD
  // The roof's words sit in the pediment: as wide as the triangle is at the height of their tops.
  const roofTop = ROOF.eave - 18 - S.roof * 0.75
  const roofRoom = ((roofTop - ROOF.apex) / (ROOF.eave - ROOF.apex)) * (ROOF.x1 - ROOF.x0) - 40
  const roofLines = wrapBalanced(spec.roof, S.roof, roofRoom, true, tm)
  const roof = textBlock([{ lines: roofLines.length > 1 ? [spec.roof] : roofLines, size: S.roof, bold: true, cls: 'fig-roof-text' }], tm)
  if (roof.width > roofRoom)
    problems.push({
      path: ['roof'],
      message: `"roof" is too long to fit in the roof at a legible size: shorten it to about ${Math.floor(spec.roof.length * (roofRoom / roof.width))} characters`,
    })
  const columns = spec.pillars.map((p, i) => {
    const name = textBlock([{ lines: wrapBalanced(p.name, S.name, capitalW - 20, true, tm), size: S.name, bold: true, cls: 'fig-pillar-name' }], tm)
    if (name.width > capitalW - 12)
      problems.push({ path: ['pillars', i, 'name'], message: `the pillar name "${p.name}" is too wide for its capital with ${n} pillars: shorten it` })
    const points = p.points.map((pt, k) => {
      const b = textBlock([{ lines: wrapBalanced(pt, S.point, innerW, false, tm), size: S.point, cls: 'fig-pillar-point' }], tm)
      if (b.width > innerW + 4)
        problems.push({
          path: ['pillars', i, 'points', k],
          message: `a word in "${pt}" is too long for a pillar ${Math.round(innerW)} px wide: shorten it or use fewer pillars`,
        })
      return b
    })
    return { cx: ROOF.x0 + colW * (i + 0.5), name, points }
  })
  const capHeight = Math.max(...columns.map((c) => c.name.height)) + 14
  const capital = { top: ROOF.eave + ROOF.beam + CAPITAL_GAP, height: capHeight, width: capitalW }
  // At least two lines' height, so pillars with one short point still read as pillars.
  const contentH = Math.max(2 * lineHeight(S.point), ...columns.map((c) => c.points.reduce((h, b) => h + b.height, 0) + POINT_GAP * (c.points.length - 1)))
  const shaft = { top: capital.top + capHeight, bottom: capital.top + capHeight + contentH + 2 * SHAFT_PAD, width: shaftW }
  const baseLines = wrapBalanced(spec.foundation, S.base, ROOF.x1 - ROOF.x0 - 20, true, tm)
  const baseText = textBlock([{ lines: baseLines, size: S.base, bold: true, cls: 'fig-base-text' }], tm)
  const base = { top: shaft.bottom + PLINTH + STEP, height: baseText.height + 24, text: baseText }
  const height = Math.ceil(base.top + base.height + 2)
  const smallest = Math.min(...Object.values(S)) * slideScale(PILLARS_WIDTH, height)
  if (smallest < MIN_TEXT_PX - 0.01) {
    const tallest =
      spec.pillars[
        columns.reduce(
          (best, c, i) => (c.points.reduce((h, b) => h + b.height, 0) > (columns[best]?.points.reduce((h, b) => h + b.height, 0) ?? 0) ? i : best),
          0,
        )
      ]
    problems.push({
      path: ['pillars'],
      severity: 'warning',
      message: `the pillars figure is ${height} px tall, more than the ${SLIDE_FIGURE_BOX.height} px a slide has for it, so its smallest text would show at ${num(smallest)} px, under the ${MIN_TEXT_PX} px minimum: use fewer or shorter points${tallest ? ` (the tallest pillar is "${tallest.name}")` : ''}`,
    })
  }
  return { width: PILLARS_WIDTH, height, roof, columns, capital, shaft, textWidth: innerW, base, problems }
}

// ---------------------------------------------------------------------------------------------
// Rendering

function renderColumn(l: PillarsLayout, c: PillarsLayout['columns'][number], name: string): string {
  const { capital, shaft } = l
  const out: string[] = [`<g${attrs({ class: 'fig-pillar', 'data-pillar': name })}>`]
  out.push(`<rect${attrs({ class: 'fig-shaft', x: c.cx - shaft.width / 2, y: shaft.top, width: shaft.width, height: shaft.bottom - shaft.top })}/>`)
  out.push(`<rect${attrs({ class: 'fig-capital', x: c.cx - capital.width / 2, y: capital.top, width: capital.width, height: capital.height, rx: 3 })}/>`)
  out.push(drawBlock(c.name, c.cx, capital.top + (capital.height - c.name.height) / 2))
  let y = shaft.top + SHAFT_PAD
  c.points.forEach((b, k) => {
    if (k > 0) {
      out.push(`<path${attrs({ class: 'fig-pillar-rule', d: `M${c.cx - 30} ${y + POINT_GAP / 2}H${c.cx + 30}` })}/>`)
      y += POINT_GAP
    }
    out.push(drawBlock(b, c.cx, y))
    y += b.height
  })
  out.push(`<rect${attrs({ class: 'fig-plinth', x: c.cx - capital.width / 2, y: shaft.bottom, width: capital.width, height: PLINTH })}/>`)
  out.push('</g>')
  return out.join('')
}

const sentence = (s: string): string => (/[.!?…]["”’)]?$/.test(s) ? s : `${s}.`)

/** The text equivalent: roof, every pillar with its points, foundation. */
export function pillarsText(spec: PillarsSpec): string {
  const n = spec.pillars.length
  // Each point its own sentence: an author's point may hold commas or semicolons itself.
  const pillars = spec.pillars.map((p) => `${p.name.replace(/[.:;,]$/, '')}: ${p.points.map(sentence).join(' ')}`).join(' ')
  return `Diagram of a building. Roof: ${sentence(spec.roof)} It rests on ${n} pillar${n === 1 ? '' : 's'}. ${pillars} Foundation: ${sentence(spec.foundation)}`
}

export function renderPillars(spec: PillarsSpec, id: string, tm?: TextMeasure): FigureRender {
  const l = layoutPillars(spec, tm)
  const { x0, x1, apex, eave, beam } = ROOF
  const mid = (x0 + x1) / 2
  const roof =
    `<g class="fig-roof">` +
    `<path${attrs({ class: 'fig-roof-shape', d: `M${x0} ${eave}L${mid} ${apex}L${x1} ${eave}Z` })}/>` +
    `<rect${attrs({ class: 'fig-roof-shape', x: x0 - 10, y: eave, width: x1 - x0 + 20, height: beam })}/>` +
    drawBlock(l.roof, mid, eave - 14 - l.roof.height) +
    `</g>`
  const stepTop = l.shaft.bottom + PLINTH
  const base =
    `<g class="fig-base">` +
    `<rect${attrs({ class: 'fig-base-step', x: x0, y: stepTop, width: x1 - x0, height: STEP })}/>` +
    `<rect${attrs({ class: 'fig-base-shape', x: x0 - 20, y: l.base.top, width: x1 - x0 + 40, height: l.base.height, rx: 3 })}/>` +
    drawBlock(l.base.text, mid, l.base.top + 12) +
    `</g>`
  const desc = pillarsText(spec)
  const body = roof + l.columns.map((c, i) => renderColumn(l, c, spec.pillars[i]?.name ?? '')).join('') + base
  return {
    svg: svgDocument({ name: 'pillars', id, width: l.width, height: l.height, title: spec.title, desc, body }),
    text: desc,
    claims: [spec.title, spec.roof, ...spec.pillars.flatMap((p) => [p.name, ...p.points]), spec.foundation],
  }
}

export const pillarsFigure: FigureKind<PillarsSpec> = {
  name: 'pillars',
  keys: PILLARS_KEYS,
  validate(data, measure) {
    const { spec, issues } = validatePillars(data, measure)
    return spec ? { spec, issues: issues.list } : { issues: issues.list }
  },
  render: renderPillars,
}
