/**
 * Small, pure checks the figure kinds share: plain YAML data in, typed values or located issues
 * out. Every issue carries the path of the value it is about, so the compiler can point at the
 * exact line and column inside the slide file.
 */

import { closest } from '../text/did-you-mean.ts'
import type { FigureIssue } from './kinds.ts'

export type Path = ReadonlyArray<string | number>

/** Collects issues for one block; helpers return `undefined` after recording why. */
export class Issues {
  readonly list: FigureIssue[] = []
  error(path: Path, message: string): undefined {
    this.list.push({ path: [...path], message })
    return undefined
  }
  warn(path: Path, message: string): void {
    this.list.push({ path: [...path], message, severity: 'warning' })
  }
  get ok(): boolean {
    return !this.list.some((i) => (i.severity ?? 'error') === 'error')
  }
}

/** `unknown key "lable": did you mean "label"? Valid keys: …` */
export function unknownKeyMessage(key: string, valid: readonly string[]): string {
  const near = closest(key, valid)
  return `unknown key "${key}"${near ? `: did you mean "${near}"?` : ''} Valid keys: ${valid.join(', ')}`
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
}

const show = (v: unknown): string => (v === null || v === undefined ? 'nothing' : Array.isArray(v) ? 'a list' : isRecord(v) ? 'a mapping' : JSON.stringify(v))

/** A mapping whose keys are all in `keys` (unknown ones are reported with the closest valid key). */
export function record(data: unknown, path: Path, keys: readonly string[], issues: Issues, what: string): Record<string, unknown> | undefined {
  if (!isRecord(data)) return issues.error(path, `${what} must be a mapping of ${keys.join(', ')}; got ${show(data)}`)
  for (const key of Object.keys(data)) if (!keys.includes(key)) issues.error([...path, key], unknownKeyMessage(key, keys))
  return data
}

/** A non-empty string (numbers are accepted and turned into text, as YAML reads `2013` as a number). */
export function str(
  data: Record<string, unknown>,
  key: string,
  path: Path,
  issues: Issues,
  opts: { required?: boolean; max?: number } = {},
): string | undefined {
  const v = data[key]
  if (v === undefined || v === null) {
    if (opts.required) issues.error(path, `"${key}" is required`)
    return undefined
  }
  if (typeof v !== 'string' && typeof v !== 'number') return issues.error([...path, key], `"${key}" must be text; got ${show(v)}`)
  const s = String(v).replace(/\s+/g, ' ').trim()
  if (s === '') return issues.error([...path, key], `"${key}" is empty: write the text, or leave the key out`)
  if (opts.max !== undefined && s.length > opts.max)
    return issues.error([...path, key], `"${key}" is ${s.length} characters, over the ${opts.max} a figure can show legibly: shorten it`)
  return s
}

/** A list (required unless `min` is 0), each item checked by `item`. */
export function list<T>(
  data: Record<string, unknown>,
  key: string,
  path: Path,
  issues: Issues,
  item: (v: unknown, path: Path) => T | undefined,
  opts: { min?: number; max?: number } = {},
): T[] | undefined {
  const v = data[key]
  const min = opts.min ?? 1
  if (v === undefined || v === null) {
    if (min > 0) issues.error(path, `"${key}" is required: a list of at least ${min}`)
    return min > 0 ? undefined : []
  }
  if (!Array.isArray(v)) return issues.error([...path, key], `"${key}" must be a list ("- …" lines or [ …, … ]); got ${show(v)}`)
  if (v.length < min) return issues.error([...path, key], `"${key}" needs at least ${min} item${min === 1 ? '' : 's'}; it has ${v.length}`)
  if (opts.max !== undefined && v.length > opts.max)
    return issues.error(
      [...path, key, opts.max],
      `"${key}" has ${v.length} items, more than the ${opts.max} this figure can show legibly: split the figure or drop some`,
    )
  const out: T[] = []
  v.forEach((x, i) => {
    const r = item(x, [...path, key, i])
    if (r !== undefined) out.push(r)
  })
  return out.length === v.length ? out : undefined
}

/** One of fixed words, with a "did you mean". */
export function oneOf<T extends string>(
  data: Record<string, unknown>,
  key: string,
  path: Path,
  issues: Issues,
  values: readonly T[],
  fallback?: T,
): T | undefined {
  const v = data[key]
  if (v === undefined || v === null) {
    if (fallback === undefined) issues.error(path, `"${key}" is required: one of ${values.join(', ')}`)
    return fallback
  }
  if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as T
  const near = typeof v === 'string' ? closest(v, values) : undefined
  return issues.error([...path, key], `"${key}" must be one of ${values.join(', ')}; got ${show(v)}${near ? ` (did you mean "${near}"?)` : ''}`)
}
