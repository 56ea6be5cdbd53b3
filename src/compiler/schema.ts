import { diag } from './diagnostics.ts'
import type { DeckConfig, Diagnostic, Layout, SlideMeta, SourcePos } from './types.ts'

export const LAYOUTS: readonly Layout[] = ['title', 'statement', 'bullets', 'figure', 'quote', 'agenda']
const RE_ID = /^[a-z0-9][a-z0-9-]*$/
const RE_CLASS = /^-?[A-Za-z_][\w-]*( +-?[A-Za-z_][\w-]*)*$/

type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; expected: string }

const str: Check<string> = (v) =>
  typeof v === 'string' && v.trim() !== '' ? { ok: true, value: v.trim() } : { ok: false, expected: 'a non-empty text' }
const id: Check<string> = (v) =>
  typeof v === 'string' && RE_ID.test(v) ? { ok: true, value: v } : { ok: false, expected: 'lower-case letters, digits and dashes, e.g. "energy-ties"' }
const layout: Check<Layout> = (v) =>
  LAYOUTS.includes(v as Layout) ? { ok: true, value: v as Layout } : { ok: false, expected: `one of ${LAYOUTS.join(', ')}` }
const cls: Check<string> = (v) =>
  typeof v === 'string' && RE_CLASS.test(v.trim()) ? { ok: true, value: v.trim() } : { ok: false, expected: 'CSS class names separated by spaces' }
const positive = (max: number): Check<number> => (v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max ? { ok: true, value: v } : { ok: false, expected: `a number of seconds above 0 and at most ${max}` }
const lang: Check<string> = (v) =>
  typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(v) ? { ok: true, value: v } : { ok: false, expected: 'a language tag such as "en" or "en-GB"' }
const range = (min: number, max: number): Check<number> => (v) =>
  typeof v === 'number' && v >= min && v <= max ? { ok: true, value: v } : { ok: false, expected: `a number from ${min} to ${max}` }

/** Frontmatter keys of a slide file, each with its check. Documented in README "Slide format". */
export const SLIDE_KEYS = { id, title: str, section: str, layout, class: cls, timing: positive(1800) } as const
/** Keys of `slides/deck.yaml`. */
export const DECK_KEYS = {
  title: str,
  subtitle: str,
  lang,
  wordsPerMinute: range(60, 250),
  targetMinutes: range(1, 240),
  toleranceMinutes: range(0, 120),
} as const

type Positions = Record<string, { key: SourcePos; value: SourcePos }>

/** Check `data` against a key table: unknown keys (with a suggestion) and bad values are reported, never dropped silently. */
function checkKeys<K extends Record<string, Check<unknown>>>(
  data: Record<string, unknown>,
  keys: K,
  pos: Positions,
  fallback: SourcePos,
): { values: { [P in keyof K]?: K[P] extends Check<infer T> ? T : never }; diagnostics: Diagnostic[] } {
  const values: Record<string, unknown> = {}
  const diagnostics: Diagnostic[] = []
  const names = Object.keys(keys)
  for (const [key, raw] of Object.entries(data)) {
    const check = keys[key]
    if (!check) {
      const near = closest(key, names)
      diagnostics.push(
        diag('meta-unknown-key', pos[key]?.key ?? fallback, `unknown key "${key}"${near ? `: did you mean "${near}"?` : ''} Valid keys: ${names.join(', ')}`),
      )
      continue
    }
    const result = check(raw)
    if (result.ok) values[key] = result.value
    else diagnostics.push(diag('meta-invalid', pos[key]?.value ?? fallback, `"${key}" must be ${result.expected}; got ${describe(raw)}`))
  }
  return { values: values as never, diagnostics }
}

/** Validate a slide file's frontmatter into typed metadata. */
export function validateMeta(data: Record<string, unknown>, pos: Positions, filePos: SourcePos, defaultId: string, requireTitle = true): { meta: SlideMeta; diagnostics: Diagnostic[] } {
  const { values, diagnostics } = checkKeys(data, SLIDE_KEYS, pos, filePos)
  if (requireTitle && !('title' in data)) diagnostics.push(diag('meta-missing', filePos, 'the slide has no title: add "title: <the point of this slide>" to its frontmatter'))
  const meta: SlideMeta = {
    id: values.id ?? defaultId,
    title: values.title ?? '(untitled)',
    layout: values.layout ?? 'bullets',
    ...(values.section !== undefined ? { section: values.section } : {}),
    ...(values.class !== undefined ? { class: values.class } : {}),
    ...(values.timing !== undefined ? { timing: values.timing } : {}),
  }
  return { meta, diagnostics }
}

export const DEFAULT_DECK: DeckConfig = { title: 'Untitled deck', lang: 'en', wordsPerMinute: 140, targetMinutes: 20, toleranceMinutes: 5 }

/** Validate `slides/deck.yaml` into the deck settings. */
export function validateDeckConfig(data: Record<string, unknown>, pos: Positions, filePos: SourcePos): { config: DeckConfig; diagnostics: Diagnostic[] } {
  const { values, diagnostics } = checkKeys(data, DECK_KEYS, pos, filePos)
  const config: DeckConfig = { ...DEFAULT_DECK, ...(values as Partial<DeckConfig>) }
  return { config, diagnostics }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a nested mapping'
  return `${typeof v} ${JSON.stringify(v)}`
}

/** The candidate within edit distance 2 (or a prefix match), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestD = 3
  for (const c of candidates) {
    const d = c.startsWith(word.toLowerCase()) || word.toLowerCase().startsWith(c) ? 1 : distance(word.toLowerCase(), c.toLowerCase())
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  return best
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[b.length] ?? 0
}
