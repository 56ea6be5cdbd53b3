/**
 * The contract every figure kind meets. A figure is a fenced block in a slide whose language
 * names the kind (```map, ```timeline, ```chart, ```pillars) and whose body is YAML data. The
 * compiler parses the YAML (keeping positions), hands the plain data to `validate`, turns each
 * issue's `path` back into `file:line:col`, and renders a valid spec to SVG at build time.
 * Kinds are pure: the same spec and id always give byte-identical output; no I/O but reading
 * data files that ship with packages (e.g. world-atlas borders).
 */

import type { TextMeasure } from './measure.ts'

/** One problem with a figure's data, located by its path inside the YAML body. */
export interface FigureIssue {
  /** Keys and indices from the top of the YAML body, e.g. `['places', 1, 'at']`; `[]` for the whole block. */
  path: ReadonlyArray<string | number>
  /** What is wrong and how to fix it, in plain words (e.g. `unknown country "Laoss": did you mean "Laos"?`). */
  message: string
  /** @default 'error' */
  severity?: 'error' | 'warning'
}

export interface FigureRender {
  /** A complete `<svg>` element with `role="img"`, `<title>` (the spec's title) and `<desc>` (= `text`). */
  svg: string
  /**
   * The text equivalent generated from the data: every label, value and date the figure shows,
   * as sentences. Shown under the figure in the reading edition and handout, used as alt text.
   */
  text: string
  /** Every string drawn in the SVG (labels, values, dates, notes), for the fidelity check. No coordinates. */
  claims: string[]
}

export interface FigureKind<Spec> {
  /** The fence language, e.g. `map`. */
  readonly name: string
  /** Top-level keys this kind accepts (for "did you mean" on unknown keys). */
  readonly keys: readonly string[]
  /**
   * Check plain data (the parsed YAML) into a spec; a spec is returned only when there are no
   * errors. `measure` sets the text's widths (a kind that lays text out refuses what cannot fit).
   */
  validate(data: unknown, measure?: TextMeasure): { spec?: Spec; issues: FigureIssue[] }
  /**
   * Render a valid spec. `id` prefixes every element id (already validated: `[A-Za-z0-9_][A-Za-z0-9_.-]*`);
   * `measure` gives the widths of text in the deck's fonts (default: `ESTIMATE`).
   */
  render(spec: Spec, id: string, measure?: TextMeasure): FigureRender
}
