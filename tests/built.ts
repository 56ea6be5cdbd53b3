/**
 * The deck in slides/ as the global setup built it (tests/global-setup.ts): a temporary folder,
 * never the user's dist/. Every test of the built deck reads this folder.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'

export function builtDist(): string {
  const dir = inject('distDir')
  if (!dir || !existsSync(join(dir, 'index.html')))
    throw new Error(`the test build is missing (${String(dir)}): tests/global-setup.ts builds slides/ before the tests`)
  return dir
}
