/** Slide pixels (1280 x 720) in PowerPoint's units, and colours as PowerPoint writes them. */

/** Slide pixels per inch: 1280 px across a 13.333 in (16:9) slide. */
const PX_PER_IN = 96
/** Slide pixels to inches (pptxgenjs's unit), to 4 decimals. */
export const inch = (px: number): number => Math.round((px / PX_PER_IN) * 10000) / 10000
/** Slide pixels to EMU (914400 per inch). */
export const emu = (px: number): number => Math.round((px / PX_PER_IN) * 914400)
/** Slide pixels to points, to 2 decimals. */
export const pt = (px: number): number => Math.round(px * 0.75 * 100) / 100
/** `#rrggbb` as `RRGGBB`. */
export const color = (hex: string | undefined): string | undefined => (hex ? hex.replace('#', '').toUpperCase() : undefined)
