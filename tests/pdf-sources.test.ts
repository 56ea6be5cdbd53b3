/**
 * `npm run pdf` prints what the build wrote, without compiling the slides again: the outline
 * comes from the build's record (dist/deck.json). So it says when a slide file changed after the
 * build (by content), refuses a build without its record or one made before handout.html could
 * print the deck, and writes into a folder it creates.
 */
import { existsSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import { readOutline } from '../src/pdf/outline.ts'
import { REPO, runBuild, runCli, scratchProject } from './cli.ts'

const project = scratchProject(join(REPO, 'tests/fixtures/good-small'))

beforeAll(async () => {
  const r = await runBuild(project)
  expect(r.code, r.stderr).toBe(0)
}, 240_000)

describe('npm run pdf reads the build, not the slides', () => {
  it('warns, naming the file, when a slide changed after the build (by content, not file time); the outline is the built one', async () => {
    const slide = join(project, 'slides', '01-opening.md')
    const text = readFileSync(slide, 'utf8')
    const later = new Date(Date.now() + 60_000)
    utimesSync(join(project, 'slides', '02-middle.md'), later, later)
    writeFileSync(slide, `${text}\nOne more line.\n`)
    const out = join(project, 'new-folder', 'pdfs')
    const r = await runCli('pdf', project, `--out=${out}`).finally(() => writeFileSync(slide, text))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/^warning slides\/01-opening\.md changed after dist\/ was built: run `npm run build` to print the current slides$/m)
    expect(r.stderr).not.toMatch(/02-middle/)
    // The folder was created, and the outline matches the slides' sections and titles.
    const pdf = await PDFDocument.load(readFileSync(join(out, 'deck.pdf')))
    const { slides } = buildDeck(project).deck
    const titles = (entries: ReturnType<typeof readOutline>): string[] => entries.flatMap((e) => [e.title, ...titles(e.children)])
    for (const s of slides) expect(titles(readOutline(pdf))).toContain(s.title)
    expect(pdf.getTitle()).toBe(buildDeck(project).deck.config.title)
  }, 180_000)

  it('refuses a build without its record (deck.json), saying to build again', async () => {
    renameSync(join(project, 'dist', 'deck.json'), join(project, 'dist', 'deck.off'))
    try {
      const r = await runCli('pdf', project)
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/deck\.json is missing .*run `npm run build` first/)
      expect(existsSync(join(project, 'dist', 'deck.pdf'))).toBe(false)
    } finally {
      renameSync(join(project, 'dist', 'deck.off'), join(project, 'dist', 'deck.json'))
    }
  }, 180_000)

  it('refuses a handout.html without the deck-print styles (an older build), rather than print the handout as the deck', async () => {
    const file = join(project, 'dist', 'handout.html')
    const built = readFileSync(file, 'utf8')
    const older = built.replace(/\bpage:\s*slide;?/g, '')
    expect(older.length, 'the built page names its deck page').toBeLessThan(built.length)
    writeFileSync(file, older)
    try {
      const r = await runCli('pdf', project, `--out=${join(project, 'older-pdfs')}`)
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/handout\.html has no deck-print styles \(built by an older version of the tool\): run `npm run build` again/)
      expect(existsSync(join(project, 'older-pdfs', 'deck.pdf'))).toBe(false)
    } finally {
      writeFileSync(file, built)
    }
  }, 180_000)
})
