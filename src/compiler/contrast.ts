/**
 * WCAG 2 contrast between colours, and the one routine that decides a colour for the grounds it
 * sits on: a colour that reaches the contrast it needs is kept; one that does not is mixed with
 * white (on dark grounds) or black (on light ones), the least that reaches it, so its hue stays.
 * The palette (src/compiler/palette.ts) asks it for every colour deck.yaml's theme sets. Pure.
 */

/** `#rgb` or `#rrggbb` as [r, g, b], 0–255. */
function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '')
  const full = h.length === 3 ? h.replace(/./g, (c) => c + c) : h
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number]
}

const toHex = (c: readonly number[]): string => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** WCAG AA for body text. */
export const AA = 4.5

/** WCAG AA for large text (24px, or 18.7px bold) and for graphics (rules, markers, bars). */
export const AA_LARGE = 3

/** `t` (0–1) of the way from `a` to `b`, as CSS `color-mix(in srgb, b t, a)` mixes them. */
export function mix(a: string, b: string, t: number): string {
  const [x, y] = [rgb(a), rgb(b)]
  return toHex(x.map((v, i) => v + ((y[i] as number) - v) * t))
}

/** A ground a colour sits on: a colour, or one that depends on the colour (a tint of it). */
export type Ground = string | ((colour: string) => string)

/**
 * `hex` when it reaches `min` contrast on every ground, else the least mix of it with white or
 * black (whichever reaches further on these grounds) that does, in hundredths (lowercase
 * `#rrggbb`); white or black when even they fall short.
 */
export function readableOn(hex: string, grounds: readonly Ground[], min = AA): string {
  const on = (c: string) => grounds.map((g) => (typeof g === 'string' ? g : g(c)))
  const worst = (c: string) => Math.min(...on(c).map((g) => contrastRatio(c, g)))
  const end = worst('#ffffff') >= worst('#000000') ? '#ffffff' : '#000000'
  for (let t = 0; t <= 100; t++) {
    const mixed = mix(hex, end, t / 100)
    if (worst(mixed) >= min) return mixed
  }
  return end
}

/** The least contrast `hex` reaches on `grounds` (as `readableOn` measures it). */
export function worstContrast(hex: string, grounds: readonly Ground[]): number {
  return Math.min(...grounds.map((g) => contrastRatio(hex, typeof g === 'string' ? g : g(hex))))
}
