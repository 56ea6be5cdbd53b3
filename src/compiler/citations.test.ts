import { describe, expect, it } from 'vitest'
import type { RenderedSlide } from '../deck/model.ts'
import { placeCitations, shortDate, shortName, sourceLineHtml, takeCitations } from './citations.ts'

const seg = (text: string) => ({ text, start: { file: 'slides/01-x.md', line: 10, column: 1 } })

describe('citations', () => {
  it('are taken out of the text with the space before them, each at its line and column', () => {
    const r = takeCitations(seg('- Ships sank [@sifar].\n- Cranes [@iiss, p. 4; @sifar] came'))
    expect(r.seg.text).toBe('- Ships sank.\n- Cranes came')
    expect(r.citations).toEqual([
      { id: 'sifar', line: 10, column: 15 },
      { id: 'iiss', locator: 'p. 4', line: 11, column: 11 },
      { id: 'sifar', line: 11, column: 24 },
    ])
  })

  it('code is left alone: a fence, and a backtick span', () => {
    const text = '```md\nSee [@sifar]\n```\nWrite `[@sifar]` to cite.'
    expect(takeCitations(seg(text))).toEqual({ seg: seg(text), citations: [] })
  })

  it('a link (one whose text starts with @ too) or an email is no citation', () => {
    const text = '[a link](#/x) and [@someone](https://example.org/someone) and [someone@example.org] and [@ not-an-id]'
    expect(takeCitations(seg(text)).citations).toEqual([])
  })

  it('name a source by its publisher and a short date', () => {
    expect(shortDate('2024-02')).toBe('Feb 2024')
    expect(shortDate('2024-02-24')).toBe('24 Feb 2024')
    expect(shortDate('2024')).toBe('2024')
    expect(shortName({ id: 'sifar', publisher: 'Back to SIFAR', date: '2024-02' })).toBe('Back to SIFAR, Feb 2024')
    expect(shortName({ id: 'x', title: 'A report' })).toBe('A report')
    const numbered = [{ id: 'sifar', publisher: 'Back to SIFAR', date: '2024-02' }]
    expect(sourceLineHtml([{ id: 'sifar' }, { id: 'sifar' }], numbered)).toBe('<p class="slide-source"><small>Source: Back to SIFAR, Feb 2024 [1]</small></p>')
  })

  it('number a source line only when a references slide lists what the numbers point to', () => {
    const slide = (id: string, layout: RenderedSlide['layout'], cites?: RenderedSlide['cites']) =>
      ({ id, layout, bodyHtml: '', ...(cites ? { cites } : {}) }) as RenderedSlide
    const config = { title: 'T', sources: [{ id: 'a', file: 'a.txt', publisher: 'A' }] } as Parameters<typeof placeCitations>[1]
    const deckFile = { path: 'slides/deck.yaml', text: '' }
    const bare = [slide('one', 'bullets', [{ id: 'a' }])]
    placeCitations(bare, config, deckFile)
    expect(bare[0]?.bodyHtml).toBe('<p class="slide-source"><small>Source: A</small></p>')
    const listed = [slide('one', 'bullets', [{ id: 'a' }]), slide('refs', 'sources')]
    placeCitations(listed, config, deckFile)
    expect(listed[0]?.bodyHtml).toBe('<p class="slide-source"><small>Source: A [1]</small></p>')
    expect(listed[1]?.bodyHtml).toContain('<li id="ref-a">A.</li>')
  })
})
