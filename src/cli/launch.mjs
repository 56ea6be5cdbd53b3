// Every npm command of the tool starts here, in plain JavaScript: `node src/cli/launch.mjs <name>`
// runs src/cli/<name>.ts. The heavy packages a command needs are imported natively first, and
// only then is tsx's loader registered for our TypeScript: under tsx from the start, every one of
// their modules goes through the loader's hooks, which costs this 2-core machine about a second.
const PRELOAD = {
  build: ['vite'],
  pdf: ['playwright-core'],
  check: ['playwright-core'],
  bench: ['vite', 'playwright-core'],
  pptx: ['playwright-core', 'pptxgenjs'],
}
const name = process.argv[2]
if (!name || !Object.hasOwn(PRELOAD, name)) {
  console.error(`usage: node src/cli/launch.mjs <${Object.keys(PRELOAD).join('|')}> [options]`)
  process.exit(2)
}
process.argv.splice(2, 1)
await Promise.all(PRELOAD[name].map((m) => import(m)))
const { register } = await import('tsx/esm/api')
register()
await import(`./${name}.ts`)
