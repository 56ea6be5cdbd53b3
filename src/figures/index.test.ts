import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FIGURE_KINDS, figureKind } from './index.ts'
import { fontSizes, MIN_TEXT_PX, slideScale, viewBoxOf } from './svg.ts'
import { findAll, parseXml, textOf, type XmlElement } from './xml-check.ts'

/** One small spec per kind, with markup-like and quoted text to check escaping. */
const FIXTURES: Record<string, unknown> = {
  timeline: {
    title: 'Talks & dams: <draft> "quoted"',
    events: [
      { date: '1995-04', label: 'Agreement <signed>', note: 'four states & "observers"' },
      { date: '2012', label: 'Dam starts' },
      { label: 'Data shared' },
    ],
  },
  chart: { title: 'Dams & "weirs" <per decade>', unit: 'dams', data: { '1990s': 3, '2000s & after': 8 } },
  pillars: {
    title: 'Accord & "pillars" <draft>',
    roof: 'The accord',
    pillars: [
      { name: 'Water & power', points: ['Flow <data>', 'Quotas'] },
      { name: 'Money', points: ['A fund'] },
    ],
    foundation: 'One "river"',
  },
}
const NAMES = Object.keys(FIXTURES)

function render(name: string, id = `fig-${name}`) {
  const kind = figureKind(name)
  if (!kind) throw new Error(`no kind ${name}`)
  const r = kind.validate(FIXTURES[name])
  expect(r.issues).toEqual([])
  return kind.render(r.spec, id)
}

describe('the registry', () => {
  it('holds the timeline, chart and pillars kinds (and the map once its kind is written), each under its name', () => {
    for (const name of NAMES) expect(FIGURE_KINDS.get(name)?.name).toBe(name)
    for (const [name, kind] of FIGURE_KINDS) {
      expect(kind.name).toBe(name)
      expect(kind.keys).toContain('title')
    }
    expect(figureKind('toString')).toBeUndefined()
    expect(figureKind('__proto__')).toBeUndefined()
    expect(figureKind('Timeline')).toBeUndefined()
  })
})

describe.each(NAMES)('figure kind %s', (name) => {
  const out = render(name)
  const root = parseXml(out.svg)

  it('is a well-formed SVG document with the accessible root', () => {
    expect(root.name).toBe('svg')
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg')
    expect(root.attrs.role).toBe('img')
    expect(root.attrs.class).toBe(`figure figure-${name}`)
    // Named once by its title, described once by its text equivalent.
    expect(root.attrs['aria-labelledby']).toBe(`fig-${name}-title`)
    expect(root.attrs['aria-describedby']).toBe(`fig-${name}-desc`)
    expect(root.attrs.viewBox).toMatch(/^0 0 \d+(\.\d)? \d+(\.\d)?$/)
  })

  it("opens with the author's title as <title> and the generated text equivalent as <desc>", () => {
    const [title, desc] = root.children as XmlElement[]
    expect(title?.name).toBe('title')
    expect(title?.attrs.id).toBe(`fig-${name}-title`)
    expect(textOf(title as XmlElement)).toBe((FIXTURES[name] as { title: string }).title)
    expect(desc?.name).toBe('desc')
    expect(desc?.attrs.id).toBe(`fig-${name}-desc`)
    expect(textOf(desc as XmlElement)).toBe(out.text)
  })

  it('says in its text equivalent every word the figure draws, and claims every drawn text but scale ticks', () => {
    const text = out.text.toLowerCase()
    for (const t of findAll(root, (e) => e.name === 'text' && !/fig-(tick-label|order)\b/.test(e.attrs.class ?? '')).map(textOf)) {
      for (const word of t
        .toLowerCase()
        .split(/[\s:;,()“”"<>&]+/)
        .filter((w) => w.length > 2 && w !== 'source'))
        expect(text, `"${word}" from "${t}"`).toContain(word)
      expect(
        out.claims.some((c) => c.includes(t) || t.includes(c)),
        t,
      ).toBe(true)
    }
  })

  it('sets a font size on every text, at least 22 px once fitted into the slide', () => {
    const { width, height } = viewBoxOf(out.svg)
    const texts = findAll(root, (e) => e.name === 'text')
    expect(fontSizes(out.svg)).toHaveLength(texts.length)
    expect(Math.min(...fontSizes(out.svg)) * slideScale(width, height)).toBeGreaterThanOrEqual(MIN_TEXT_PX)
  })

  it('has unique ids, all under the given prefix', () => {
    const ids = findAll(root, (e) => e.attrs.id !== undefined).map((e) => e.attrs.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id?.startsWith(`fig-${name}-`)).toBe(true)
  })

  it('has no external references, scripts, event handlers or inline styles', () => {
    expect(out.svg).not.toMatch(/<(image|script|foreignObject|a|style)\b/)
    // Halos are the one reference: a <use> of a label in the same figure, through its filter.
    expect(out.svg).not.toMatch(/\b(xlink:href|style)=|\bhref="(?!#)|url\((?!#)/)
    for (const use of findAll(root, (e) => e.name === 'use')) expect(use.attrs.href).toMatch(/^#fig-\w+-t\d+$/)
    for (const e of findAll(root, () => true)) for (const key of Object.keys(e.attrs)) expect(key).not.toMatch(/^on/i)
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
    expect(render(name).svg).toBe(out.svg)
    expect(render(name, 'other').svg.replaceAll('other-', `fig-${name}-`)).toBe(out.svg)
  })
})

describe('figures.css', () => {
  const css = readFileSync(fileURLToPath(new URL('../../assets/figures.css', import.meta.url)), 'utf8')

  it('leaves type sizes to the figures (a CSS font-size would override the size the layout used)', () => {
    for (const name of NAMES) {
      const classes = new Set(findAll(parseXml(render(name).svg), (e) => e.name === 'text').flatMap((e) => (e.attrs.class ?? '').split(/\s+/)))
      for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
        if (!/font-size/.test(body ?? '')) continue
        for (const cls of classes) expect(new RegExp(`\\.${cls}(?![\\w-])`).test(selectors ?? ''), `${cls} in ${selectors?.trim()}`).toBe(false)
      }
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
    const pairs: Array<[string, string]> = [
      ['--fig-ink', '--fig-bg'],
      ['--fig-ink-muted', '--fig-bg'],
      ['--fig-ink-muted', '#f2efe8'], // notes in the undated lane
      ['--fig-navy', '--fig-bg'],
      ['--fig-navy', '#f2efe8'],
      ['--fig-navy', '--fig-iran'], // pillar names on their capitals
      ['#ffffff', '--fig-navy'], // roof text
      ['#ffffff', '--fig-red'], // foundation text
    ]
    for (const [fg, bg] of pairs) expect(ratio(v(fg), v(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5)
  })
})

describe('runtimes', () => {
  it('renders byte-identical output under tsx (plain Node ESM)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url))
    const script = `import { figureKind } from './src/figures/index.ts'
const fixtures = ${JSON.stringify(FIXTURES)}
process.stdout.write(JSON.stringify(Object.keys(fixtures).map((n) => { const k = figureKind(n); return k.render(k.validate(fixtures[n]).spec, 'fig-' + n).svg })))`
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' })
    expect(JSON.parse(out)).toEqual(NAMES.map((n) => render(n).svg))
    // A second Node with tsx, which takes 1-2 s idle and took 34 s at load 27 on two cores.
  }, 180_000)
})
