/**
 * Code that runs inside a page is written as typed TypeScript functions that are self-contained:
 * they use only their argument and the page's globals (no imports, no module-level names), so
 * their source text means the same in the page. They are sent as text, which both playwright's
 * `page.evaluate` and a bare DevTools-protocol `Runtime.evaluate` take.
 */

/**
 * The expression that calls `fn(arg)` in a page; `arg` must survive JSON. `__name` is bound to
 * the identity: tsx (the CLI's fallback loader) compiles with esbuild's `keepNames`, which wraps
 * inner functions in calls to a `__name` helper that the page does not have.
 */
export function inPageCall<A>(fn: (arg: A) => unknown, arg: A): string {
  return `((__name) => (${fn.toString()})(${JSON.stringify(arg) ?? 'undefined'}))((f) => f)`
}
