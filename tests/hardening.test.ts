/**
 * Author text is text, wherever it goes: `$` replacement patterns in titles, bodies and notes
 * stay literal in every built page; a slide file's name, however hostile, is written escaped;
 * and each warning is printed once per build, not once per page or Vite build.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO, runBuild, scratchProject, type CliRun } from './cli.ts'

const project = scratchProject(join(REPO, 'tests/fixtures/hostile-text'))
const PAGES = ['index.html', 'deck.html', 'read.html', 'handout.html']
const HOSTILE_NAME = '03-a"><svg onload="window.pwned=1">.md'
let run: CliRun

beforeAll(async () => {
  // A file name that closes the attribute it is written into, with a `--` sub-slide so the
  // name also lands on the vertical stack's <section>.
  writeFileSync(
    join(project, 'slides', HOSTILE_NAME),
    '---\ntitle: A file with a hostile name\n---\nFirst part.\n\nNotes:\nSay the first part.\n\n--\n## The second part has its own heading\n\nSecond part.\n\nNotes:\nSay the second part.\n',
  )
  run = await runBuild(project)
}, 180_000)

const page = (name: string) => readFileSync(join(project, 'dist', name), 'utf8')

describe('author text with $ patterns', () => {
  it('builds', () => {
    expect(run.code, run.stderr).toBe(0)
  })

  it.each(PAGES)('%s keeps every $ pattern literal and the page template intact', (name) => {
    const html = page(name)
    // `$&`, `` $` ``, `$'` and `$1` would have inserted the marker, the page before it, or after it.
    expect(html).toContain('AT$&amp;T')
    expect(html).not.toContain('<!--deck:')
    // The page's own head exactly once (deck.html also carries reveal's speaker-view page in its script).
    expect(html.match(/<title>Prices in \$ and AT\$&amp;T( · [a-z ]+)?<\/title>/g)?.length ?? 0).toBe(1)
    expect(html.match(/<meta http-equiv="Content-Security-Policy"/g)?.length ?? 0).toBe(1)
  })

  it('keeps the title, the code and the notes as written', () => {
    const html = page('index.html')
    expect(html).toContain('$1 and $&amp; and $$ and $’ per unit')
    expect(html).toContain('<code>$`</code>')
    expect(html).toMatch(/says \$` and \$&amp; and \$’ aloud/)
  })
})

describe('a hostile file name', () => {
  it.each(PAGES)('%s carries it only escaped', (name) => {
    const html = page(name)
    expect(html).not.toContain('<svg onload')
    if (name === 'index.html') expect(html).toContain('data-file="slides/03-a&quot;&gt;&lt;svg onload=&quot;window.pwned=1&quot;&gt;.md"')
  })
})

describe('warnings', () => {
  it('are printed once per build', () => {
    const lines = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.includes('warning html-removed'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^slides\/02-removed\.md:4:1 warning html-removed/)
  })
})

describe('a deck without slides/deck.yaml', () => {
  it('builds with the defaults and says so once', async () => {
    const bare = scratchProject(join(REPO, 'tests/fixtures/hostile-text'))
    rmSync(join(bare, 'slides/deck.yaml'))
    const r = await runBuild(bare)
    expect(r.code, r.stderr).toBe(0)
    const notes = r.stderr.split('\n').filter((l) => l.includes('no slides/deck.yaml'))
    expect(notes).toEqual([expect.stringMatching(/^note: no slides\/deck\.yaml, so the deck uses the defaults \(title "Untitled deck"/)])
    expect(readFileSync(join(bare, 'dist/index.html'), 'utf8')).toContain('<title>Untitled deck</title>')
  }, 180_000)
})
