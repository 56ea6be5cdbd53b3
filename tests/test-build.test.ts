/**
 * `npm test` builds into a temporary folder and never replaces the user's dist/ (and the PDFs
 * in it): the global setup's build, run on a scratch copy of a small deck whose dist/ holds a
 * PDF, leaves that dist/ byte for byte as it was.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtDist } from './built.ts'
import { REPO, scratchProject, snapshot } from './cli.ts'
import { buildForTests } from './global-setup.ts'

describe("the tests' own build", () => {
  it("builds into a temporary folder and leaves the project's dist/ as it was", async () => {
    const project = scratchProject(join(REPO, 'tests/fixtures/good-small'))
    mkdirSync(join(project, 'dist'))
    writeFileSync(join(project, 'dist/deck.pdf'), '%PDF-1.7 made by the user before running the tests\n')
    writeFileSync(join(project, 'dist/index.html'), '<!doctype html><title>the user build</title>')
    const before = snapshot(join(project, 'dist'))
    const out = await buildForTests(project)
    try {
      expect(snapshot(join(project, 'dist'))).toEqual(before)
      expect(relative(project, out).startsWith('..'), out).toBe(true)
      for (const page of ['index.html', 'read.html', 'handout.html', 'deck.html']) expect(existsSync(join(out, page)), page).toBe(true)
    } finally {
      rmSync(resolve(out, '..'), { recursive: true, force: true })
      rmSync(project, { recursive: true, force: true })
    }
  }, 120_000)

  it("gives the browser tests a build outside the repository's dist/", () => {
    const dist = builtDist()
    expect(relative(join(REPO, 'dist'), dist).startsWith('..'), dist).toBe(true)
    expect(relative(REPO, dist).startsWith('..'), dist).toBe(true)
  })
})
