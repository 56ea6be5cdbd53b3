/**
 * What a reviewer says of a briefing before it goes to the room: likelihood words off the
 * deck's one scale, vague hedges, titles that name a topic instead of stating a point, the same
 * bullet on several slides, and a talk with no time left for questions. Warnings, each at its
 * line; pure.
 */
import nlp from 'compromise'
import { ICD_203 } from '../compiler/judgments.ts'
import type { Diagnostic, SourcePos } from '../deck/model.ts'

export { ICD_203 }

/** Likelihood words off the scale, with the scale word each most often means. */
const OFF_SCALE: readonly [RegExp, string][] = [
  [/\bhighly (un)?likely\b/i, 'very likely / very unlikely'],
  [/\b(?:most|quite|fairly|somewhat) (un)?likely\b/i, 'likely / unlikely, or very likely'],
  [/\bprobabl[ey]\b/i, 'likely'],
  [/\bimprobabl[ey]\b/i, 'unlikely'],
  [/\b(?:possibly|perhaps|maybe|conceivabl[ey]|plausibl[ey])\b/i, 'a term of the scale, e.g. roughly even chance or unlikely'],
  [/\b(?:a )?real possibility\b/i, 'roughly even chance or likely'],
  [/\b(?:doubtful|remote chance|slim chance|a long shot)\b/i, 'unlikely or very unlikely'],
  [/\b(?:toss-up|fifty-fifty|50\/50|even odds)\b/i, 'roughly even chance'],
  // "certain" alone is too often "certain countries" to report.
  [/\b(?:certainly|definitely|undoubtedly|surely)\b/i, 'almost certainly'],
]

/** Two hedges where one (or a scale word) would do. */
const RE_VAGUE = /\b(?:could|may|might) (?:potentially|possibly|perhaps|conceivably)\b|\b(?:possibly|potentially|perhaps) (?:could|may|might)\b/i

export interface CraftLine {
  text: string
  pos: SourcePos
  /** Slide text is held to the scale; notes only to the hedges. */
  where: 'title' | 'body' | 'notes'
}

const warn = (code: Diagnostic['code'], pos: SourcePos, message: string): Diagnostic => ({ severity: 'warning', code, message, pos })

/** Likelihood words off the deck's scale (on slides), and vague double hedges (anywhere). */
export function checkLikelihood(lines: readonly CraftLine[], scale: readonly string[] = ICD_203): Diagnostic[] {
  const out: Diagnostic[] = []
  const onScale = (phrase: string) => scale.some((w) => w.toLowerCase() === phrase.toLowerCase().replace(/^an? /, ''))
  // A match inside one of the scale's own phrases ("certainly" in "almost certainly") is not off
  // it; ICD 203's words left out of a deck's own scale are.
  const phrase = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
  const anyOf = (ws: readonly string[]) =>
    new RegExp(
      `\\b(?:${[...ws]
        .sort((a, b) => b.length - a.length)
        .map(phrase)
        .join('|')})\\b`,
      'gi',
    )
  const dropped = ICD_203.filter((w) => !onScale(w))
  const offScale: readonly [RegExp, string][] = [...(dropped.length ? [[anyOf(dropped), 'a term of the scale'] as [RegExp, string]] : []), ...OFF_SCALE]
  for (const line of lines) {
    const vague = RE_VAGUE.exec(line.text)
    if (vague)
      out.push(
        warn(
          'hedge-vague',
          { ...line.pos, column: line.pos.column + vague.index },
          `"${vague[0]}" hedges twice: say how likely with one term of the scale (${scale.join(', ')})`,
        ),
      )
    if (line.where === 'notes') continue
    const spans = [...line.text.matchAll(anyOf(scale))].map((m) => [m.index, m.index + m[0].length] as const)
    for (const [re, instead] of offScale) {
      const m = [...line.text.matchAll(new RegExp(re.source, 'gi'))].find(
        (m) => !onScale(m[0]) && !spans.some(([a, b]) => a <= m.index && m.index + m[0].length <= b),
      )
      if (!m) continue
      out.push(
        warn(
          'likelihood-off-scale',
          { ...line.pos, column: line.pos.column + m.index },
          `"${m[0]}" is not a word of the deck's likelihood scale: use ${instead} (the scale: ${scale.join(', ')})`,
        ),
      )
    }
  }
  return out
}

export interface CraftSlide {
  id: string
  title: string
  layout: string
  pos: SourcePos
  /** The slide's bullets, as text. */
  bullets: readonly { text: string; pos: SourcePos }[]
}

/** Layouts whose title names a part of the talk rather than making a point. */
const FRAME_LAYOUTS = new Set(['title', 'agenda', 'section', 'sources', 'appendix'])

interface Term {
  text: string
  post: string
  tags: string[]
}
const NOT_A_VERB = new Set(['ProperNoun', 'Value', 'Date', 'Preposition', 'Determiner', 'Conjunction', 'Adjective'])

/**
 * Does the title state something? compromise tags a verb, or, where it read a title's verb as a
 * noun ("Reports rose in…", "A quote stands with…"), a word after a noun, with more after it, is
 * a verb agreeing with that noun ("they rose", "it stands"); "Energy ties" stays a topic.
 */
function hasVerb(title: string): boolean {
  const doc = nlp(title)
  if (doc.verbs().length) return true
  const terms = ((doc.json() as { terms: Term[] }[])[0]?.terms ?? []) as Term[]
  return terms.some((cur, i) => {
    const prev = terms[i - 1]
    if (!prev || i === terms.length - 1 || !prev.tags.includes('Noun') || prev.tags.includes('Possessive') || prev.post.trim()) return false
    if (cur.tags.some((t) => NOT_A_VERB.has(t))) return false
    const word = cur.text.toLowerCase()
    const plural = prev.tags.includes('Plural')
    const read = (
      nlp(`${plural ? 'they' : 'it'} ${word}`)
        .verbs()
        .json() as { terms: Term[] }[]
    )[0]?.terms.find((t) => t.text.toLowerCase() === word)
    if (!read?.tags.includes('Verb')) return false
    return read.tags.includes('PastTense') || (plural ? !word.endsWith('s') : word.endsWith('s'))
  })
}

/** A content slide's title with no verb: a topic ("Economic pillars"), not an assertion. */
export function checkTitles(slides: readonly CraftSlide[]): Diagnostic[] {
  return slides
    .filter((s) => !FRAME_LAYOUTS.has(s.layout) && s.title.trim() !== '' && !hasVerb(s.title))
    .map((s) =>
      warn(
        'title-topic',
        s.pos,
        `the title "${s.title}" names a topic: state the slide's point as a sentence with a verb (e.g. "Trade grows, but payments lag")`,
      ),
    )
}

/** The same bullet on several slides (after the first). */
export function checkRepeats(slides: readonly CraftSlide[]): Diagnostic[] {
  const first = new Map<string, string>()
  const out: Diagnostic[] = []
  for (const s of slides) {
    for (const b of s.bullets) {
      const key = b.text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
      if (key.split(' ').length < 3) continue
      const seen = first.get(key)
      if (seen && seen !== s.id) out.push(warn('bullet-repeated', b.pos, `this bullet is also on the slide "${seen}": say it once, where it carries the point`))
      else if (!seen) first.set(key, s.id)
    }
  }
  return out
}

/** A talk planned to fill its slot leaves no time for questions: say so when `qa` minutes are asked for. */
export function checkQuestionTime(plannedSeconds: number, targetMinutes: number, qaMinutes: number, pos: SourcePos): Diagnostic[] {
  if (qaMinutes <= 0 || plannedSeconds / 60 + qaMinutes <= targetMinutes + 0.05) return []
  const planned = plannedSeconds / 60
  return [
    warn(
      'pacing-no-questions',
      pos,
      `the slides take ${planned.toFixed(1)} of the ${targetMinutes} minutes, leaving ${Math.max(0, targetMinutes - planned).toFixed(1)} for the ${qaMinutes} minutes of questions asked for: cut about ${(planned + qaMinutes - targetMinutes).toFixed(1)} minutes of notes or slides`,
    ),
  ]
}
