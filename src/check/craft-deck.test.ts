import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileDeck } from '../compiler/deck.ts'
import { formatDiagnostic } from '../compiler/diagnostics.ts'
import { loadSlides } from '../compiler/load.ts'
import { compileLoaded } from '../compiler/node.ts'
import type { SourceFile } from '../deck/model.ts'
import { deckRecord } from '../deck/record.ts'
import { craftFindings } from './craft-deck.ts'
import { report } from './run.ts'

const root = resolve(import.meta.dirname, '../..')

/** The record a build writes of these files, linted. */
function lint(files: SourceFile[], deckYaml?: string) {
  const deckFile = deckYaml === undefined ? undefined : { path: 'slides/deck.yaml', text: deckYaml }
  const result = compileDeck({ files, ...(deckFile ? { deckFile } : {}), env: { assetExists: () => false } })
  return craftFindings(deckRecord(result, files), deckFile).map(formatDiagnostic)
}
const slide = (name: string, title: string, body: string, notes = 'Say it.') => ({
  path: `slides/${name}.md`,
  text: `---\ntitle: "${title}"\n---\n${body}\n\nNotes:\n${notes}\n`,
})

describe("the reviewer's lint on a build's record", () => {
  it("finds the fixture deck's off-scale word, vague hedge, topic title, repeated bullet and missing question time", () => {
    const dir = 'tests/fixtures/craft-lint/slides'
    const loaded = loadSlides(root, dir)
    const record = deckRecord(compileLoaded(root, dir, loaded), loaded.files, dir)
    expect(craftFindings(record, loaded.deckFile).map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^tests\/fixtures\/craft-lint\/slides\/01-pillars\.md:6:22 warning likelihood-off-scale "probably" is not a word of the deck's likelihood scale: use likely/,
      ),
      expect.stringMatching(/^tests\/fixtures\/craft-lint\/slides\/02-payments\.md:6:17 warning hedge-vague "could potentially" hedges twice/),
      expect.stringMatching(/^tests\/fixtures\/craft-lint\/slides\/01-pillars\.md:2:8 warning title-topic the title "Economic pillars" names a topic/),
      expect.stringMatching(/^tests\/fixtures\/craft-lint\/slides\/02-payments\.md:5:3 warning bullet-repeated this bullet is also on the slide "pillars"/),
      expect.stringMatching(/^tests\/fixtures\/craft-lint\/slides\/deck\.yaml:7:1 warning pacing-no-questions the slides take \d\.\d of the 3 minutes/),
    ])
  })

  it('reads titles of sub-slides at their heading, and holds slides (not notes) to a scale set in deck.yaml', () => {
    const files = [slide('01-a', 'Trade grows', '- Roughly even chance of a deal\n\n--\n## Payments\n\n- A real possibility of delay', 'Certainly so.')]
    expect(lint(files)).toEqual([
      expect.stringMatching(
        /^slides\/01-a\.md:9:3 warning likelihood-off-scale "A real possibility" is not a word of the deck's likelihood scale: use roughly even chance or likely/,
      ),
      expect.stringMatching(/^slides\/01-a\.md:7:4 warning title-topic the title "Payments"/),
    ])
    expect(lint(files, 'likelihood: [remote, real possibility, probable]\n')).toEqual([
      expect.stringMatching(
        /^slides\/01-a\.md:4:3 warning likelihood-off-scale "Roughly even chance" is not a word of the deck's likelihood scale: use a term of the scale \(the scale: remote, real possibility, probable\)/,
      ),
      expect.stringMatching(/^slides\/01-a\.md:7:4 warning title-topic/),
    ])
  })

  it('leaves a scale phrase alone where an off-scale word sits inside it', () => {
    expect(lint([slide('01-a', 'Moscow stays out', '- Moscow almost certainly stays out\n- Highly likely, too')])).toEqual([
      expect.stringMatching(/^slides\/01-a\.md:5:3 warning likelihood-off-scale "Highly likely"/),
    ])
  })
})

describe("the check's report", () => {
  it("lists the reviewer's warnings apart, and still passes", () => {
    const files = [slide('01-a', 'Economic pillars', '- One')]
    const record = deckRecord(compileDeck({ files, env: { assetExists: () => false } }), files)
    const warnings = craftFindings(record)
    const text = report({ findings: [], warnings, rows: [], record, notes: [], summary: '', ms: 1 })
    expect(text).toMatch(/1 warning, a reviewer's \(they do not fail the check\):\nslides\/01-a\.md:2: title-topic: the title "Economic pillars"/)
    expect(text).toMatch(/check passed/)
  })
})
