/**
 * The benchmark's PDF reference: Marp (marp-cli 4.5.1, `marp --pdf --pdf-notes`), the fastest
 * Markdown-to-PDF peer, run on the same slide files. marp-cli is not a dependency of the project
 * (about 136 MB with its own puppeteer-core): the bench installs it once into
 * node_modules/.cache/bench-marp/ with npm and reuses it; it drives the system Chromium
 * (CHROME_PATH, else /usr/bin/chromium) and never downloads a browser.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { toBaselineMarkdown } from './baseline.ts'

export const MARP_VERSION = '4.5.1'

/**
 * Our slide files as one Marp deck: a slide per file and per "--" sub-slide, the title as its
 * heading (as in the baseline), the notes as an HTML comment (what `--pdf-notes` prints). Pure.
 */
export function toMarpMarkdown(title: string, sources: readonly string[]): string {
  const slides = sources.flatMap((source) =>
    toBaselineMarkdown(source)
      .split(/\n--[ \t]*\n/)
      .map((part) => {
        const [body = '', ...notes] = part.split(/^Notes?:[ \t]*$/m)
        const text = notes.join('\n').trim().replace(/--+>?/g, '—')
        return `${body.trim()}\n${text ? `\n<!--\n${text}\n-->\n` : ''}`
      }),
  )
  return `---\nmarp: true\ntitle: ${JSON.stringify(title)}\n---\n\n${slides.join('\n---\n\n')}`
}

/** The marp-cli entry point, installed into `cacheDir` (npm, once); undefined with the reason when it cannot be. */
export async function installMarp(cacheDir: string, log: (s: string) => void): Promise<{ cli: string } | { error: string }> {
  const dir = join(cacheDir, `bench-marp-${MARP_VERSION}`)
  const cli = join(dir, 'node_modules/@marp-team/marp-cli/marp-cli.js')
  if (existsSync(cli)) return { cli }
  log(`marp: installing @marp-team/marp-cli@${MARP_VERSION} into ${dir} (once; about 140 MB)`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-marp", "private": true }\n')
  const error = await new Promise<string | undefined>((ok) =>
    execFile(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', `@marp-team/marp-cli@${MARP_VERSION}`],
      { cwd: dir, env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' }, maxBuffer: 16 << 20 },
      (err, _out, stderr) => ok(err ? `npm install failed: ${stderr.trim().split('\n').slice(-3).join(' ')}` : undefined),
    ),
  )
  if (error) return { error }
  return existsSync(cli) ? { cli } : { error: `npm installed no ${cli}` }
}
