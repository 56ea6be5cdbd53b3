/** The page object the extraction readers install and share (types only: the readers run in the page). */
import type { Block, Box, FigureBlock, ImageBlock, Paragraph, Rule, Run, TextBlock, TextStyle } from '../model.ts'

/** A list item as read, with where it sits (to split a list set in columns). */
export type ListParagraph = Paragraph & { _x: number; _box: Box }

/** What the readers install on `window.__deckExtract`, and the state they share while reading a slide. */
export interface ExtractPage {
  /** A hidden element whose computed colour turns any CSS colour into rgb(). */
  probe: HTMLElement
  /** The slide being read: its top left on the screen, and screen pixels per slide pixel. */
  origin: { left: number; top: number }
  scale: number
  /** Borders met while reading the slide's blocks (quote bars, column rules). */
  rules: Rule[]
  LISTS: ReadonlySet<string>
  BLOCKS: ReadonlySet<string>
  hex(c: string | null | undefined): string
  cssVar(name: string): string
  boxOf(el: Element): Box
  px(v: string | null | undefined): number
  styleOf(el: Element): TextStyle
  runsOf(el: Element, base: TextStyle, pre: boolean): Run[]
  listParagraphs(list: Element, level: number, base: TextStyle, out: ListParagraph[], listBox: Box): ListParagraph[]
  rulesOf(el: Element): Rule[]
  textBlock(el: Element, paragraphs: Paragraph[]): TextBlock
  paragraphOf(el: Element, base: TextStyle): Paragraph
  figureBlock(fig: Element): FigureBlock | ImageBlock | null
  imageBlock(img: HTMLImageElement, alt: string): ImageBlock
  blocksOf(el: Element): Block[]
  notesOf(aside: Element | null): Paragraph[]
}
