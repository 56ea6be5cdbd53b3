import { type Alias, isMap, isScalar, parseDocument, visit } from 'yaml'
import { diag } from './diagnostics.ts'
import { at, lineColAt } from './position.ts'
import type { Diagnostic, Segment, SourceFile, SourcePos } from './types.ts'
import { FRONTMATTER_MAX_VALUES, yamlValuesOver } from './yaml-budget.ts'

const RE_FENCE_LINE = /^---[ \t]*$/

export interface Frontmatter {
  data: Record<string, unknown>
  keyPos: Record<string, { key: SourcePos; value: SourcePos }>
  dataPos: SourcePos
  body: Segment
  diagnostics: Diagnostic[]
}

/**
 * Split a file into its YAML frontmatter (between `---` lines at the top) and the body.
 * YAML errors keep their position, mapped back to the file (the opening `---` is line 1).
 */
export function splitFrontmatter(file: SourceFile): Frontmatter {
  const lines = file.text.split('\n')
  const dataPos = at(file.path, 1)
  const empty = { data: {}, keyPos: {}, dataPos }
  if (!RE_FENCE_LINE.test(lines[0] ?? '')) {
    return {
      ...empty,
      body: { text: file.text, start: at(file.path, 1) },
      diagnostics: [diag('frontmatter-missing', dataPos, 'the file must start with a frontmatter block: a line "---", then at least "title: ...", then "---"')],
    }
  }
  const close = lines.findIndex((l, i) => i > 0 && RE_FENCE_LINE.test(l))
  if (close < 0) {
    return {
      ...empty,
      body: { text: '', start: at(file.path, lines.length + 1) },
      diagnostics: [diag('frontmatter-unclosed', dataPos, 'the frontmatter opened here is never closed: add a line "---" after the last key')],
    }
  }
  const yamlText = lines.slice(1, close).join('\n')
  const body: Segment = { text: lines.slice(close + 1).join('\n'), start: at(file.path, close + 2) }
  // File line of YAML line n is n + 1 (the opening fence is line 1).
  const toPos = (offset: number): SourcePos => {
    const { line, column } = lineColAt(yamlText, offset)
    return at(file.path, line + 1, column)
  }
  const over = yamlValuesOver(yamlText, FRONTMATTER_MAX_VALUES)
  if (over !== undefined) {
    const message = `the frontmatter holds more than ${FRONTMATTER_MAX_VALUES} YAML values (keys and items) from here on, more than any slide needs, so it is not read: remove them`
    return { ...empty, body, diagnostics: [diag('frontmatter-yaml', toPos(over), message)] }
  }
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      ...empty,
      body,
      diagnostics: doc.errors.map((e) => {
        // yaml reports an unclosed quote where the text ends; the author needs where it opens.
        const quote = e.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(e.message)?.[1] : undefined
        const open = quote ? yamlText.lastIndexOf(quote, e.pos[0] - 1) : -1
        if (quote && open >= 0) {
          return diag(
            'frontmatter-yaml',
            toPos(open),
            `invalid YAML: the quoted value opened here is never closed: add the closing ${quote} at the end of the value`,
          )
        }
        return diag(
          'frontmatter-yaml',
          toPos(e.pos[0]),
          `invalid YAML: ${firstLine(e.message)}. Check indentation, "key: value" pairs and quotes around values containing ":" or "#"`,
        )
      }),
    }
  }
  const contents = doc.contents
  if (contents === null || (isScalar(contents) && contents.value === null)) return { ...empty, body, diagnostics: [] }
  if (!isMap(contents)) {
    return {
      ...empty,
      body,
      diagnostics: [diag('frontmatter-yaml', toPos(contents.range?.[0] ?? 0), 'frontmatter must be "key: value" pairs, not a list or a single value')],
    }
  }
  // Aliases (`*name`) are resolved by the whole document; one with no anchor is a located error.
  const aliases: Alias[] = []
  visit(doc, { Alias: (_, node) => void aliases.push(node) })
  let resolved: Record<string, unknown> | undefined
  if (aliases.length) {
    try {
      resolved = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>
    } catch {
      const bad = aliases.find((a) => !a.resolve(doc)) ?? aliases[0]
      const name = bad?.source ?? ''
      return {
        ...empty,
        body,
        diagnostics: [
          diag(
            'frontmatter-yaml',
            toPos(bad?.range?.[0] ?? 0),
            `invalid YAML: the alias "*${name}" refers to no anchor "&${name}" set before it: write the value out, or put "&${name}" on an earlier value`,
          ),
        ],
      }
    }
  }
  const data: Record<string, unknown> = {}
  const keyPos: Frontmatter['keyPos'] = {}
  for (const item of contents.items) {
    const keyNode = item.key
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
    const keyStart = isScalar(keyNode) ? (keyNode.range?.[0] ?? 0) : 0
    const valueNode = item.value as { range?: [number, number, number]; toJSON?: () => unknown } | null
    const valueStart = valueNode?.range?.[0] ?? keyStart
    data[key] = resolved ? resolved[key] : valueNode && typeof valueNode.toJSON === 'function' ? valueNode.toJSON() : (valueNode ?? null)
    keyPos[key] = { key: toPos(keyStart), value: toPos(valueStart) }
    // Two levels of nesting (deck.yaml's budgets:, theme.colours:), located as "key.sub.sub".
    const nested = (map: unknown, prefix: string, from: number, depth: number): void => {
      if (!isMap(map)) return
      for (const sub of map.items) {
        if (!isScalar(sub.key)) continue
        const subStart = sub.key.range?.[0] ?? from
        const subValue = (sub.value as { range?: [number, number, number] } | null)?.range?.[0] ?? subStart
        keyPos[`${prefix}.${String(sub.key.value)}`] = { key: toPos(subStart), value: toPos(subValue) }
        if (depth > 1) nested(sub.value, `${prefix}.${String(sub.key.value)}`, subValue, depth - 1)
      }
    }
    nested(item.value, key, valueStart, 2)
  }
  return { data, keyPos, dataPos, body, diagnostics: [] }
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '').trim()
}
