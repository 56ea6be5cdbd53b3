/**
 * `npm run pdf` says what the printout loses, by slide: an image that does not load, and
 * content the page cuts off. Warnings by default; `--strict` makes them fail the command.
 * (That a deck with nothing lost passes `--strict` is shown on the layouts fixture, tests/layouts.test.ts.)
 */
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO, runBuild, runCli, scratchProject } from './cli.ts'

const lossy = scratchProject(join(REPO, 'tests/fixtures/pdf-losses'))
cpSync(join(REPO, 'tests/fixtures/pdf-losses/assets/broken.png'), join(lossy, 'assets/broken.png'))

beforeAll(async () => {
  const r = await runBuild(lossy)
  expect(r.code, r.stderr).toBe(0)
}, 240_000)

describe('npm run pdf reports what the printout loses', () => {
  it('names the slide with a broken image and the slide cut off, in both PDFs, and still prints', async () => {
    const r = await runCli('pdf', lossy)
    expect(r.code, r.stderr).toBe(0)
    const warnings = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('warning '))
      .sort()
    expect(warnings).toEqual([
      'warning deck.pdf: slides/01-broken.md #/broken: the image "A picture that cannot be decoded" did not load and prints as a broken image: check the file',
      expect.stringMatching(
        /^warning deck\.pdf: slides\/02-long\.md #\/long: \d+ elements \(from "Point number \d+ of a list far too long f"\) cut off by the page: shorten the slide or split it/,
      ),
      'warning handout.pdf: slides/01-broken.md #/broken: the image "A picture that cannot be decoded" did not load and prints as a broken image: check the file',
      expect.stringMatching(/^warning handout\.pdf: slides\/02-long\.md #\/long: \d+ elements .* cut off by the page/),
    ])
    expect(r.stdout).toMatch(/deck\.pdf: 2 pages/)
  }, 180_000)

  it('fails with --strict', async () => {
    const r = await runCli('pdf', lossy, '--strict')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error deck\.pdf: slides\/02-long\.md #\/long: /m)
  }, 180_000)
})

describe('npm run pdf --strict finds what check finds cut off', () => {
  const project = scratchProject(join(REPO, 'tests/fixtures/good-small'))
  const many = (f: (i: number) => string) => Array.from({ length: 30 }, (_, i) => f(i)).join('\n')
  const slides: Record<string, string> = {
    headings: many((i) => `### Heading ${i} of many\n`),
    divs: `<div>\n${many((i) => `<div>Raw division ${i} of many</div>`)}\n</div>`,
    terms: `<dl>\n${many((i) => `<dt>Term ${i}</dt><dd>Its meaning ${i}</dd>`)}\n</dl>`,
    code: `\`\`\`text\n${'a long line of code '.repeat(20)}\n\`\`\``,
  }
  beforeAll(async () => {
    for (const [id, body] of Object.entries(slides))
      writeFileSync(join(project, `slides/05-${id}.md`), `---\ntitle: Cut ${id}\nid: cut-${id}\n---\n${body}\n\nNotes:\nn\n`)
    const r = await runBuild(project)
    expect(r.code, r.stderr).toBe(0)
  }, 240_000)

  it('names every slide whose headings, raw divs, definition lists or long code lines the page cuts off', async () => {
    const r = await runCli('pdf', project, '--strict')
    expect(r.code).toBe(1)
    for (const id of Object.keys(slides))
      expect(r.stderr).toMatch(new RegExp(`^error deck\\.pdf: slides/05-${id}\\.md #/cut-${id}: .* cut off by the page`, 'm'))
  }, 180_000)
})
