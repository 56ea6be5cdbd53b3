/**
 * HTML escaping, on its own: the build's main thread (src/cli/build.ts, the Vite plugins) needs
 * it without loading the compiler (Markdown, YAML, the sanitiser), which runs in a worker.
 */

/** A string for HTML text or a double-quoted attribute value. Pure. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
