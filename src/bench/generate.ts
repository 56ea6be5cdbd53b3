/**
 * Generated decks for the compile benchmark: `n` slide files shaped like the real ones
 * (frontmatter, bullets with emphasis and links, a paragraph of notes), with fenced code
 * and a build-time figure at a fixed rate. Deterministic and pure.
 */
import type { SourceFile } from '../deck/model.ts'

/** A small figure of each kind, drawn from data in a fenced block. */
const FIGURES = [
  (i: number) => [
    '```timeline',
    `title: "Generated timeline ${i}"`,
    'events:',
    '  - { date: "1991", label: "A dated event" }',
    `  - { date: "20${String(i % 25).padStart(2, '0')}-03", label: "Another, later" }`,
    '  - { label: "An undated event", note: "in the order given" }',
    '```',
  ],
  (i: number) => [
    '```pillars',
    `title: "Generated pillars ${i}"`,
    'roof: "What is held up"',
    'pillars:',
    '  - { name: One, points: ["A first point", "A second"] }',
    '  - { name: Two, points: ["A third point"] }',
    'foundation: "What it rests on"',
    '```',
  ],
  (i: number) => ['```chart', `title: "Generated chart ${i}"`, 'unit: "ships"', `data: { "2019": ${i % 17}, "2020": 12, "2021": 30 }`, '```'],
] as const

export function generateSlides(n: number, { codeEvery = 10, figureEvery = 50 } = {}): { files: SourceFile[]; deckFile: SourceFile } {
  const files: SourceFile[] = []
  const width = String(n).length
  for (let i = 1; i <= n; i++) {
    const num = String(i).padStart(width, '0')
    const body: string[] = []
    if (figureEvery > 0 && i % figureEvery === 0) {
      const fig = FIGURES[(i / figureEvery) % FIGURES.length]
      body.push(...(fig?.(i) ?? []), '', `Slide ${i} caption.`)
    } else {
      body.push(
        `- Point one of slide ${i}: **trade** grows, *slowly*`,
        `- Point two: see [the previous slide](#/gen-${Math.max(1, i - 1)})`,
        '- Point three: "a quoted phrase" and `inline code`',
        '- Point four, with a number: 42%',
      )
      if (codeEvery > 0 && i % codeEvery === 0)
        body.push('', '```ts', `const slide${i}: number = ${i} // highlighted at build time`, 'export function f(x: string) { return x.length }', '```')
    }
    const notes = `Speaker notes for slide ${i}. ${'The analyst explains the point in plain words, with the numbers the article gives and what they mean for the room. '.repeat(6)}`
    files.push({
      path: `slides/${num}-gen.md`,
      text: `---\ntitle: "Generated slide ${i} states its point as an assertion"\nid: gen-${i}\nsection: "Section ${1 + Math.floor((i - 1) / 10)}"\n---\n${body.join('\n')}\n\nNotes:\n${notes}\n`,
    })
  }
  // Pacing scales with the slide count, within what deck.yaml accepts (240 ± 120 minutes; a
  // longer generated deck only gets the pacing warning).
  const minutes = Math.max(1, Math.round(n * 0.95))
  return {
    files,
    deckFile: {
      path: 'slides/deck.yaml',
      text: `title: "Generated deck"\nlang: en\ntargetMinutes: ${Math.min(240, minutes)}\ntoleranceMinutes: ${Math.min(120, minutes)}\n`,
    },
  }
}
