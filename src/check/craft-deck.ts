/**
 * The reviewer's lint (craft.ts) run on a build's record: the prose lines it kept (titles and
 * bullets marked), grouped into the slides they sit on. Pure.
 */
import type { Diagnostic, SourceFile, SourcePos } from '../deck/model.ts'
import type { DeckRecord } from '../deck/record.ts'
import { type CraftLine, type CraftSlide, checkLikelihood, checkQuestionTime, checkRepeats, checkTitles, ICD_203 } from './craft.ts'

/**
 * Every warning a reviewer would give this deck: likelihood words off its scale (deck.yaml
 * `likelihood:`, else ICD 203's), vague hedges, topic titles, repeated bullets, and no time left
 * for the `qa:` minutes. `deckFile` (deck.yaml as it is) places the question-time warning.
 */
export function craftFindings(record: DeckRecord, deckFile?: SourceFile): Diagnostic[] {
  const { config, slides, prose } = record
  const lines: CraftLine[] = prose.map((l) => ({ text: l.text, pos: l.pos, where: l.notes ? 'notes' : l.role === 'title' ? 'title' : 'body' }))
  // A line belongs to the last slide of its file starting at or before it.
  const slideAt = (pos: SourcePos) => {
    const inFile = slides.filter((s) => s.file === pos.file)
    return inFile.filter((s) => s.line <= pos.line).pop() ?? inFile[0]
  }
  const craft = new Map<string, CraftSlide & { bullets: { text: string; pos: SourcePos }[]; titleAt?: SourcePos }>()
  for (const s of slides) craft.set(s.id, { id: s.id, title: s.title, layout: s.layout, pos: { file: s.file, line: s.line, column: 1 }, bullets: [] })
  for (const l of prose) {
    if (l.notes || !l.role || l.role === 'section') continue
    const c = craft.get(slideAt(l.pos)?.id ?? '')
    if (!c) continue
    if (l.role === 'bullet') c.bullets.push({ text: l.text, pos: l.pos })
    else c.titleAt ??= l.pos
  }
  const bySlide = [...craft.values()].map(({ titleAt, ...c }) => ({ ...c, pos: titleAt ?? c.pos }))
  const qaLine = deckFile?.text.split('\n').findIndex((l) => /^qa\s*:/.test(l)) ?? -1
  const qaPos: SourcePos = deckFile ? { file: deckFile.path, line: qaLine + 1 || 1, column: 1 } : { file: `${record.slidesDir}/deck.yaml`, line: 0, column: 0 }
  return [
    ...checkLikelihood(lines, config.likelihood ?? ICD_203),
    ...checkTitles(bySlide),
    ...checkRepeats(bySlide),
    ...checkQuestionTime(record.totalSeconds, config.targetMinutes, config.qa ?? 0, qaPos),
  ]
}
