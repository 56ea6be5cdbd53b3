/**
 * Every command's flags, parsed by `node:util parseArgs` in strict mode: an unknown or misspelt
 * flag is an error that names the flags the command has (`--no-chache` must not quietly reuse
 * the cache).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { closest } from '../text/did-you-mean.ts'

export type Flags = NonNullable<ParseArgsConfig['options']>

/** Thrown for a flag the command does not have, or a flag without its value. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** The flags every command takes: the project folder, and stack traces on an internal error. */
const COMMON = {
  root: { type: 'string' },
  debug: { type: 'boolean' },
} as const

/**
 * Parse `argv` (without node and the script) against `flags` and the common ones. Throws a
 * UsageError that names the flag, a close match, and every flag the command takes.
 */
export function parseFlags<const F extends Flags>(command: string, argv: string[], flags: F) {
  const options = { ...COMMON, ...flags } as typeof COMMON & F
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    const given = /^Unknown option '(--?[\w-]+)/.exec(message)?.[1]
    const names = Object.keys(options).map((n) => `--${n}`)
    const near = given ? closest(given, names) : undefined
    const hint = near ? ` Did you mean ${near}?` : ''
    throw new UsageError(`${command}: ${message.split('. ')[0]}.${hint} Flags: ${names.join(' ')}`)
  }
}

/**
 * This process's flags for `command`; on a usage error, prints it and exits with 2 (the
 * exit code of a command that could not run).
 */
export function parseCommandFlags<const F extends Flags>(command: string, flags: F) {
  try {
    return parseFlags(command, process.argv.slice(2), flags)
  } catch (err) {
    if (!(err instanceof UsageError)) throw err
    console.error(err.message)
    process.exit(2)
  }
}
