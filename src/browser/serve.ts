/**
 * A static server on loopback for the built deck: what tests, `npm run pdf`, `npm run pptx`,
 * `npm run check` and the benchmark open in Chromium. No dependencies beyond node:http.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
}

export interface StaticServer {
  url: string
  close: () => Promise<void>
}

/** Serve `dir` on 127.0.0.1 at a free port, optionally under a sub-path such as `/talks/deck/`. */
export async function serveDir(dir: string, basePath = '/'): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (!url.pathname.startsWith(basePath)) {
      res.writeHead(404).end('not found')
      return
    }
    let rel: string
    try {
      rel = decodeURIComponent(url.pathname.slice(basePath.length))
    } catch {
      res.writeHead(400).end('malformed address')
      return
    }
    if (rel === '' || rel.endsWith('/')) rel += 'index.html'
    const file = normalize(join(dir, rel))
    if (!file.startsWith(normalize(dir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
    res.end(readFileSync(file))
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    // Open keep-alive connections are ended too: a browser still holding one must not keep close() waiting.
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}
