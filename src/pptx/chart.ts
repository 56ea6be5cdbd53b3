/**
 * A chart figure as a native PowerPoint chart (pptxgenjs `addChart`): the same categories, series
 * and values, editable in PowerPoint and Impress (their data sheet is embedded), placed where the
 * browser laid the figure out, in the colours it was drawn in. The highlighted bar or point keeps
 * its own colour: pptxgenjs has no per-point colour for several series, so `pointColours` writes
 * them into the chart's XML (`<c:dPt>`) afterwards.
 */
import type PptxGenJS from 'pptxgenjs'
import type { ChartFigure, FigureBlock } from './model.ts'
import type { Parts } from './parts.ts'
import { color, inch, pt } from './units.ts'

/** The points of a chart whose colour differs from their series', by series then category. */
export interface ChartPoints {
  /** The slide (1-based) and the chart's place among that slide's charts. */
  slide: number
  index: number
  type: ChartFigure['type']
  points: { series: number; category: number; color: string }[]
}

/** The source line's height, in slide px per px of text. */
const SOURCE_LINE = 1.5

/**
 * Adds the chart on `slide` in the figure's box, its text equivalent as alt text, its source as a
 * text line under it; returns the points that need a colour of their own.
 */
export function addNativeChart(
  pptx: PptxGenJS,
  slide: PptxGenJS.Slide,
  b: FigureBlock & { chart: ChartFigure },
  font: string,
  lang: string,
): ChartPoints['points'] {
  const c = b.chart
  const size = pt(Math.max(12, c.textSize))
  const sourceH = c.source ? c.textSize * SOURCE_LINE : 0
  const data = c.series.map((s) => ({ name: s.name || c.unit || c.title, labels: c.categories, values: s.values }))
  const bar = c.type === 'bar'
  const many = c.series.length > 1
  const opts: PptxGenJS.IChartOpts = {
    x: inch(b.box.x),
    y: inch(b.box.y),
    w: inch(b.box.w),
    h: inch(b.box.h - sourceH),
    altText: b.alt,
    objectName: c.title,
    showTitle: true,
    title: c.title,
    titleFontFace: font,
    titleFontSize: size,
    titleColor: color(c.ink),
    titleBold: true,
    chartColors: c.seriesColors.map((s) => color(s) ?? '000000'),
    // Every bar and point carries its value, as in the deck; several series get a key.
    showValue: true,
    dataLabelFormatCode: 'General',
    dataLabelFontFace: font,
    dataLabelFontSize: size,
    dataLabelFontBold: true,
    dataLabelColor: color(c.ink),
    showLegend: many,
    legendPos: 't',
    legendFontFace: font,
    legendFontSize: size,
    legendColor: color(c.ink),
    catAxisLabelFontFace: font,
    catAxisLabelFontSize: size,
    catAxisLabelColor: color(c.muted),
    valAxisLabelFontFace: font,
    valAxisLabelFontSize: size,
    valAxisLabelColor: color(c.muted),
    valAxisLabelFormatCode: 'General',
    valGridLine: { color: color(c.grid) ?? 'D9D9D9', size: 0.75 },
    ...(c.unit
      ? {
          showValAxisTitle: true,
          valAxisTitle: c.unit === '%' ? 'percent' : c.unit,
          valAxisTitleFontFace: font,
          valAxisTitleFontSize: size,
          valAxisTitleColor: color(c.muted),
        }
      : {}),
    ...(c.xLabel
      ? { showCatAxisTitle: true, catAxisTitle: c.xLabel, catAxisTitleFontFace: font, catAxisTitleFontSize: size, catAxisTitleColor: color(c.muted) }
      : {}),
    lang,
    ...(bar
      ? {
          barDir: c.orientation === 'horizontal' ? 'bar' : 'col',
          barGrouping: c.stacked && many ? 'stacked' : 'clustered',
          ...(c.stacked && many ? { barOverlapPct: 100 } : {}),
          dataLabelPosition: c.stacked && many ? 'ctr' : 'outEnd',
          // Category names below the plot (or left of it), not at the zero line among negative bars.
          catAxisLabelPos: 'low',
          // Categories top to bottom, as the deck lists them (PowerPoint starts at the bottom);
          // pptxgenjs writes any orientation, though its types name only minMax.
          ...(c.orientation === 'horizontal' ? ({ catAxisOrientation: 'maxMin' } as unknown as PptxGenJS.IChartOpts) : {}),
        }
      : { lineSize: 3, lineDataSymbol: 'circle' as const, lineDataSymbolSize: 9, dataLabelPosition: 't' as const }),
  }
  slide.addChart(bar ? pptx.ChartType.bar : pptx.ChartType.line, data, opts)
  if (c.source)
    slide.addText(`Source: ${c.source}`, {
      x: inch(b.box.x),
      y: inch(b.box.y + b.box.h - sourceH),
      w: inch(b.box.w),
      h: inch(sourceH),
      margin: 0,
      valign: 'bottom',
      fontFace: font,
      fontSize: size,
      color: color(c.muted),
      lang,
    })
  return c.marks.flatMap((row, s) =>
    row.flatMap((m, i) => (m && m.toLowerCase() !== (c.seriesColors[s] ?? '').toLowerCase() ? [{ series: s, category: i, color: color(m) ?? '000000' }] : [])),
  )
}

/** `<c:dPt>`: one bar's fill or one point's marker in its own colour. */
function dataPoint(type: ChartFigure['type'], category: number, hex: string): string {
  const fill = `<c:spPr><a:solidFill><a:srgbClr val="${hex}"/></a:solidFill></c:spPr>`
  return type === 'bar'
    ? `<c:dPt><c:idx val="${category}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${fill}</c:dPt>`
    : `<c:dPt><c:idx val="${category}"/><c:marker><c:symbol val="circle"/><c:size val="9"/>${fill}</c:marker><c:bubble3D val="0"/></c:dPt>`
}

/** The chart parts of a slide, in the order its charts were added. */
function slideCharts(parts: Parts, slide: number): string[] {
  const xml = String(parts.get(`ppt/slides/slide${slide}.xml`) ?? '')
  const rels = String(parts.get(`ppt/slides/_rels/slide${slide}.xml.rels`) ?? '')
  return [...xml.matchAll(/<c:chart\b[^>]*\br:id="(rId\d+)"/g)].flatMap((m) => {
    const target = new RegExp(`Id="${m[1]}"[^>]*Target="(?:\\.\\./|/ppt/)charts/([^"]+)"`).exec(rels)?.[1]
    return target ? [`ppt/charts/${target}`] : []
  })
}

/** Writes each chart's own point colours (the highlight) into its XML: in each series, before its data labels (the schema's order). */
export function pointColours(parts: Parts, charts: readonly ChartPoints[]): void {
  for (const ch of charts) {
    if (!ch.points.length) continue
    const path = slideCharts(parts, ch.slide)[ch.index]
    const before = path ? parts.get(path) : undefined
    if (!path || before === undefined) throw new Error(`chart ${ch.index + 1} of slide ${ch.slide} was not written: pptxgenjs's chart parts changed`)
    let series = -1
    const xml = (typeof before === 'string' ? before : Buffer.from(before).toString('utf8')).replace(/<c:ser>[\s\S]*?<\/c:ser>/g, (ser) => {
      series++
      const own = ch.points
        .filter((p) => p.series === series)
        .map((p) => dataPoint(ch.type, p.category, p.color))
        .join('')
      const at = ser.search(/<c:dLbls>|<c:cat>/)
      return own && at >= 0 ? ser.slice(0, at) + own + ser.slice(at) : ser
    })
    parts.set(path, xml)
  }
}
