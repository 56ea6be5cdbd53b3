/**
 * Keeping a cache folder small, for the caches kept under node_modules/.cache/ (the client build,
 * src/vite/build-cache.ts; the figures' PNGs, src/pptx/png-cache.ts), and telling whether a run
 * that left a folder behind is still going (src/cli/build.ts). The I/O edge only.
 */
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Is a process with this id running? (A run killed mid-way leaves files named after its pid.) */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * In `dir`: remove the temporary files of runs no longer going (`.<name>-<pid>`, written before a
 * rename), and all but the `keep` most recently modified entries (names `isEntry` accepts).
 * Never throws for a file another run removed meanwhile.
 */
export function pruneFolder(dir: string, keep: number, isEntry: (name: string) => boolean): void {
  const names = readdirSync(dir)
  for (const n of names) {
    const pid = Number(/^\..*-(\d+)$/.exec(n)?.[1])
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(dir, n), { recursive: true, force: true })
  }
  const entries = names
    .filter((n) => !n.startsWith('.') && isEntry(n))
    .flatMap((n) => {
      try {
        return [{ n, t: statSync(join(dir, n)).mtimeMs }]
      } catch {
        return []
      }
    })
    .sort((a, b) => b.t - a.t)
  for (const { n } of entries.slice(keep)) rmSync(join(dir, n), { recursive: true, force: true })
}
