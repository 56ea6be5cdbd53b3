import { describe, expect, it } from 'vitest'
import { END, fmtMs, renderTable, replaceBetweenMarkers, START } from './report.ts'

describe('bench report', () => {
  it('formats ms and seconds with the spread', () => {
    expect(fmtMs({ median: 1234, min: 1000, max: 1500, n: 3 })).toBe('1.23 s (1.00 s–1.50 s)')
    expect(fmtMs({ median: 4.25, min: 4.25, max: 4.25, n: 1 })).toBe('4.3 ms')
  })
  it('says MISSED where a target is missed and escapes pipes', () => {
    const t = renderTable([{ metric: 'a|b', ours: '1', baseline: '2', ratio: '0.5×', target: '≤ 0.4×', met: false }], 'head')
    expect(t).toContain('| a\\|b | 1 | 2 | 0.5× | ≤ 0.4× | **MISSED** |')
  })
  it('says "not measured" only where a target went unmeasured; a row without a target gets a dash', () => {
    const t = renderTable(
      [
        { metric: 'pdf', ours: 'no script', baseline: '—', ratio: '', target: '≤ 2 s', met: undefined },
        { metric: 'compile 100', ours: '40 ms', baseline: '—', ratio: '', target: '', met: undefined },
      ],
      'head',
    )
    expect(t).toContain('| pdf | no script | — |  | ≤ 2 s | not measured |')
    expect(t).toContain('| compile 100 | 40 ms | — |  |  | — |')
  })
  it('replaces only the text between the markers of docs/performance.md, keeping the notes around them', () => {
    const doc = `# Performance\n\nWhat the rows mean.\n\n${START}\nold\n${END}\n\n## What it is measured with\n`
    expect(replaceBetweenMarkers(doc, 'new\n')).toBe(`# Performance\n\nWhat the rows mean.\n\n${START}\nnew\n${END}\n\n## What it is measured with\n`)
  })
  it('appends a marked table to a document without the markers', () => {
    expect(replaceBetweenMarkers('# Performance\n', 'x\n')).toBe(`# Performance\n\n${START}\nx\n${END}\n`)
  })
})
