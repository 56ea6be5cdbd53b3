import { describe, expect, it } from 'vitest'
import { parseFlags, UsageError } from './args.ts'

const BUILD = { out: { type: 'string' }, 'no-cache': { type: 'boolean' } } as const

describe('parseFlags', () => {
  it('reads the command flags and the common ones', () => {
    expect(parseFlags('build', ['--no-cache', '--out=site', '--root', '/p'], BUILD)).toEqual({ 'no-cache': true, out: 'site', root: '/p' })
  })

  it('refuses a misspelt flag, naming the right one and every flag', () => {
    expect(() => parseFlags('build', ['--no-chache'], BUILD)).toThrow(UsageError)
    expect(() => parseFlags('build', ['--no-chache'], BUILD)).toThrow(
      /^build: Unknown option '--no-chache'\. Did you mean --no-cache\? Flags: --root --debug --out --no-cache$/,
    )
  })

  it('refuses a flag without its value, and a stray word', () => {
    expect(() => parseFlags('build', ['--out'], BUILD)).toThrow(/argument missing/)
    expect(() => parseFlags('build', ['dist'], BUILD)).toThrow(UsageError)
  })
})
