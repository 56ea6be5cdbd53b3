import { describe, expect, it } from 'vitest'
import { compileDeck } from './deck.ts'
import { formatDiagnostic } from './diagnostics.ts'
import { ICD_203, judgmentsHtml, parseJudgments } from './judgments.ts'

const seg = (text: string, line = 5) => ({ text, start: { file: 'slides/01-a.md', line, column: 1 } })
const compile = (body: string, deckYaml?: string) => {
  const files = [{ path: 'slides/01-a.md', text: `---\ntitle: Moscow shields Tehran with words\nlayout: judgments\n---\n${body}\n\nNotes:\nSay it.\n` }]
  const r = compileDeck({ files, ...(deckYaml ? { deckFile: { path: 'slides/deck.yaml', text: deckYaml } } : {}), env: { assetExists: () => false } })
  return { html: r.deck.slides[0]?.bodyHtml ?? '', prose: r.prose, errors: r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic) }
}

describe('parsing judgments', () => {
  it('reads term, confidence, whose, over continuation lines, and stops at the first list', () => {
    const { judgments, diagnostics } = parseJudgments(
      seg(
        '- likely, moderate confidence: Russia keeps\n  its distance (article)\n- Almost certainly, high: payments grow\n\nSource: one article.\n\n- not a judgment',
      ),
    )
    expect(diagnostics).toEqual([])
    expect(judgments).toEqual([
      { term: 'likely', rank: 4, confidence: 'moderate', by: 'article', line: 5 },
      { term: 'Almost certainly', rank: 6, confidence: 'high', line: 7 },
    ])
  })

  it('reports a malformed item, a term off the scale and an unknown confidence at their columns, with the fix', () => {
    const { judgments, diagnostics } = parseJudgments(
      seg('- Russia will stay out\n- probably, moderate confidence: trade grows\n- likely, modrate confidence: so it goes'),
    )
    expect(judgments).toEqual([null, null, null])
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:5:3 error judgment-invalid this item is not a judgment: write "- likely, moderate confidence: the judgment"/),
      expect.stringMatching(
        /^slides\/01-a\.md:6:3 error judgment-invalid "probably" is not a term of the deck's likelihood scale.* Use one of: almost no chance, very unlikely/,
      ),
      expect.stringMatching(
        /^slides\/01-a\.md:7:11 error judgment-invalid "modrate" is not a confidence: did you mean "moderate"\? Use low, moderate or high$/,
      ),
    ])
    expect(parseJudgments(seg('Just a paragraph.')).diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:5:1 error judgment-invalid a judgments slide needs a list/),
    ])
  })

  it("takes the deck's own scale, and suggests its nearest term", () => {
    const scale = ['remote', 'real possibility', 'probable']
    expect(parseJudgments(seg('- real possibility, low: a deal'), scale).judgments[0]).toMatchObject({ rank: 1 })
    expect(parseJudgments(seg('- probabl, low: a deal'), scale).diagnostics[0]?.message).toMatch(/did you mean "probable"\?/)
  })
})

describe('the judgments layout', () => {
  it('sets the first list as a table: the estimate (term and confidence badges), the judgment, whose as a label', () => {
    const { html, errors, prose } = compile(
      '- very likely, high confidence: Arms flow **both ways** (briefer)\n- unlikely, low confidence: Russia fights for Iran\n\nSource: one article.',
    )
    expect(errors).toEqual([])
    expect(html).toMatch(/^<table class="judgments"><tbody><tr/)
    expect(html).toContain(
      '<tr class="judgment" data-rank="6" data-of="7" data-confidence="high"><td class="judgment-estimate"><span class="judgment-term-word">very likely</span><br><span class="judgment-level">high confidence</span></td><td class="judgment-text">Arms flow <strong>both ways</strong> <span class="judgment-by">(briefer)</span></td></tr>',
    )
    expect(html).toMatch(/<td class="judgment-text">Russia fights for Iran<\/td><\/tr><\/tbody><\/table>\s*<p>Source: one article\.<\/p>/)
    expect(html).not.toMatch(/<li/)
    // The judgment starts its cell: the fidelity check reads "Arms" as a sentence's first word, not a name.
    expect(prose.find((l) => l.role === 'bullet')).toMatchObject({ text: 'Arms flow both ways (briefer)', pos: { line: 5, column: 33 } })
  })

  it('is a compile error for a term off the scale, and each row a build step with build: true', () => {
    expect(compile('- probably, low confidence: x').errors).toEqual([expect.stringMatching(/^slides\/01-a\.md:5:3 error judgment-invalid "probably"/)])
    expect(compile('- remote, low confidence: x', 'likelihood: [remote, likely]\n').errors).toEqual([])
    expect(judgmentsHtml('<ul><li>likely, low: x</li></ul>', [{ term: 'likely', rank: 4, confidence: 'low', line: 1 }], ICD_203, true)).toMatch(
      /<tr class="judgment fragment"/,
    )
  })
})
