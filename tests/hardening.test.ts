/**
 * Author text is text, wherever it goes: `$` replacement patterns in titles, bodies and notes
 * stay literal in every built page; a slide file's name, however hostile, is written escaped;
 * and each warning is printed once per build, not once per page or Vite build.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer } from 'vite'
import { beforeAll, describe, expect, it } from 'vitest'
import { type CliRun, REPO, runBuild, scratchProject } from './cli.ts'

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

// Each of these builds a project of its own: they run at once (the build is mostly one core's work).
describe.concurrent('projects of their own', () => {
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

  describe('percent signs and character references that are not valid', () => {
    const uriProject = () => {
      const dir = scratchProject(join(REPO, 'tests/fixtures/hostile-uri'))
      cpSync(join(REPO, 'tests/fixtures/hostile-uri/assets/100%.png'), join(dir, 'assets/100%.png'))
      return dir
    }

    it('a bare % in a file name and an out-of-range &#…; in a title build, the image found', async () => {
      const dir = uriProject()
      rmSync(join(dir, 'slides/02-broken.md'))
      const r = await runBuild(dir)
      expect(r.code, r.stderr).toBe(0)
      const html = readFileSync(join(dir, 'dist/index.html'), 'utf8')
      expect(html).toContain('<img src="data:image/png;base64,')
      expect(html).toContain('href="./assets/100%25.png"')
      expect(html).toContain('&amp;#99999999; ‘x’')
    }, 180_000)

    it('malformed percent-encoding in a deep link is a located error, not a crash', async () => {
      const r = await runBuild(uriProject())
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr).toMatch(/^slides\/02-broken\.md:4:1 error link-broken the link "#\/%E0%A4%A" leads to no slide/m)
      expect(r.stderr).not.toMatch(/URI malformed|Invalid code point|^\s+at /m)
    }, 180_000)
  })

  describe('leftovers of killed builds', () => {
    // A process id no running process has (Linux pids stay below 2^22).
    const DEAD = 4_194_303

    it('are cleaned, and an old build stranded mid-swap is put back even when the new build fails', async () => {
      const dir = scratchProject(join(REPO, 'tests/fixtures/hostile-text'))
      for (const name of [`.dist-tmp-${DEAD}`, `.dist-single-${DEAD}`, `dist.old-${DEAD}`]) mkdirSync(join(dir, name, 'assets'), { recursive: true })
      writeFileSync(join(dir, `dist.old-${DEAD}`, 'index.html'), 'the previous build')
      // A content error: the build fails, so dist/ must be the stranded previous build, restored.
      writeFileSync(join(dir, 'slides/09-bad.md'), '---\ntitle: t\nlayuot: x\n---\nx\n')
      const r = await runBuild(dir)
      expect(r.code, r.stderr).toBe(1)
      expect(readdirSync(dir).filter((n) => n.startsWith('.dist-') || n.startsWith('dist.old'))).toEqual([])
      expect(readFileSync(join(dir, 'dist/index.html'), 'utf8')).toBe('the previous build')
      rmSync(join(dir, 'slides/09-bad.md'))
      const ok = await runBuild(dir)
      expect(ok.code, ok.stderr).toBe(0)
      expect(existsSync(join(dir, 'dist/deck.html'))).toBe(true)
    }, 180_000)
  })

  describe('files from outside the deck folders', () => {
    const project = () => {
      const dir = scratchProject(join(REPO, 'tests/fixtures/hostile-text'))
      rmSync(join(dir, 'slides/02-removed.md'))
      writeFileSync(join(dir, 'secret.txt'), 'a secret beside the slides')
      symlinkSync('/etc/passwd', join(dir, 'assets/pw.png'))
      symlinkSync('/etc', join(dir, 'assets/etc'))
      return dir
    }

    it('a symbolic link out of assets/, and a raw <img> of a project file, fail the build at their lines', async () => {
      const dir = project()
      writeFileSync(
        join(dir, 'slides/05-leak.md'),
        '---\ntitle: Leaks\n---\n![pw](../assets/pw.png)\n\n<img src="../secret.txt" alt="s">\n\n![dir](../assets/etc/hostname)\n\nNotes:\nn\n',
      )
      const r = await runBuild(dir)
      expect(r.code, r.stderr).toBe(1)
      const lines = r.stderr.split('\n').filter((l) => l.includes(' error '))
      expect(lines).toEqual([
        expect.stringMatching(
          /^slides\/05-leak\.md:4:1 error asset-outside the image "\.\.\/assets\/pw\.png" leads to \/etc\/passwd, outside the folders a slide may use/,
        ),
        expect.stringMatching(/^slides\/05-leak\.md:6:\d+ error asset-outside the image "\.\.\/secret\.txt" leads to secret\.txt, outside/),
        expect.stringMatching(/^slides\/05-leak\.md:8:1 error asset-outside the image "\.\.\/assets\/etc\/hostname" leads to \/etc\/hostname/),
      ])
      expect(existsSync(join(dir, 'dist'))).toBe(false)
    }, 180_000)

    it('the dev server does not serve a symbolic link out of assets/', async () => {
      const dir = project()
      const server = await createServer({ root: dir, configFile: join(REPO, 'vite.config.ts'), logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } })
      await server.listen()
      try {
        const base = server.resolvedUrls?.local[0] ?? ''
        expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
        const leak = await fetch(`${base}assets/pw.png`)
        expect(leak.status).toBe(403)
        expect(await leak.text()).not.toContain('root:')
        const viaDir = await fetch(`${base}assets/etc/passwd`)
        expect(viaDir.status).toBe(403)
        // The deck's own files are still served.
        const css = await fetch(`${base}assets/base.css`)
        expect(css.status).toBe(200)
      } finally {
        await server.close()
      }
    }, 180_000)
  })
})
