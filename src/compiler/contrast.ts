/**
 * WCAG 2 contrast between colours, and a colour made readable on a dark ground: the reading
 * edition's dark mode keeps the deck's own colours where they reach AA, and lightens them (towards
 * white, so the hue stays) where they do not. Pure.
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

/**
 * `hex` when it reaches `min` contrast on the dark `ground`, else the least mix of it with white
 * that does (lowercase `#rrggbb`).
 */
export function readableOnDark(hex: string, ground: string, min = AA): string {
  const base = rgb(hex)
  for (let t = 0; t <= 100; t++) {
    const mixed = toHex(base.map((v) => v + ((255 - v) * t) / 100))
    if (contrastRatio(mixed, ground) >= min) return mixed
  }
  return '#ffffff'
}
