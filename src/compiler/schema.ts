import { closest } from '../text/did-you-mean.ts'
import { diag } from './diagnostics.ts'
import { asOfDate, logo, marking, theme } from './identity.ts'
import type { Budgets, DeckConfig, DeckSource, Diagnostic, Layout, PartAttrs, SlideMeta, SourcePos } from './types.ts'

export const LAYOUTS: readonly Layout[] = ['title', 'statement', 'bullets', 'figure', 'quote', 'agenda', 'section', 'big-number', 'sources', 'judgments']
const RE_ID = /^[a-z0-9][a-z0-9-]*$/
const RE_CLASS = /^-?[A-Za-z_][\w-]*( +-?[A-Za-z_][\w-]*)*$/

type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; expected: string }

const str: Check<string> = (v) => (typeof v === 'string' && v.trim() !== '' ? { ok: true, value: v.trim() } : { ok: false, expected: 'a non-empty text' })
const id: Check<string> = (v) =>
  typeof v === 'string' && RE_ID.test(v) ? { ok: true, value: v } : { ok: false, expected: 'lower-case letters, digits and dashes, e.g. "energy-ties"' }
const layout: Check<Layout> = (v) =>
  LAYOUTS.includes(v as Layout) ? { ok: true, value: v as Layout } : { ok: false, expected: `one of ${LAYOUTS.join(', ')}` }
const cls: Check<string> = (v) =>
  typeof v === 'string' && RE_CLASS.test(v.trim()) ? { ok: true, value: v.trim() } : { ok: false, expected: 'CSS class names separated by spaces' }
const positive =
  (max: number): Check<number> =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max
      ? { ok: true, value: v }
      : { ok: false, expected: `a number of seconds above 0 and at most ${max}` }
const bool: Check<boolean> = (v) => (typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, expected: 'true or false' })
const lang: Check<string> = (v) =>
  typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(v) ? { ok: true, value: v } : { ok: false, expected: 'a language tag such as "en" or "en-GB"' }
const range =
  (min: number, max: number): Check<number> =>
  (v) =>
    typeof v === 'number' && v >= min && v <= max ? { ok: true, value: v } : { ok: false, expected: `a number from ${min} to ${max}` }
const whole =
  (min: number, max: number): Check<number> =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? { ok: true, value: v }
      : { ok: false, expected: `a whole number from ${min} to ${max}` }
const filePath: Check<string> = (v) =>
  typeof v === 'string' && v.trim() !== ''
    ? { ok: true, value: v.trim() }
    : { ok: false, expected: 'the path of a text file, relative to this file\'s folder, e.g. "../source/article.txt"' }
const mapping: Check<Record<string, unknown>> = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
    ? { ok: true, value: v as Record<string, unknown> }
    : { ok: false, expected: 'indented "name: number" lines under it, e.g. "budgets:" then "  words: 40"' }

const SOURCE_FIELDS = ['id', 'file', 'title', 'publisher', 'date', 'url']
/** deck.yaml `sources:`: a list of `{ id, file, title, publisher, date, url }`, ids unique. */
const sourceList: Check<DeckSource[]> = (v) => {
  const bad = { ok: false as const, expected: 'a list of "- { id: sifar, file: ../sources/a.txt, title: ..., publisher: ..., date: 2024-02, url: ... }"' }
  if (!Array.isArray(v) || !v.length) return bad
  const out: DeckSource[] = []
  for (const [i, e] of v.entries()) {
    const entry = e as Record<string, unknown> | null
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return bad
    const extra = Object.keys(entry).find((k) => !SOURCE_FIELDS.includes(k))
    if (extra) return { ok: false, expected: `${bad.expected} (entry ${i + 1} has "${extra}": use ${SOURCE_FIELDS.join(', ')})` }
    const text = Object.fromEntries(Object.entries(entry).map(([k, x]) => [k, typeof x === 'number' ? String(x) : x]))
    if (!id(text.id).ok || out.some((s) => s.id === text.id))
      return { ok: false, expected: `${bad.expected} (entry ${i + 1} needs an "id" of its own: lower-case letters, digits and dashes)` }
    if (Object.values(text).some((x) => typeof x !== 'string' || !x.trim()))
      return { ok: false, expected: `${bad.expected} (entry ${i + 1}: every field is a text)` }
    out.push(text as unknown as DeckSource)
  }
  return { ok: true, value: out }
}

const words: Check<string[]> = (v) =>
  Array.isArray(v) && v.length >= 2 && v.every((w) => typeof w === 'string' && w.trim() !== '')
    ? { ok: true, value: v.map((w: string) => w.trim().toLowerCase()) }
    : { ok: false, expected: 'a list of two or more words or phrases, least likely first, e.g. [remote, unlikely, likely, highly likely]' }

/** Frontmatter keys of a slide file, each with its check. Documented in README "Slide format". */
export const SLIDE_KEYS = { id, title: str, section: str, layout, class: cls, timing: positive(1800), build: bool } as const
/** Keys of `slides/deck.yaml`. */
export const DECK_KEYS = {
  title: str,
  subtitle: str,
  lang,
  wordsPerMinute: range(60, 250),
  targetMinutes: range(1, 240),
  toleranceMinutes: range(0, 120),
  /** The source article for `npm run check`'s fidelity check, relative to deck.yaml's folder. */
  source: filePath,
  /** Several sources, cited on slides as `[@id]` (src/compiler/citations.ts). */
  sources: sourceList,
  budgets: mapping,
  /** Identity, marking and look: src/compiler/identity.ts. */
  author: str,
  organisation: str,
  date: asOfDate,
  marking,
  footer: str,
  logo,
  theme,
  likelihood: words,
  qa: range(0, 120),
} as const

/** Keys under `budgets:` in `slides/deck.yaml`. Documented in README "Content budgets". */
export const BUDGET_KEYS = { words: whole(1, 500), bullets: whole(1, 50), notesMin: whole(0, 2000), notesMax: whole(1, 5000) } as const
export const DEFAULT_BUDGETS: Budgets = { words: 40, bullets: 5, notesMin: 120, notesMax: 300 }

type Positions = Record<string, { key: SourcePos; value: SourcePos }>

/** Check `data` against a key table: unknown keys (with a suggestion) and bad values are reported, never dropped silently. */
function checkKeys<K extends Record<string, Check<unknown>>>(
  data: Record<string, unknown>,
  keys: K,
  pos: Positions,
  fallback: SourcePos,
  /** Shown before each key in messages, e.g. "budgets." for keys nested under budgets. */
  prefix = '',
): { values: { [P in keyof K]?: K[P] extends Check<infer T> ? T : never }; diagnostics: Diagnostic[] } {
  const values: Record<string, unknown> = {}
  const diagnostics: Diagnostic[] = []
  const names = Object.keys(keys)
  for (const [key, raw] of Object.entries(data)) {
    const check = keys[key]
    if (!check) {
      const near = closest(key, names)
      diagnostics.push(
        diag(
          'meta-unknown-key',
          pos[key]?.key ?? fallback,
          `unknown key "${prefix}${key}"${near ? `: did you mean "${near}"?` : ''} Valid keys: ${names.join(', ')}`,
        ),
      )
      continue
    }
    const result = check(raw)
    if (result.ok) values[key] = result.value
    else diagnostics.push(diag('meta-invalid', pos[key]?.value ?? fallback, `"${prefix}${key}" must be ${result.expected}; got ${describe(raw)}`))
  }
  return { values: values as never, diagnostics }
}

/** Validate a slide file's frontmatter into typed metadata. */
export function validateMeta(
  data: Record<string, unknown>,
  pos: Positions,
  filePos: SourcePos,
  defaultId: string,
  requireTitle = true,
): { meta: SlideMeta; diagnostics: Diagnostic[] } {
  const { values, diagnostics } = checkKeys(data, SLIDE_KEYS, pos, filePos)
  if (requireTitle && !('title' in data))
    diagnostics.push(diag('meta-missing', filePos, 'the slide has no title: add "title: <the point of this slide>" to its frontmatter'))
  const meta: SlideMeta = {
    id: values.id ?? defaultId,
    title: values.title ?? '(untitled)',
    layout: values.layout ?? 'bullets',
    ...(values.section !== undefined ? { section: values.section } : {}),
    ...(values.class !== undefined ? { class: values.class } : {}),
    ...(values.timing !== undefined ? { timing: values.timing } : {}),
    ...(values.build !== undefined ? { build: values.build } : {}),
  }
  return { meta, diagnostics }
}

/** What a sub-slide's `{…}` marker may set. */
export interface PartOptions {
  /** Deep-link id, `#/<id>`, instead of the file's id and the sub-slide's number. */
  id?: string
  layout?: Layout
  class?: string
  build?: boolean
}

const PART_KEYS = ['layout', 'build'] as const
const RE_ATTR = /\.([^\s=.{}]+)|#([^\s=.{}]+)|([A-Za-z][\w-]*)(?:=("[^"]*"|'[^']*'|[^\s"']*))?|(\S+)/g

/**
 * Validate a sub-slide's `{#id layout=quote .class build}` marker (Pandoc's attribute syntax):
 * `#id` sets its deep-link id, `.name` adds a CSS class, `layout=<layout>` sets the layout, `build` (or `build=false`)
 * turns bullet builds on (off). Every bad word is reported at its own column.
 */
export function validatePartAttrs(attrs: PartAttrs): { options: PartOptions; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const options: PartOptions = {}
  const classes: string[] = []
  const at = (i: number): SourcePos => ({ ...attrs.pos, column: attrs.pos.column + i })
  const hint =
    'write e.g. {#my-id layout=quote .my-class build}: "#id" the deep-link id, "layout=" one of the layouts, ".name" a CSS class, "build" for bullets one at a time'
  for (const m of attrs.text.matchAll(RE_ATTR)) {
    const [, klass, hash, key, rawValue, other] = m
    const pos = at(m.index)
    if (klass !== undefined) {
      if (RE_CLASS.test(klass)) classes.push(klass)
      else diagnostics.push(diag('meta-invalid', pos, `".${klass}" is not a CSS class name: use letters, digits, "-" and "_", starting with a letter`))
    } else if (hash !== undefined) {
      const r = id(hash)
      if (r.ok) options.id = r.value
      else diagnostics.push(diag('meta-invalid', pos, `"#${hash}" is not a slide id: use ${r.expected}`))
    } else if (key !== undefined) {
      const value = rawValue?.replace(/^(["'])(.*)\1$/, '$2')
      if (key === 'layout') {
        const r = layout(value)
        if (r.ok) options.layout = r.value
        else
          diagnostics.push(
            diag(
              'meta-invalid',
              pos,
              `"layout" must be ${r.expected}; got ${value === undefined ? 'nothing' : JSON.stringify(value)}${value && closest(value, LAYOUTS) ? ` (did you mean "${closest(value, LAYOUTS)}"?)` : ''}`,
            ),
          )
      } else if (key === 'build') {
        if (value === undefined || value === 'true') options.build = true
        else if (value === 'false') options.build = false
        else diagnostics.push(diag('meta-invalid', pos, `"build" must be true or false (or just "build"); got ${JSON.stringify(value)}`))
      } else {
        const near = closest(key, PART_KEYS)
        diagnostics.push(
          diag('meta-unknown-key', pos, `unknown key "${key}" in the sub-slide's {…} marker${near ? ` (did you mean "${near}"?)` : ''}: ${hint}`),
        )
      }
    } else if (other !== undefined) {
      diagnostics.push(diag('meta-invalid', pos, `"${other}" is not understood in the sub-slide's {…} marker: ${hint}`))
    }
  }
  if (classes.length) options.class = classes.join(' ')
  return { options, diagnostics }
}

export const DEFAULT_DECK: DeckConfig = {
  title: 'Untitled deck',
  lang: 'en',
  wordsPerMinute: 140,
  targetMinutes: 20,
  toleranceMinutes: 5,
  budgets: DEFAULT_BUDGETS,
}

/** Validate `slides/deck.yaml` into the deck settings. */
export function validateDeckConfig(data: Record<string, unknown>, pos: Positions, filePos: SourcePos): { config: DeckConfig; diagnostics: Diagnostic[] } {
  const { values, diagnostics } = checkKeys(data, DECK_KEYS, pos, filePos)
  const { budgets: budgetData, ...rest } = values
  let budgets = DEFAULT_BUDGETS
  if (budgetData) {
    // Keys under budgets: are located by the frontmatter reader as "budgets.<key>".
    const inner: Positions = Object.fromEntries(
      Object.entries(pos)
        .filter(([k]) => k.startsWith('budgets.'))
        .map(([k, v]) => [k.slice(8), v]),
    )
    const sub = checkKeys(budgetData, BUDGET_KEYS, inner, pos.budgets?.key ?? filePos, 'budgets.')
    diagnostics.push(...sub.diagnostics)
    budgets = { ...DEFAULT_BUDGETS, ...sub.values }
    if (budgets.notesMin > budgets.notesMax)
      diagnostics.push(
        diag(
          'meta-invalid',
          inner.notesMin?.value ?? inner.notesMax?.value ?? pos.budgets?.key ?? filePos,
          `"budgets.notesMin" (${budgets.notesMin}) is above "budgets.notesMax" (${budgets.notesMax}): make the minimum the smaller number`,
        ),
      )
  }
  const config: DeckConfig = { ...DEFAULT_DECK, ...(rest as Partial<DeckConfig>), budgets }
  return { config, diagnostics }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a nested mapping'
  return `${typeof v} ${JSON.stringify(v)}`
}
