/**
 * `npm run pdf`: print the built deck (dist/) with Chromium into
 *   dist/deck.pdf     one 16:9 page per slide (1280x720 px)
 *   dist/handout.pdf  one portrait page per slide, the slide above its notes; A4, or US Letter
 *                     with `--letter`
 * both from handout.html (src/pdf/print.ts), each with the deck's title, language and an outline:
 * an entry per section, the slide titles under it (src/pdf/outline.ts), read from the build's record
 * (dist/deck.json), so nothing is compiled again. `--out=<dir>` writes the
 * PDFs elsewhere (default: dist/); `--dist=<dir>` prints a deck built elsewhere and writes there
 * unless --out says otherwise. Prints a line per output with its page count; exits non-zero when a
 * count is wrong. Reports by slide images that did not load and content cut off by the page;
 * `--strict` makes those fail the command.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { launchBrowser } from '../browser/chromium.ts'
import { serveDir } from '../browser/serve.ts'
import { slideSources } from '../compiler/load.ts'
import type { OutlineEntry } from '../deck/outline.ts'
import { changedFiles, type OutlineItem, readRecord } from '../deck/record.ts'
import { describeLoss, printBoth, StaleHandout } from '../pdf/print.ts'
import { SOURCES_HEADING } from '../reading/provenance.ts'
import { parseCommandFlags } from './args.ts'

const flags = parseCommandFlags('pdf', { dist: { type: 'string' }, out: { type: 'string' }, letter: { type: 'boolean' }, strict: { type: 'boolean' } })
const root = resolve(flags.root ?? process.cwd())
const paper = flags.letter ? 'Letter' : 'A4'
const dist = resolve(flags.dist ?? join(root, 'dist'))
const outDir = resolve(flags.out ?? dist)
/** What the printout loses (broken images, content cut off by the page) fails the command. */
const strict = flags.strict === true
const shown = (f: string) => relative(process.cwd(), join(dist, f))

/** `DECK_PROFILE=1`: each phase's time since the process started (and this process's CPU time), on stderr. */
const mark = (what: string) => {
  if (process.env.DECK_PROFILE !== '1') return
  const cpu = process.cpuUsage()
  process.stderr.write(`profile ${Math.round(performance.now())} ms (this process's CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms) ${what}\n`)
}

/** The reading edition's contents as outline entries pointing at pages (slide indexes). */
function toOutline(toc: OutlineItem[], ids: readonly string[]): OutlineEntry[] {
  const index = new Map(ids.map((id, i) => [id, i]))
  const page = (id: string) => {
    const i = index.get(id)
    if (i === undefined) throw new Error(`dist/deck.json lists the slide #${id}, which dist/handout.html does not hold: run \`npm run build\` again`)
    return i
  }
  const walk = (entries: OutlineItem[]): OutlineEntry[] => entries.map((e) => ({ title: e.title, page: page(e.id), children: walk(e.children) }))
  return walk(toc)
}

async function main(): Promise<number> {
  const started = performance.now()
  mark('main')
  if (!existsSync(join(dist, 'handout.html'))) throw new Error(`${shown('handout.html')} is missing: run \`npm run build\` first`)
  const record = readRecord(dist)
  // Chromium launches while the rest is read. Not in one process, as pptx is: the first clean-clone
  // CI run with it printed a handout page without its marking (margin boxes), passing alone.
  const launching = launchBrowser()
  launching.catch(() => undefined) // handled where it is awaited
  // pdf-lib loads while Chromium starts and prints.
  const outlining = import('../pdf/outline.ts')
  outlining.catch(() => undefined)
  const server = await serveDir(dist)
  const changed = changedFiles(record, slideSources(root, record.slidesDir))
  if (changed.length)
    console.error(`warning ${changed.join(', ')} changed after ${relative(root, dist) || '.'}/ was built: run \`npm run build\` to print the current slides`)
  const { title, lang, author, organisation, date, marking } = record.config
  const info = { title, lang, author, organisation, date, marking: marking?.text }
  const ids = record.slides.map((s) => s.id)
  const outline = toOutline(record.outline, ids)
  // The handout's endnotes follow its slides (src/reading/render.ts).
  const endnotes = record.slides.some((s) => s.provenance?.length)
  const outlines: Record<string, OutlineEntry[]> = {
    'deck.pdf': outline,
    'handout.pdf': endnotes ? [...outline, { title: SOURCES_HEADING, page: ids.length, children: [] }] : outline,
  }
  // Each PDF gets its outline (pdf-lib) as soon as it is printed, the handout while the deck prints;
  // nothing is written before both are printed and checked.
  const finishing = new Map<string, Promise<{ pdf: Uint8Array; pages: number }>>()
  const onPrinted = (name: string, bytes: Uint8Array) => {
    const done = outlining.then(({ withOutline }) => withOutline(bytes, outlines[name] ?? outline, info))
    done.catch(() => undefined) // handled where it is awaited
    finishing.set(name, done)
  }
  const errors: string[] = []
  let printed: Awaited<ReturnType<typeof printBoth>>
  try {
    const browser = await launching
    mark('Chromium answered')
    printed = await printBoth(browser, `${server.url}handout.html`, paper, errors, mark, onPrinted).catch((err: unknown) => {
      throw err instanceof StaleHandout ? new Error(`${shown('handout.html')}: ${err.message}: run \`npm run build\` again`) : err
    })
    mark('both printed')
  } finally {
    // Chromium shuts down (and removes its temporary profile) on its own: not waited for.
    void launching.then((b) => b.close()).catch(() => undefined)
    await server.close()
  }
  if (printed.ids.join(' ') !== ids.join(' '))
    throw new Error(
      `${shown('handout.html')} and ${shown('deck.json')} hold different slides (${printed.ids.length} and ${ids.length}): run \`npm run build\` again`,
    )
  if (errors.length) throw new Error(`the page reported errors while printing:\n${errors.join('\n')}`)
  mkdirSync(outDir, { recursive: true })
  const outputs = await Promise.all(
    (['deck.pdf', 'handout.pdf'] as const).map(async (name) => {
      const file = join(outDir, name)
      const done = await (finishing.get(name) as Promise<{ pdf: Uint8Array; pages: number }>)
      writeFileSync(file, done.pdf)
      return { file, pages: done.pages }
    }),
  )
  mark('both written')

  let ok = !(strict && printed.losses.length)
  for (const { pdf, loss } of printed.losses) console.error(`${strict ? 'error' : 'warning'} ${describeLoss(pdf, loss)}`)
  for (const o of outputs) {
    const extra = o.file.endsWith('handout.pdf') ? printed.endnotePages : 0
    const good = o.pages === ids.length + extra
    ok &&= good
    const expected = `${ids.length + extra}, one per slide${extra ? ` and ${extra} of sources` : ''}`
    const line = `${relative(root, o.file)}: ${o.pages} page${o.pages === 1 ? '' : 's'}${good ? '' : ` — expected ${expected}`}`
    if (good) console.log(line)
    else console.error(`error ${line}`)
  }
  console.log(`${ok ? 'printed' : 'printed with errors'} in ${Math.round(performance.now() - started)} ms (handout on ${paper})`)
  return ok ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(flags.debug && err instanceof Error ? err.stack : `pdf failed: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(2)
  },
)
