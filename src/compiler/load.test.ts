import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from './diagnostics.ts'
import { loadSlides } from './load.ts'

const SLIDE = '---\ntitle: T\n---\nBody.\n'

/** A project with one good slide, and what `arrange` adds to its slides/ folder. */
function project(arrange: (slides: string, outside: string) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'deck-load-'))
  const slides = join(dir, 'project/slides')
  mkdirSync(slides, { recursive: true })
  mkdirSync(join(dir, 'sibling'))
  writeFileSync(join(slides, '01-good.md'), SLIDE)
  arrange(slides, join(dir, 'sibling'))
  const loaded = loadSlides(join(dir, 'project'))
  return [...loaded.files.map((f) => f.path), ...loaded.diagnostics.map(formatDiagnostic)]
}

describe('loadSlides reads only regular files inside slides/', () => {
  it('refuses a slide file that is a link out of slides/ (a sibling deck), and takes a link inside it', () => {
    const out = project((slides, outside) => {
      writeFileSync(join(outside, 'secret.md'), SLIDE)
      symlinkSync(join(outside, 'secret.md'), join(slides, '02-theirs.md'))
      symlinkSync(join(slides, '01-good.md'), join(slides, '03-again.md'))
    })
    expect(out).toEqual([
      'slides/01-good.md',
      'slides/03-again.md',
      expect.stringMatching(
        /^slides\/02-theirs\.md:1:1 error file-refused this slide file is a link that leads outside the slides\/ folder \(to .*sibling\/secret\.md\): copy the file in/,
      ),
    ])
  })

  it('names a folder called x.md instead of failing with EISDIR', () => {
    const out = project((slides) => mkdirSync(join(slides, '02-folder.md')))
    expect(out).toEqual(['slides/01-good.md', 'slides/02-folder.md:1:1 error file-refused this slide file is a folder, not a file: remove it or rename it'])
  })

  it('refuses a FIFO without blocking on it, and a link to a device', () => {
    const out = project((slides) => {
      execFileSync('mkfifo', [join(slides, '02-pipe.md')])
      symlinkSync('/dev/zero', join(slides, '03-zero.md'))
    })
    expect(out[0]).toBe('slides/01-good.md')
    expect(out.slice(1)).toEqual([
      'slides/02-pipe.md:1:1 error file-refused this slide file is a FIFO (named pipe), not a file: remove it or rename it',
      expect.stringMatching(/^slides\/03-zero\.md:1:1 error file-refused this slide file is a link that leads outside/),
    ])
  })
})
