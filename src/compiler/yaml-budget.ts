/**
 * A bound on the work a YAML block can ask for before it is parsed: the parser checks each
 * mapping's keys against all the others (quadratic: a flow mapping of 25,000 keys took 17 s), so
 * its values are counted first with yaml's own lexer (linear, stopped at the limit).
 */
import { CST, Lexer } from 'yaml'

/** Values (keys, items, scalars) a slide's frontmatter or deck.yaml may hold: far above any real one. */
export const FRONTMATTER_MAX_VALUES = 1000
/** Values a figure block may hold (a map's places, a chart's points and their fields). */
export const FIGURE_MAX_VALUES = 5000

/** Token types that open a value in the document. */
const VALUE_TOKENS = new Set<string | null>([
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'alias',
  'flow-map-start',
  'flow-seq-start',
])
/** The lexer's marks that are not text of the source (document start, flow end, plain scalar). */
const SYNTHETIC = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR])

/** The offset in `text` of the value past `limit`, when it holds more; undefined otherwise. */
export function yamlValuesOver(text: string, limit: number): number | undefined {
  let count = 0
  let offset = 0
  for (const token of new Lexer().lex(text)) {
    if (VALUE_TOKENS.has(CST.tokenType(token)) && ++count > limit) return offset
    if (!SYNTHETIC.has(token)) offset += token.length
  }
  return undefined
}
