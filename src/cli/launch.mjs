// Every npm command of the tool starts here, in plain JavaScript: `node src/cli/launch.mjs <name>`
// runs src/cli/<name>.ts.
//
// Without a TypeScript loader where it can: the command and our modules are bundled ahead of time
// with esbuild (tsx's own dependency) into node_modules/.cache/deck-cli/, keyed by the size and
// modification time of every file in src/, vite.config.ts and the lockfile, and rebuilt when they change; packages stay outside the
// bundle, imported natively, but for the compiler's few (INLINE below). A loader costs every run a few hundred ms on this 2-core machine.
// Each module keeps its own `import.meta.url` and `import.meta.dirname` inside the bundle.
//
// When esbuild cannot be used (or DECK_TSX=1), tsx runs the sources as before: the heavy packages
// a command needs are imported natively first, and only then is tsx's loader registered for our
// TypeScript (under tsx from the start, every one of their modules goes through its hooks).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const PRELOAD = {
  build: [],
  pdf: ['playwright-core', 'pdf-lib'],
  new: [],
  check: ['playwright-core'],
  bench: ['vite', 'playwright-core'],
  pptx: ['pptxgenjs', 'playwright-core'],
}
/**
 * Packages bundled into the CLI with our modules rather than imported from node_modules: the
 * compiler's, needed by every build. Loading them (and their own dependencies: sanitize-html's
 * htmlparser2 and postcss, many small CommonJS files) one file at a time cost more than the
 * compile itself. The others (Vite, playwright-core, highlight.js loaded on first use) stay outside.
 */
const INLINE = new Set(['yaml', 'marked', 'marked-highlight', 'marked-smartypants', 'sanitize-html', 'd3-geo', 'topojson-client', 'i18n-iso-countries'])
const name = process.argv[2]
if (!name || !Object.hasOwn(PRELOAD, name)) {
  console.error(`usage: node src/cli/launch.mjs <${Object.keys(PRELOAD).join('|')}> [options]`)
  process.exit(2)
}
process.argv.splice(2, 1)

const here = import.meta.dirname
const toolRoot = join(here, '../..')
const bundled = process.env.DECK_TSX === '1' ? undefined : await bundle(name).catch(() => undefined)
if (bundled) {
  await import(pathToFileURL(bundled).href)
} else {
  await Promise.all(PRELOAD[name].map((m) => import(m)))
  const { register } = await import('tsx/esm/api')
  register()
  await import(`./${name}.ts`)
}

/** The command bundled, from the cache or built now; undefined when it cannot be. */
async function bundle(command) {
  const src = join(toolRoot, 'src')
  // The bundle holds this folder's absolute paths: a copy of the project sharing node_modules
  // (the bench's, a worktree) gets its own.
  const hash = createHash('sha256').update(`${process.version}\0${command}\0${toolRoot}\0`)
  const files = readdirSync(src, { recursive: true })
    .filter((f) => /\.(ts|mts|js|mjs|json)$/.test(f) && !/\.test\.ts$/.test(f))
    .sort()
  // By size and modification time (an edit changes both; reading every file costs more).
  for (const f of [...files.map((f) => join('src', f)), 'vite.config.ts', 'package-lock.json', 'src/cli/launch.mjs']) {
    const st = statSync(join(toolRoot, f), { throwIfNoEntry: false })
    hash.update(`${f}\0${st ? `${st.size}:${st.mtimeMs}` : 'absent'}\0`)
  }
  const dir = join(toolRoot, 'node_modules/.cache/deck-cli')
  const out = join(dir, `${command}-${hash.digest('hex').slice(0, 20)}`)
  const entry = join(out, `${command}.mjs`)
  if (existsSync(entry)) return entry
  const esbuild = await import('esbuild')
  mkdirSync(dir, { recursive: true })
  const tmp = `${out}.${process.pid}.tmp`
  await esbuild.build({
    entryPoints: [join(here, `${command}.ts`)],
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    // Modules imported lazily (Vite's config, the PDF outline) stay lazy: chunks of their own.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // Bundled CommonJS packages (sanitize-html's) call require() for Node's own modules.
    banner: { js: "import { createRequire as __deckCreateRequire } from 'node:module'; const require = __deckCreateRequire(import.meta.url);" },
    plugins: [
      {
        name: 'own-import-meta',
        setup(b) {
          // JSON from packages goes into the bundle (Node would need the import attribute kept).
          b.onResolve({ filter: /\.json$/ }, (args) => ({ path: createRequire(join(args.resolveDir, 'x.js')).resolve(args.path) }))
          // Packages stay outside the bundle, but for the compiler's own (INLINE) and what they import.
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.importer.includes('/node_modules/') || args.path.startsWith('node:')) return undefined
            const pkg = args.path
              .split('/')
              .slice(0, args.path.startsWith('@') ? 2 : 1)
              .join('/')
            if (!INLINE.has(pkg)) return { external: true }
            // Node's entry of i18n-iso-countries loads every language's names; the compiler registers English itself.
            if (args.path === 'i18n-iso-countries') return { path: createRequire(join(args.resolveDir, 'x.js')).resolve('i18n-iso-countries/index.js') }
            return undefined
          })
          b.onLoad({ filter: /\.(ts|mts)$/ }, (args) => {
            if (args.path.includes('/node_modules/')) return undefined
            const text = readFileSync(args.path, 'utf8')
              .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
              .replaceAll('import.meta.filename', JSON.stringify(args.path))
              .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
            return { contents: text, loader: 'ts' }
          })
        },
      },
    ],
  })
  try {
    renameSync(tmp, out)
  } catch {
    // Another run of the same command got there first: its bundle is the same.
    rmSync(tmp, { recursive: true, force: true })
  }
  // Older bundles of this command go, once no run can still be loading their lazy chunks.
  const old = Date.now() - 3_600_000
  for (const f of readdirSync(dir)) {
    const p = join(dir, f)
    if (f.startsWith(`${command}-`) && p !== out && (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < old)
      rmSync(p, { recursive: true, force: true })
  }
  return entry
}
