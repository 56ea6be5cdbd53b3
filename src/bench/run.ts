/**
 * What every part of `npm run bench` shares: the run's folders and settings, the rows it fills,
 * and the way it times a command (alternating the contenders, round after round).
 */
import { cpSync, readFileSync, symlinkSync } from 'node:fs'
import { delimiter, join, relative, sep } from 'node:path'
import { timeCommand } from './measure.ts'
import type { Row } from './report.ts'

export interface BenchRun {
  /** The project measured (the tool's own folder). */
  root: string
  /** A scratch folder for the run, removed at the end. */
  tmp: string
  /** A copy of the project, and the plain reveal.js + Vite baseline built from the same slides. */
  oursDir: string
  baseDir: string
  runs: number
  rows: Row[]
  log(line: string): void
  /** Undone in reverse order when the run ends, however it ends. */
  cleanup: (() => Promise<void> | void)[]
}

/** Copy the project (without node_modules, dist, git) into `dir`, its node_modules a link to ours. */
export function copyProject(root: string, dir: string): void {
  const skip = (top: string) => ['node_modules', 'dist', '.git'].includes(top) || top.startsWith('.dist-') || top.startsWith('.vite')
  cpSync(root, dir, { recursive: true, filter: (src) => src === root || !skip(relative(root, src).split(sep)[0] ?? '') })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
}

/** A package.json script's line, to run without npm's own start-up. */
export function npmScript(dir: string, name: string): string | undefined {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }
  return pkg.scripts?.[name]
}

/** Time a script line through sh, node_modules/.bin first on PATH (as npm runs it). */
export function runLine(dir: string, line: string): Promise<number> {
  return timeCommand('sh', ['-c', line], dir, { PATH: `${join(dir, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}` })
}

/** Each step `runs` times, one after the other in every round, so a slow spell hits all alike. */
export async function alternate<T>(runs: number, steps: Record<string, () => Promise<T>>): Promise<Record<string, T[]>> {
  const out: Record<string, T[]> = Object.fromEntries(Object.keys(steps).map((k) => [k, []]))
  for (let i = 0; i < runs; i++) {
    for (const [k, f] of Object.entries(steps)) {
      out[k]?.push(await f())
    }
  }
  return out
}
