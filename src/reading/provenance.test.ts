import { describe, expect, it } from 'vitest'
import type { ProvenanceEntry } from '../deck/model.ts'
import { footnotesHtml, markClaims, speakerTemplate } from './provenance.ts'

const entries: ProvenanceEntry[] = [
  {
    source: 'art',
    sentence: 'Trade grew by 40% in 2023 between the U.S. and Iran.',
    claims: [
      { text: '40 percent', kind: 'number', notes: false },
      { text: 'US', kind: 'name', notes: false },
      { text: 'Iran', kind: 'name', notes: true },
    ],
  },
  { source: 'art', sentence: 'It was "a door to the sea".', claims: [{ text: 'a door to the sea', kind: 'quote', notes: false }] },
]
const id = (n: number) => `s-src-${n}`

describe('markClaims', () => {
  it('links each claim as the HTML writes it to its footnote; the first of a footnote carries its number', () => {
    const html = '<p>Trade grew 40% with the U.S. It was “a door to the sea”.</p>'
    expect(markClaims(html, entries, false, id, (n) => `s-ref-${n}`)).toBe(
      '<p>Trade grew <a class="prov" href="#s-src-1" id="s-ref-1">40%<sup class="prov-n">1</sup></a> with the <a class="prov" href="#s-src-1">U.S.</a> It was “<a class="prov" href="#s-src-2" id="s-ref-2">a door to the sea<sup class="prov-n">2</sup></a>”.</p>',
    )
  })

  it('marks the notes’ claims only in the notes, and nothing inside links, code, figures or hidden text', () => {
    const html = '<p><a href="#/x">Iran</a> <code>Iran</code> <svg><text>Iran</text></svg> <div aria-hidden="true"><div>Iran</div></div> Iran’s turn</p>'
    expect(markClaims(html, entries, true, id)).toBe(
      '<p><a href="#/x">Iran</a> <code>Iran</code> <svg><text>Iran</text></svg> <div aria-hidden="true"><div>Iran</div></div> <a class="prov" href="#s-src-1">Iran<sup class="prov-n">1</sup></a>’s turn</p>',
    )
    expect(markClaims('<p>Iran</p>', entries, false, id)).toBe('<p>Iran</p>')
  })

  it('makes one link of one footnote’s claims with only a space between (a day and its month)', () => {
    const dated: ProvenanceEntry[] = [
      {
        source: 'art',
        sentence: 'It opened on 3 March 2023.',
        claims: [
          { text: '3', kind: 'number', notes: false },
          { text: 'March 2023', kind: 'name', notes: false },
        ],
      },
    ]
    expect(markClaims('<p>Opened 3 March 2023, late</p>', dated, false, id)).toBe(
      '<p>Opened <a class="prov" href="#s-src-1">3 March 2023<sup class="prov-n">1</sup></a>, late</p>',
    )
  })

  it('finds a quoted phrase only where it is quoted', () => {
    const quoted: ProvenanceEntry[] = [{ source: 'art', sentence: 'A threat.', claims: [{ text: 'threat', kind: 'quote', notes: false }] }]
    expect(markClaims('<p>A threat, the “threat”</p>', quoted, false, id)).toBe(
      '<p>A threat, the “<a class="prov" href="#s-src-1">threat<sup class="prov-n">1</sup></a>”</p>',
    )
  })

  it('finds "40 percent" written as "40 per cent", and not inside a longer number', () => {
    expect(markClaims('<p>140% and 40 per cent</p>', entries, false, id)).toBe(
      '<p>140% and <a class="prov" href="#s-src-1">40 per cent<sup class="prov-n">1</sup></a></p>',
    )
  })
})

describe('footnotes', () => {
  it('quote the sentence, escaped, with its source; the speaker list pairs claims and sentence', () => {
    const sources = [{ id: 'art', title: 'Trade & Power', publisher: 'The Review', date: '2024-02' }]
    const html = footnotesHtml(entries, sources, { cls: 'read-provenance', id, back: (n) => (n === 1 ? 's-ref-1' : undefined) })
    expect(html).toContain(
      '<li id="s-src-1"><q>Trade grew by 40% in 2023 between the U.S. and Iran.</q> — The Review, Feb 2024 <a class="prov-back" href="#s-ref-1"',
    )
    expect(html).toContain('<li id="s-src-2"><q>It was &quot;a door to the sea&quot;.</q> — The Review, Feb 2024</li>')
    expect(footnotesHtml([], sources, { cls: 'x', id })).toBe('')
    expect(speakerTemplate(entries, sources)).toMatch(
      /^<template class="deck-provenance"><ol><li><b class="deck-provenance-claims">40 percent, US, Iran<\/b> <q>Trade grew/,
    )
  })
})
