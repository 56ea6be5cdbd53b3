/**
 * `npm run pptx` on a deck an author made carelessly or with intent: control characters in a
 * slide (pasted, or written `&#1;`) are left out of every part with a warning at the slide's line,
 * so the package stays XML that Impress opens; a picture is drawn at the size it is shown, not
 * at the size it declares; and a raw link with a malformed escape crashes neither pptx nor check.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CliRun, REPO, runBuild, runCli, scratchProject } from './cli.ts'

const project = scratchProject(join(REPO, 'tests/fixtures/pptx-small'))
cpSync(join(REPO, 'tests/fixtures/pptx-small/slides'), join(project, 'slides'), { recursive: true })
// A 200-byte SVG that declares itself 6000 px square.
writeFileSync(
  join(project, 'slides/img/huge.svg'),
  '<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="6000" viewBox="0 0 10 10"><rect width="10" height="10" fill="#c33"/></svg>',
)
writeFileSync(
  join(project, 'slides/07-hostile.md'),
  '---\ntitle: A careless slide\n---\nPasted text\u0001 with a control character and an entity &#1; too.\n\n<p>Raw \u0002 text and <a href="#/%E0%A4%A">a broken raw link</a>.</p>\n\n![A small picture that says it is huge](img/huge.svg)\n\nNotes:\nSay it\u0003.\n',
)
const out = join(project, 'deck.pptx')
let pptx: CliRun
let zip: JSZip

beforeAll(async () => {
  const build = await runBuild(project)
  expect(build.code, build.stderr).toBe(0)
  pptx = await runCli('pptx', project, `--out=${out}`)
  zip = await JSZip.loadAsync(readFileSync(out))
}, 300_000)
afterAll(() => rmSync(project, { recursive: true, force: true }))

const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|&#(x0*[0-8bcef]|x0*1[0-9a-f]|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));/i

describe('pptx of a careless slide', () => {
  it('converts, and warns at the slide with the control characters', () => {
    expect(pptx.code, pptx.stderr).toBe(0)
    expect(pptx.stderr).not.toMatch(/URI malformed/)
    expect(pptx.stderr).toMatch(/^slides\/07-hostile\.md:1:1 warning pptx-control-char slide "[^"]+" holds [3-9] control characters/m)
  })

  it('writes only characters XML 1.0 allows, in every part', async () => {
    const bad: string[] = []
    for (const [name, file] of Object.entries(zip.files)) {
      if (file.dir || !/\.(xml|rels|svg)$/.test(name)) continue
      if (XML_INVALID.test(await file.async('string'))) bad.push(name)
    }
    expect(bad).toEqual([])
  })

  it('draws the picture at twice the size it is shown, not the size it declares', async () => {
    const widths = await Promise.all(
      Object.entries(zip.files)
        .filter(([name]) => name.startsWith('ppt/media/') && name.endsWith('.png'))
        .map(async ([, f]) => new DataView((await f.async('uint8array')).buffer).getUint32(16)),
    )
    // (The PNG's width, from its header.) The slide is 1280 px wide: twice that at most.
    expect(widths.length).toBeGreaterThan(0)
    expect(Math.max(...widths)).toBeLessThanOrEqual(2560)
  })
})

describe('check of a careless slide', () => {
  it('reports the broken raw link instead of crashing', async () => {
    const check = await runCli('check', project)
    expect(`${check.stdout}${check.stderr}`).not.toMatch(/URI malformed/)
    expect(`${check.stdout}${check.stderr}`).toMatch(/#\/%E0%A4%A/)
  }, 300_000)
})
