import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { cssOutside, deckFileFolders, servedFolders, servedOutside } from './file-guard.ts'

// A project beside a secret file: assets/ holds a link to the secret and a style sheet.
const parent = realpathSync(mkdtempSync(join(tmpdir(), 'file-guard-')))
const root = join(parent, 'project')
const secret = join(parent, 'secret.png')
mkdirSync(join(root, 'assets'), { recursive: true })
mkdirSync(join(root, 'slides'))
writeFileSync(secret, 'SECRET')
writeFileSync(join(root, 'package.json'), '{}')
writeFileSync(join(root, 'index.html'), '<!doctype html>')
writeFileSync(join(root, 'assets/ok.png'), 'png')
symlinkSync(secret, join(root, 'assets/link.png'))
afterAll(() => rmSync(parent, { recursive: true, force: true }))

describe('servedOutside (the dev server)', () => {
  const folders = servedFolders(root, join(root, 'node_modules/.vite'))
  it.each([
    '/assets/link.png',
    '/assets//link.png',
    '//assets/link.png',
    '/assets/./link.png?raw',
    '/assets/%2e%2e/%2e%2e/secret.png',
    '/assets/..%2f..%2fsecret.png',
    '/assets\\..\\..\\secret.png',
    `/@fs${secret}`,
    `/@fs${root}/assets/link.png?import`,
    `//@fs/${root}/../secret.png`,
    '/package.json',
    '/assets/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(servedOutside(root, url, folders)).toBeDefined()
  })
  it.each(['/assets/ok.png', '/index.html', '/', '/@vite/client', '/assets/missing.png', `/@fs${root}/assets/ok.png`])('lets %s through', (url) => {
    expect(servedOutside(root, url, folders)).toBeUndefined()
  })
})

describe('cssOutside (a style sheet Vite would compile)', () => {
  const folders = deckFileFolders(root)
  const none = async () => undefined
  it.each([
    ['a { background: url(../../secret.png) }', 1, 'url(../../secret.png)'],
    ['\n\na { background: url("link.png") }', 3, 'url(link.png)'],
    [`@font-face { src: url(${secret}) }`, 1, `url(${secret})`],
    ['@import "../../secret.png";', 1, '@import "../../secret.png"'],
  ])('refuses %j at its line', async (css, line, what) => {
    const message = await cssOutside(root, join(root, 'assets/x.css'), css, folders, none)
    expect(message).toMatch(new RegExp(`^assets/x\\.css:${line}:\\d+ error css-outside `))
    expect(message).toContain(what)
    expect(message).toContain(secret)
  })
  it('follows @import into a sheet that reaches out', async () => {
    writeFileSync(join(root, 'assets/inner.css'), 'b { background: url(../../secret.png) }')
    const message = await cssOutside(root, join(root, 'assets/x.css'), '@import "./inner.css";', folders, none)
    expect(message).toMatch(/^assets\/inner\.css:1:\d+ error css-outside/)
  })
  it('lets files in assets/, missing files and remote or data URLs through', async () => {
    const css =
      'a { background: url(ok.png) } b { background: url(nope.png) } c { background: url(https://x.test/a.png) } d { background: url("data:image/png;base64,AA") }'
    expect(await cssOutside(root, join(root, 'assets/x.css'), css, folders, none)).toBeUndefined()
  })
})
