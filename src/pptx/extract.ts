/**
 * The code that reads the built deck inside its own page (Chromium, 1280x720): for every slide,
 * where the browser put each block, in slide pixels, and its text as styled runs; figures as
 * standalone SVG (the page's computed styles copied onto each element, so the SVG looks the
 * same outside the page). It returns the plain data of `model.ts`.
 *
 * A plain-JavaScript string on purpose (as `src/check/in-page.ts`): functions handed to
 * `page.evaluate` from TypeScript run through tsx/esbuild can carry helper calls that do not
 * exist in the page. Call it as `page.evaluate(\`(${EXTRACT})(ids)\`)`.
 */
export const EXTRACT = String.raw`async (ids) => {
  const deck = window.deck
  if (!deck || !deck.isReady()) throw new Error('the deck is not ready')
  // Every declared face (italic and bold are otherwise fetched only when first shown).
  await Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined)))
  await document.fonts.ready

  const probe = document.createElement('span')
  document.body.append(probe)
  /** Any CSS colour as #rrggbb, or '' when transparent. */
  const hex = (c) => {
    if (!c) return ''
    probe.style.color = ''
    probe.style.color = c
    const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+%?))?\)/.exec(getComputedStyle(probe).color)
    if (!m) return ''
    if (m[4] !== undefined && parseFloat(m[4]) === 0) return ''
    return '#' + [m[1], m[2], m[3]].map((n) => Math.round(Number(n)).toString(16).padStart(2, '0')).join('')
  }
  const root = getComputedStyle(document.documentElement)
  const cssVar = (name) => root.getPropertyValue(name).trim()

  let origin = { left: 0, top: 0 }
  let scale = 1
  const boxOf = (el) => {
    const r = el.getBoundingClientRect()
    return { x: (r.left - origin.left) / scale, y: (r.top - origin.top) / scale, w: r.width / scale, h: r.height / scale }
  }
  const px = (v) => (v && v !== 'normal' ? parseFloat(v) || 0 : 0)
  const styleOf = (el) => {
    const cs = getComputedStyle(el)
    const size = parseFloat(cs.fontSize)
    const align = cs.textAlign === 'center' || cs.textAlign === 'right' || cs.textAlign === 'justify' ? cs.textAlign : 'left'
    return {
      size,
      color: hex(cs.color) || '#000000',
      bold: parseInt(cs.fontWeight, 10) >= 600,
      italic: cs.fontStyle !== 'normal',
      lineHeight: cs.lineHeight === 'normal' ? size * 1.2 : parseFloat(cs.lineHeight),
      letterSpacing: px(cs.letterSpacing),
      upper: cs.textTransform === 'uppercase',
      align,
      mono: /mono|courier|consolas|menlo/i.test(cs.fontFamily.split(',')[0] || ''),
    }
  }
  const LISTS = new Set(['UL', 'OL'])
  const BLOCKS = new Set(['P', 'DIV', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'TABLE', 'FIGURE', 'H3', 'H4', 'H5', 'H6', 'DL', 'DT', 'DD', 'DETAILS', 'SUMMARY', 'HR', 'LI'])

  /** The text of an element as runs; nested lists are left to their own paragraphs. */
  const runsOf = (el, base, pre) => {
    const runs = []
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          const parent = child.parentElement
          const cs = getComputedStyle(parent)
          let text = pre ? child.data : child.data.replace(/\s+/g, ' ')
          if (!text) continue
          if (cs.textTransform === 'uppercase') text = text.toUpperCase()
          const run = { text }
          if (parseInt(cs.fontWeight, 10) >= 600) run.bold = true
          if (cs.fontStyle !== 'normal') run.italic = true
          if (/mono|courier|consolas|menlo/i.test(cs.fontFamily.split(',')[0] || '')) run.code = true
          const deco = cs.textDecorationLine || ''
          if (deco.includes('underline')) run.underline = true
          if (deco.includes('line-through')) run.strike = true
          const color = hex(cs.color)
          if (color && color !== base.color) run.color = color
          const size = parseFloat(cs.fontSize)
          if (Math.abs(size - base.size) > 0.5) run.size = size
          const a = parent.closest('a[href]')
          if (a && el.contains(a)) run.href = a.getAttribute('href')
          runs.push(run)
        } else if (child.nodeType === 1) {
          const tag = child.tagName
          if (LISTS.has(tag) && !pre) continue
          if (tag === 'BR') {
            if (runs.length) runs[runs.length - 1].br = true
            else runs.push({ text: '', br: true })
            continue
          }
          if (child.classList.contains('figure-text') || tag === 'svg' || tag === 'SCRIPT' || tag === 'STYLE') continue
          if (tag === 'INPUT') {
            runs.push({ text: child.checked ? '\u2611 ' : '\u2610 ' })
            continue
          }
          // A block inside an inline flow (a loose list's <p>): a line break between them.
          if (!pre && BLOCKS.has(tag) && runs.length && !runs[runs.length - 1].br) runs[runs.length - 1].br = true
          walk(child)
        }
      }
    }
    walk(el)
    if (!pre) {
      // Collapse spaces at the paragraph's edges and around line breaks, as the browser does.
      for (let i = 0; i < runs.length; i++) {
        if (i === 0 || runs[i - 1].br) runs[i].text = runs[i].text.replace(/^ +/, '')
        if (i === runs.length - 1 || runs[i].br) runs[i].text = runs[i].text.replace(/ +$/, '')
        if (i > 0 && !runs[i - 1].br && runs[i - 1].text.endsWith(' ')) runs[i].text = runs[i].text.replace(/^ +/, '')
      }
    }
    return runs.filter((r) => r.text !== '' || r.br)
  }

  /** A list's items, nested ones with a deeper level, in document order. */
  const listParagraphs = (list, level, base, out, listBox) => {
    let n = list.tagName === 'OL' ? parseInt(list.getAttribute('start') || '1', 10) : 1
    for (const li of list.children) {
      if (li.tagName !== 'LI') continue
      const cs = getComputedStyle(li)
      const marker = getComputedStyle(li, '::marker')
      const liBox = boxOf(li)
      const p = {
        runs: runsOf(li, base, false),
        level,
        bullet: list.tagName === 'OL' ? 'number' : 'bullet',
        after: px(cs.marginBottom),
        indent: liBox.x + px(cs.paddingLeft) - listBox.x,
        _x: liBox.x,
        _box: liBox,
      }
      if (list.tagName === 'OL') p.number = n
      const glyph = { disc: '\u2022', circle: '\u25e6', square: '\u25aa', 'disclosure-closed': '\u25b8' }[cs.listStyleType]
      if (glyph && list.tagName === 'UL') p.glyph = glyph
      const mc = hex(marker.color)
      if (mc) p.markerColor = mc
      n++
      out.push(p)
      const before = out.length
      for (const sub of li.children) if (LISTS.has(sub.tagName)) listParagraphs(sub, level + 1, base, out, listBox)
      // An item's bottom margin comes after its nested list, not between the two.
      if (out.length > before) {
        const last = out[out.length - 1]
        last.after = Math.max(last.after || 0, p.after)
        p.after = 0
      }
    }
    return out
  }

  /** Borders of an element as lines along its edges. */
  const rulesOf = (el) => {
    const cs = getComputedStyle(el)
    const b = boxOf(el)
    const out = []
    for (const side of ['top', 'right', 'bottom', 'left']) {
      const w = px(cs.getPropertyValue('border-' + side + '-width'))
      const color = hex(cs.getPropertyValue('border-' + side + '-color'))
      if (!w || !color || cs.getPropertyValue('border-' + side + '-style') === 'none') continue
      if (side === 'top') out.push({ x1: b.x, y1: b.y + w / 2, x2: b.x + b.w, y2: b.y + w / 2, width: w, color })
      if (side === 'bottom') out.push({ x1: b.x, y1: b.y + b.h - w / 2, x2: b.x + b.w, y2: b.y + b.h - w / 2, width: w, color })
      if (side === 'left') out.push({ x1: b.x + w / 2, y1: b.y, x2: b.x + w / 2, y2: b.y + b.h, width: w, color })
      if (side === 'right') out.push({ x1: b.x + b.w - w / 2, y1: b.y, x2: b.x + b.w - w / 2, y2: b.y + b.h, width: w, color })
    }
    return out
  }
  const insetOf = (el) => {
    const cs = getComputedStyle(el)
    return {
      l: px(cs.paddingLeft) + px(cs.borderLeftWidth),
      t: px(cs.paddingTop) + px(cs.borderTopWidth),
      r: px(cs.paddingRight) + px(cs.borderRightWidth),
      b: px(cs.paddingBottom) + px(cs.borderBottomWidth),
    }
  }
  const textBlock = (el, paragraphs) => {
    const style = styleOf(el)
    const block = { kind: 'text', tag: el.tagName.toLowerCase(), box: boxOf(el), style, paragraphs, inset: insetOf(el) }
    const fill = hex(getComputedStyle(el).backgroundColor)
    if (fill) block.fill = fill
    return block
  }
  const paragraphOf = (el, base) => ({ runs: runsOf(el, base, false), after: px(getComputedStyle(el).marginBottom) })

  /** The SVG with its computed look written onto each element, so it needs no stylesheet. */
  const PROPS = ['fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linecap', 'stroke-linejoin', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing', 'paint-order', 'visibility']
  const standaloneSvg = (svg) => {
    const clone = svg.cloneNode(true)
    const from = [svg, ...svg.querySelectorAll('*')]
    const to = [clone, ...clone.querySelectorAll('*')]
    const halos = []
    from.forEach((el, i) => {
      const target = to[i]
      const tag = el.tagName.toLowerCase()
      if (tag === 'title' || tag === 'desc' || tag === 'style' || tag === 'defs') return
      const cs = getComputedStyle(el)
      if (cs.display === 'none') {
        target.setAttribute('display', 'none')
        return
      }
      target.setAttribute('style', PROPS.map((p) => p + ':' + cs.getPropertyValue(p)).join(';'))
      target.removeAttribute('class')
      // A halo drawn under the text (paint-order: stroke): as a separate copy beneath it, since
      // PowerPoint's and Impress's SVG renderers draw the stroke on top.
      if (tag === 'text' && /^stroke/.test(cs.paintOrder) && cs.stroke !== 'none' && parseFloat(cs.strokeWidth) > 0) halos.push(target)
    })
    for (const t of halos) {
      const under = t.cloneNode(true)
      under.setAttribute('aria-hidden', 'true')
      for (const el of [t, ...t.querySelectorAll('*')]) {
        el.style.stroke = 'none'
        el.style.paintOrder = 'normal'
      }
      for (const el of [under, ...under.querySelectorAll('*')]) el.style.paintOrder = 'normal'
      t.parentNode.insertBefore(under, t)
    }
    const vb = svg.viewBox.baseVal
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
    if (vb && vb.width) {
      clone.setAttribute('width', String(vb.width))
      clone.setAttribute('height', String(vb.height))
    }
    for (const a of ['role', 'aria-labelledby', 'aria-hidden', 'focusable']) clone.removeAttribute(a)
    return new XMLSerializer().serializeToString(clone)
  }
  const figureBlock = (fig) => {
    const svg = fig.querySelector('svg')
    const caption = fig.querySelector('figcaption')
    const alt = (caption ? caption.textContent : svg && svg.querySelector('desc') ? svg.querySelector('desc').textContent : '').replace(/\s+/g, ' ').trim()
    if (!svg) {
      const img = fig.querySelector('img')
      return img ? imageBlock(img, alt) : null
    }
    const r = boxOf(svg)
    const vb = svg.viewBox.baseVal
    let box = r
    if (vb && vb.width && vb.height) {
      const s = Math.min(r.w / vb.width, r.h / vb.height)
      const w = vb.width * s
      const h = vb.height * s
      box = { x: r.x + (r.w - w) / 2, y: r.y + (r.h - h) / 2, w, h }
    }
    return { kind: 'figure', box, svg: standaloneSvg(svg), alt }
  }
  const imageBlock = (img, alt) => {
    const c = document.createElement('canvas')
    c.width = img.naturalWidth || 1
    c.height = img.naturalHeight || 1
    let data = ''
    try {
      c.getContext('2d').drawImage(img, 0, 0)
      data = c.toDataURL('image/png')
    } catch {
      data = ''
    }
    return { kind: 'image', box: boxOf(img), data, alt: alt || img.getAttribute('alt') || '' }
  }
  const tableBlock = (table) => {
    const style = styleOf(table)
    const rows = []
    const rowH = []
    let colW = []
    for (const tr of table.querySelectorAll('tr')) {
      const cells = []
      for (const cell of tr.children) {
        if (cell.tagName !== 'TD' && cell.tagName !== 'TH') continue
        const cs = getComputedStyle(cell)
        cells.push({
          runs: runsOf(cell, style, false),
          header: cell.tagName === 'TH',
          colspan: cell.colSpan || 1,
          rowspan: cell.rowSpan || 1,
          align: cs.textAlign === 'center' || cs.textAlign === 'right' ? cs.textAlign : 'left',
        })
      }
      if (!cells.length) continue
      rows.push(cells)
      rowH.push(boxOf(tr).h)
      const widths = [...tr.children].filter((c) => c.colSpan === 1).map((c) => boxOf(c).w)
      if (widths.length > colW.length) colW = widths
    }
    const td = table.querySelector('td, th')
    const ruleColor = td ? hex(getComputedStyle(td).borderBottomColor) : ''
    return { kind: 'table', box: boxOf(table), style, rows, colW, rowH, ruleColor: ruleColor || style.color }
  }

  /** A list, split into one box per column when the page set it in columns. */
  const listBlocks = (list) => {
    const style = styleOf(list)
    const listBox = boxOf(list)
    const paras = listParagraphs(list, 0, style, [], listBox)
    const columns = []
    for (const p of paras) {
      const col = p.level === 0 ? columns.find((c) => Math.abs(c.x - p._x) < 8) : columns[columns.length - 1]
      if (col) col.paras.push(p)
      else columns.push({ x: p._x, paras: [p] })
    }
    const first = paras[0] ? paras[0]._x : listBox.x
    return columns.map((col) => {
      // A column's box starts where its markers do: as far left of its items as the first column's.
      const shift = col.x - first
      const items = col.paras.map((p) => p._box)
      const top = Math.min(...items.map((b) => b.y))
      const bottom = Math.max(...items.map((b) => b.y + b.h))
      const left = listBox.x + shift
      const right = columns.length > 1 ? Math.max(...items.map((b) => b.x + b.w)) : listBox.x + listBox.w
      const paragraphs = col.paras.map(({ _x, _box, ...p }) => ({ ...p, indent: p.indent - shift }))
      return { kind: 'text', tag: list.tagName.toLowerCase(), box: { x: left, y: top, w: right - left, h: bottom - top }, style, paragraphs, inset: { l: 0, t: 0, r: 0, b: 0 } }
    })
  }

  /** Borders met while reading a slide's blocks (quote bars, column rules): reset per slide. */
  let rules = []
  const blocksOf = (el) => {
    const tag = el.tagName
    if (el.matches('figure.deck-figure, figure') || (tag === 'P' && el.querySelector(':scope > figure'))) {
      const fig = tag === 'FIGURE' ? el : el.querySelector(':scope > figure')
      const b = figureBlock(fig)
      return b ? [b] : []
    }
    if (tag === 'P' && el.children.length === 1 && el.firstElementChild.tagName === 'IMG' && !el.textContent.trim()) return [imageBlock(el.firstElementChild, '')]
    if (tag === 'IMG') return [imageBlock(el, '')]
    if (tag === 'TABLE') return [tableBlock(el)]
    if (LISTS.has(tag)) return listBlocks(el)
    if (tag === 'HR') return []
    if (tag === 'PRE') {
      const style = styleOf(el)
      const runs = runsOf(el, style, true)
      // One paragraph per source line.
      const paragraphs = [{ runs: [] }]
      for (const r of runs) {
        const lines = r.text.split('\n')
        lines.forEach((line, i) => {
          if (i > 0) paragraphs.push({ runs: [] })
          if (line) paragraphs[paragraphs.length - 1].runs.push({ ...r, text: line })
        })
      }
      while (paragraphs.length > 1 && !paragraphs[paragraphs.length - 1].runs.length) paragraphs.pop()
      return [textBlock(el, paragraphs)]
    }
    const kids = [...el.children].filter((c) => BLOCKS.has(c.tagName))
    if (kids.length && kids.length === el.children.length && tag === 'DIV' && [...el.childNodes].every((n) => n.nodeType !== 3 || !n.data.trim())) {
      // A layout container (columns, a quote with its attribution): each child where the page put it.
      rules.push(...rulesOf(el))
      return kids.flatMap(blocksOf)
    }
    if (tag === 'BLOCKQUOTE') rules.push(...rulesOf(el))
    if (kids.length && kids.length === el.children.length) {
      // A block of blocks (a blockquote of paragraphs): its children as paragraphs.
      const style = styleOf(el)
      const paragraphs = []
      for (const k of kids) {
        if (LISTS.has(k.tagName)) paragraphs.push(...listParagraphs(k, 0, style, [], boxOf(el)).map(({ _x, _box, ...p }) => p))
        else paragraphs.push(paragraphOf(k, style))
      }
      return [textBlock(el, paragraphs)]
    }
    return [textBlock(el, [paragraphOf(el, styleOf(el))])]
  }

  const notesOf = (aside) => {
    const out = []
    if (!aside) return out
    const base = styleOf(aside)
    for (const el of aside.children) {
      if (LISTS.has(el.tagName)) {
        for (const p of listParagraphs(el, 0, base, [], { x: 0, y: 0, w: 0, h: 0 })) out.push({ runs: p.runs, level: p.level, bullet: p.bullet, number: p.number })
      } else {
        const runs = runsOf(el, base, el.tagName === 'PRE')
        if (runs.length) out.push({ runs })
      }
    }
    if (!out.length && aside.textContent.trim()) out.push({ runs: [{ text: aside.textContent.replace(/\s+/g, ' ').trim() }] })
    return out
  }

  const viewport = document.querySelector('.reveal-viewport') || document.body
  const pageBg = hex(getComputedStyle(viewport).backgroundColor) || hex(cssVar('--bg')) || '#ffffff'
  // Every slide laid out at once, each in its own place (reveal.js hides all but the nearest):
  // one layout for the deck instead of one per slide. Boxes are read relative to each slide.
  const force = document.createElement('style')
  force.textContent = '.reveal .slides section { display: block !important; }'
  document.head.append(force)
  const slides = []
  for (const id of ids) {
    const section = document.getElementById(id)
    if (!section) throw new Error('slide #' + id + ' is not in the page')
    const r = section.getBoundingClientRect()
    scale = r.width / 1280 || 1
    origin = { left: r.left, top: r.top }
    const heading = section.querySelector('.slide-title') || section.querySelector('h1, h2')
    const kicker = section.querySelector('.slide-kicker')
    const body = section.querySelector('.slide-body')
    rules = []
    const titleStyle = heading ? styleOf(heading) : { size: 32, color: '#000000', bold: true, italic: false, lineHeight: 36, letterSpacing: 0, upper: false, align: 'left', mono: false }
    const title = heading
      ? { ...textBlock(heading, [{ runs: runsOf(heading, titleStyle, false) }]), inset: { l: 0, t: 0, r: 0, b: 0 } }
      : { kind: 'text', tag: 'h2', box: { x: 72, y: 52, w: 1136, h: 60 }, style: titleStyle, paragraphs: [{ runs: [{ text: id }] }] }
    if (heading) {
      // The heading's text, not its padding: the title box ends where its last line does.
      const range = document.createRange()
      range.selectNodeContents(heading)
      const rects = [...range.getClientRects()]
      if (rects.length) title.box.h = (Math.max(...rects.map((q) => q.bottom)) - r.top) / scale - title.box.y
      rules.push(...rulesOf(heading))
    }
    const blocks = []
    if (body) {
      rules.push(...rulesOf(body))
      for (const el of body.children) {
        if (el.classList.contains('figure-text')) continue
        blocks.push(...blocksOf(el))
      }
    }
    const slide = {
      id,
      background: hex(section.getAttribute('data-background-color') || '') || pageBg,
      title,
      rules,
      blocks,
      notes: notesOf(section.querySelector('aside.notes')),
    }
    if (kicker) slide.kicker = { ...textBlock(kicker, [{ runs: runsOf(kicker, styleOf(kicker), false) }]), inset: { l: 0, t: 0, r: 0, b: 0 } }
    slides.push(slide)
  }
  force.remove()

  const anyLight = slides.find((s) => s.background === pageBg && s.kicker)
  const dark = slides.find((s) => s.background !== pageBg)
  const link = document.querySelector('.reveal .slide-body a[href]')
  const palette = {
    background: hex(cssVar('--bg')) || pageBg,
    ink: hex(cssVar('--ink')) || (anyLight ? anyLight.title.style.color : '#000000'),
    muted: hex(cssVar('--muted')) || '#555555',
    accent: hex(cssVar('--accent')) || (anyLight ? anyLight.kicker.style.color : '#1f4e79'),
    accent2: hex(cssVar('--accent-2')) || (anyLight && anyLight.rules[0] ? anyLight.rules[0].color : '#a23b2a'),
    dark: hex(cssVar('--dark')) || (dark ? dark.background : '#14263d'),
    onDark: hex(cssVar('--on-dark')) || (dark ? dark.title.style.color : '#ffffff'),
    link: hex(cssVar('--accent')) || (link ? hex(getComputedStyle(link).color) : '') || '#1f4e79',
    font: (getComputedStyle(document.querySelector('.reveal') || document.body).fontFamily.split(',')[0] || 'Arial').replace(/["']/g, '').trim(),
    mono: (cssVar('--mono').split(',').find((f) => !/ui-monospace|monospace$/.test(f.trim())) || 'Consolas').replace(/["']/g, '').trim(),
  }
  probe.remove()
  return { slides, palette }
}`
