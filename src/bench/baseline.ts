/**
 * The baseline the issue compares against: the same slide files as a plain reveal.js 6 deck
 * with reveal's runtime Markdown plugin (Markdown parsed in the browser), built by Vite.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { escapeHtml } from '../text/escape.ts'

export interface BaselineSlide {
  /** The file's Markdown, frontmatter removed, its title as a heading. */
  markdown: string
}

const RE_FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

/**
 * One of our slide files as reveal.js Markdown: the frontmatter is dropped, its `title` (and
 * `section` as a kicker line) become the heading, build-time figures become their text
 * equivalent, and `Notes:` stays (reveal's own notes separator). Pure.
 */
export function toBaselineMarkdown(source: string): string {
  const text = source.replace(/\r\n?/g, '\n')
  const m = RE_FRONTMATTER.exec(text)
  let meta: Record<string, unknown> = {}
  if (m) {
    try {
      const parsed: unknown = parseYaml(m[1] ?? '')
      if (parsed && typeof parsed === 'object') meta = parsed as Record<string, unknown>
    } catch {
      meta = {}
    }
  }
  // A figure is shown by its title in the baseline (plain reveal.js has no figure kinds).
  const body = (m ? text.slice(m[0].length) : text)
    .replace(/!\[([^\]]*)\]\(figure:[a-z0-9-]+\)/g, '*$1*')
    .replace(
      /^```(?:map|timeline|chart|pillars)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm,
      (_, yaml: string) => `*${/^title:\s*"?(.*?)"?\s*$/m.exec(yaml)?.[1] ?? 'Figure'}*`,
    )
  const title = typeof meta.title === 'string' ? meta.title : ''
  const section = typeof meta.section === 'string' ? meta.section : ''
  const heading = title ? `${meta.layout === 'title' ? '#' : '##'} ${title}\n\n` : ''
  const kicker = section && meta.layout !== 'title' ? `${section}\n\n` : ''
  return `${kicker}${heading}${body.trim()}\n`
}

/** The baseline's index.html: one `<section data-markdown>` with a `<textarea data-template>` per slide file. Pure. */
export function baselineIndexHtml(title: string, slides: readonly string[]): string {
  const sections = slides
    .map((md) => `<section data-markdown data-separator-vertical="\\r?\\n--\\r?\\n">\n<textarea data-template>\n${escapeHtml(md)}</textarea>\n</section>`)
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
</head>
<body>
<div class="reveal"><div class="slides">
${sections}
</div></div>
<script type="module" src="./main.js"></script>
</body>
</html>
`
}

/** The baseline's entry: reveal.js, its Markdown and notes plugins, and a stock theme (fonts inlined by reveal). */
export const BASELINE_MAIN_JS = `import 'reveal.js/reset.css'
import 'reveal.js/reveal.css'
import 'reveal.js/theme/white.css'
import Reveal from 'reveal.js'
import Markdown from 'reveal.js/plugin/markdown'
import Notes from 'reveal.js/plugin/notes'

const deck = new Reveal({ hash: true, width: 1280, height: 720, plugins: [Markdown, Notes] })
deck.initialize()
`

/**
 * Write the baseline Vite project into `dir` (outside the repo) from `repoRoot`'s slides.
 * Its node_modules is a link to the repo's, so it builds with the same Vite and reveal.js.
 */
export function writeBaselineProject(dir: string, repoRoot: string, slidesDir = 'slides'): void {
  mkdirSync(dir, { recursive: true })
  const src = join(repoRoot, slidesDir)
  const names = readdirSync(src)
    .filter((n) => n.endsWith('.md'))
    .sort()
  const slides = names.map((n) => toBaselineMarkdown(readFileSync(join(src, n), 'utf8')))
  let title = 'Deck'
  try {
    const deck: unknown = parseYaml(readFileSync(join(src, 'deck.yaml'), 'utf8'))
    if (deck && typeof deck === 'object' && typeof (deck as { title?: unknown }).title === 'string') title = (deck as { title: string }).title
  } catch {
    // no deck.yaml: keep the default title
  }
  writeFileSync(join(dir, 'index.html'), baselineIndexHtml(title, slides))
  writeFileSync(join(dir, 'main.js'), BASELINE_MAIN_JS)
  writeFileSync(join(dir, 'package.json'), '{ "name": "baseline-deck", "private": true, "type": "module" }\n')
  writeFileSync(join(dir, 'vite.config.js'), "export default { base: './', logLevel: 'warn', build: { reportCompressedSize: false } }\n")
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir')
}
