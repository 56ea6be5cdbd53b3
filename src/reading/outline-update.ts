/**
 * The PDF outline (bookmarks), title and language added to a PDF as an incremental update:
 * the bytes Chromium printed stay as they are, and a few new objects (the outline items, a
 * catalog and an info dictionary that replace the old ones) are appended with their own
 * cross-reference section and trailer (PDF 1.7, 7.5.6). About 2 ms for a deck, where loading
 * and saving the whole file with pdf-lib takes over 200 ms. Pure: bytes in, bytes out.
 *
 * It reads only what it needs (the trailer, the catalog, the page tree) from a classic
 * cross-reference table, which is what Chromium (Skia) writes. For anything else (a
 * cross-reference stream, objects in object streams) it returns undefined and the caller
 * falls back to pdf-lib (src/reading/outline.ts).
 */
import { decodeHtml } from '../text/escape.ts'
import type { OutlineEntry } from './render.ts'

export interface DocumentInfo {
  title: string
  /** BCP 47 language tag, e.g. "en". */
  lang: string
}

type Value =
  | { t: 'dict'; start: number; end: number; entries: Map<string, Value> }
  | { t: 'array'; start: number; end: number; items: Value[] }
  | { t: 'ref'; start: number; end: number; num: number; gen: number }
  | { t: 'other'; start: number; end: number; text: string }

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)))

class Unsupported extends Error {}

/** A minimal reader of PDF objects (dictionaries, arrays, references, scalars). */
class Reader {
  constructor(private readonly b: Uint8Array) {}

  skipWs(p: number): number {
    const b = this.b
    while (p < b.length) {
      const c = b[p] as number
      if (WS.has(c)) p++
      else if (c === 0x25 /* % */) while (p < b.length && b[p] !== 0x0a && b[p] !== 0x0d) p++
      else break
    }
    return p
  }

  private token(p: number): { text: string; end: number } {
    let e = p
    while (e < this.b.length && !WS.has(this.b[e] as number) && !DELIM.has(this.b[e] as number)) e++
    return { text: latin1(this.b, p, e), end: e }
  }

  value(pos: number): Value {
    const b = this.b
    const p = this.skipWs(pos)
    const c = b[p]
    if (c === undefined) throw new Unsupported('unexpected end of file')
    if (c === 0x3c && b[p + 1] === 0x3c) {
      const entries = new Map<string, Value>()
      let q = this.skipWs(p + 2)
      while (!(b[q] === 0x3e && b[q + 1] === 0x3e)) {
        if (b[q] !== 0x2f) throw new Unsupported(`a dictionary key expected at byte ${q}`)
        const key = this.token(q + 1)
        const v = this.value(key.end)
        entries.set(key.text, v)
        q = this.skipWs(v.end)
        if (q >= b.length) throw new Unsupported('unterminated dictionary')
      }
      return { t: 'dict', start: p, end: q + 2, entries }
    }
    if (c === 0x5b) {
      const items: Value[] = []
      let q = this.skipWs(p + 1)
      while (b[q] !== 0x5d) {
        const v = this.value(q)
        items.push(v)
        q = this.skipWs(v.end)
        if (q >= b.length) throw new Unsupported('unterminated array')
      }
      return { t: 'array', start: p, end: q + 1, items }
    }
    if (c === 0x28) {
      let depth = 0
      let q = p
      for (; q < b.length; q++) {
        const d = b[q]
        if (d === 0x5c) q++
        else if (d === 0x28) depth++
        else if (d === 0x29 && --depth === 0) break
      }
      return { t: 'other', start: p, end: q + 1, text: '(string)' }
    }
    if (c === 0x3c) {
      const q = b.indexOf(0x3e, p)
      if (q < 0) throw new Unsupported('unterminated hex string')
      return { t: 'other', start: p, end: q + 1, text: '<hex>' }
    }
    if (c === 0x2f) {
      const n = this.token(p + 1)
      return { t: 'other', start: p, end: n.end, text: `/${n.text}` }
    }
    const first = this.token(p)
    if (first.end === p) throw new Unsupported(`unexpected byte ${c} at ${p}`)
    // "num gen R" is a reference; otherwise a number, true, false or null.
    if (/^\d+$/.test(first.text)) {
      const a = this.skipWs(first.end)
      const second = this.token(a)
      if (/^\d+$/.test(second.text)) {
        const r = this.skipWs(second.end)
        if (b[r] === 0x52 && (r + 1 >= b.length || WS.has(b[r + 1] as number) || DELIM.has(b[r + 1] as number))) {
          return { t: 'ref', start: p, end: r + 1, num: Number(first.text), gen: Number(second.text) }
        }
      }
    }
    return { t: 'other', start: p, end: first.end, text: first.text }
  }

  /** The object `num` at `offset`: "num gen obj <value>". */
  object(offset: number, num: number): Value {
    const head = /^(\d+)\s+(\d+)\s+obj\b/.exec(latin1(this.b, offset, Math.min(this.b.length, offset + 32)))
    if (!head || Number(head[1]) !== num) throw new Unsupported(`object ${num} is not at byte ${offset}`)
    return this.value(offset + head[0].length)
  }
}

function latin1(b: Uint8Array, start: number, end: number): string {
  let s = ''
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number)
  return s
}

/** A text string as a PDF hex string: UTF-16BE with a byte-order mark, any language. */
export function pdfText(s: string): string {
  let hex = 'FEFF'
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')
  return `<${hex}>`
}

/** Where each object is, from the classic cross-reference sections (newest first, via /Prev). */
function readXref(r: Reader, b: Uint8Array): { offsets: Map<number, { offset: number; gen: number }>; trailer: Map<string, Value>; trailerRaw: (v: Value) => string; startxref: number } {
  const tail = latin1(b, Math.max(0, b.length - 1024), b.length)
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)
  if (!m) throw new Unsupported('no startxref at the end')
  const startxref = Number(m[1])
  const offsets = new Map<number, { offset: number; gen: number }>()
  let trailer: Map<string, Value> | undefined
  const seen = new Set<number>()
  for (let at: number | undefined = startxref; at !== undefined; ) {
    if (seen.has(at) || seen.size > 64) throw new Unsupported('a loop in the cross-reference sections')
    seen.add(at)
    let p = r.skipWs(at)
    if (latin1(b, p, p + 4) !== 'xref') throw new Unsupported('not a classic cross-reference table')
    p += 4
    for (;;) {
      p = r.skipWs(p)
      const line = /^(\d+)\s+(\d+)/.exec(latin1(b, p, p + 40))
      if (!line) break
      const first = Number(line[1])
      const count = Number(line[2])
      p = r.skipWs(p + line[0].length)
      for (let i = 0; i < count; i++) {
        const e = /^(\d{10}) (\d{5}) ([nf])/.exec(latin1(b, p, p + 18))
        if (!e) throw new Unsupported(`a malformed cross-reference entry at byte ${p}`)
        if (e[3] === 'n' && !offsets.has(first + i)) offsets.set(first + i, { offset: Number(e[1]), gen: Number(e[2]) })
        p += 18
        while (p < b.length && (b[p] === 0x20 || b[p] === 0x0d || b[p] === 0x0a)) p++
      }
    }
    if (latin1(b, p, p + 7) !== 'trailer') throw new Unsupported('no trailer after the cross-reference table')
    const dict = r.value(p + 7)
    if (dict.t !== 'dict') throw new Unsupported('the trailer is not a dictionary')
    trailer ??= dict.entries
    const prev = dict.entries.get('Prev')
    at = prev?.t === 'other' && /^\d+$/.test(prev.text) ? Number(prev.text) : undefined
  }
  if (!trailer) throw new Unsupported('no trailer')
  return { offsets, trailer, trailerRaw: (v) => latin1(b, v.start, v.end), startxref }
}

/**
 * `pdf` with `entries` as its outline (one item per entry, its children beneath, collapsed, each
 * opening its 0-based page), the bookmarks pane shown on opening, and the title and language
 * set. Returns undefined when the file's structure is not one this reads (see above).
 * Throws when an entry points past the last page.
 */
export function appendOutline(pdf: Uint8Array, entries: readonly OutlineEntry[], info: DocumentInfo): { pdf: Uint8Array; pages: number } | undefined {
  try {
    return append(pdf, entries, info)
  } catch (e) {
    if (e instanceof Unsupported) return undefined
    throw e
  }
}

function append(b: Uint8Array, entries: readonly OutlineEntry[], info: DocumentInfo): { pdf: Uint8Array; pages: number } {
  const r = new Reader(b)
  const { offsets, trailer, trailerRaw, startxref } = readXref(r, b)
  const lookup = (v: Value | undefined): { num: number; gen: number; value: Value } => {
    if (v?.t !== 'ref') throw new Unsupported('a reference expected')
    const at = offsets.get(v.num)
    if (!at) throw new Unsupported(`object ${v.num} is not in the cross-reference table (an object stream?)`)
    return { num: v.num, gen: at.gen, value: r.object(at.offset, v.num) }
  }
  const raw = (v: Value) => latin1(b, v.start, v.end)
  const size = Number((trailer.get('Size') as { text?: string } | undefined)?.text)
  if (!Number.isInteger(size)) throw new Unsupported('the trailer has no /Size')
  const root = lookup(trailer.get('Root'))
  if (root.value.t !== 'dict') throw new Unsupported('the catalog is not a dictionary')
  const catalog = root.value.entries

  // The pages in order, from the page tree.
  const pages: string[] = []
  const visit = (ref: Value | undefined, depth: number) => {
    if (depth > 64) throw new Unsupported('the page tree is too deep')
    const node = lookup(ref)
    if (node.value.t !== 'dict') throw new Unsupported('a page-tree node is not a dictionary')
    const kids = node.value.entries.get('Kids')
    const type = node.value.entries.get('Type')
    if (type?.t === 'other' && type.text === '/Page') pages.push(`${node.num} ${node.gen} R`)
    else if (kids?.t === 'array') for (const k of kids.items) visit(k, depth + 1)
    else throw new Unsupported('a page-tree node with no /Kids')
  }
  visit(catalog.get('Pages'), 0)

  // New objects: the outline root, then its items depth-first.
  let next = size
  const objects: { num: number; gen: number; body: string }[] = []
  const rootNum = next++
  const level = (items: readonly OutlineEntry[], parent: number): { first: number; last: number; count: number } => {
    const nums = items.map(() => next++)
    items.forEach((item, i) => {
      const page = pages[item.page]
      if (!page) throw new Error(`outline entry "${item.title}" points at page ${item.page + 1}, but the PDF has ${pages.length}`)
      let body = `<</Title ${pdfText(item.title)} /Parent ${parent} 0 R /Dest [${page} /XYZ null null null]`
      if (i > 0) body += ` /Prev ${nums[i - 1]} 0 R`
      if (i < nums.length - 1) body += ` /Next ${nums[i + 1]} 0 R`
      if (item.children.length) {
        const kids = level(item.children, nums[i] as number)
        body += ` /First ${kids.first} 0 R /Last ${kids.last} 0 R /Count ${-kids.count}`
      }
      objects.push({ num: nums[i] as number, gen: 0, body: `${body}>>` })
    })
    return { first: nums[0] as number, last: nums[nums.length - 1] as number, count: items.length }
  }
  const changed = new Set(['Outlines', 'PageMode', 'Lang', 'ViewerPreferences'])
  let cat = '<<'
  for (const [k, v] of catalog) if (!changed.has(k)) cat += `/${k} ${raw(v)}\n`
  if (entries.length) {
    const top = level(entries, rootNum)
    objects.push({ num: rootNum, gen: 0, body: `<</Type /Outlines /First ${top.first} 0 R /Last ${top.last} 0 R /Count ${top.count}>>` })
    cat += `/Outlines ${rootNum} 0 R\n/PageMode /UseOutlines\n`
  } else {
    next = size
  }
  const prefs = catalog.get('ViewerPreferences')
  if (prefs?.t === 'dict') {
    cat += '/ViewerPreferences <<'
    for (const [k, v] of prefs.entries) if (k !== 'DisplayDocTitle') cat += `/${k} ${raw(v)} `
    cat += '/DisplayDocTitle true>>\n'
  } else if (prefs) cat += `/ViewerPreferences ${raw(prefs)}\n`
  else cat += '/ViewerPreferences <</DisplayDocTitle true>>\n'
  cat += `/Lang ${pdfText(info.lang)}>>`
  objects.push({ num: root.num, gen: root.gen, body: cat })

  // The info dictionary: the old one's entries, the title replaced (a new object when there was none).
  let infoBody = '<<'
  let infoNum = next
  let infoGen = 0
  const oldInfo = trailer.get('Info')
  if (oldInfo) {
    const old = lookup(oldInfo)
    if (old.value.t !== 'dict') throw new Unsupported('the info dictionary is not a dictionary')
    for (const [k, v] of old.value.entries) if (k !== 'Title') infoBody += `/${k} ${raw(v)}\n`
    infoNum = old.num
    infoGen = old.gen
  } else next++
  objects.push({ num: infoNum, gen: infoGen, body: `${infoBody}/Title ${pdfText(info.title)}>>` })

  // Serialise: the objects, a cross-reference section (one subsection per run of numbers), the trailer.
  const parts: string[] = []
  let at = b.length
  const ends = b[b.length - 1] === 0x0a
  const push = (s: string) => {
    parts.push(s)
    at += s.length
  }
  if (!ends) push('\n')
  const where = new Map<number, { offset: number; gen: number }>()
  for (const o of objects) {
    where.set(o.num, { offset: at, gen: o.gen })
    push(`${o.num} ${o.gen} obj\n${o.body}\nendobj\n`)
  }
  const xrefAt = at
  const nums = [...where.keys()].sort((x, y) => x - y)
  let xref = 'xref\n'
  for (let i = 0; i < nums.length; ) {
    let j = i
    while (j + 1 < nums.length && (nums[j + 1] as number) === (nums[j] as number) + 1) j++
    xref += `${nums[i]} ${j - i + 1}\n`
    for (let k = i; k <= j; k++) {
      const e = where.get(nums[k] as number) as { offset: number; gen: number }
      xref += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n \n`
    }
    i = j + 1
  }
  const id = trailer.get('ID')
  push(`${xref}trailer\n<</Size ${Math.max(next, size)} /Root ${root.num} ${root.gen} R /Info ${infoNum} ${infoGen} R /Prev ${startxref}${id ? ` /ID ${trailerRaw(id)}` : ''}>>\nstartxref\n${xrefAt}\n%%EOF\n`)
  // Everything appended is ASCII (text strings are hex), so string length is byte length.
  const tail = Buffer.from(parts.join(''), 'latin1')
  const out = new Uint8Array(b.length + tail.length)
  out.set(b, 0)
  out.set(tail, b.length)
  return { pdf: out, pages: pages.length }
}

/**
 * The reading edition's table of contents (`<nav class="read-toc">` in read.html, written by
 * src/reading/render.ts) as outline entries with slide ids: the same entries as
 * `deckOutline`, read from the built page instead of compiling the slides again. Pure.
 */
export interface TocEntry {
  title: string
  id: string
  children: TocEntry[]
}

export function readingToc(html: string): TocEntry[] | undefined {
  const start = html.search(/<nav class="read-toc"[^>]*>/)
  if (start < 0) return undefined
  const end = html.indexOf('</nav>', start)
  if (end < 0) return undefined
  const nav = html.slice(start, end)
  const root: TocEntry[] = []
  // A stack of open lists; the last entry of the innermost list takes a nested <ol>.
  const lists: TocEntry[][] = []
  let current: TocEntry[] | undefined
  for (const m of nav.matchAll(/<ol>|<\/ol>|<a href="#([^"]*)">([\s\S]*?)<\/a>/g)) {
    if (m[0] === '<ol>') {
      const next: TocEntry[] = current ? (current.at(-1)?.children ?? root) : root
      if (current) lists.push(current)
      current = next
    } else if (m[0] === '</ol>') current = lists.pop()
    else current?.push({ id: decodeHtml(m[1] ?? ''), title: decodeHtml((m[2] ?? '').replace(/<[^>]*>/g, '')), children: [] })
  }
  return root
}

/** What the reading edition says of the deck and of each slide, in deck order. */
export interface ReadingDeck {
  title: string
  subtitle?: string
  lang: string
  /** `section`: the article section, given on the first slide of each file (reveal's stack). */
  slides: { id: string; title: string; section?: string }[]
}

/**
 * The deck's title, subtitle and language and each slide's id, title and section, read from
 * read.html's header and articles (as src/reading/render.ts writes them): what `npm run pptx`
 * needs of the compiled deck, without compiling it again. Undefined when the page does not
 * have that shape. Pure.
 */
export function readingDeck(html: string): ReadingDeck | undefined {
  const lang = /<html\b[^>]*\blang="([^"]*)"/.exec(html)?.[1]
  const header = /<header class="read-header">([\s\S]*?)<\/header>/.exec(html)?.[1]
  const title = header && /<h1>([^<]*)<\/h1>/.exec(header)?.[1]
  if (lang === undefined || title === undefined) return undefined
  const subtitle = header && /<p class="read-subtitle">([^<]*)<\/p>/.exec(header)?.[1]
  const slides: ReadingDeck['slides'] = []
  const article = /<article class="read-slide\b[^"]*" id="([^"]*)"[^>]*>(?:<p class="read-kicker">([^<]*)<\/p>)?<h2 class="read-title"[^>]*><span class="read-number">\d+\.<\/span> ([^<]*)<\/h2>/g
  for (const m of html.matchAll(article)) {
    const section = m[2] === undefined ? undefined : decodeHtml(m[2])
    slides.push({ id: decodeHtml(m[1] ?? ''), title: decodeHtml(m[3] ?? ''), ...(section === undefined ? {} : { section }) })
  }
  if (!slides.length || slides.length !== (html.match(/<article class="read-slide\b/g) ?? []).length) return undefined
  return { title: decodeHtml(title), ...(subtitle ? { subtitle: decodeHtml(subtitle) } : {}), lang: decodeHtml(lang), slides }
}
