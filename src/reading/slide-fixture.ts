/** A rendered slide for the reading edition's unit tests: plausible defaults, overridden per test. */
import type { RenderedSlide } from '../deck/model.ts'

export function fixtureSlide(over: Partial<RenderedSlide> & Pick<RenderedSlide, 'id' | 'h' | 'v'>): RenderedSlide {
  return {
    file: `slides/${over.h}.md`,
    line: 1,
    title: `Title ${over.id}`,
    layout: 'bullets',
    seconds: 60,
    bodyWords: 3,
    bullets: 1,
    notesWords: 4,
    bodyHtml: `<ul><li>Body of ${over.id}</li></ul>`,
    notesHtml: `<p>Notes of ${over.id}, see <a href="#/b">b</a>.</p>`,
    notesText: `Notes of ${over.id}, see b.`,
    figures: [],
    ...over,
  }
}
