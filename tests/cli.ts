/**
 * Helpers for tests that run the real `npm run build` CLI on a project folder, and for
 * scratch projects: a copy of the deck pages and assets with the tool's src/ and
 * node_modules linked in, so Vite builds it with the repository's vite.config.ts.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const REPO = resolve(import.meta.dirname, '..')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
  ms: number
}

/** `node src/cli/launch.mjs <command> --root=<root> …` (what `npm run <command>` runs); resolves with the exit code, never rejects. */
export function runCli(command: string, root: string, ...args: string[]): Promise<CliRun> {
  const started = performance.now()
  return new Promise((ok) => {
    execFile(
      process.execPath,
      ['src/cli/launch.mjs', command, `--root=${root}`, ...args],
      { cwd: REPO, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0
        ok({ code, stdout, stderr, ms: performance.now() - started })
      },
    )
  })
}

/** `npm run build` on a project folder. */
export const runBuild = (root: string, ...args: string[]): Promise<CliRun> => runCli('build', root, ...args)

/** Every file under `dir` (relative path -> sha256), for "exactly as it was" comparisons. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (!existsSync(dir)) return out
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const abs = join(dir, rel)
    if (statSync(abs).isFile()) out[rel.split('\\').join('/')] = createHash('sha256').update(readFileSync(abs)).digest('hex')
  }
  return out
}

/**
 * A scratch project in the OS temp folder: the tool's pages (*.html) and assets/, the
 * fixture's slides/ folder, and symlinks to the tool's src/ and node_modules/ (no vite.config.ts: the
 * build falls back to the tool's own).
 */
export function scratchProject(fixtureRoot: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'deck-project-'))
  for (const name of readdirSync(REPO)) if (name.endsWith('.html')) cpSync(join(REPO, name), join(dir, name))
  cpSync(join(REPO, 'assets'), join(dir, 'assets'), { recursive: true })
  cpSync(join(fixtureRoot, 'slides'), join(dir, 'slides'), { recursive: true })
  symlinkSync(join(REPO, 'src'), join(dir, 'src'), 'dir')
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return dir
}
