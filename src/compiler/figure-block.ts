/**
 * A figure drawn from data: a fenced block whose language names a figure kind (```timeline)
 * and whose body is YAML. Pure: the YAML is parsed with positions, checked by the kind, and every
 * problem is located at the line and column of the key or value it is about inside the slide
 * file; a valid block is rendered (through `render`, which node.ts caches) into a <figure>.
 */
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml'
import type { FigureIssue, FigureKind, FigureRender } from '../figures/kinds.ts'
import type { TextMeasure } from '../figures/measure.ts'
import { closest } from '../text/did-you-mean.ts'
import { escapeHtml } from '../text/escape.ts'
import { diag } from './diagnostics.ts'
import { lineColAt } from './position.ts'
import type { Diagnostic, SourcePos } from './types.ts'
import { FIGURE_MAX_VALUES, yamlValuesOver } from './yaml-budget.ts'

/** What a slide records about each figure it draws (RenderedSlide.figures). */
export interface FigureInfo {
  /** The kind, e.g. `timeline`. */
  name: string
  /** The text equivalent shown as the caption: the title, then what the figure shows. */
  alt: string
  /** Every text the figure draws or says (labels, values, dates; no coordinates), for the fidelity check. */
  claims: string[]
  /** Line of the fence in the slide file. */
  line: number
}

export interface FigureBlockInput {
  kind: FigureKind<unknown>
  /** The block's body, as marked gives it (the fence's indentation removed). */
  body: string
  /** Where the opening fence is. */
  fence: SourcePos
  /** Columns of indentation the fence had (removed from each body line). */
  indent: number
  /** Prefix for the SVG's element ids. */
  id: string
  render: (kind: FigureKind<unknown>, spec: unknown, id: string, measure?: TextMeasure) => FigureRender
  /** The widths of text in the deck's fonts. */
  measure?: TextMeasure
}

export interface FigureBlockResult {
  /** `<figure class="deck-figure figure-<kind>">…</figure>`, or '' when the block has errors. */
  html: string
  diagnostics: Diagnostic[]
  figure?: FigureInfo
}

const firstLine = (s: string): string =>
  s
    .split('\n')[0]
    ?.replace(/ at line \d+, column \d+:?$/, '')
    .trim() ?? s

/** The YAML node a path leads to, as deep as it exists, and whether it ends on the key of a pair. */
function nodeAt(doc: Document, path: readonly (string | number)[]): { node: Node | null; key?: Node } {
  let node = doc.contents as Node | null
  let key: Node | undefined
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step))
      if (!pair) break
      key = pair.key as Node
      node = (pair.value as Node | null) ?? null
      if (!node) return { node: null, key }
    } else if (isSeq(node) && typeof step === 'number' && node.items[step]) {
      key = undefined
      node = node.items[step] as Node
    } else break
  }
  return { node, ...(key ? { key } : {}) }
}

export function renderFigureBlock(input: FigureBlockInput): FigureBlockResult {
  const { kind, body, fence, indent } = input
  const over = yamlValuesOver(body, FIGURE_MAX_VALUES)
  if (over !== undefined) {
    const { line, column } = lineColAt(body, over)
    const pos = { file: fence.file, line: fence.line + line, column: column + indent }
    const message = `${kind.name} figure: more than ${FIGURE_MAX_VALUES} YAML values (keys and items) from here on, more than a figure can show: split it or drop some`
    return { html: '', diagnostics: [diag('figure-invalid', pos, message)] }
  }
  const lines = new LineCounter()
  const doc = parseDocument(body, { lineCounter: lines, prettyErrors: true, uniqueKeys: true })
  const at = (offset: number): SourcePos => {
    const { line, col } = lines.linePos(Math.max(0, Math.min(offset, body.length)))
    return { file: fence.file, line: fence.line + line, column: col + indent }
  }
  const diagnostics: Diagnostic[] = []
  const example = `\`\`\`${kind.name}\n    ${kind.keys
    .map((k) => `${k}: …`)
    .slice(0, 2)
    .join('\n    ')}\n    \`\`\``
  for (const e of doc.errors) {
    const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message)?.[1] : undefined
    const open = quote ? body.lastIndexOf(quote, e.pos[0] - 1) : -1
    if (quote && open >= 0)
      diagnostics.push(
        diag('figure-invalid', at(open), `${kind.name} figure: the quoted value opened here is never closed: add the closing ${quote} at the end of the value`),
      )
    else
      diagnostics.push(
        diag(
          'figure-invalid',
          at(e.pos[0]),
          `${kind.name} figure: invalid YAML: ${firstLine(e.message)}. Check indentation, "key: value" pairs, and quotes around text containing ":" or "#"`,
        ),
      )
  }
  if (diagnostics.length) return { html: '', diagnostics }
  if (!isMap(doc.contents)) {
    const pos = doc.contents ? at(doc.contents.range[0]) : { ...fence }
    return {
      html: '',
      diagnostics: [
        diag(
          'figure-invalid',
          pos,
          `a \`\`\`${kind.name} block holds the figure's data as YAML keys (${kind.keys.join(', ')}), e.g.\n    ${example}\n  See README "Figures"`,
        ),
      ],
    }
  }
  // Unknown top-level keys, with the closest valid one.
  const reported = new Set<string>()
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    if (key === undefined || kind.keys.includes(key)) continue
    const near = closest(key, kind.keys)
    reported.add(key)
    const range = (pair.key as Node).range ?? [0, 0, 0]
    diagnostics.push(
      diag(
        'figure-invalid',
        at(range[0]),
        `${kind.name} figure: unknown key "${key}"${near ? `: did you mean "${near}"?` : ''} Valid keys: ${kind.keys.join(', ')}`,
      ),
    )
  }
  // JavaScript puts whole-number keys first, ascending: say so where that changes the author's order.
  visit(doc, {
    Map(_, map) {
      const keys = map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter(Boolean)
      const jsOrder = Object.keys(Object.fromEntries(keys.map((k) => [k, 0])))
      if (jsOrder.join('\0') !== keys.join('\0') && map.range) {
        diagnostics.push(
          diag(
            'figure-invalid',
            at(map.range[0]),
            `${kind.name} figure: keys that are whole numbers (${keys
              .filter((k) => /^\d+$/.test(k))
              .slice(0, 3)
              .join(
                ', ',
              )}) are read in ascending order, not the order written: put them in that order, or use a list (e.g. "- { label: …, value: … }") to keep yours`,
            'warning',
          ),
        )
      }
    },
  })
  let result: { spec?: unknown; issues: FigureIssue[] }
  try {
    result = kind.validate(doc.toJS({ maxAliasCount: 100 }), input.measure)
  } catch (err) {
    // An alias bomb or a kind's internal fault on odd data: report at the block, not as a crash.
    if (err instanceof Error && /alias/i.test(err.message))
      return { html: '', diagnostics: [...diagnostics, diag('figure-invalid', { ...fence, column: fence.column }, `${kind.name} figure: ${err.message}`)] }
    throw err
  }
  for (const issue of result.issues) {
    if (issue.path.length === 1 && reported.has(String(issue.path[0]))) continue
    const found = nodeAt(doc, issue.path)
    // An unknown key is shown at the key; anything else at its value.
    const target = (/^unknown key/.test(issue.message) ? (found.key ?? found.node) : (found.node ?? found.key)) ?? null
    const pos = target?.range ? at(target.range[0]) : { ...fence }
    const where = issue.path.length ? ` ${pathText(issue.path)}:` : ''
    diagnostics.push(diag('figure-invalid', pos, `${kind.name} figure${where} ${issue.message}`, issue.severity ?? 'error'))
  }
  if (result.spec === undefined || diagnostics.some((d) => d.severity === 'error')) return { html: '', diagnostics }
  const out = input.render(kind, result.spec, input.id, input.measure)
  const title = titleOf(doc.toJS() as Record<string, unknown>)
  const alt = title ? joinSentences(title, out.text) : out.text
  // The caption repeats the SVG's title and description: a plain block hidden from screen
  // readers (a <figcaption> would name the figure with all of it again).
  return {
    html: `<figure class="deck-figure figure-${kind.name}">${out.svg}<div class="figure-text" aria-hidden="true">${escapeHtml(alt)}</div></figure>`,
    diagnostics,
    figure: { name: kind.name, alt, claims: out.claims, line: fence.line },
  }
}

/** `events[2].date` */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][\w-]*$/.test(p) ? `${i ? '.' : ''}${p}` : `[${JSON.stringify(p)}]`)).join('')
}

function titleOf(data: Record<string, unknown>): string | undefined {
  const t = data.title
  return typeof t === 'string' || typeof t === 'number' ? String(t).replace(/\s+/g, ' ').trim() : undefined
}

function joinSentences(a: string, b: string): string {
  return /[.!?…]["”’)]?$/.test(a) ? `${a} ${b}` : `${a}. ${b}`
}
