/**
 * Nothing outside the deck's folders reaches a built page or the dev server: a style sheet's
 * `url()` or `@import` leading out of the project stops the build at its line, and the dev
 * server refuses every spelling of a file outside slides/ and assets/ (a link out, `/@fs/`,
 * encoded `..`, doubled slashes).
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createServer } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO, runBuild, scratchProject } from './cli.ts'

const project = scratchProject(join(REPO, 'tests/fixtures/good-small'))
const secret = join(dirname(project), `${project.split('/').pop()}-secret.png`)
writeFileSync(secret, 'OUTSIDE-SECRET')
writeFileSync(join(project, 'notes.txt'), 'ROOT-SECRET')
symlinkSync(secret, join(project, 'assets/link.png'))
afterAll(() => {
  rmSync(project, { recursive: true, force: true })
  rmSync(secret, { force: true })
})

describe('a style sheet that reaches outside the project', () => {
  const theme = join(project, 'assets/theme.css')
  const good = readFileSync(theme, 'utf8')
  const line = good.split('\n').length
  it.each([
    ['a url() to a file beside the project', `.x { background: url(../../${secret.split('/').pop()}) }\n`],
    ['a url() through a link in assets/', '.x { background: url(link.png) }\n'],
    ['an @import of a sheet that does', '@import "./outer.css";\n'],
  ])('stops the build at its line: %s', async (_, css) => {
    writeFileSync(join(project, 'assets/outer.css'), `.y { background: url(${secret}) }\n`)
    // (An @import must come first in its sheet.)
    writeFileSync(theme, css.startsWith('@import') ? css + good : good + css)
    try {
      const run = await runBuild(project, '--out', join(project, 'out'))
      expect(run.code).not.toBe(0)
      const where = css.startsWith('@import') ? 'assets/outer\\.css:1' : `assets/theme\\.css:${line}`
      expect(run.stderr).toMatch(new RegExp(`${where}:\\d+ error css-outside `))
      expect(run.stderr).toContain(secret)
    } finally {
      writeFileSync(theme, good)
      rmSync(join(project, 'out'), { recursive: true, force: true })
    }
  })
})

describe('the dev server', () => {
  it('serves no file outside the deck folders, however the request spells it', async () => {
    const server = await createServer({
      root: project,
      configFile: join(REPO, 'vite.config.ts'),
      cacheDir: join(project, '.vite-cache'),
      logLevel: 'silent',
      server: { port: 0, strictPort: false, host: '127.0.0.1' },
    })
    try {
      await server.listen()
      const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '')
      const name = secret.split('/').pop()
      for (const url of [
        '/assets/link.png',
        '//assets/link.png',
        `/@fs${project}/assets/link.png`,
        `/@fs${project}/assets/link.png?raw`,
        `/@fs${secret}`,
        `/assets/..%2f..%2f${name}`,
        '/notes.txt',
        '/notes.txt?raw',
      ]) {
        const res = await fetch(`${base}${url}`)
        const text = await res.text()
        expect(text, url).not.toMatch(/OUTSIDE-SECRET|ROOT-SECRET/)
        expect(res.status, url).toBe(403)
      }
      // The deck itself is still served.
      expect((await fetch(`${base}/assets/theme.css`)).status).toBe(200)
      expect((await fetch(`${base}/@vite/client`)).status).toBe(200)
    } finally {
      await server.close()
    }
  })
})
