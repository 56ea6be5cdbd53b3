/**
 * `npm run pdf` says what the printout loses, by slide: an image that does not load, and
 * content the page cuts off. Warnings by default; `--strict` makes them fail the command.
 * (That a deck with nothing lost passes `--strict` is shown on the layouts fixture, tests/layouts.test.ts.)
 */
import { cpSync } from 'node:fs'
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
