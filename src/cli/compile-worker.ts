/**
 * The slides compiled in a worker thread: `npm run build` starts it first thing
 * (src/cli/launch.mjs), so the compile runs on the second core while the main thread loads the
 * command and Vite. Posts the compile's result (plain data), or `{ failed }` with the message.
 */
import { resolve } from 'node:path'
import { parentPort, workerData } from 'node:worker_threads'
import { buildDeck } from '../compiler/node.ts'

const { root } = workerData as { root: string }
try {
  parentPort?.postMessage({ result: buildDeck(resolve(root)) })
} catch (err) {
  parentPort?.postMessage({ failed: err instanceof Error ? err.message : String(err) })
}
