/**
 * Broken input through the real CLI (`src/cli/build.ts --root=<fixture>`): every content
 * problem is one located line `slides/<file>.md:<line>:<col> error <code> <message>`, all of
 * them in one run, exit code 1, no stack trace, and nothing written into the project.
 * Fixtures: tests/fixtures/bad-<case>/slides/; binary and huge files are generated here.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_FILE_BYTES } from '../src/compiler/load.ts'
import { type CliRun, REPO, runBuild, snapshot } from './cli.ts'

const fixture = (name: string) => join(REPO, 'tests/fixtures', name)

/** The run failed as a content error should: exit 1, every expected line, no trace, the summary. */
function expectContentFailure(run: CliRun, expected: RegExp[]): void {
  const errors = run.stderr.split('\n').filter((l) => / error /.test(l) && l.startsWith('slides/'))
  expect(run.code, run.stderr).toBe(1)
  expect(errors).toEqual(expected.map((re) => expect.stringMatching(re)))
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(run.stderr).not.toMatch(/\b(TypeError|RangeError|SyntaxError|Error):/)
  expect(run.stderr).toMatch(new RegExp(`build failed: ${expected.length} errors? in the slides; dist/ was left as it was`))
}

const CASES: [string, string, RegExp[]][] = [
  [
    'malformed YAML (an unclosed quote), at the quote',
    'bad-yaml',
    [/^slides\/01-intro\.md:2:8 error frontmatter-yaml invalid YAML: the quoted value opened here is never closed: add the closing "/],
  ],
  [
    'an unknown frontmatter key, with the closest valid one',
    'bad-unknown-key',
    [/^slides\/01-intro\.md:3:1 error meta-unknown-key unknown key "layuot": did you mean "layout"\? Valid keys: id, title/],
  ],
  [
    'a value of the wrong type, at the value',
    'bad-type',
    [/^slides\/01-intro\.md:3:9 error meta-invalid "timing" must be a number of seconds above 0 and at most 1800; got string "soon"$/],
  ],
  [
    'an empty file and a file without a title',
    'bad-empty',
    [
      /^slides\/01-empty\.md:1:1 error file-empty the slide file is empty: add a frontmatter block with a title/,
      /^slides\/02-untitled\.md:1:1 error meta-missing the slide has no title: add "title: /,
    ],
  ],
  [
    'two slides with the same id, naming both files',
    'bad-duplicate-id',
    [/^slides\/02-more-energy\.md:1:1 error id-duplicate the id "energy" is already used by slides\/01-energy\.md:1: give one of them another "id:"/],
  ],
  [
    'the notes marker used twice',
    'bad-notes-twice',
    [/^slides\/01-intro\.md:9:1 error notes-duplicate a second notes marker in one slide \(the first is on line 6\): merge the notes/],
  ],
  [
    'an unclosed code fence, where it opens',
    'bad-fence',
    [/^slides\/01-code\.md:6:1 error fence-unclosed this code block is never closed: add a line "```" after its last line$/],
  ],
  [
    'an unknown code language',
    'bad-code-lang',
    [/^slides\/01-code\.md:4:1 error code-lang-unknown unknown code language "klingon": use a highlight\.js language name/],
  ],
  [
    'images and links to missing files and to files outside the project',
    'bad-assets',
    [
      /^slides\/01-pictures\.md:4:1 error asset-missing the image "\.\.\/assets\/missing\.png" points to assets\/missing\.png, which does not exist/,
      /^slides\/01-pictures\.md:6:5 error asset-missing the link "\.\.\/assets\/annex\.pdf" points to assets\/annex\.pdf, which does not exist/,
      /^slides\/01-pictures\.md:8:1 error asset-outside the image "\.\.\/\.\.\/\.\.\/etc\/passwd" points outside the project/,
      /^slides\/01-pictures\.md:10:6 error asset-outside the link "\/etc\/hosts" points outside the project/,
    ],
  ],
]

describe.concurrent('build CLI on broken slides', () => {
  it.each(CASES)('reports %s', async (_name, dir, expected) => {
    const before = snapshot(fixture(dir))
    const run = await runBuild(fixture(dir))
    expectContentFailure(run, expected)
    expect(snapshot(fixture(dir)), 'the build wrote into the project').toEqual(before)
  })

  it('reports a file that is not UTF-8 at the bad byte, and the other files too', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bad-encoding-'))
    mkdirSync(join(root, 'slides'))
    const latin1 = Buffer.concat([Buffer.from('---\ntitle: Caf'), Buffer.from([0xe9]), Buffer.from(' ties\n---\nBody\n\nNotes:\nSay it.\n')])
    writeFileSync(join(root, 'slides/01-latin1.md'), latin1)
    writeFileSync(join(root, 'slides/02-ok.md'), '---\ntitle: Fine\nlayuot: quote\n---\nBody\n\nNotes:\nSay it.\n')
    const run = await runBuild(root)
    expectContentFailure(run, [
      /^slides\/01-latin1\.md:2:11 error file-encoding the file is not valid UTF-8 \(byte 0xe9 at offset 14\): save it as UTF-8 in your editor$/,
      /^slides\/02-ok\.md:3:1 error meta-unknown-key unknown key "layuot"/,
    ])
  })

  it('refuses a 5 MB file at once with the limit in the message', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bad-huge-'))
    mkdirSync(join(root, 'slides'))
    const nested = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i % 1500)}- item ${i}`).join('\n')
    const body = `---\ntitle: A pasted dump\n---\n${nested}\n`
    writeFileSync(join(root, 'slides/01-dump.md'), body.repeat(Math.ceil(5_000_000 / body.length)))
    const run = await runBuild(root)
    expectContentFailure(run, [
      new RegExp(`^slides/01-dump\\.md:1:1 error file-too-large the file is \\d{7} bytes, over the ${MAX_FILE_BYTES}-byte limit for a slide file: split it`),
    ])
    console.log(`5 MB slide file refused by the CLI in ${Math.round(run.ms)} ms (including Node start-up)`)
    // Under a second idle. Wall time, so the bound only tells "refused" from "compiled": a loaded
    // two-core machine (load 27) stretched runs of this suite ten times over.
    expect(run.ms).toBeLessThan(90_000)
  }, 180_000)

  it('reports every problem of several files in one run', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bad-many-'))
    mkdirSync(join(root, 'slides'))
    writeFileSync(join(root, 'slides/01-a.md'), '---\ntitle: [\n---\nx\n\nNotes:\nn\n')
    writeFileSync(join(root, 'slides/02-b.md'), '---\ntitle: B\n---\n```nosuchlang\nx\n```\n![gone](missing.png)\n\nNotes:\nn\n\nNotes:\nagain\n')
    writeFileSync(join(root, 'slides/03-c.md'), '')
    const run = await runBuild(root)
    expectContentFailure(run, [
      /^slides\/01-a\.md:2:\d+ error frontmatter-yaml /,
      /^slides\/02-b\.md:4:1 error code-lang-unknown /,
      /^slides\/02-b\.md:7:1 error asset-missing /,
      /^slides\/02-b\.md:12:1 error notes-duplicate /,
      /^slides\/03-c\.md:1:1 error file-empty /,
    ])
  })

  it('prints the first 20 problems of a file, then how many more', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bad-flood-'))
    mkdirSync(join(root, 'slides'))
    const pictures = Array.from({ length: 300 }, (_, i) => `![gone](missing-${i}.png)`).join('\n\n')
    writeFileSync(join(root, 'slides/01-a.md'), `---\ntitle: A\n---\n${pictures}\n\nNotes:\nn\n`)
    writeFileSync(join(root, 'slides/02-b.md'), '---\ntitle: B\n---\n![gone](missing.png)\n\nNotes:\nn\n')
    const run = await runBuild(root)
    expect(run.code).toBe(1)
    const lines = run.stderr.split('\n')
    expect(lines.filter((l) => l.startsWith('slides/01-a.md:') && / error asset-missing /.test(l))).toHaveLength(20)
    expect(lines).toContain('slides/01-a.md: and 280 more (280 errors), not shown: fix these first')
    // Another file's problems still show, and the summary counts them all.
    expect(lines.filter((l) => l.startsWith('slides/02-b.md:4:1 error asset-missing'))).toHaveLength(1)
    expect(run.stderr).toMatch(/build failed: 301 errors in the slides/)
  })

  it('says plainly when there are no slides at all, without a trace', async () => {
    const root = mkdtempSync(join(tmpdir(), 'no-slides-'))
    const run = await runBuild(root)
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/build failed: no slide files in .*slides: add one Markdown file per section/)
    expect(run.stderr).not.toMatch(/^\s+at /m)
  })
})
