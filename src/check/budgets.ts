/**
 * Content budgets, from the compiled deck (pure): words and bullets on a slide, notes on
 * content slides, and the whole talk's planned time, all set per deck in `slides/deck.yaml`
 * (`budgets:`, `targetMinutes`, `toleranceMinutes`; defaults in DEFAULT_BUDGETS).
 */
import { DEFAULT_BUDGETS } from '../compiler/schema.ts'
import type { Deck, Diagnostic, RenderedSlide } from '../deck/model.ts'
import { finding } from './findings.ts'

/** What the budgets read of a deck: a compiled one, or the build's record of it. */
export type BudgetedDeck = Pick<Deck, 'config' | 'totalSeconds'> & {
  slides: readonly Pick<RenderedSlide, 'id' | 'file' | 'line' | 'section' | 'bodyWords' | 'bullets' | 'notesWords'>[]
}

export function checkBudgets(deck: BudgetedDeck, deckFile = 'slides/deck.yaml'): Diagnostic[] {
  const out: Diagnostic[] = []
  const b = deck.config.budgets ?? DEFAULT_BUDGETS
  const BUDGET = { maxWords: b.words, maxBullets: b.bullets, minNotesWords: b.notesMin, maxNotesWords: b.notesMax }
  const raise = (key: keyof typeof b) => ` (or change budgets.${key} in ${deckFile})`
  for (const s of deck.slides) {
    const at = { file: s.file, line: s.line, slide: s.id }
    if (s.bodyWords > BUDGET.maxWords)
      out.push(
        finding(
          'budget',
          at,
          `${s.bodyWords} words on the slide, over the budget of ${BUDGET.maxWords}: cut the text, or move detail into the notes${raise('words')}`,
        ),
      )
    if (s.bullets > BUDGET.maxBullets)
      out.push(
        finding(
          'budget',
          at,
          `${s.bullets} bullets, over the budget of ${BUDGET.maxBullets}: merge or drop bullets, or split the slide with a "--" sub-slide${raise('bullets')}`,
        ),
      )
    if (s.section === undefined) continue
    if (s.notesWords === 0)
      out.push(
        finding(
          'budget',
          at,
          `a content slide without speaker notes: add a "Notes:" line and at least ${BUDGET.minNotesWords} words of what the presenter says`,
        ),
      )
    else if (s.notesWords < BUDGET.minNotesWords)
      out.push(
        finding(
          'budget',
          at,
          `notes have ${s.notesWords} words, under the minimum of ${BUDGET.minNotesWords} for a content slide: say what the slide claims, and where the source supports it${raise('notesMin')}`,
        ),
      )
    else if (s.notesWords > BUDGET.maxNotesWords)
      out.push(
        finding(
          'budget',
          at,
          `notes have ${s.notesWords} words, over the maximum of ${BUDGET.maxNotesWords}: trim them, or split the slide with a "--" sub-slide${raise('notesMax')}`,
        ),
      )
  }
  const { targetMinutes, toleranceMinutes, wordsPerMinute } = deck.config
  const minutes = deck.totalSeconds / 60
  if (deck.slides.length > 0 && Math.abs(minutes - targetMinutes) > toleranceMinutes)
    out.push(
      finding(
        'budget',
        { file: deckFile },
        `the talk is planned at ${minutes.toFixed(1)} minutes (notes at ${wordsPerMinute} words a minute), outside the target of ${targetMinutes} ± ${toleranceMinutes}: ${minutes > targetMinutes ? 'trim' : 'extend'} the notes, or change targetMinutes`,
      ),
    )
  return out
}
