// `npm run build` starts here, in plain JavaScript: Vite is imported natively first, then tsx's
// loader is registered for our TypeScript. Under tsx from the start every one of Vite's modules
// goes through the loader's hooks, which costs this 2-core machine about a second a build.
await import('vite')
const { register } = await import('tsx/esm/api')
register()
await import('./build.ts')
