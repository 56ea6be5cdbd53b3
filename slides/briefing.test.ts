/**
 * This briefing's own tests: what is particular to it (the article's eight sections, a file each,
 * in the order that matters to the room; the bottom line's judgments; the appendix mapping slides
 * back to the article; the closing headline, the quotes and the caveats), and its
 * fidelity to the article named in deck.yaml. They live with the slides and go when the slides
 * go; the tool's tests (tests/, src/) hold for any deck in slides/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { extractClaims, indexSource, isFound, normalizeText } from '../src/check/fidelity.ts'
import { formatFinding } from '../src/check/findings.ts'
import { runCheck } from '../src/check/run.ts'
import { buildDeck } from '../src/compiler/node.ts'
import { type MapSpec, mapFigure, renderMapSpec } from '../src/figures/map/index.ts'
import { rectsOverlap } from '../src/figures/map/labels.ts'
import { builtDist } from '../tests/built.ts'

const root = resolve(import.meta.dirname, '..')
const { deck } = buildDeck(root)
const slides = deck.slides

/** The article's eight sections, in its own order (its table of contents). */
const SECTIONS = [
  "The Historical Evolution of Iran and Russia's Relationship",
  'Economic Pillars: Trade, Energy, and Financial Integration',
  'Military and Strategic Alignment: A Partnership of Necessity',
  'Nuclear Cooperation: A Foundation of Trust',
  'Challenging Western Hegemony: A Shared Ideological Front',
  'The Ukraine War: A Catalyst for Closer Ties',
  "Middle East Stability: Russia's Stance on Iran's Security",
  'The Future Outlook: Implications for Global Order',
]
const HEADLINE = 'Iran says no to nuclear talks during conflict as UN urges restraint'
const isContent = (s: (typeof slides)[number]) => s.section !== undefined

/** The same sections in the order the briefing takes them: what matters to the room first. */
const ROOM_ORDER = [SECTIONS[2], SECTIONS[6], SECTIONS[5], SECTIONS[1], SECTIONS[4], SECTIONS[3], SECTIONS[0], SECTIONS[7]]
/** ICD 203's words of likelihood, longest first so "very likely" is not read as "likely". */
const ESTIMATIVE = ['almost no chance', 'very unlikely', 'roughly even chance', 'almost certainly', 'very likely', 'unlikely', 'likely']
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/g, ' ')
    .replace(/\s+/g, ' ')

describe('the Iran and Russia briefing', () => {
  it('gives each article section its own file, numbered in the order that matters to the room', () => {
    const firsts = slides.filter((s) => s.section && s.v === 0)
    // The deck sets type (curly apostrophes); the words are the article's.
    expect(firsts.map((s) => s.section?.replace(/’/g, "'"))).toEqual(ROOM_ORDER)
    expect(new Set(firsts.map((s) => s.file)).size).toBe(SECTIONS.length)
    const files = slides.filter((s) => s.v === 0).map((s) => s.file)
    expect(files).toEqual([...files].sort())
  })

  it('opens with the title and the bottom line, and ends with the appendix mapping slides to the article', () => {
    expect(slides[0]?.layout).toBe('title')
    expect(slides[1]?.id).toBe('bottom-line')
    const last = slides[slides.length - 1]
    expect(last?.id).toBe('appendix')
    // Every section slide is linked from the appendix, in the article's own order.
    const linked = [...(last?.bodyHtml ?? '').matchAll(/href="#\/([^"]+)"/g)].map((m) => m[1])
    const sectionOf = (id: string | undefined) => slides.find((s) => s.id === id)?.section?.replace(/’/g, "'")
    expect(linked.sort()).toEqual(
      slides
        .filter(isContent)
        .map((s) => s.id)
        .sort(),
    )
    const rows = [...(last?.bodyHtml ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => /href="#\/([^"]+)"/.exec(m[1] ?? '')?.[1])
    const firstLinks = rows.filter((id) => id !== undefined).map(sectionOf)
    expect(firstLinks).toEqual(SECTIONS)
  })

  it('states key judgments up front: whose, an ICD 203 likelihood, a confidence, the source and its date', () => {
    const bottom = slides[1]
    // A judgments slide: one table row a judgment, its estimate in badges.
    expect(bottom?.layout).toBe('judgments')
    const rows = [...(bottom?.bodyHtml ?? '').matchAll(/<tr class="judgment"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => plain(m[1] ?? ''))
    expect(rows.length).toBeGreaterThanOrEqual(3)
    expect(rows.length).toBeLessThanOrEqual(4)
    for (const row of rows) {
      expect(row, row).toMatch(/\((article|briefer)\)/)
      expect(
        ESTIMATIVE.some((w) => row.includes(w)),
        row,
      ).toBe(true)
      expect(row, row).toMatch(/\b(low|moderate|high)\b/)
    }
    const text = plain(bottom?.bodyHtml ?? '')
    expect(text).toMatch(/undated/)
    expect(text).toMatch(/breaks off/)
    expect(text).toMatch(/as of mid[-‑]2025/)
    expect(bottom?.title).toMatch(/not Russian forces/)
  })

  it('plans a 10 to 15 minute talk on 10 to 12 slides, every slide with notes', () => {
    for (const s of slides) expect(s.notesWords, `${s.file} ${s.id}`).toBeGreaterThan(30)
    expect(slides.length).toBeGreaterThanOrEqual(10)
    expect(slides.length).toBeLessThanOrEqual(12)
    expect(deck.config.targetMinutes - deck.config.toleranceMinutes).toBe(10)
    expect(deck.config.targetMinutes + deck.config.toleranceMinutes).toBe(15)
    expect(deck.totalSeconds / 60).toBeGreaterThanOrEqual(10)
    expect(deck.totalSeconds / 60).toBeLessThanOrEqual(15)
  })

  it("opens every slide's notes with a short cue, and its prose has no stage directions", () => {
    for (const s of slides) {
      // The first paragraph is the cue; the prose follows in paragraphs of its own.
      const [cue = '', ...rest] = [...s.notesHtml.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => plain(m[1] ?? '').trim())
      expect(cue.split(/\s+/).length, `${s.id}: ${cue}`).toBeLessThanOrEqual(15)
      expect(rest.join(' ').split(/\s+/).length, s.id).toBeGreaterThan(cue.split(/\s+/).length)
      expect(s.notesText, s.id).not.toMatch(/\b(let me|let's|I will|I'll|we will|now,? (turn|look)|next slide)\b/i)
    }
  })

  it('has the map and the timeline, each with a text equivalent, and no pillars', () => {
    const figures = slides.flatMap((s) => s.figures.map((f) => ({ ...f, slide: s })))
    expect(figures.map((f) => f.name).sort()).toEqual(['map', 'timeline'])
    for (const f of figures) {
      expect(f.alt.split(/\s+/).length, f.name).toBeGreaterThanOrEqual(6)
      expect(f.slide.bodyHtml).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"/)
    }
  })

  it('titles every slide with an assertion, and keeps quote layouts for attributed quotes', () => {
    for (const s of slides) expect(s.title.split(/\s+/).length, s.title).toBeGreaterThanOrEqual(5)
    for (const s of slides.filter((x) => x.layout === 'quote')) expect(s.bodyHtml, s.id).toMatch(/—\s*[A-Z]/)
  })

  it('draws its map with Iran, Russia and Armenia filled and every label in the frame, none overlapping', () => {
    // (The tool's map tests use made-up regions; this is the briefing's own map, from its slide file.)
    const file = readdirSync(resolve(root, 'slides')).find((f) => readFileSync(resolve(root, 'slides', f), 'utf8').includes('```map'))
    const block = /```map\n([\s\S]*?)\n```/.exec(readFileSync(resolve(root, 'slides', file ?? ''), 'utf8'))?.[1]
    const { spec, issues } = mapFigure.validate(parseYaml(block ?? ''))
    expect(issues).toEqual([])
    const out = renderMapSpec(spec as MapSpec, 'briefing-map')
    expect((spec as MapSpec).countries.map((c) => c.name)).toEqual(['Iran', 'Russia', 'Armenia'])
    for (const c of (spec as MapSpec).countries)
      expect(out.svg).toMatch(new RegExp(`<path[^>]*data-key="${c.key}"[^>]*fig-hl-|<path[^>]*fig-hl-[^>]*data-key="${c.key}"`))
    for (const l of out.labels) {
      expect(l.forced, l.key).toBeUndefined()
      expect(l.box.x0 >= 4 && l.box.x1 <= out.panelWidth - 4, l.key).toBe(true)
    }
    for (const [i, a] of out.labels.entries()) for (const b of out.labels.slice(i + 1)) expect(rectsOverlap(a.box, b.box), `${a.key} / ${b.key}`).toBe(false)
  })

  it("turns the broken-off outlook into the briefer's indicators, and shows its closing headline once", () => {
    const outlook = slides.filter((s) => s.section?.replace(/’/g, "'") === SECTIONS[7])
    expect(outlook.map((s) => s.id)).toEqual(['what-to-watch'])
    const text = outlook.map((s) => `${s.bodyHtml} ${s.notesText}`).join(' ')
    expect(text).toMatch(/mid-sentence|breaks off|cuts off/i)
    expect(plain(outlook[0]?.bodyHtml ?? '')).toMatch(/briefer.s indicators/i)
    expect(plain(outlook[0]?.bodyHtml ?? '')).not.toMatch(/latest development/i)
    const all = slides.map((s) => s.bodyHtml).join(' ')
    expect(all.split(HEADLINE).length - 1).toBe(1)
  })

  it('attributes the quotes as the article does', () => {
    const notes = slides.map((s) => s.notesText).join(' ')
    expect(notes).toMatch(/Igor Yushkov/)
    expect(notes).toMatch(/Sergei Ryabkov/)
    expect(notes).toMatch(/deeply, deeply, deeply troubled and complicated/)
    expect(notes).toMatch(/no(t| named)? (name|speaker)|unnamed|without (naming|a named)/i)
  })

  it('labels every outside-context caveat as such', () => {
    for (const s of slides) {
      for (const year of ['2011', '2023', '2025']) {
        if (s.notesText.includes(year)) expect(s.notesText, `${s.id} uses ${year}`).toMatch(/outside context/i)
      }
    }
  })
})

describe('its fidelity to the article named in deck.yaml', () => {
  const named = deck.config.sources?.find((s) => s.id === 'article')?.file
  const article = named === undefined ? undefined : resolve(root, 'slides', named)

  it('names the article, which CI has beside the project', () => {
    expect(named).toBe('../../shared/source/article.txt')
    // A plain clone has no article beside it (the check then says so); CI must have it (.ci/run).
    if (/^(true|1|yes)$/i.test(process.env.CI ?? '')) expect(existsSync(article ?? ''), `CI: the article is not at ${article}`).toBe(true)
  })

  it('carries every number, name and quote of the article into its slides or notes', () => {
    // A plain clone has no article beside it; CI has (the test above): there this one compares.
    if (!existsSync(article ?? '')) return expect(/^(true|1|yes)$/i.test(process.env.CI ?? ''), 'CI without the article').toBe(false)
    const told = indexSource(
      readdirSync(resolve(root, 'slides'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => readFileSync(resolve(root, 'slides', f), 'utf8'))
        .join('\n'),
    )
    // Sentences only: the title, the contents and the subheadings (lines without a full stop) are
    // the article's structure, which the agenda and the kickers carry in their own words.
    const sentences = readFileSync(article ?? '', 'utf8')
      .split('\n')
      .map((text, i) => ({ pos: { file: 'article', line: i + 1, column: 1 }, text: normalizeText(text), blockStart: true, notes: false }))
      .filter((l) => /[.!?]["”]?\s*$/.test(l.text))
    const missing = [
      ...new Set(
        extractClaims(sentences, 'article')
          .filter((c) => !isFound(told, c))
          .map((c) => `${c.kind} "${c.text}" (article line ${c.line})`),
      ),
    ]
    expect(missing).toEqual([])
  })

  it('keeps every number, name and quote to its sources where they are; fails at deck.yaml when they are not', async () => {
    const r = await runCheck({ root, distDir: builtDist(), browser: false })
    const fidelity = r.notes.filter((n) => n.startsWith('fidelity'))
    expect(fidelity).toHaveLength(1)
    if (existsSync(article ?? '')) {
      expect(r.findings.map(formatFinding)).toEqual([])
      expect(fidelity[0]).toMatch(
        /^fidelity: \d{3,} numbers, names and quotes checked against .*article\.txt, .*fact-check\.md; \d+ allowed by slides\/fidelity-allowlist\.yaml/,
      )
    } else
      expect(r.findings.map(formatFinding)).toContainEqual(
        expect.stringMatching(/^slides\/deck\.yaml:\d+: fidelity: the source "\.\.\/\.\.\/shared\/source\/article\.txt" does not exist/),
      )
  })

  it('cites the public record where a note gives outside context, and nowhere else', () => {
    for (const s of slides) {
      const outside = /outside context/i.test(s.notesText)
      expect(s.cites?.some((c) => c.id === 'record') ?? false, s.id).toBe(outside)
      if (outside) expect(s.bodyHtml, s.id).toMatch(/<p class="slide-source"><small>Sources?: .*Public record<\/small>/)
    }
  })
})
