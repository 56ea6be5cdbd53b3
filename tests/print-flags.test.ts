/**
 * `npm run pdf` and `npm run pptx` refuse a flag they do not have, naming the one meant, before
 * they start Chromium: `--lettr` must not quietly print on A4.
 */
import { describe, expect, it } from 'vitest'
import { REPO, runCli } from './cli.ts'

describe('print commands: strict flags', () => {
  it('npm run pdf -- --lettr exits 2 naming --letter', async () => {
    const run = await runCli('pdf', REPO, '--lettr')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^pdf: Unknown option '--lettr'\. Did you mean --letter\? Flags: .*--strict/m)
  })

  it('npm run pptx -- --no-chache exits 2 naming --no-cache', async () => {
    const run = await runCli('pptx', REPO, '--no-chache')
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^pptx: Unknown option '--no-chache'\. Did you mean --no-cache\? Flags: .*--verbose/m)
  })
})
