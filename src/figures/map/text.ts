/** The map's text equivalent: what it shows, in sentences, from the spec alone. */
import { CREDIT } from './layout.ts'
import type { MapSpec } from './spec.ts'

const listWords = (xs: readonly string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`)
const withNote = (x: { name: string; note?: string }) => (x.note ? `${x.name} (${x.note})` : x.name)

/**
 * The text equivalent: what the map shows, in sentences (the compiler puts the author's title
 * before it). `shown` holds the keys of the labels drawn: a context country whose name found no
 * room is grey land without a name, so the text does not name it either.
 */
export function mapText(spec: MapSpec, shown?: ReadonlySet<string>): string {
  // Ungrouped countries one by one, each group once (where its first country is), in spec order.
  const entries: Array<{ group?: string; names: string[] }> = []
  for (const c of spec.countries) {
    const same = c.group ? entries.find((e) => e.group === c.group) : undefined
    if (same) same.names.push(withNote(c))
    else entries.push({ ...(c.group ? { group: c.group } : {}), names: [withNote(c)] })
  }
  const items = entries.map((e) => (e.group ? `${listWords(e.names)} (${e.group})` : listWords(e.names)))
  const out: string[] = [items.length > 0 ? `Map highlighting ${listWords(items)}.` : 'Map.']
  const context = spec.context.filter((c) => !shown || shown.has(`context:${c.key}`))
  if (context.length > 0) out.push(`Also named: ${listWords(context.map(withNote))}.`)
  if (spec.seas.length > 0) out.push(`${spec.seas.length === 1 ? 'Sea' : 'Seas'}: ${listWords(spec.seas.map(withNote))}.`)
  if (spec.places.length > 0)
    out.push(`${spec.marker ? `${spec.marker.replace(/[.!?]$/, '')}, marked` : 'Places marked'}: ${spec.places.map(withNote).join('; ')}.`)
  if (spec.labels.length > 0) out.push(`Also labelled: ${listWords(spec.labels.map(withNote))}.`)
  if (spec.routes.length > 0)
    out.push(
      `${spec.routes.length === 1 ? 'Route' : 'Routes'} drawn as ${spec.routes.length === 1 ? 'a line' : 'lines'}: ${spec.routes
        .map((r) => `${withNote(r)}${r.arrow ? ', with an arrow at its end' : ''}`)
        .join('; ')}.`,
    )
  if (spec.areas.length > 0)
    out.push(
      `Shaded ${spec.areas.length === 1 ? 'area' : 'areas'}: ${spec.areas.map((a) => `${withNote(a)}${a.km ? `, within ${a.km} km of a point` : ''}`).join('; ')}.`,
    )
  out.push(`${CREDIT.join(' ')}.`)
  return out.join(' ')
}
