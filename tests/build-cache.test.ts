/**
 * The client build cache (src/vite/build-cache.ts) through the real CLI on a scratch project: a
 * build after a slide edit reuses Vite's output and gives the same dist/ byte for byte as a full
 * build of the same slides; changing assets/theme.css (or any input of the client) rebuilds.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cacheKey } from '../src/vite/build-cache.ts'
import { REPO, runBuild, scratchProject, snapshot } from './cli.ts'

const project = scratchProject(join(REPO, 'tests/fixtures/good-small'))
const dist = join(project, 'dist')
const REUSED = /client build reused/

beforeAll(async () => {
  // The first build of this project (its folder is new, so its key is too) runs Vite.
  const run = await runBuild(project)
  expect(run.code, run.stderr).toBe(0)
  expect(run.stdout).not.toMatch(REUSED)
}, 180_000)

describe('npm run build after a slide edit', () => {
  it('reuses the client build and writes what a full build writes', async () => {
    const file = join(project, 'slides/02-middle.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('- Third point', '- Third point (edited)'))
    const fast = await runBuild(project)
    expect(fast.code, fast.stderr).toBe(0)
    expect(fast.stdout).toMatch(REUSED)
    const reused = snapshot(dist)
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toContain('(edited)')
    expect(readFileSync(join(dist, 'deck.html'), 'utf8')).toContain('(edited)')
    expect(readFileSync(join(dist, 'read.html'), 'utf8')).toContain('(edited)')

    const full = await runBuild(project, '--no-cache', `--out=${join(project, 'full')}`)
    expect(full.code, full.stderr).toBe(0)
    expect(full.stdout).not.toMatch(REUSED)
    expect(Object.keys(reused).length).toBeGreaterThan(8)
    expect(reused).toEqual(snapshot(join(project, 'full')))
  }, 180_000)

  it('runs Vite again when assets/theme.css changes', async () => {
    const css = join(project, 'assets/theme.css')
    writeFileSync(css, `${readFileSync(css, 'utf8')}\n.cache-probe { outline-color: rgb(1, 2, 3); }\n`)
    const run = await runBuild(project)
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).not.toMatch(REUSED)
    const built = snapshot(dist)
    const cssFiles = Object.keys(built).filter((f) => f.endsWith('.css'))
    expect(cssFiles.some((f) => readFileSync(join(dist, f), 'utf8').includes('.cache-probe'))).toBe(true)
    expect(readFileSync(join(dist, 'deck.html'), 'utf8')).toContain('.cache-probe')
  }, 180_000)
})

describe('two builds of one project at once', () => {
  it('a build reading the cache while another replaces the entry still succeeds, whole', async () => {
    const entry = join(REPO, 'node_modules/.cache/deck-build', cacheKey(project, REPO))
    const aside = `${entry}-aside-test`
    expect(existsSync(join(entry, 'manifest.json'))).toBe(true)
    // What a --no-cache build beside does to the entry, over and over: the entry is moved
    // away and back, so every read of it may find it gone half-way.
    let moved = false
    const churn = setInterval(() => {
      try {
        if (moved) renameSync(aside, entry)
        else renameSync(entry, aside)
        moved = !moved
      } catch {
        // the other build's rename came first
      }
    }, 1)
    try {
      const builds = await Promise.all([
        runBuild(project, '--no-cache', `--out=${join(project, 'beside')}`),
        (async () => {
          const runs = []
          for (let i = 0; i < 2; i++) runs.push(await runBuild(project, `--out=${join(project, `cached-${i}`)}`))
          return runs
        })(),
      ])
      const runs = [builds[0], ...builds[1]]
      for (const run of runs) expect(run.code, run.stderr).toBe(0)
    } finally {
      clearInterval(churn)
      if (moved && !existsSync(entry)) renameSync(aside, entry)
      rmSync(aside, { recursive: true, force: true })
    }
    const whole = snapshot(join(project, 'beside'))
    for (let i = 0; i < 2; i++) expect(snapshot(join(project, `cached-${i}`))).toEqual(whole)
  }, 300_000)
})
