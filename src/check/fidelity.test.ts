import { describe, expect, it } from 'vitest'
import { compileDeck } from '../compiler/deck.ts'
import { FIGURE_KINDS } from '../figures/index.ts'
import { type AllowEntry, checkFidelity, extractClaims, indexSource, isFound, normWord, parseAllowlist } from './fidelity.ts'

/** A slide file's prose as the build records it: the compiler's own reading of its Markdown. */
const proseOf = (text: string, path = 'slides/01-x.md') =>
  compileDeck({ files: [{ path, text }], env: { figureKinds: FIGURE_KINDS, assetExists: () => false } }).prose

const SOURCE = `The Harbour Report
In 2014 the Port of Vilnor handled about 40 percent of the region’s grain. Its director, Anna Ferris, called the new quay “a door to the sea”. The U.S. Navy visited twice; the report may be revised in spring.
Trade between the Eurasian ports and Vilnor doubled within two years — the Vilnor-Kessa line carried 1,200 ships.`

const slide = (body: string, title = 'A fixture slide') => `---\ntitle: "${title}"\nlayout: bullets\n---\n${body}\n`

function check(body: string, allowlist: AllowEntry[] = [], title?: string) {
  return checkFidelity({ source: SOURCE, prose: proseOf(slide(body, title)), allowlist, allowlistPath: 'slides/fidelity-allowlist.yaml' }).findings
}
const messages = (body: string, allowlist: AllowEntry[] = []) => check(body, allowlist).map((f) => `${f.pos.line} ${f.code}: ${f.message}`)

describe('normalisation', () => {
  it('folds case, possessives, simple plurals and thousands separators', () => {
    expect(normWord('Russia’s')).toBe('russia')
    expect(normWord('Pillars')).toBe('pillar')
    expect(normWord('countries')).toBe('country')
    expect(normWord('1,200')).toBe('1200')
    expect(normWord('1990s')).toBe('1990')
    expect(normWord('BRICS')).toBe(normWord('Brics'))
  })

  it('matches quotes across curly and straight quote marks, dashes and punctuation', () => {
    expect(messages('- She called it "a door to the sea."')).toEqual([])
    expect(messages('- The Vilnor–Kessa line')).toEqual([])
  })

  it('treats % as percent and U.S. as US', () => {
    expect(messages('- About 40% of the grain')).toEqual([])
    expect(messages('- The US Navy came')).toEqual([])
  })
})

describe('claims not in the source are reported with file and line', () => {
  it('a number or year', () => {
    const f = check('- Trade doubled by 2019\n- About 40 percent of grain')
    expect(f).toHaveLength(1)
    expect(f[0]?.pos).toMatchObject({ file: 'slides/01-x.md', line: 5 })
    expect(f[0]?.message).toContain('number "2019" is not in the source')
  })

  it('a percentage is checked with its unit', () => {
    expect(messages('- About 45 percent of grain')).toEqual([expect.stringContaining('number "45 percent"')])
    expect(messages('- Ships: 1,200 a year')).toEqual([])
  })

  it('a number word', () => {
    expect(messages('- The line doubled within three years')).toEqual([expect.stringContaining('number "three"')])
    expect(messages('- It was repeated three times')).toEqual([expect.stringContaining('number "three times"')])
    expect(messages('- Trade doubled within two years')).toEqual([])
  })

  it('a proper name, single or multiword, not at a sentence start', () => {
    expect(messages('- The director, Anna Ferris, spoke')).toEqual([])
    expect(messages('- The director, Anna Fermi, spoke')).toEqual([expect.stringContaining('name "Anna Fermi"')])
    expect(messages('- A visit from Oslo')).toEqual([expect.stringContaining('name "Oslo"')])
  })

  it('a name must meet a capitalised occurrence: the month May is not the verb may', () => {
    expect(messages('- In force since May')).toEqual([expect.stringContaining('name "May"')])
  })

  it('a word at a sentence start is not a name, but the rest of a name after it is', () => {
    expect(messages('- Then trade doubled. Later the port grew')).toEqual([])
    expect(messages('- Vladimir Putin visited')).toEqual([expect.stringContaining('name "Putin"')])
  })

  it('a quoted phrase must be in the source as a whole', () => {
    expect(messages('- She called it "a gate to the sea"')).toEqual([expect.stringContaining('quoted phrase "a gate to the sea"')])
  })

  it('a compound of names passes when each name is in the source; a new name in it fails', () => {
    expect(messages('- The Kessa-Vilnor route')).toEqual([])
    expect(messages('- The Vilnor-Oslo route')).toEqual([expect.stringContaining('name "Vilnor-Oslo"')])
    expect(messages('- Anti-Vilnor feeling; Anti-Oslo feeling')).toEqual([expect.stringContaining('name "Anti-Oslo"')])
  })

  it('checks titles, figure alt text and notes, and says when it is in the notes', () => {
    const f = check('![Map: Vilnor and Oslo](assets/map.png)\n\nNotes:\nThe deal was signed in 2020.', [], 'Vilnor in 2014')
    expect(f.map((x) => [x.pos.line, x.message.match(/"[^"]+"/)?.[0], x.message.includes('(in the notes)')])).toEqual([
      [5, '"Oslo"', false],
      [8, '"2020"', true],
    ])
  })

  it('skips fenced code and markup', () => {
    expect(messages('```ts\nconst x = 2027\n```\n\n- **Vilnor** [port](#/port)')).toEqual([])
  })
})

describe('the allowlist', () => {
  const entry = (terms: string[], extra: Partial<AllowEntry> = {}): AllowEntry => ({ terms, reason: 'outside context, labelled on the slide', ...extra })

  it('lets a listed term through, in the listed files only', () => {
    expect(messages('- Signed in 2020', [entry(['2020'])])).toEqual([])
    expect(messages('- Signed in 2020', [entry(['2020'], { files: ['slides/09-other.md'] })])).toEqual([
      expect.stringContaining('number "2020"'),
      expect.stringContaining('allowlist term "2020" matches nothing'),
    ])
  })

  it('reports an entry that matches nothing, so the list stays small', () => {
    expect(messages('- Trade doubled', [entry(['Oslo'])])).toEqual([expect.stringContaining('allowlist term "Oslo" matches nothing')])
  })

  it('an allowed term does not excuse a different one', () => {
    expect(messages('- Signed in 2020 and 2021', [entry(['2020'])])).toEqual([expect.stringContaining('number "2021"')])
  })

  it('parses the YAML file and refuses entries without a reason', () => {
    const list = parseAllowlist(
      '- term: "2020"\n  reason: "fact-check: signed in 2020"\n- term: [a, b]\n  reason: "two labels of a figure"\n  figure: map\n',
      'allow.yaml',
    )
    expect(list).toEqual([
      { terms: ['2020'], reason: 'fact-check: signed in 2020', line: 1 },
      { terms: ['a', 'b'], reason: 'two labels of a figure', figure: 'map', line: 3 },
    ])
    expect(() => parseAllowlist('- term: "2020"\n', 'allow.yaml')).toThrow(/needs a "reason"/)
    expect(() => parseAllowlist('- term: x\n  reason: because it is so\n  file: [a]\n', 'allow.yaml')).toThrow(/unknown key "file"/)
  })
})

describe('numbers with a magnitude word', () => {
  const SCALED = 'Output was 26,000 tonnes in 2020 and 44,000 tonnes in 2022. About 1.5 million people live there, and 44 thousand work in mines.'
  const run = (body: string, figureTexts: { file: string; line: number; figure: string; texts: string[] }[] = []) =>
    checkFidelity({ source: SCALED, prose: proseOf(slide(body, 'Output')), figureTexts, allowlist: [], allowlistPath: 'a.yaml' }).findings.map((f) =>
      `${f.code}: ${f.message}`.replace(/ is not in the source.*/, ''),
    )

  it('finds 26 thousand as 26,000 in the source, and 1,500,000 as 1.5 million, and the other way round', () => {
    expect(run('- 26 thousand tonnes in 2020\n- 1,500,000 people\n- 44,000 work in mines, says the 44 thousand line')).toEqual([])
    expect(run('- 27 thousand tonnes\n- 1.6 million people')).toEqual(['fidelity: number "27 thousand"', 'fidelity: number "1.6 million"'])
  })

  it('a magnitude that labels a unit is not a claim; one that counts something is', () => {
    const source = 'Output rose to 44,000 tonnes.'
    const found = (body: string, title = 'Output') =>
      checkFidelity({ source, prose: proseOf(slide(body, title)), allowlist: [], allowlistPath: 'a.yaml' }).findings.map((f) =>
        `${f.code}: ${f.message}`.replace(/ is not in the source.*/, ''),
      )
    expect(found('- Shown in thousand tonnes', 'Output, thousand tonnes')).toEqual([])
    expect(found('- Output (million barrels) rose')).toEqual([])
    expect(found('- A thousand drones')).toEqual(['fidelity: number "thousand"'])
    // A number word before a magnitude is one number ("One million" = 1,000,000), found by value.
    expect(found('- One million people')).toEqual(['fidelity: number "One million"'])
    expect(found('- A thousand of them')).toEqual(['fidelity: number "thousand"'])
  })

  it('does not excuse a bare number by its scaled form', () => {
    expect(run('- 26 tonnes')).toEqual(['fidelity: number "26"'])
    // Only the four magnitude words scale (not an object's own keys: "constructor", "toString").
    expect(run('- 9 constructor parts')).toEqual(['fidelity: number "9"'])
  })

  it('a chart in thousands: each value is claimed with the magnitude, the unit without it', async () => {
    const { chartFigure } = await import('../figures/chart/index.ts')
    const data = { title: 'Output', type: 'bar', unit: 'thousand tonnes', data: { 2020: 26, 2022: 44 } }
    const parsed = chartFigure.validate(data)
    expect(parsed.issues).toEqual([])
    const claims = chartFigure.render(parsed.spec as never, 'c').claims
    expect(claims).toEqual(expect.arrayContaining(['tonnes', '26 thousand', '44 thousand']))
    expect(claims).not.toContain('thousand tonnes')
    expect(run('', [{ file: 'slides/01-x.md', line: 6, figure: 'chart', texts: claims }])).toEqual([])
    const off = chartFigure.render(chartFigure.validate({ ...data, data: { 2020: 26, 2022: 45 } }).spec as never, 'c').claims
    expect(run('', [{ file: 'slides/01-x.md', line: 6, figure: 'chart', texts: off }])).toEqual(['fidelity: number "45 thousand" (in the chart figure)'])
  })
})

describe('figure text', () => {
  it("checks a figure's claims at the line of its fence", () => {
    const texts = ['The Harbour Report', 'Vilnor & Oslo']
    const r = checkFidelity({
      source: SOURCE,
      prose: [],
      figureTexts: [{ file: 'slides/02-map.md', line: 6, figure: 'map', texts }],
      allowlist: [],
      allowlistPath: 'a.yaml',
    })
    expect(r.findings.map((f) => `${f.pos.file}:${f.pos.line} ${f.code}: ${f.message.slice(0, 50)}`)).toEqual([
      'slides/02-map.md:6 fidelity: name "Oslo" (in the map figure) is not in the sour',
    ])
  })
})

describe('prose extraction', () => {
  it('keeps line numbers and marks block starts and notes', () => {
    const lines = proseOf(slide('- one\n- two\ncontinued\n\nNotes:\nSaid aloud.\n--\n## Sub'))
    expect(lines.map((l) => [l.pos.line, l.text, l.blockStart, l.notes])).toEqual([
      [2, 'A fixture slide', true, false],
      [5, 'one', true, false],
      [6, 'two', true, false],
      [7, 'continued', false, false],
      [10, 'Said aloud.', true, true],
      [12, 'Sub', true, false],
    ])
  })

  it('a claim in a wrapped paragraph is reported at its own line', () => {
    const claims = extractClaims(proseOf(slide('The port grew\nfast after 2014 and\nagain in 2019.')), 'f')
    expect(claims.filter((c) => c.kind === 'number').map((c) => [c.text, c.line])).toEqual([
      ['2014', 6],
      ['2019', 7],
    ])
    const index = indexSource(SOURCE)
    expect(claims.filter((c) => !isFound(index, c)).map((c) => c.text)).toEqual(['2019'])
  })
})

describe('code', () => {
  it('code inside any fence is never a claim: a ````md fence holding a ``` line', () => {
    const body = '````md\n```\nCode says Zanzibar 1999.\n```\n````\n\nThe port grew.'
    expect(proseOf(slide(body)).map((l) => l.text)).toEqual(['A fixture slide', 'The port grew.'])
    expect(messages(body)).toEqual([])
    // The same line outside the fence is prose, and its claims are checked.
    expect(messages('Code says Zanzibar 1999.')).toEqual([
      expect.stringMatching(/^5 fidelity: number "1999"/),
      expect.stringMatching(/^5 fidelity: name "Zanzibar"/),
    ])
  })
})

describe('tables', () => {
  const TABLE =
    '| Year | Event | Trade Volume |\n| --- | :-- | --: |\n| 2014 | Quay opened at the Port of Vilnor | about 40 percent |\n| 2019 | Anna Ferris visits Oslo | — |'

  it('header cells are column headings, not names: "Year" and "Event" pass against a source without them', () => {
    expect(SOURCE).not.toMatch(/\bYear\b|\bEvent\b|\bVolume\b/)
    expect(messages(TABLE.split('\n').slice(0, 3).join('\n'))).toEqual([])
  })

  it('body cells are checked as prose, each cell a block of its own, at its line', () => {
    expect(messages(TABLE)).toEqual([expect.stringMatching(/^8 .*number "2019"/), expect.stringMatching(/^8 .*name "Oslo"/)])
    // A number in a heading is still a claim.
    expect(messages('| Share in 2031 |\n|---|\n| 40 percent |')).toEqual([expect.stringMatching(/^5 .*number "2031"/)])
  })

  it('marks the header row and leaves the delimiter row out', () => {
    const lines = proseOf(slide(TABLE))
    expect(lines.filter((l) => l.heading).map((l) => l.text)).toEqual(['Year', 'Event', 'Trade Volume'])
    expect(lines.filter((l) => !l.heading && l.pos.line > 2).map((l) => [l.pos.line, l.text, l.blockStart])).toEqual([
      [7, '2014', true],
      [7, 'Quay opened at the Port of Vilnor', true],
      [7, 'about 40 percent', true],
      [8, '2019', true],
      [8, 'Anna Ferris visits Oslo', true],
      [8, '—', true],
    ])
  })

  it('a line with a pipe that is not in a table stays one line of prose', () => {
    expect(proseOf(slide('Either | or, said Anna Fermi')).map((l) => l.text)).toEqual(['A fixture slide', 'Either | or, said Anna Fermi'])
  })
})

describe('values and dates', () => {
  const SRC = 'Four ships sank on February 24, 2022, and 12 more by 2023. A dozen ports closed; twenty-four crews left.'
  const run = (body: string, allowlist: AllowEntry[] = [], figureTexts: { file: string; line: number; figure: string; texts: string[] }[] = []) =>
    checkFidelity({ source: SRC, prose: proseOf(slide(body, 'Losses')), figureTexts, allowlist, allowlistPath: 'a.yaml' }).findings.map((f) =>
      `${f.pos.line} ${f.message}`.replace(/ is not in the source.*/, ''),
    )

  it('number words and digits match by value, both ways', () => {
    expect(run('- 4 ships sank\n- twelve more by 2023\n- 12 ports closed, 24 crews left')).toEqual([])
    expect(run('- four ships\n- five ships\n- 13 ports')).toEqual(['6 number "five"', '7 number "13"'])
    expect(run('- Twenty-four crews\n- twenty-five crews')).toEqual(['6 number "twenty-five"'])
  })

  it("a figure's printed date is a date, found in any form; a wrong one is reported whole", () => {
    const fig = (texts: string[]) => [{ file: 'slides/01-x.md', line: 9, figure: 'timeline', texts }]
    expect(run('', [], fig(['24 Feb 2022', 'Ships sank', 'Feb 2022']))).toEqual([])
    expect(run('', [], fig(['25 Feb 2022', 'Mar 2022']))).toEqual([
      '9 date "25 Feb 2022" (in the timeline figure)',
      '9 date "Mar 2022" (in the timeline figure)',
    ])
  })

  it('dates in the source: ISO, day-month-year and month-day-year all count', () => {
    const index = indexSource('On 2014-03-18 it ended; 1 April 2015 and Sept 3, 2016 too.')
    expect([...index.dates.keys()].sort()).toEqual(['2014-03', '2014-03-18', '2015-04', '2015-04-01', '2016-09', '2016-09-03'])
  })

  it('an allowlist entry may be a phrase, allowed as one where it stands', () => {
    const allow: AllowEntry[] = [{ terms: ['Back to SIFAR'], reason: 'a publication named on the slide, outside the source' }]
    expect(run('- As the blog Back to SIFAR put it', allow)).toEqual([])
    expect(run('- As the blog Back to SIFAR put it', [])).toEqual(['5 name "Back"', '5 name "SIFAR"'])
    // Its words elsewhere are not allowed by it.
    expect(run('- Then Back came SIFAR', allow).filter((m) => !m.includes('allowlist'))).toEqual(['5 name "Back"', '5 name "SIFAR"'])
  })
})
