import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FIGURE_NAMES, isFigureName, renderFigure, type FigureName } from './index.ts'
import { findAll, parseXml, textOf, type XmlElement } from './xml-check.ts'

const ALT = 'Author’s alt: Iran & Russia <draft> "quoted"'

function render(name: FigureName, id = `fig-${name}`): string {
  const svg = renderFigure(name, { alt: ALT, id })
  if (svg === undefined) throw new Error(`no figure ${name}`)
  return svg
}

describe('renderFigure', () => {
  it('knows exactly the three figures', () => {
    expect(FIGURE_NAMES).toEqual(['map', 'timeline', 'pillars'])
    expect(Object.isFrozen(FIGURE_NAMES)).toBe(true)
  })

  it.each(['', 'Map', 'chart', 'toString', '__proto__', 'constructor'])('returns undefined for unknown name %j', (name) => {
    expect(isFigureName(name)).toBe(false)
    expect(renderFigure(name, { alt: 'x', id: 'x' })).toBeUndefined()
  })

  it('accepts slide-style id prefixes, including a leading digit', () => {
    expect(renderFigure('pillars', { alt: 'x', id: '04-economy-fig-1' })).toContain('id="04-economy-fig-1-title"')
  })

  it.each(['', '-fig', 'a b', 'a"b', 'a<b', 'fig#1'])('rejects unusable id prefix %j', (id) => {
    expect(() => renderFigure('map', { alt: 'x', id })).toThrow(RangeError)
  })
})

describe.each(FIGURE_NAMES)('figure %s', (name) => {
  const svg = render(name)
  const root = parseXml(svg)

  it('is a well-formed SVG document with the accessible root', () => {
    expect(root.name).toBe('svg')
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg')
    expect(root.attrs.role).toBe('img')
    expect(root.attrs.class).toBe(`figure figure-${name}`)
    expect(root.attrs['aria-labelledby']).toBe(`fig-${name}-title fig-${name}-desc`)
    expect(root.attrs.viewBox).toMatch(/^0 0 \d+ \d+$/)
  })

  it('opens with a short <title> and a <desc> that starts with the alt text', () => {
    const [title, desc] = root.children as XmlElement[]
    expect(title?.name).toBe('title')
    expect(title?.attrs.id).toBe(`fig-${name}-title`)
    expect(textOf(title as XmlElement).length).toBeGreaterThan(10)
    expect(textOf(title as XmlElement).length).toBeLessThan(80)
    expect(desc?.name).toBe('desc')
    expect(desc?.attrs.id).toBe(`fig-${name}-desc`)
    const descText = textOf(desc as XmlElement)
    expect(descText.startsWith(ALT)).toBe(true)
    expect(descText.length).toBeGreaterThan(ALT.length + 100)
  })

  it('puts every visible text in the <desc> as well', () => {
    const descText = textOf(root.children[1] as XmlElement).toLowerCase()
    const ignore = new Set(['1', '2', '3', '4', '5', '6'])
    for (const t of findAll(root, (e) => e.name === 'text').map(textOf)) {
      if (ignore.has(t)) continue
      for (const word of t.toLowerCase().split(/[\s:;,()“”"]+/).filter((w) => w.length > 3)) {
        expect(descText, `"${word}" from "${t}"`).toContain(word)
      }
    }
  })

  it('has unique ids, all under the given prefix', () => {
    const ids = findAll(root, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id?.startsWith(`fig-${name}-`)).toBe(true)
  })

  it('has no external references, scripts, event handlers or inline styles', () => {
    expect(svg).not.toMatch(/<(image|script|foreignObject|use|a|style)\b/)
    expect(svg).not.toMatch(/\b(href|xlink:href|style)=|url\(/)
    for (const e of findAll(root, () => true)) {
      for (const key of Object.keys(e.attrs)) expect(key).not.toMatch(/^on/i)
    }
  })

  it('rounds coordinates to one decimal', () => {
    for (const e of findAll(root, () => true)) {
      for (const [key, value] of Object.entries(e.attrs)) {
        if (key === 'class' || key.startsWith('data-') || key.startsWith('aria-')) continue
        expect(value, `${e.name} ${key}`).not.toMatch(/\d\.\d\d/)
      }
    }
  })

  it('is deterministic, and the id only changes ids', () => {
    expect(render(name)).toBe(svg)
    expect(render(name, 'other').replaceAll('other-', `fig-${name}-`)).toBe(svg)
  })
})

describe('figures.css', () => {
  const css = readFileSync(fileURLToPath(new URL('../../assets/figures.css', import.meta.url)), 'utf8')
  const sizeOf = (cls: string): number | undefined => {
    let size: number | undefined
    for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      const hit = (selectors ?? '').split(',').some((s) => new RegExp(`\\.${cls}(?![\\w-])`).test(s))
      const m = /font-size:\s*([\d.]+)px/.exec(body ?? '')
      if (hit && m) size = Number(m[1])
    }
    return size
  }
  // Captions and notes may be 16 px; labels must be at least 18 px at the 1100 px display width.
  const CAPTIONS = new Set(['fig-caption', 'fig-event-note'])

  it.each(FIGURE_NAMES)('gives every text class in %s a legible font size', (name) => {
    const root = parseXml(render(name))
    const classes = new Set(
      findAll(root, (e) => e.name === 'text' || e.name === 'tspan').flatMap((e) => (e.attrs.class ?? '').split(/\s+/).filter(Boolean)),
    )
    for (const cls of classes) {
      if (cls === 'fig-label') continue // the halo wrapper; sizes come from its tspans
      const size = sizeOf(cls)
      expect(size, cls).toBeDefined()
      expect(size ?? 0, cls).toBeGreaterThanOrEqual(CAPTIONS.has(cls) ? 16 : 18)
    }
  })

  it('keeps text colours at WCAG AA contrast on their backgrounds', () => {
    const vars = Object.fromEntries([...css.matchAll(/(--fig-[\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]))
    const lum = (hex: string): number => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)
    }
    const ratio = (a: string, b: string): number => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
      return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05)
    }
    const v = (name: string): string => vars[name] ?? name
    const pairs: Array<[string, string, number]> = [
      ['--fig-ink', '--fig-bg', 4.5],
      ['--fig-ink', '--fig-land', 4.5],
      ['--fig-ink', '--fig-russia', 4.5],
      ['--fig-ink', '--fig-iran', 4.5],
      ['--fig-ink-muted', '--fig-bg', 4.5],
      ['--fig-ink-muted', '--fig-land', 4.5],
      ['--fig-ink-muted', '#f2efe8', 4.5],
      ['--fig-navy', '--fig-water', 4.5],
      ['--fig-navy', '--fig-iran', 4.5],
      ['--fig-navy', '#f2efe8', 4.5],
      ['--fig-red-dark', '--fig-russia', 4.5],
      ['#ffffff', '--fig-navy', 4.5],
      ['#ffffff', '--fig-red', 4.5],
    ]
    for (const [fg, bg, min] of pairs) expect(ratio(v(fg), v(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(min)
  })
})

describe('runtimes', () => {
  it('renders byte-identical output under tsx (plain Node ESM with the JSON import attribute)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const script = `import { renderFigure, FIGURE_NAMES } from './src/figures/index.ts'
process.stdout.write(JSON.stringify(FIGURE_NAMES.map((n) => renderFigure(n, { alt: ${JSON.stringify(ALT)}, id: 'fig-' + n }))))`
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
    expect(JSON.parse(out)).toEqual(FIGURE_NAMES.map((n) => render(n)))
  }, 30_000)
})
