/**
 * Events for the timeline figure, all taken from the article. The article dates only two of them
 * (1991 and 2013); the rest carry no `date` and are drawn in a separate, undated lane. Never add a
 * date the article does not give.
 */

export interface TimelineEvent {
  /** Short label, at most six words. */
  label: string
  /** A year exactly as the article gives it; absent for events the article does not date. */
  date?: string
  /** Position within its lane (dated or undated), 1-based. */
  order: number
  /** Optional second line, also from the article (no years in undated notes). */
  note?: string
}

export const TIMELINE_EVENTS: readonly TimelineEvent[] = [
  { date: '1991', order: 1, label: 'Soviet Union collapses', note: 'Moscow cultivates more cordial ties with Tehran' },
  { date: '2013', order: 2, label: 'Bushehr plant becomes operational', note: 'Iran’s first nuclear power plant, built by Russia' },

  // Undated in the article, in the order the deck uses (see the alt text in slides/03-history.md).
  // The article fixes only the later steps: Assad fell "months" before the attack on Iran; the "new"
  // pact already exists when that conflict starts; Russia warns the US after Israel resumes strikes;
  // the closing headline is about talks "during conflict". BRICS membership is only "recent", and the
  // Ukraine war "ongoing", so the article does not fix the order of the first four items.
  { order: 1, label: 'Iran in BRICS; Kazan summit', note: 'Pezeshkian attends; Russia hosts' },
  { order: 2, label: 'Ukraine war: Iranian drones for Russia', note: 'a “catalyst” for closer ties' },
  { order: 3, label: '“New defense pact”', note: 'yet Kremlin aid to Iran unlikely' },
  { order: 4, label: 'Fall of Assad', note: '“months” before the attack on Iran' },
  { order: 5, label: 'Israel resumes strikes on Iran', note: 'Russia warns the US to stay out' },
  { order: 6, label: 'Iran: no nuclear talks during conflict', note: 'UN urges restraint (closing headline)' },
]
