/**
 * `npm run new`: the starter deck compiles cleanly and shows every layout and figure kind; the
 * command writes it into an empty folder, replaces a committed deck (saying how to get it back),
 * and refuses, changing nothing, where work could be lost (uncommitted changes, or no git).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildDeck } from '../src/compiler/node.ts'
import { REPO, runCli, snapshot } from './cli.ts'

const STARTER = join(REPO, 'src/starter')

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd, stdio: 'pipe', encoding: 'utf8' })

/** A project folder in git with one committed slide. */
function committedProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deck-new-'))
  mkdirSync(join(dir, 'slides'))
  writeFileSync(join(dir, 'slides/01-mine.md'), '---\ntitle: Mine\n---\nMy slide.\n')
  git(dir, 'init', '-q')
  git(dir, 'add', '-A')
  git(dir, 'commit', '-qm', 'my deck')
  return dir
}

describe('the starter deck', () => {
  const { deck, diagnostics } = buildDeck(STARTER)

  it('compiles without errors or warnings', () => {
    expect(diagnostics).toEqual([])
  })

  it('shows every layout, every figure kind, columns and a build', () => {
    expect(new Set(deck.slides.map((s) => s.layout))).toEqual(
      new Set(['title', 'statement', 'agenda', 'figure', 'bullets', 'big-number', 'section', 'quote', 'judgments']),
    )
    expect(new Set(deck.slides.flatMap((s) => s.figures.map((f) => f.name)))).toEqual(new Set(['map', 'timeline', 'chart', 'pillars']))
    expect(deck.html).toMatch(/class="[^"]*\bfragment\b/)
    expect(deck.html).toMatch(/class="[^"]*\bcolumns?\b/)
  })
})

describe('npm run new', () => {
  it('writes the starter into an empty folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-new-'))
    const r = await runCli('new', dir, `--to=${join(dir, 'elsewhere')}`)
    expect(r.code, r.stderr).toBe(0)
    expect(readdirSync(join(dir, 'elsewhere')).sort()).toEqual(readdirSync(join(STARTER, 'slides')).sort())
    expect(r.stdout).toMatch(/wrote the starter deck to .*elsewhere\//)
    // npm start shows slides/, not this folder: the message must not say it shows the starter.
    expect(r.stdout).not.toMatch(/Next: `npm start` to see it/)
    expect(r.stdout).toMatch(/npm start and npm run build show slides\/, not .*elsewhere\/: copy from these files into slides\//)
  })

  it('replaces a committed deck and says how to bring it back', async () => {
    const dir = committedProject()
    const r = await runCli('new', dir)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/replaced the deck in slides\/ \(it is committed: `git checkout HEAD -- slides` brings it back\)/)
    expect(readdirSync(join(dir, 'slides'))).not.toContain('01-mine.md')
    expect(readFileSync(join(dir, 'slides/deck.yaml'), 'utf8')).toBe(readFileSync(join(STARTER, 'slides/deck.yaml'), 'utf8'))
    git(dir, 'checkout', 'HEAD', '--', 'slides')
    expect(readFileSync(join(dir, 'slides/01-mine.md'), 'utf8')).toContain('My slide.')
  })

  it('refuses, changing nothing, when the deck has uncommitted changes', async () => {
    const dir = committedProject()
    writeFileSync(join(dir, 'slides/01-mine.md'), '---\ntitle: Mine\n---\nAn edit not yet committed.\n')
    writeFileSync(join(dir, 'slides/02-new.md'), '---\ntitle: New\n---\nA new file.\n')
    const before = snapshot(join(dir, 'slides'))
    const r = await runCli('new', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /^new: slides\/ has files git could not bring back \(slides\/01-mine\.md, slides\/02-new\.md\): commit them first, or write the starter elsewhere/,
    )
    expect(snapshot(join(dir, 'slides'))).toEqual(before)
  })

  it('refuses, changing nothing, when the deck is not in git', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-new-'))
    mkdirSync(join(dir, 'slides'))
    writeFileSync(join(dir, 'slides/01-mine.md'), 'mine')
    const r = await runCli('new', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/is not in git, so replacing it could lose work/)
    expect(readdirSync(join(dir, 'slides'))).toEqual(['01-mine.md'])
  })

  it('refuses, changing nothing, when a git-ignored file in slides/ would be lost', async () => {
    const dir = committedProject()
    writeFileSync(join(dir, '.gitignore'), 'slides/private-*\n')
    git(dir, 'add', '.gitignore')
    git(dir, 'commit', '-qm', 'ignore')
    writeFileSync(join(dir, 'slides/private-notes.md'), 'not in git')
    const r = await runCli('new', dir)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/has files git could not bring back \(slides\/private-notes\.md\)/)
    expect(readFileSync(join(dir, 'slides/private-notes.md'), 'utf8')).toBe('not in git')
  })

  it.each([['.'], ['..'], ['src'], ['assets/x'], ['slides/inner']])('refuses --to=%s, deleting nothing', async (to) => {
    const dir = committedProject()
    mkdirSync(join(dir, 'project'))
    const project = join(dir, 'project')
    for (const name of ['src', 'assets']) mkdirSync(join(project, name))
    writeFileSync(join(project, 'src/keep.ts'), 'keep')
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'project')
    // (git status may refresh .git/index: the work tree is compared, .git checked for its HEAD)
    const tree = () => Object.fromEntries(Object.entries(snapshot(dir)).filter(([k]) => !k.startsWith('.git/')))
    const before = tree()
    const r = await runCli('new', project, `--to=${join(project, to)}`)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^new refused: .*Nothing was written\./m)
    expect(tree()).toEqual(before)
    expect(readFileSync(join(dir, '.git/HEAD'), 'utf8')).toMatch(/^ref: /)
  })

  it('refuses --to a folder of files the tool did not make', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-new-'))
    mkdirSync(join(dir, 'mine'))
    writeFileSync(join(dir, 'mine/thesis.md'), 'mine')
    const r = await runCli('new', dir, `--to=${join(dir, 'mine')}`)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/already holds files the tool did not make \(thesis\.md\)/)
    expect(readdirSync(join(dir, 'mine'))).toEqual(['thesis.md'])
  })
})
