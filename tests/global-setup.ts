/**
 * Builds the deck in slides/ once before the browser tests, into a temporary folder of its own
 * (`npm run build -- --out=<tmp>`), never into the user's dist/: `npm test` leaves dist/ and the
 * PDFs in it as they were. Tests read the folder with `builtDist()` (tests/built.ts). A failed
 * build fails the run with the build's own message; the folder is removed after the run.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder the global setup built slides/ into (index.html, read.html, handout.html, deck.html). */
    distDir: string
  }
}

/** Build `root`'s slides into a new temporary folder with the real CLI; returns the folder. */
export function buildForTests(root: string): string {
  const parent = mkdtempSync(join(tmpdir(), 'deck-test-build-'))
  const out = join(parent, 'dist')
  try {
    execFileSync(process.execPath, [resolve(import.meta.dirname, '../src/cli/launch.mjs'), 'build', `--root=${root}`, `--out=${out}`], {
      cwd: root,
      stdio: 'pipe',
      encoding: 'utf8',
    })
  } catch (err) {
    rmSync(parent, { recursive: true, force: true })
    const e = err as { stdout?: string; stderr?: string }
    throw new Error(`npm run build failed before the tests:\n${e.stdout ?? ''}${e.stderr ?? ''}`)
  }
  return out
}

export default function setup(project: TestProject): () => void {
  const out = buildForTests(resolve(import.meta.dirname, '..'))
  project.provide('distDir', out)
  return () => rmSync(resolve(out, '..'), { recursive: true, force: true })
}
