/**
 * Builds the real deck once before the browser tests (`npm run build`), so every test file
 * reads the same dist/. A failed build fails the run with the build's own message.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'

export default function setup(): void {
  const root = resolve(import.meta.dirname, '..')
  try {
    execFileSync(process.execPath, ['src/cli/launch.mjs', 'build'], { cwd: root, stdio: 'pipe', encoding: 'utf8' })
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string }
    throw new Error(`npm run build failed before the tests:\n${e.stdout ?? ''}${e.stderr ?? ''}`)
  }
}
