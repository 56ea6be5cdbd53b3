import { runInNewContext } from 'node:vm'
import { transform } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { inPageCall } from './in-page-call.ts'

describe('inPageCall', () => {
  it('calls the function with its argument, as JSON', () => {
    const fn = (arg: { n: number; s: string }) => `${arg.s}${arg.n * 2}`
    expect(runInNewContext(inPageCall(fn, { n: 21, s: 'x' }))).toBe('x42')
    expect(runInNewContext(inPageCall(() => 'none', undefined))).toBe('none')
  })

  it('runs a function compiled with keepNames (as tsx compiles it) where no __name helper exists', async () => {
    const source = 'export function inPage(arg) { const double = (x) => x * 2; function inc(x) { return x + 1 } return inc(double(arg.n)) }'
    const { code } = await transform(source, { loader: 'ts', keepNames: true, format: 'cjs' })
    expect(code).toMatch(/__name\(\s*\(x\) => x \* 2/)
    const mod: { exports: { inPage?: (arg: { n: number }) => number } } = { exports: {} }
    runInNewContext(code, { module: mod, exports: mod.exports })
    const inPage = mod.exports.inPage as (arg: { n: number }) => number
    // The page has no __name: without the binding, the call throws a ReferenceError.
    expect(() => runInNewContext(`(${inPage.toString()})({ n: 1 })`)).toThrow(/__name is not defined/)
    expect(runInNewContext(inPageCall(inPage, { n: 20 }))).toBe(41)
  })
})
