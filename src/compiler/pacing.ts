import type { DeckConfig } from './types.ts'

/** Planned seconds for a slide: its notes at the deck's speaking rate, rounded to 5 s, at least 10 s. */
export function plannedSeconds(notesWords: number, config: DeckConfig, override?: number): number {
  if (override !== undefined) return override
  const seconds = (notesWords / config.wordsPerMinute) * 60
  return Math.max(10, Math.round(seconds / 5) * 5)
}

/** Is the whole talk within the target, give or take the tolerance? */
export function paceInRange(totalSeconds: number, config: DeckConfig): boolean {
  const minutes = totalSeconds / 60
  return Math.abs(minutes - config.targetMinutes) <= config.toleranceMinutes
}
