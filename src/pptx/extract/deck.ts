/**
 * Reading the whole deck in its page, after the readers are installed: every slide laid out at
 * once, its title, kicker, body blocks, rules and notes in slide pixels, and the deck's palette.
 * Runs in the page: self-contained (see src/browser/in-page-call.ts).
 */

import type { Block, DeckLogo, ExtractedDeck, Palette, SlideModel, TextBlock, TextStyle } from '../model.ts'
import type { ExtractPage } from './page.ts'

/** The slides with these ids, in this order, and the palette; the readers' probe is removed. */
export async function extractDeck(ids: string[]): Promise<ExtractedDeck> {
  const w = window as unknown as { __deckExtract: ExtractPage; deck?: { isReady(): boolean } }
  const x = w.__deckExtract
  const deck = w.deck
  if (!deck?.isReady()) throw new Error('the deck is not ready')
  // Every declared face (italic and bold are otherwise fetched only when first shown).
  await Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined)))
  await document.fonts.ready

  const { hex, cssVar, styleOf, textBlock, runsOf, rulesOf } = x
  const flat = { l: 0, t: 0, r: 0, b: 0 }
  const viewport = document.querySelector('.reveal-viewport') || document.body
  const pageBg = hex(getComputedStyle(viewport).backgroundColor) || hex(cssVar('--bg')) || '#ffffff'
  // Every slide laid out at once, each in its own place (reveal.js hides all but the nearest):
  // one layout for the deck instead of one per slide. Boxes are read relative to each slide.
  const force = document.createElement('style')
  force.textContent = '.reveal .slides section { display: block !important; }'
  document.head.append(force)
  const slides: SlideModel[] = []
  // deck.yaml's logo: where the title slide shows it large and other slides small, and its picture.
  let logoImg: HTMLImageElement | null = null
  const logo: Omit<DeckLogo, 'data'> = { alt: '' }
  for (const id of ids) {
    const section = document.getElementById(id)
    if (!section) throw new Error(`slide #${id} is not in the page`)
    const r = section.getBoundingClientRect()
    x.scale = r.width / 1280 || 1
    x.origin = { left: r.left, top: r.top }
    const heading = section.querySelector('.slide-title') || section.querySelector('h1, h2')
    const kicker = section.querySelector('.slide-kicker')
    const body = section.querySelector('.slide-body')
    x.rules = []
    const titleStyle: TextStyle = heading
      ? styleOf(heading)
      : { size: 32, color: '#000000', bold: true, italic: false, lineHeight: 36, letterSpacing: 0, upper: false, align: 'left', mono: false }
    const title: TextBlock = heading
      ? { ...textBlock(heading, [{ runs: runsOf(heading, titleStyle, false) }]), inset: flat }
      : { kind: 'text', tag: 'h2', box: { x: 72, y: 52, w: 1136, h: 60 }, style: titleStyle, paragraphs: [{ runs: [{ text: id }] }] }
    if (heading) {
      // The heading's text, not its padding: the title box ends where its last line does.
      const range = document.createRange()
      range.selectNodeContents(heading)
      const rects = [...range.getClientRects()]
      if (rects.length) title.box.h = (Math.max(...rects.map((q) => q.bottom)) - r.top) / x.scale - title.box.y
      x.rules.push(...rulesOf(heading))
    }
    const blocks: Block[] = []
    if (body) {
      x.rules.push(...rulesOf(body))
      for (const el of body.children) {
        if (el.classList.contains('figure-text')) continue
        blocks.push(...x.blocksOf(el))
      }
    }
    const slide: SlideModel = {
      id,
      background: hex(section.getAttribute('data-background-color') || '') || pageBg,
      title,
      rules: x.rules,
      blocks,
      notes: x.notesOf(section.querySelector('aside.notes')),
    }
    if (kicker) slide.kicker = { ...textBlock(kicker, [{ runs: runsOf(kicker, styleOf(kicker), false) }]), inset: flat }
    // Its parts are spans set apart by CSS gaps: a run each, joined by spaces.
    const byline = section.querySelector('.deck-byline')
    if (byline) {
      const style = styleOf(byline)
      const runs = [...byline.children].map((c, i) => ({ ...runsOf(c, style, false)[0], text: `${i ? '   ' : ''}${c.textContent ?? ''}` }))
      slide.byline = { ...textBlock(byline, [{ runs }]), inset: flat }
    }
    const big = section.querySelector<HTMLImageElement>('img.deck-logo-title')
    const small = section.querySelector<HTMLImageElement>('img.deck-logo')
    if (big) {
      slide.titleLogo = true
      logo.title ??= x.boxOf(big)
      logoImg = big
    }
    if (small && !logo.small) {
      logo.small = x.boxOf(small)
      logoImg ??= small
    }
    slides.push(slide)
  }
  force.remove()

  const anyLight = slides.find((s) => s.background === pageBg && s.kicker)
  const dark = slides.find((s) => s.background !== pageBg)
  const link = document.querySelector('.reveal .slide-body a[href]')
  const palette: Palette = {
    background: hex(cssVar('--bg')) || pageBg,
    ink: hex(cssVar('--ink')) || (anyLight ? anyLight.title.style.color : '#000000'),
    muted: hex(cssVar('--muted')) || '#555555',
    accent: hex(cssVar('--accent')) || (anyLight?.kicker ? anyLight.kicker.style.color : '#1f4e79'),
    accent2: hex(cssVar('--accent-2')) || (anyLight?.rules[0] ? anyLight.rules[0].color : '#a23b2a'),
    dark: hex(cssVar('--dark')) || (dark ? dark.background : '#14263d'),
    onDark: hex(cssVar('--on-dark')) || (dark ? dark.title.style.color : '#ffffff'),
    link: hex(cssVar('--accent')) || (link ? hex(getComputedStyle(link).color) : '') || '#1f4e79',
    font: (getComputedStyle(document.querySelector('.reveal') || document.body).fontFamily.split(',')[0] || 'Arial').replace(/["']/g, '').trim(),
    mono: (
      cssVar('--mono')
        .split(',')
        .find((f) => !/ui-monospace|monospace$/.test(f.trim())) || 'Consolas'
    )
      .replace(/["']/g, '')
      .trim(),
  }
  x.probe.remove()
  // The logo as a PNG at four times the largest size it is shown (at most 1024 px across), drawn
  // by the page: PowerPoint and Impress read PNG everywhere, SVG not everywhere.
  const logoPng = (img: HTMLImageElement, w: number, h: number): string => {
    const scale = Math.min(4, 1024 / Math.max(w, h, 1))
    const c = document.createElement('canvas')
    c.width = Math.max(1, Math.round(w * scale))
    c.height = Math.max(1, Math.round(h * scale))
    try {
      ;(c.getContext('2d') as CanvasRenderingContext2D).drawImage(img, 0, 0, c.width, c.height)
      return c.toDataURL('image/png')
    } catch {
      return ''
    }
  }
  const img = logoImg as HTMLImageElement | null
  const data = img ? logoPng(img, Math.max(logo.title?.w ?? 0, logo.small?.w ?? 0), Math.max(logo.title?.h ?? 0, logo.small?.h ?? 0)) : ''
  return { slides, palette, ...(img && data ? { logo: { ...logo, alt: img.alt, data } } : {}) }
}
