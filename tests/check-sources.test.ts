/**
 * Several sources, cited where they are used (tests/fixtures/check-sources: two sources, a
 * references slide), and the fidelity check's own errors at their line: an unreadable source,
 * a broken allowlist. `check --no-browser` on the build's record only: no Vite build, no browser.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatFinding } from '../src/check/findings.ts'
import { report, runCheck } from '../src/check/run.ts'
import { loadSlides } from '../src/compiler/load.ts'
import { compileLoaded } from '../src/compiler/node.ts'
import { deckRecord, writeRecord } from '../src/deck/record.ts'

const root = resolve(import.meta.dirname, '..')
const tmp = mkdtempSync(join(tmpdir(), 'deck-sources-'))

/** A copy of the two-source fixture, with `edit` applied to its files, compiled and recorded into dist/. */
function project(edit: Record<string, (text: string) => string> = {}): { dir: string; compile: ReturnType<typeof compileLoaded> } {
  const dir = mkdtempSync(join(tmp, 'p-'))
  cpSync(join(root, 'tests/fixtures/check-sources'), dir, { recursive: true })
  for (const [file, change] of Object.entries(edit)) writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')))
  const loaded = loadSlides(dir, 'slides')
  const compile = compileLoaded(dir, 'slides', loaded)
  mkdirSync(join(dir, 'dist'), { recursive: true })
  writeRecord(join(dir, 'dist'), deckRecord(compile, [...loaded.files, ...(loaded.deckFile ? [loaded.deckFile] : [])], 'slides'))
  return { dir, compile }
}

const fidelity = async (dir: string, source?: string) =>
  (await runCheck({ root: dir, browser: false, ...(source ? { source } : {}) })).findings.filter((f) => f.code === 'fidelity').map(formatFinding)

describe('two sources, cited', () => {
  it('the references slide lists both, in order of first use; each slide prints its source line', () => {
    const { compile } = project()
    expect(compile.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const [claims, refs] = compile.deck.slides
    expect(claims?.bodyHtml).toContain('<p class="slide-source"><small>Sources: Vilnor Port Authority, Feb 2024 [1]; Kessa Review, 2023, p. 4 [2]</small></p>')
    expect(refs?.layout).toBe('sources')
    expect(refs?.bodyHtml.match(/<li id="ref-(\w+)">/g)).toEqual(['<li id="ref-harbour">', '<li id="ref-review">'])
    expect(refs?.bodyHtml).toContain('<cite>Annual Shipping Review</cite>, Kessa Review, 2023.')
    // The citation is not prose: neither "@review" nor "p. 4" is a claim.
    expect(compile.prose.map((p) => p.text).join(' ')).not.toMatch(/@|p\. 4/)
  })

  it('a claim found only in the second source passes; the check reads both', async () => {
    const { dir } = project()
    const r = await runCheck({ root: dir, browser: false })
    expect(r.findings.map(formatFinding)).toEqual([])
    expect(r.notes.join('\n')).toMatch(/fidelity: \d+ numbers, names and quotes checked against \S*source-a\.txt, \S*source-b\.txt/)
  })

  it('a claim in neither source fails, naming both sources tried, the cited ones first', async () => {
    const { dir } = project({ 'slides/01-port.md': (t) => t.replace('1,200 ships in 2019 [@review, p. 4]', '1,300 ships in 2019 [@review, p. 4]') })
    expect(await fidelity(dir)).toEqual([
      'slides/01-port.md:5: fidelity: number "1,300" is in none of the sources tried (Vilnor Port Authority [@harbour], Kessa Review [@review]): correct it to the sources\' wording, or, if it is a labelled outside fact, add it to slides/fidelity-allowlist.yaml with its reason',
    ])
  })

  it('an unknown [@id] is an error at its line and column; a source never cited is a warning at its entry', () => {
    const { compile } = project({ 'slides/01-port.md': (t) => t.replace('[@review, p. 4]', '[@reveiw, p. 4]') })
    expect(compile.diagnostics.map((d) => `${d.pos.file}:${d.pos.line}:${d.pos.column} ${d.severity} ${d.code}: ${d.message}`)).toEqual([
      'slides/01-port.md:5:47 error citation-unknown: "[@reveiw]" cites no source in deck.yaml: did you mean "@review"? (the sources are @harbour, @review)',
      'slides/deck.yaml:8:1 warning source-uncited: source "review" is never cited: cite it as [@review] where the deck uses it, or remove it from "sources:"',
    ])
  })

  it('--source stands in for the first source; the others are still read', async () => {
    const { dir } = project()
    writeFileSync(join(dir, 'other.txt'), 'Nothing about ports.')
    const found = await fidelity(dir, join(dir, 'other.txt'))
    expect(found.some((f) => f.includes('number "2014"') && f.includes('none of the sources tried'))).toBe(true)
    expect(found.some((f) => f.includes('1,200'))).toBe(false)
  })
})

describe("the fact check's own errors, at their line", () => {
  it('a source that is a folder or a FIFO is refused at its deck.yaml line, and the check fails', async () => {
    for (const [name, kind] of [
      ['a-folder', 'a folder'],
      ['a-fifo', 'a FIFO (named pipe)'],
    ] as const) {
      const { dir } = project({ 'slides/deck.yaml': (t) => t.replace('file: ../source-b.txt', `file: ../${name}`) })
      if (name === 'a-folder') mkdirSync(join(dir, name))
      else execFileSync('mkfifo', [join(dir, name)])
      const r = await runCheck({ root: dir, browser: false })
      expect(r.findings.map(formatFinding)).toEqual([`slides/deck.yaml:8: fidelity: the source "../${name}" is ${kind}, not a file: remove it or rename it`])
      expect(report(r)).toContain('check failed.')
    }
  })

  it('a YAML error in the allowlist is an error at its line, not a silent skip', async () => {
    const { dir } = project()
    writeFileSync(join(dir, 'slides/fidelity-allowlist.yaml'), '- term: "2020"\n  reason: "fact-check: signed in 2020"\n- term: [a, b\n  reason: x\n')
    const r = await runCheck({ root: dir, browser: false })
    expect(r.findings.map(formatFinding)).toEqual([
      expect.stringMatching(/^slides\/fidelity-allowlist\.yaml:[34]: fidelity: slides\/fidelity-allowlist\.yaml is not valid YAML: /),
    ])
    expect(r.notes).toContain('fidelity not checked: a source or the allowlist could not be read (see the findings)')
  })

  it('an allowlist entry without a reason is an error at its entry', async () => {
    const { dir } = project()
    writeFileSync(join(dir, 'slides/fidelity-allowlist.yaml'), '- term: Vilnor\n  reason: "named on the port\'s own sign"\n- term: "2020"\n')
    expect(await fidelity(dir)).toEqual([expect.stringMatching(/^slides\/fidelity-allowlist\.yaml:3: fidelity: .*entry 2 \("2020"\) needs a "reason"/)])
  })
  it('an allowlist asked for by --allowlist must be there; the default one may be absent', async () => {
    const { dir } = project()
    const r = await runCheck({ root: dir, browser: false, allowlist: 'nowhere.yaml' })
    expect(r.findings.map(formatFinding)).toEqual(['nowhere.yaml: fidelity: the allowlist nowhere.yaml does not exist'])
    expect((await runCheck({ root: dir, browser: false })).findings).toEqual([])
  })
})
